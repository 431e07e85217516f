import './support/own-topics';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetricsRegistry, TOPICS, type Connections } from '@waspada/common';
import { startRuleJobWorker, type HistoryTopics, type RuleJobWorker } from '@waspada/risk-processor';
import { DEFAULT_RULESET_FILE, type RuleJobState } from '@waspada/risk-rules';
import { openRuleChangeLog, openRuleJobLog, type RuleChangeLog, type RuleJobLog } from '@waspada/risk-store';
import { writeAnalystsFile } from './support/analysts';
import { eventually, logger, testConnections, useTestKit, useOwnTopics } from './support/clients';
import { startDashboardProcess, type DashboardProcess } from './support/dashboard-process';
import { withOwnRedisDb } from './support/risk-pipeline';

// This file's services read topics of their own, never what other files left (own-topics.ts).
useOwnTopics();

/**
 * Backtests and shadow runs asked for through the dashboard's API and run by the processor's job
 * worker, on the real stack: the rule-jobs topic, the history topics and the reports directory are
 * this file's own; the rule-changes topic is the shared one, with versions of random numbers.
 */
describe('rule jobs from the analyst API to the job worker', () => {
  const kit = useTestKit();
  const analysts = writeAnalystsFile(['3201']);
  const reportsDir = mkdtempSync(join(tmpdir(), 'waspada-rule-jobs-'));
  const version = `2026.12.${randomInt(100_000, 1_000_000)}`;
  const shipped = JSON.parse(readFileSync(DEFAULT_RULESET_FILE, 'utf8')) as { version: string };
  const contentOf = (v: string) => `${JSON.stringify({ ...shipped, version: v }, null, 2)}\n`;

  let connections: Connections;
  let jobsTopic: string;
  let history: HistoryTopics;
  let ruleChanges: RuleChangeLog;
  let dashboard: DashboardProcess | undefined;
  const workers: {
    worker: RuleJobWorker;
    log: RuleJobLog;
    metrics: ReturnType<typeof createMetricsRegistry>;
  }[] = [];

  const startWorker = async (instanceId: string, shadowRedisUrl?: string) => {
    const log = await openRuleJobLog(kit().kafka, kit().registry, { logger, topic: jobsTopic });
    const metrics = createMetricsRegistry('rule-job-worker');
    const worker = startRuleJobWorker(
      {
        instanceId,
        connections,
        reportsDir,
        historyTopics: history,
        lateAlertWindowMs: 6 * 3_600_000,
        ...(shadowRedisUrl && {
          shadow: {
            shadowRedisUrl,
            instanceId,
            host: '127.0.0.1',
            port: 0,
            lateAlertWindowMs: 6 * 3_600_000,
            windowMs: 25,
            liveGroupId: `waspada-test-live-${randomUUID()}`,
            alertsTopic: await kit().topic(6, 'shadow-alerts'),
          },
        }),
      },
      { kafka: kit().kafka, registry: kit().registry, jobs: log, ruleChanges, metrics, logger },
    );
    const entry = { worker, log, metrics };
    workers.push(entry);
    return entry;
  };
  const stopWorker = async (entry: (typeof workers)[number]) => {
    await entry.worker.close();
    await entry.log.close();
    workers.splice(workers.indexOf(entry), 1);
  };

  const call = async (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => {
    const reply = await fetch(`${dashboard?.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
  };
  const job = async (jobId: string) =>
    (await call('GET', `/api/analyst/rule-jobs/${jobId}`, analysts.tokens.analyst)).body as unknown as {
      status: RuleJobState['status'];
      reportId: string | null;
      error: string | null;
      attempts: number;
      progress: unknown;
    };
  const ended = async (jobId: string) => {
    let last = await job(jobId);
    await eventually(
      async () => {
        last = await job(jobId);
        return last.status === 'DONE' || last.status === 'FAILED';
      },
      () => `job ${jobId} never ended: ${JSON.stringify(last)}`,
      120_000,
    );
    return last;
  };

  beforeAll(async () => {
    jobsTopic = await kit().topic(1, 'rule-jobs');
    const agencies: Record<string, string> = {};
    for (const topic of [
      TOPICS.passport,
      TOPICS.borderCrossing,
      TOPICS.placement,
      TOPICS.identity,
      TOPICS.citizenAbroad,
    ])
      agencies[topic] = await kit().topic(6, 'history');
    history = {
      agencies,
      alertActions: await kit().topic(6, 'alert-actions'),
      cases: await kit().topic(6, 'cases'),
    };
    ruleChanges = await openRuleChangeLog(kit().kafka, kit().registry, { logger });
    await ruleChanges.take({
      step: 'PROPOSED',
      content: contentOf(version),
      actor: { id: 'analyst-test-01', roles: ['analyst'] },
    });
    // Redis database 11 is this file's: the dashboard's analyst index and cases go there.
    connections = await withOwnRedisDb(testConnections(), 11);
    dashboard = await startDashboardProcess(connections, (url) => ({
      WASPADA_ANALYSTS_FILE: analysts.file,
      WASPADA_BACKTESTS_DIR: reportsDir,
      WASPADA_RULE_JOBS_TOPIC: jobsTopic,
      WASPADA_METRICS_TARGETS: `dashboard=${url}`,
      WASPADA_SAMPLE_INTERVAL_MS: '60000',
      WASPADA_ALERT_HISTORY_HOURS: '1',
    }));
  });

  afterAll(async () => {
    for (const entry of [...workers]) await stopWorker(entry);
    await dashboard?.stop();
    await ruleChanges?.close();
    rmSync(reportsDir, { recursive: true, force: true });
  });

  it('refuses a request that names nothing runnable, naming the field, and one from a regency account', async () => {
    const refusal = async (body: unknown) => {
      const reply = await call('POST', '/api/analyst/rule-jobs', analysts.tokens.analyst, body);
      expect(reply.status).toBe(400);
      return (reply.body.errors as { field: string; reason: string }[])[0];
    };
    const period = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };
    expect(await refusal({ kind: 'BACKTEST', version: '2026.12.1999999', ...period })).toEqual({
      field: 'version',
      reason: 'version 2026.12.1999999 was never proposed',
    });
    expect(await refusal({ kind: 'BACKTEST', version, from: period.to, to: period.from })).toMatchObject({
      field: 'to',
    });
    expect(await refusal({ kind: 'BACKTEST', content: '{"version": "2026.12.5"}', ...period })).toMatchObject(
      {
        field: expect.stringMatching(/^content\./),
      },
    );
    expect(await refusal({ kind: 'SHADOW_START', version: 'latest' })).toMatchObject({ field: 'version' });
    expect(await refusal({ kind: 'REBUILD' })).toMatchObject({ field: 'kind' });
    const regency = await call('POST', '/api/analyst/rule-jobs', analysts.regencyTokens['3201'] ?? '', {
      kind: 'SHADOW_STOP',
    });
    expect(regency.status).toBe(403);
    // Nothing refused reached the topic.
    expect((await kit().admin.topicOffsets(jobsTopic))[0]?.high).toBe('0');
  });

  it('runs a backtest of a proposed version and of a draft, each to a report the page reads', async () => {
    await startWorker('jobs-a');
    const period = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };
    const asked = await call('POST', '/api/analyst/rule-jobs', analysts.tokens.analyst, {
      kind: 'BACKTEST',
      version,
      ...period,
    });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({
      status: 'REQUESTED',
      requestedBy: 'analyst-test-01',
      ruleSetVersion: version,
    });
    const draftVersion = `2026.12.${randomInt(100_000, 1_000_000)}`;
    const draft = await call('POST', '/api/analyst/rule-jobs', analysts.tokens.supervisor, {
      kind: 'BACKTEST',
      content: contentOf(draftVersion),
      ...period,
    });
    expect(draft.body).toMatchObject({ draft: true, ruleSetVersion: draftVersion });

    for (const [jobId, expected] of [
      [asked.body.jobId as string, version],
      [draft.body.jobId as string, draftVersion],
    ] as const) {
      const done = await ended(jobId);
      expect(done).toMatchObject({ status: 'DONE', error: null, attempts: 1 });
      expect(done.reportId).toBe(`backtest-${expected}-${jobId}`);
      const report = await call('GET', `/api/analyst/backtests/${done.reportId}`, analysts.tokens.analyst);
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({
        ruleSet: { version: expected },
        period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      });
    }
    const list = await call('GET', '/api/analyst/rule-jobs', analysts.tokens.analyst);
    expect((list.body.jobs as { jobId: string }[]).map((entry) => entry.jobId)).toEqual([
      draft.body.jobId,
      asked.body.jobId,
    ]);
  });

  it('runs each job once when two workers race for it', async () => {
    await startWorker('jobs-b');
    const period = { from: '2026-10-01T00:00:00Z', to: '2026-10-08T00:00:00Z' };
    const ids: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const asked = await call('POST', '/api/analyst/rule-jobs', analysts.tokens.analyst, {
        kind: 'BACKTEST',
        version,
        ...period,
      });
      ids.push(asked.body.jobId as string);
    }
    for (const id of ids) expect(await ended(id)).toMatchObject({ status: 'DONE', attempts: 1 });
    // Each worker counts only what it ran; together they ran the four and the two of before once each.
    // A worker counts a job once its DONE is on the topic, so the count may trail what the test read.
    const ran = async () => {
      let sum = 0;
      for (const { metrics } of workers) {
        const counter = (await metrics.getSingleMetric('waspada_rule_jobs_total')?.get())?.values ?? [];
        sum += counter.reduce((total, value) => total + value.value, 0);
      }
      return sum;
    };
    await eventually(async () => (await ran()) >= 6, 'six jobs counted by the workers', 10_000);
    expect(await ran()).toBe(6);
  });

  it('runs again a backtest its worker left in the middle, when that worker comes back', async () => {
    for (const entry of [...workers]) await stopWorker(entry);
    // As a worker that stopped after its claim leaves it: requested and started, never ended.
    const jobs = await openRuleJobLog(kit().kafka, kit().registry, { logger, topic: jobsTopic });
    const jobId = randomUUID();
    try {
      await jobs.record(
        { jobId, kind: 'BACKTEST', step: 'REQUESTED', actorId: 'analyst-test-01' },
        { ruleSetVersion: version, periodFrom: Date.parse('2026-11-01'), periodTo: Date.parse('2026-11-02') },
      );
      await jobs.record({ jobId, kind: 'BACKTEST', step: 'STARTED', actorId: 'jobs-c' });
    } finally {
      await jobs.close();
    }
    // Another worker leaves it to its owner.
    const other = await startWorker('jobs-d');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await job(jobId)).status).toBe('RUNNING');
    await stopWorker(other);
    await startWorker('jobs-c');
    expect(await ended(jobId)).toMatchObject({ status: 'DONE', attempts: 2 });
  });

  it('starts the shadow run asked for, keeps it across a restart, and stops it when asked', async () => {
    for (const entry of [...workers]) await stopWorker(entry);
    // Redis database 12 is this file's shadow state.
    const shadowRedisUrl = (await withOwnRedisDb(testConnections(), 12)).redisUrl;
    const first = await startWorker('jobs-shadow', shadowRedisUrl);
    const started = await call('POST', '/api/analyst/rule-jobs', analysts.tokens.supervisor, {
      kind: 'SHADOW_START',
      version,
    });
    expect(started.status).toBe(202);
    expect(await ended(started.body.jobId as string)).toMatchObject({ status: 'DONE' });
    expect(first.worker.shadowVersion()).toBe(version);
    expect((await call('GET', '/api/analyst/rule-jobs', analysts.tokens.analyst)).body.shadow).toBe(version);

    await stopWorker(first);
    const second = await startWorker('jobs-shadow', shadowRedisUrl);
    await eventually(() => second.worker.shadowVersion() === version, 'shadow not started again');

    const stop = await call('POST', '/api/analyst/rule-jobs', analysts.tokens.supervisor, {
      kind: 'SHADOW_STOP',
    });
    expect(await ended(stop.body.jobId as string)).toMatchObject({ status: 'DONE' });
    expect(second.worker.shadowVersion()).toBeUndefined();
    expect((await call('GET', '/api/analyst/rule-jobs', analysts.tokens.analyst)).body.shadow).toBeNull();
  });

  it('fails a shadow request on a worker that runs no shadows, with the reason', async () => {
    for (const entry of [...workers]) await stopWorker(entry);
    await startWorker('jobs-plain');
    const asked = await call('POST', '/api/analyst/rule-jobs', analysts.tokens.supervisor, {
      kind: 'SHADOW_START',
      version,
    });
    expect(await ended(asked.body.jobId as string)).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('WASPADA_SHADOW_REDIS_URL'),
    });
  });
});
