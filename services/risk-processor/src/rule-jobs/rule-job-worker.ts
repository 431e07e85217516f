import {
  Counter,
  Gauge,
  type Connections,
  type KafkaClient,
  type Logger,
  type Registry,
  type SchemaRegistryClient,
} from '@waspada/common';
import {
  nextRuleJob,
  ruleSetOfContent,
  versionRuleSet,
  wantedShadow,
  type RuleJobFold,
  type RuleJobState,
  type RuleSet,
} from '@waspada/risk-rules';
import type { RuleChangeLog, RuleJobLog } from '@waspada/risk-store';
import { type HistoryTopics } from '../backtest/history';
import { DEFAULT_REVIEW_THRESHOLDS } from '../backtest/metrics';
import { buildReport, writeReport } from '../backtest/report';
import { runBacktest, type BacktestPhase } from '../backtest/run-backtest';
import { type RiskProcessor } from '../risk-processor';
import { startShadowRun, type ShadowRunConfig } from '../shadow-run';

/** How often an idle worker looks for a new request. */
const POLL_MS = 1_000;
/** How often a running backtest reports its progress on the topic. */
const PROGRESS_MS = 1_000;
/**
 * How long a stop waits for the job running to end. A backtest cut short is left RUNNING on the
 * topic and runs again when this worker comes back.
 */
const STOP_WAIT_MS = 5_000;

export interface RuleJobWorkerConfig {
  readonly instanceId: string;
  readonly connections: Connections;
  /** Where reports are written: the directory the dashboard lists (WASPADA_BACKTESTS_DIR). */
  readonly reportsDir: string;
  /** The agency topics a backtest reads; a test gives topics of its own. */
  readonly historyTopics: HistoryTopics;
  readonly lateAlertWindowMs: number;
  /** A shadow run's settings beyond its rule set; none when this worker runs no shadows. */
  readonly shadow?: Omit<ShadowRunConfig, 'ruleSet' | 'connections'>;
}

export interface RuleJobWorkerIo {
  readonly kafka: KafkaClient;
  readonly registry: SchemaRegistryClient;
  readonly jobs: RuleJobLog;
  readonly ruleChanges: RuleChangeLog;
  readonly metrics: Registry;
  readonly logger: Logger;
}

export interface RuleJobWorker {
  /** The shadow version running, if any. */
  shadowVersion(): string | undefined;
  /** Stops taking jobs, waits a little for the one running, stops the shadow. */
  close(): Promise<void>;
}

/**
 * Runs the backtests and shadow runs analysts ask for from the browser, one job at a time in the
 * order asked, in a process of its own so a backtest never shares the event loop of live judging.
 * Every step goes on the rule-jobs topic, which is also how the worker knows what to do: it claims
 * a job by writing STARTED and runs it only if the fold names it the owner. A worker that stopped
 * in the middle of a backtest runs it again when it comes back (the report is named by the job, so
 * the second run replaces the first); the shadow the last request asked for is started again.
 */
