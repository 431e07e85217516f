import './support/own-topics';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createMetricsRegistry, TOPICS } from '@waspada/common';
import { startRuleJobWorker, type HistoryTopics, type RuleJobWorker } from '@waspada/risk-processor';
import { DEFAULT_RULESET_FILE } from '@waspada/risk-rules';
import { openRuleChangeLog, openRuleJobLog } from '@waspada/risk-store';
import { writeAnalystsFile } from './support/analysts';
import { launchChromium, pageProblems } from './support/browser';
import { logger, testConnections, uniqueName, useTestKit, useOwnTopics } from './support/clients';
import { startDashboardProcess, type DashboardProcess } from './support/dashboard-process';
import { switchLanguage, visibleText } from './support/page-language';
import { withOwnRedisDb } from './support/risk-pipeline';

/**
 * Backtests and shadow runs asked for from the analyst pages, run by the job worker in this
 * process: a proposed version backtested from the form on /analyst/backtests, a draft from the
 * rule editor, and a shadow start that this worker (given no shadow settings) refuses. The
 * rule-jobs topic, the history topics (empty, so a backtest takes a moment), the reports directory
 * and the Redis database are the test's own; the proposal goes on the shared rule-changes topic,
 * which the dashboard reads, under a version no other run uses.
 */

const DAY = 86_400_000;
/** The dashboard's analyst index; no other suite uses database 2. */
const REDIS_DB = 2;
const SHOTS = process.env.SCREENSHOTS_DIR && resolve(__dirname, '..', '..', process.env.SCREENSHOTS_DIR);

// This file's services read topics of their own, never what other files left (own-topics.ts).
useOwnTopics();

const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);

