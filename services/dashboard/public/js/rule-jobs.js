/**
 * Backtests and shadow runs asked for from the browser, shared by the backtest page and the rule
 * editor: the request (POST /api/analyst/rule-jobs), the list read again every 2 s while a job
 * waits or runs, a job's progress and status as the pages draw them, and a refusal shown beside
 * its form with each field it names. The risk processor's job worker runs the jobs.
 */
import { h, utcDay } from './dom.js';
import { locale, symbolName, t } from './i18n.js';
import { AnalystApiError, analystGet, analystPost } from './analyst-session.js';
import { refusalBox } from './refusal-box.js';

/**
 * @typedef {import('./api-types.js').RuleJob} RuleJob
 * @typedef {import('./api-types.js').RuleJobList} RuleJobList
 * @typedef {import('./i18n.js').MessageKey} MessageKey
 */

const JOBS_PATH = '/api/analyst/rule-jobs';
const DAY_MS = 86_400_000;
const POLL_MS = 2_000;

/**
 * The default period of a backtest: the last `days` days, today included.
 * @param {number} [days]
 */
export function recentDays(days = 30) {
  const now = Date.now();
  return { from: utcDay(now - days * DAY_MS), to: utcDay(now) };
}

/**
 * Two date inputs' days as the request's period: from the start of the first day to the end of
 * the last (UTC), so the last day chosen is judged too. A day that is not one goes as typed, for
 * the server to name the field.
 * @param {string} fromDay
 * @param {string} toDay
 */
export function periodOf(fromDay, toDay) {
  const start = Date.parse(`${fromDay}T00:00:00Z`);
  const end = Date.parse(`${toDay}T00:00:00Z`);
  return {
    from: Number.isNaN(start) ? fromDay : new Date(start).toISOString(),
    to: Number.isNaN(end) ? toDay : new Date(end + DAY_MS).toISOString(),
  };
}

/**
 * Asks for a job; resolves with the job as requested, or throws the server's refusal
 * (an AnalystApiError whose `fields` name what to change).
 * @param {{ kind: 'BACKTEST', version?: string, content?: string, from: string, to: string }
 *   | { kind: 'SHADOW_START', version: string } | { kind: 'SHADOW_STOP' }} request
 * @returns {Promise<RuleJob>}
 */
export function requestRuleJob(request) {
  return analystPost(JOBS_PATH, request);
}

/** @param {RuleJob} job */
export const isActive = (job) => job.status === 'REQUESTED' || job.status === 'RUNNING';

/**
 * The period a job judges, its last day included: 2026-11-01 – 2026-11-30.
 * @param {RuleJob} job
 */
export function periodText(job) {
  if (!job.from || !job.to) return '–';
  return `${job.from.slice(0, 10)} – ${utcDay(Date.parse(job.to) - 1)}`;
}

/**
 * The rule set a job runs: its version, marked when it is a draft.
 * @param {RuleJob} job
 */
export function jobVersion(job) {
  const version = job.ruleSetVersion ?? '–';
  return job.draft ? t('analyst.jobs.draft', { version }) : version;
}

/**
 * A job's status as a badge carrying the status, for the eye and for tests.
 * @param {RuleJob} job
 */
export function statusBadge(job) {
  return h(
    'span',
    { className: `job-status job-${job.status.toLowerCase()}`, dataset: { status: job.status } },
    symbolName('ruleJobStatus', job.status),
  );
}

/**
 * How far a job has got: a bar with its phase and count while it runs (a bar without a value
 * while it waits), the worker's error when it failed, nothing once it is done.
 * @param {RuleJob} job
 * @returns {HTMLElement | null}
 */
export function progressOf(job) {
  if (job.status === 'FAILED')
    return h(
      'span',
      { className: 'error job-error', dataset: { testid: 'job-error' } },
      t('analyst.jobs.failed', { reason: job.error ?? '–' }),
    );
  if (!isActive(job)) return null;
  const progress = job.progress;
  if (!progress) return h('progress', { className: 'job-progress' });
  const count = (/** @type {number} */ value) => value.toLocaleString(locale());
  return h(
    'span',
    { className: 'job-progress' },
    h('progress', { max: Math.max(progress.total, 1), value: Math.min(progress.done, progress.total) }),
    ' ',
    `${symbolName('ruleJobPhase', progress.phase)}: ${t('analyst.jobs.ofTotal', {
      count: count(progress.done),
      total: count(progress.total),
    })}`,
  );
}

/**
 * Reads the jobs now, and again every 2 s while any waits or runs; `draw` gets each answer,
 * `fail` what went wrong. `refresh` reads at once (after a request), never two reads at a time.
 * @param {(list: RuleJobList) => void} draw
 * @param {(failure: unknown) => void} fail
 */
export function watchRuleJobs(draw, fail) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let reading = false;
  let again = false;
  let active = false;
  async function refresh() {
    clearTimeout(timer);
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      /** @type {RuleJobList} */
      const list = await analystGet(JOBS_PATH);
      active = list.jobs.some(isActive);
      draw(list);
    } catch (failure) {
      fail(failure);
    } finally {
      reading = false;
      // A read that failed while jobs ran is tried again: the worker goes on either way.
      if (again) {
        again = false;
        void refresh();
      } else if (active) timer = setTimeout(() => void refresh(), POLL_MS);
    }
  }
  return { refresh };
}

/**
 * The refusal box of a rule-job form: "The request was refused:" and each field it names.
 * @param {HTMLElement} box
 * @param {Record<string, { input: HTMLElement, label: MessageKey }>} fields  by the request's field name
 */
export function jobRefusal(box, fields) {
  return refusalBox(box, fields, (failure) => {
    const problems = failure instanceof AnalystApiError ? failure.fields : [];
    return { heading: problems.length === 0 ? [] : [t('analyst.jobs.refused')], problems };
  });
}