export function startRuleJobWorker(config: RuleJobWorkerConfig, io: RuleJobWorkerIo): RuleJobWorker {
  const { logger } = io;
  const finished = new Counter({
    name: 'waspada_rule_jobs_total',
    help: 'Rule jobs this worker ended, by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [io.metrics],
  });
  const running = new Gauge({
    name: 'waspada_rule_job_running',
    help: '1 while a rule job runs, by kind',
    labelNames: ['kind'] as const,
    registers: [io.metrics],
  });
  const shadowGauge = new Gauge({
    name: 'waspada_rule_job_shadow_running',
    help: '1 while this worker runs a shadow, labelled with its version',
    labelNames: ['version'] as const,
    registers: [io.metrics],
  });
  const worker = config.instanceId;
  let shadow: { version: string; run: RiskProcessor } | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;

  const ruleSetOf = async (job: RuleJobState): Promise<RuleSet> => {
    // A draft is checked as a proposal would be: the same parse and the same schema.
    if (job.ruleSetContent !== null) return ruleSetOfContent(job.ruleSetContent, 'the draft');
    const version = job.ruleSetVersion ?? '';
    const state = (await io.ruleChanges.current()).versions.get(version);
    if (!state) throw new Error(`version ${version} was never proposed`);
    return versionRuleSet(state);
  };

  async function backtest(job: RuleJobState): Promise<string> {
    if (job.periodFrom === null || job.periodTo === null || job.periodFrom >= job.periodTo)
      throw new Error('the period needs a start before its end');
    const ruleSet = await ruleSetOf(job);
    // Progress goes out about once a second, one write at a time, never holding the judging up.
    let lastSent = 0;
    let sending: Promise<unknown> = Promise.resolve();
    const onProgress = (phase: BacktestPhase, done: number, total: number) => {
      const now = Date.now();
      if (now - lastSent < PROGRESS_MS) return;
      lastSent = now;
      sending = sending
        .then(() =>
          io.jobs.record(
            { jobId: job.jobId, kind: job.kind, step: 'PROGRESS', actorId: worker },
            { phase, done, total },
          ),
        )
        .catch((error: unknown) =>
          logger.warn({ jobId: job.jobId, reason: (error as Error).message }, 'progress not recorded'),
        );
    };
    const outcome = await runBacktest(
      { kafka: io.kafka, registry: io.registry, logger },
      {
        from: job.periodFrom,
        to: job.periodTo,
        ruleSet,
        topics: config.historyTopics,
        lateAlertWindowMs: config.lateAlertWindowMs,
        onProgress,
      },
    );
    await sending;
    const report = buildReport(outcome, {
      ruleSet,
      ruleSetFile:
        job.ruleSetContent === null
          ? `${ruleSet.version} on the rule-changes topic`
          : `a draft of ${ruleSet.version}, asked for by ${job.requestedBy}`,
      from: job.periodFrom,
      to: job.periodTo,
      thresholds: DEFAULT_REVIEW_THRESHOLDS,
      id: `backtest-${ruleSet.version}-${job.jobId}`,
    });
    writeReport(report, config.reportsDir);
    return report.id;
  }

  async function stopShadow(): Promise<void> {
    if (!shadow) return;
    const { version, run } = shadow;
    shadow = undefined;
    shadowGauge.remove(version);
    await run.close();
    logger.info({ version }, 'shadow run stopped');
  }

  async function startShadow(job: RuleJobState): Promise<void> {
    if (!config.shadow) throw new Error('this worker runs no shadow: WASPADA_SHADOW_REDIS_URL is not set');
    const ruleSet = await ruleSetOf({ ...job, ruleSetContent: null });
    if (shadow?.version === ruleSet.version) return;
    await stopShadow();
    const run = await startShadowRun({ ...config.shadow, connections: config.connections, ruleSet }, logger);
    shadow = { version: ruleSet.version, run };
    shadowGauge.set({ version: ruleSet.version }, 1);
    logger.info({ version: ruleSet.version }, 'shadow run started: alerts go to the shadow topic only');
  }

  async function run(job: RuleJobState): Promise<void> {
    const claimed = await io.jobs.record({
      jobId: job.jobId,
      kind: job.kind,
      step: 'STARTED',
      actorId: worker,
    });
    if (claimed.jobs.get(job.jobId)?.owner !== worker) return; // another worker's
    running.set({ kind: job.kind }, 1);
    logger.info({ jobId: job.jobId, kind: job.kind, version: job.ruleSetVersion }, 'rule job started');
    try {
      let reportId: string | null = null;
      if (job.kind === 'BACKTEST') reportId = await backtest(job);
      else if (job.kind === 'SHADOW_START') await startShadow(job);
      else await stopShadow();
      await io.jobs.record(
        { jobId: job.jobId, kind: job.kind, step: 'DONE', actorId: worker },
        reportId === null ? {} : { reportId },
      );
      finished.inc({ kind: job.kind, outcome: 'done' });
      logger.info({ jobId: job.jobId, kind: job.kind, reportId }, 'rule job done');
    } catch (error) {
      const reason = (error as Error).message;
      await io.jobs.record(
        { jobId: job.jobId, kind: job.kind, step: 'FAILED', actorId: worker },
        { error: reason },
      );
      finished.inc({ kind: job.kind, outcome: 'failed' });
      logger.warn({ jobId: job.jobId, kind: job.kind, reason }, 'rule job failed');
    } finally {
      running.set({ kind: job.kind }, 0);
    }
  }

  /** After a restart: the shadow the last request asked for, if it had started before. */
  async function keepWantedShadow(fold: RuleJobFold): Promise<void> {
    const wanted = wantedShadow(fold);
    if (!wanted || wanted.status !== 'DONE' || !config.shadow) return;
    if (shadow?.version === wanted.ruleSetVersion) return;
    try {
      await startShadow(wanted);
    } catch (error) {
      logger.warn(
        { version: wanted.ruleSetVersion, reason: (error as Error).message },
        'shadow not restarted',
      );
    }
  }

  const loop = (async () => {
    let first = true;
    while (!stopping) {
      try {
        const fold = await io.jobs.current();
        if (first) await keepWantedShadow(fold);
        first = false;
        const job = nextRuleJob(fold, worker);
        if (job) {
          await run(job);
          continue;
        }
      } catch (error) {
        // The broker or the registry away: look again later; the jobs wait on the topic.
        logger.warn({ reason: (error as Error).message }, 'rule jobs not read; trying again');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, POLL_MS);
      });
    }
  })();

  return {
    shadowVersion: () => shadow?.version,
    async close() {
      stopping = true;
      wake?.();
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
      await stopShadow();
    },
  };
}
