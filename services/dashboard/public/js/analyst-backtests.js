import { byId, dayTime, h } from './dom.js';
import { locale, onLanguageChange, ruleTitle, symbolName, t, term } from './i18n.js';
import { analystGet, messageOf, signIn } from './analyst-session.js';
import {
  jobVersion,
  periodOf,
  periodText,
  progressOf,
  recentDays,
  jobRefusal,
  requestRuleJob,
  statusBadge,
  watchRuleJobs,
} from './rule-jobs.js';

/**
 * @typedef {import('./api-types.js').Confusion} Confusion
 * @typedef {import('./api-types.js').BacktestReport} BacktestReport
 * @typedef {import('./api-types.js').BacktestSummary} BacktestSummary
 * @typedef {import('./charts.js').ChartInstance} ChartInstance
 * @typedef {import('./api-types.js').RuleJob} RuleJob
 * @typedef {import('./api-types.js').RuleJobList} RuleJobList
 * @typedef {import('./api-types.js').RuleSetList} RuleSetList
 */

/** Chart.js 4, loaded by its UMD build from the dashboard server (no CDN). */
const Chart = /** @type {{ Chart?: import('./charts.js').ChartClass }} */ (globalThis).Chart;

/** @param {number | null | undefined} value */
const ratio = (value) => (value === null || value === undefined ? '–' : value.toFixed(2));
/** @param {number | null | undefined} value */
const count = (value) => Number(value ?? 0).toLocaleString(locale());
/** @param {string} iso */
const day = (iso) => String(iso).slice(0, 10);
/** @type {Map<string, ChartInstance>} */
const charts = new Map();

/**
 * @param {Confusion} matrix
 * @param {string} positive
 * @param {string} negative
 */
function confusionTable(matrix, positive, negative) {
  return h(
    'table',
    { className: 'confusion' },
    h('tr', {}, h('th', {}, ''), h('th', {}, positive), h('th', {}, negative)),
    h(
      'tr',
      {},
      h('th', {}, t('analyst.backtests.alertedRow')),
      h('td', { className: 'hit', dataset: { cell: 'tp' } }, `${count(matrix.truePositives)} TP`),
      h('td', { className: 'miss', dataset: { cell: 'fp' } }, `${count(matrix.falsePositives)} FP`),
    ),
    h(
      'tr',
      {},
      h('th', {}, t('analyst.backtests.notAlertedRow')),
      h('td', { className: 'miss', dataset: { cell: 'fn' } }, `${count(matrix.falseNegatives)} FN`),
      h('td', { className: 'hit', dataset: { cell: 'tn' } }, `${count(matrix.trueNegatives)} TN`),
    ),
    h(
      'caption',
      {},
      t('analyst.backtests.caption', { precision: ratio(matrix.precision), recall: ratio(matrix.recall) }),
    ),
  );
}

/**
 * A bar chart per rule, drawn again in place when another report is shown.
 * @param {string} id
 * @param {string[]} labels
 * @param {{ label: string, data: (number | null)[], backgroundColor: string }[]} datasets
 * @param {number} [max]
 */
function barChart(id, labels, datasets, max) {
  if (!Chart) return;
  charts.get(id)?.destroy();
  charts.set(
    id,
    new Chart(byId(id, HTMLCanvasElement), {
      type: 'bar',
      data: { labels, datasets },
      options: { scales: { y: { beginAtZero: true, ...(max !== undefined && { max }) } } },
    }),
  );
}

/** The report on the page, drawn again when the language changes. */
/** @type {BacktestReport | null} */
let shown = null;
onLanguageChange(() => {
  if (shown) showReport(shown);
});