describe('backtests and shadow runs from the browser', () => {
  const kit = useTestKit();
  const analysts = writeAnalystsFile();
  const version = `2026.12.${randomInt(100, 1_000_000)}`;
  const draftVersion = `2026.12.${randomInt(1_000_000, 2_000_000)}`;
  const shipped = JSON.parse(readFileSync(DEFAULT_RULESET_FILE, 'utf8')) as { version: string };
  const content = `${JSON.stringify({ ...shipped, version }, null, 2)}\n`;
  let reportsDir: string;
  let dashboard: DashboardProcess | undefined;
  let worker: RuleJobWorker | undefined;
  let base: string;

  beforeAll(async () => {
    const { kafka, registry } = kit();
    reportsDir = mkdtempSync(join(tmpdir(), 'waspada-rule-jobs-'));
    const jobsTopic = await kit().topic(1, 'rule-jobs');
    const historyTopics: HistoryTopics = {
      agencies: {
        [TOPICS.identity]: await kit().topic(1, 'rj-identity'),
        [TOPICS.placement]: await kit().topic(1, 'rj-placement'),
        [TOPICS.passport]: await kit().topic(1, 'rj-passport'),
        [TOPICS.citizenAbroad]: await kit().topic(1, 'rj-abroad'),
        [TOPICS.borderCrossing]: await kit().topic(1, 'rj-crossing'),
      },
      alertActions: await kit().topic(1, 'rj-actions'),
    };

    const ruleChanges = await openRuleChangeLog(kafka, registry, { logger });
    kit().onClose(() => ruleChanges.close());
    await ruleChanges.take({
      step: 'PROPOSED',
      content,
      actor: { id: analysts.ids.analyst, roles: ['analyst'] },
      comment: 'backtested from the browser',
    });
    const jobs = await openRuleJobLog(kafka, registry, { logger, topic: jobsTopic });
    kit().onClose(() => jobs.close());
    // No `shadow` settings: this worker runs backtests only, and says so to a shadow request.
    worker = startRuleJobWorker(
      {
        instanceId: uniqueName('rule-jobs'),
        connections: testConnections(),
        reportsDir,
        historyTopics,
        lateAlertWindowMs: 6 * 3_600_000,
      },
      { kafka, registry, jobs, ruleChanges, metrics: createMetricsRegistry('rule-job-test'), logger },
    );
    kit().onClose(async () => worker?.close());

    const connections = await withOwnRedisDb(testConnections(), REDIS_DB);
    dashboard = await startDashboardProcess(connections, (url) => ({
      WASPADA_ANALYSTS_FILE: analysts.file,
      WASPADA_BACKTESTS_DIR: reportsDir,
      WASPADA_RULE_JOBS_TOPIC: jobsTopic,
      WASPADA_METRICS_TARGETS: `dashboard=${url}`,
      WASPADA_SAMPLE_INTERVAL_MS: '60000',
      WASPADA_ALERT_HISTORY_HOURS: '1',
    }));
    base = dashboard.base;
    // The dashboard stops first, the worker next, then the logs and the topics.
    kit().onClose(async () => dashboard?.stop());
  });

  afterAll(() => {
    if (reportsDir) rmSync(reportsDir, { recursive: true, force: true });
  });

  /** The job's row once it reached `status` (the jobs list is read every 2 s while one runs). */
  const jobRow = async (page: Page, kind: string, status: string) => {
    const row = page.locator(`[data-testid="rule-jobs"] tr[data-kind="${kind}"][data-status="${status}"]`);
    await row.first().waitFor({ timeout: 60_000 });
    return row.first();
  };

  const screenshot = async (page: Page, name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, name) });
  };

  it('backtests a proposed version from the form, watches it finish and opens its report', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
      const problems = pageProblems(page);
      await page.goto(`${base}/analyst/backtests`);
      await page.getByTestId('analyst-token').fill(analysts.tokens.analyst);
      await page.getByTestId('analyst-token').press('Enter');
      await page.locator(`[data-testid="backtest-version"] option[value="${version}"]`).waitFor({
        state: 'attached',
        timeout: 30_000,
      });
      // The last 30 days by default, today included.
      expect(await page.getByTestId('backtest-to').inputValue()).toBe(utcDay(Date.now()));
      expect(await page.getByTestId('backtest-from').inputValue()).toBe(utcDay(Date.now() - 30 * DAY));
      await page.getByTestId('backtest-version').selectOption(version);

      // A period that ends before it starts: refused, the field named beside the form, no job.
      await page.getByTestId('backtest-from').fill('2026-11-20');
      await page.getByTestId('backtest-to').fill('2026-11-10');
      await page.getByTestId('backtest-start').click();
      const refused = page.locator('[data-testid="backtest-refusal"] li[data-field="to"]');
      await refused.waitFor();
      expect(await refused.innerText()).toContain('Sampai tanggal');
      expect(await refused.innerText()).toContain('the end of the period must come after its start');
      expect(await page.locator('#backtest-to[aria-invalid="true"]').count()).toBe(1);
      expect(await page.locator('[data-testid="rule-jobs"] tr[data-job]').count()).toBe(0);

      await page.getByTestId('backtest-from').fill('2026-11-01');
      await page.getByTestId('backtest-to').fill('2026-11-30');
      await page.getByTestId('backtest-start').click();
      await page.getByTestId('backtest-refusal').waitFor({ state: 'hidden' });
      const row = await jobRow(page, 'BACKTEST', 'DONE');
      const jobId = (await row.getAttribute('data-job')) as string;
      expect(await row.innerText()).toContain(version);
      expect(await row.innerText()).toContain('2026-11-01 – 2026-11-30');
      expect(await row.innerText()).toContain(analysts.ids.analyst);
      const job = (await (
        await fetch(`${base}/api/analyst/rule-jobs/${jobId}`, {
          headers: { authorization: `Bearer ${analysts.tokens.analyst}` },
        })
      ).json()) as { status: string; reportId: string; from: string; to: string };
      expect(job).toMatchObject({
        status: 'DONE',
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
      });

      await row.getByTestId('open-report').click();
      const desk = page.getByTestId('matrix-desk');
      await desk.locator('[data-cell="tp"]').waitFor({ timeout: 30_000 });
      // Empty history: nothing judged, every cell 0.
      expect(await desk.locator('td').allTextContents()).toEqual(['0 TP', '0 FP', '0 FN', '0 TN']);
      expect(await page.locator('#report-title').innerText()).toContain(version);
      // The new report is in the list of reports too, and selected.
      await page.locator(`#reports tr[data-id="${job.reportId}"][aria-selected="true"]`).waitFor();

      const indonesian = await visibleText(page, 'id');
      expect(indonesian).toContain('Mulai backtest');
      expect(indonesian).toContain('Selesai');
      await screenshot(page, 'analyst-backtests-jobs.png');
      await switchLanguage(page, 'en');
      const english = await visibleText(page, 'en');
      expect(english).toContain('Start a backtest');
      expect(english).toContain('Backtest and shadow-run jobs');
      expect(await row.innerText()).toContain('Done');
      await switchLanguage(page, 'id');
      // Nothing but the refused request's own 400 went wrong on the page.
      expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('backtests the draft in the rule editor and links to its report; a shadow start this worker cannot run shows why', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
      const problems = pageProblems(page);
      await page.goto(`${base}/analyst/rules`);
      await page.getByTestId('analyst-token').fill(analysts.tokens.analyst);
      await page.getByTestId('analyst-token').press('Enter');
      await page.locator('#page').waitFor({ state: 'visible' });
      await page.locator('[data-testid="shadow-running"]', { hasText: 'Tidak ada shadow run' }).waitFor();

      await page.click('#edit-from-live');
      await page.locator('[data-path="rules.R05.params.windowDays"]').waitFor({ state: 'attached' });
      await page.fill('#edit-version', draftVersion);
      await page.getByTestId('draft-backtest').click();
      const status = page.locator('[data-testid="draft-backtest-status"][data-status="DONE"]');
      await status.waitFor({ timeout: 60_000 });
      expect(await status.innerText()).toContain(`${draftVersion} (draf)`);
      const link = status.getByTestId('draft-report');
      const href = (await link.getAttribute('href')) as string;
      expect(href).toMatch(new RegExp(`^/analyst/backtests#backtest-${draftVersion.replace(/\./g, '\\.')}-`));

      // A shadow of the proposed version: asked for, and refused by a worker that runs none.
      await page.locator(`button[data-shadow-start="${version}"]`).click();
      const last = page.locator('[data-testid="shadow-last"][data-status="FAILED"]');
      await last.waitFor({ timeout: 30_000 });
      expect(await last.innerText()).toContain(version);
      expect(await last.innerText()).toContain('this worker runs no shadow');
      expect(await page.getByTestId('shadow-running').innerText()).toBe('Tidak ada shadow run yang diminta.');
      expect(await page.getByTestId('shadow-stop').isHidden()).toBe(true);

      const indonesian = await visibleText(page, 'id');
      expect(indonesian).toContain('Backtest draf ini');
      expect(indonesian).toContain('Mulai shadow run');
      await screenshot(page, 'analyst-rules-jobs.png');
      await switchLanguage(page, 'en');
      const english = await visibleText(page, 'en');
      expect(english).toContain('Backtest this draft');
      expect(english).toContain('Start shadow run');
      expect(english).toContain('No shadow run is asked for.');
      expect(await status.innerText()).toContain(`${draftVersion} (draft)`);

      // The link opens the draft's report on the backtest page, the shadow job failed in its list.
      await link.click();
      await page.waitForURL(/\/analyst\/backtests/);
      await page.locator('#report-title', { hasText: draftVersion }).waitFor({ timeout: 30_000 });
      await page.getByTestId('matrix-desk').locator('[data-cell="tp"]').waitFor();
      const shadowRow = await jobRow(page, 'SHADOW_START', 'FAILED');
      expect(await shadowRow.innerText()).toContain('this worker runs no shadow');
      await switchLanguage(page, 'id');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
