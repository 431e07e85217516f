import { byId, h } from './dom.js';
import { locale, onLanguageChange, ruleTitle, t, term } from './i18n.js';
import { analystGet, messageOf, signIn } from './analyst-session.js';

/**
 * @typedef {import('./api-types.js').Confusion} Confusion
 * @typedef {import('./api-types.js').BacktestReport} BacktestReport
 * @typedef {import('./api-types.js').BacktestSummary} BacktestSummary
 * @typedef {import('./charts.js').ChartInstance} ChartInstance
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

/**
 * @param {string} id
 * @param {HTMLElement} row
 */
async function open(id, row) {
  for (const other of byId('reports').children) other.setAttribute('aria-selected', String(other === row));
  try {
    /** @type {BacktestReport} */
    const report = await analystGet(`/api/analyst/backtests/${encodeURIComponent(id)}`);
    showReport(report);
    history.replaceState(null, '', `?report=${encodeURIComponent(id)}`);
  } catch (failure) {
    byId('list-error').textContent = messageOf(failure);
    byId('list-error').hidden = false;
  }
}

async function list() {
  /** @type {{ reports: BacktestSummary[] }} */
  const { reports } = await analystGet('/api/analyst/backtests');
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
    row.addEventListener('click', () => void open(report.id, row));
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') void open(report.id, row);
    });
    return row;
  });
  byId('reports').replaceChildren(...rows);
  const wanted = new URLSearchParams(location.search).get('report') ?? reports[0]?.id;
  const row = rows.find((candidate) => candidate.dataset.id === wanted);
  if (wanted && row) await open(wanted, row);
}

await signIn();
try {
  await list();
} catch (failure) {
  byId('list-error').textContent = messageOf(failure);
  byId('list-error').hidden = false;
}