/** @param {BacktestReport} report */
function showReport(report) {
  shown = report;
  byId('report').hidden = false;
  byId('report-title').textContent = t('analyst.backtests.reportTitle', {
    version: report.ruleSet.version,
    from: day(report.period.from),
    to: day(report.period.to),
  });
  const input = report.input;
  byId('report-summary').textContent = t('analyst.backtests.summary', {
    records: count(input.records),
    applied: count(input.eventsApplied),
    inPeriod: count(input.eventsInPeriod),
    people: count(input.people),
    seconds: report.throughput.seconds.total.toFixed(1),
    rate: count(report.throughput.eventsPerSecond),
    judged: count(report.situations.judged),
    alerted: count(report.situations.alerted),
    labelled: count(report.desk.labelled),
    createdAt: report.createdAt,
  });
  byId('matrix-desk').replaceChildren(
    confusionTable(report.desk.overall, t('analyst.backtests.referred'), t('analyst.backtests.dismissed')),
  );
  byId('truth-block').hidden = !report.groundTruth;
  if (report.groundTruth)
    byId('matrix-truth').replaceChildren(
      confusionTable(report.groundTruth.overall, t('analyst.backtests.case'), t('analyst.backtests.notCase')),
    );

  const rules = report.rules;
  const labels = rules.map((rule) => rule.ruleId);
  barChart('chart-alerted', labels, [
    {
      label: t('analyst.backtests.alertedSituations'),
      data: rules.map((rule) => rule.alerted),
      backgroundColor: '#2563eb',
    },
  ]);
  /** @param {'desk' | 'groundTruth'} source */
  const pr = (source) => [
    {
      label: t('analyst.backtests.precision'),
      data: rules.map((rule) => rule[source]?.precision ?? null),
      backgroundColor: '#059669',
    },
    {
      label: t('analyst.backtests.recall'),
      data: rules.map((rule) => rule[source]?.recall ?? null),
      backgroundColor: '#d97706',
    },
  ];
  barChart('chart-desk', labels, pr('desk'), 1);
  const truthChart = byId('chart-truth').parentElement;
  if (truthChart) truthChart.hidden = !report.groundTruth;
  if (report.groundTruth) barChart('chart-truth', labels, pr('groundTruth'), 1);

  /** @param {Confusion | null} matrix */
  const cells = (matrix) =>
    matrix
      ? `${matrix.truePositives} / ${matrix.falsePositives} / ${matrix.falseNegatives} / ${matrix.trueNegatives}`
      : '–';
  /** @param {Confusion | null} matrix */
  const pair = (matrix) => (matrix ? `${ratio(matrix.precision)} · ${ratio(matrix.recall)}` : '–');
  byId('rules').replaceChildren(
    ...rules.map((rule) =>
      h(
        'tr',
        { dataset: { rule: rule.ruleId } },
        h(
          'td',
          {},
          h('strong', {}, rule.ruleId),
          ` ${ruleTitle(rule.ruleId, rule.title)}${rule.enabled ? '' : t('analyst.backtests.off')}`,
        ),
        h('td', {}, count(rule.alerted)),
        h('td', {}, `${(rule.fireShare * 100).toFixed(1)}%`),
        h('td', {}, cells(rule.desk)),
        h('td', {}, pair(rule.desk)),
        h('td', {}, cells(rule.groundTruth)),
        h('td', {}, pair(rule.groundTruth)),
      ),
    ),
  );
  byId('review').replaceChildren(
    ...(report.review.length === 0
      ? [h('li', {}, t('analyst.backtests.none'))]
      : report.review.map((item) =>
          h(
            'li',
            {},
            h('span', { className: 'review-rule' }, item.ruleId),
            // A report written before reasons carried keys has its reasons in words only.
            `: ${
              item.reasonParts
                ? item.reasonParts.map((part) => term(part.key, part.params)).join('; ')
                : item.reasons.join('; ')
            }`,
          ),
        )),
  );
}

/** @param {unknown} failure */
function listFailed(failure) {
  byId('list-error').textContent = messageOf(failure);
  byId('list-error').hidden = false;
}

/** The reports the list shows, and the one on the page. */
/** @type {Set<string>} */
let listed = new Set();
/** @type {string | undefined} */
let shownId;

function markSelected() {
  for (const row of byId('reports').children)
    if (row instanceof HTMLElement) row.setAttribute('aria-selected', String(row.dataset.id === shownId));
}

/**
 * Shows one report below the list.
 * @param {string} id
 * @param {boolean} [scroll] brings the report into view (asked for from a job or a link)
 */
async function open(id, scroll = false) {
  shownId = id;
  markSelected();
  try {
    /** @type {BacktestReport} */
    const report = await analystGet(`/api/analyst/backtests/${encodeURIComponent(id)}`);
    showReport(report);
    history.replaceState(null, '', `?report=${encodeURIComponent(id)}`);
    if (scroll) byId('report').scrollIntoView();
  } catch (failure) {
    listFailed(failure);
  }
}

async function list() {
  /** @type {{ reports: BacktestSummary[] }} */
  const { reports } = await analystGet('/api/analyst/backtests');
  listed = new Set(reports.map((report) => report.id));
  byId('empty').hidden = reports.length > 0;
  const rows = reports.map((report) => {
    const row = h(
      'tr',
      { dataset: { id: report.id }, tabindex: 0 },
      h('td', {}, report.createdAt.replace('T', ' ').slice(0, 16)),
      h('td', {}, report.ruleSetVersion),
      h('td', {}, `${day(report.from)} – ${day(report.to)}`),
      h('td', {}, count(report.records)),
      h('td', {}, `${count(report.alerted)} / ${count(report.judged)}`),
      h('td', {}, `${ratio(report.desk.precision)} · ${ratio(report.desk.recall)}`),
      h(
        'td',
        {},
        report.groundTruth
          ? `${ratio(report.groundTruth.precision)} · ${ratio(report.groundTruth.recall)}`
          : '–',
      ),
      h('td', {}, report.review.join(', ') || '–'),
    );
    row.addEventListener('click', () => void open(report.id));
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') void open(report.id);
    });
    return row;
  });
  byId('reports').replaceChildren(...rows);
  markSelected();
  return reports;
}

/**
 * A report a finished job wrote: listed first if the list does not have it yet, then shown.
 * @param {string} id
 */
async function openReport(id) {
  if (!listed.has(id)) await list().catch(listFailed);
  await open(id, true);
}

/** The report a link names (`/analyst/backtests#<report id>`, as the rule editor gives one). */
function hashReport() {
  const id = decodeURIComponent(location.hash.slice(1));
  return id === '' ? undefined : id;
}

window.addEventListener('hashchange', () => {
  const id = hashReport();
  if (id) void openReport(id);
});

/*
 * Starting a backtest and watching the jobs: the form asks the job worker for one, the list below
 * shows every job with its progress and opens a finished backtest's report.
 */

const versionSelect = byId('backtest-version', HTMLSelectElement);
const fromInput = byId('backtest-from', HTMLInputElement);
const toInput = byId('backtest-to', HTMLInputElement);
const refusal = jobRefusal(byId('backtest-refusal'), {
  version: { input: versionSelect, label: 'analyst.jobs.version' },
  from: { input: fromInput, label: 'analyst.jobs.from' },
  to: { input: toInput, label: 'analyst.jobs.to' },
});
/** @type {import('./api-types.js').RuleSetVersion[]} */
let versions = [];

/** The versions a backtest may run: proposed, approved or live, newest first. */
function drawVersions() {
  const chosen = versionSelect.value;
  versionSelect.replaceChildren(
    ...versions.map((entry) =>
      h(
        'option',
        { value: entry.version, ...(entry.version === chosen && { selected: true }) },
        `${entry.version} · ${symbolName('ruleStatus', entry.status)}`,
      ),
    ),
  );
  byId('no-versions').hidden = versions.length > 0;
}

async function loadVersions() {
  /** @type {RuleSetList} */
  const listing = await analystGet('/api/analyst/rulesets');
  versions = listing.versions.filter((entry) => ['PROPOSED', 'APPROVED', 'LIVE'].includes(entry.status));
  drawVersions();
}

/** @type {RuleJobList | undefined} */
let jobList;
/** Reports already listed again for a finished job, so a missing file is not read for on every poll. */
/** @type {Set<string | null>} */
const relisted = new Set();

/** @param {RuleJob} job */
function jobRow(job) {
  const report = job.kind === 'BACKTEST' && job.status === 'DONE' ? job.reportId : null;
  return h(
    'tr',
    { dataset: { job: job.jobId, status: job.status, kind: job.kind } },
    h('td', {}, dayTime(job.requestedAt)),
    h('td', {}, symbolName('ruleJobKind', job.kind)),
    h('td', {}, job.kind === 'SHADOW_STOP' ? '–' : jobVersion(job)),
    h('td', {}, job.kind === 'BACKTEST' ? periodText(job) : '–'),
    h('td', {}, statusBadge(job)),
    h('td', {}, progressOf(job)),
    h('td', {}, job.requestedBy),
    h(
      'td',
      {},
      report
        ? h(
            'button',
            {
              type: 'button',
              dataset: { testid: 'open-report', report },
              onclick: () => void openReport(report),
            },
            t('analyst.jobs.openReport'),
          )
        : null,
    ),
  );
}

function drawJobs() {
  if (!jobList) return;
  byId('jobs-error').hidden = true;
  byId('jobs').replaceChildren(...jobList.jobs.map(jobRow));
  byId('jobs-empty').hidden = jobList.jobs.length > 0;
  // A backtest that has just finished: its report goes into the list above.
  const fresh = jobList.jobs.filter(
    (job) => job.reportId !== null && !listed.has(job.reportId) && !relisted.has(job.reportId),
  );
  if (fresh.length > 0) {
    for (const job of fresh) relisted.add(job.reportId);
    void list().catch(listFailed);
  }
}

const jobs = watchRuleJobs(
  (answer) => {
    jobList = answer;
    drawJobs();
  },
  (failure) => {
    byId('jobs-error').textContent = messageOf(failure);
    byId('jobs-error').hidden = false;
  },
);

/** @param {SubmitEvent} event */
async function startBacktest(event) {
  event.preventDefault();
  const button = byId('backtest-start', HTMLButtonElement);
  button.disabled = true;
  try {
    await requestRuleJob({
      kind: 'BACKTEST',
      version: versionSelect.value,
      ...periodOf(fromInput.value, toInput.value),
    });
    refusal.clear();
    await jobs.refresh();
  } catch (failure) {
    refusal.show(failure);
  } finally {
    button.disabled = false;
  }
}

byId('backtest-form', HTMLFormElement).addEventListener('submit', (event) => void startBacktest(event));
onLanguageChange(() => {
  drawVersions();
  drawJobs();
});

const period = recentDays();
fromInput.value = period.from;
toInput.value = period.to;

await signIn();
void loadVersions().catch((failure) => refusal.show(failure));
void jobs.refresh();
try {
  const reports = await list();
  const fromLink = hashReport();
  const wanted = fromLink ?? new URLSearchParams(location.search).get('report') ?? reports[0]?.id;
  if (wanted && (fromLink || listed.has(wanted))) await open(wanted, Boolean(fromLink));
} catch (failure) {
  listFailed(failure);
}
