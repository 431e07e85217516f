import {
  categoryBarChart,
  minuteBarChart,
  setBars,
  setCategoryBars,
  setLines,
  SEVERITY_COLOURS,
  timeLineChart,
} from './charts.js';
import { byId, clockTime, getJson, h, shortTopic, traceLink } from './dom.js';
import { installLanguageSwitch, onLanguageChange, symbolName, t } from './i18n.js';

/**
 * @typedef {import('./api-types.js').TopicsAnswer} TopicsAnswer
 * @typedef {import('./api-types.js').LagAnswer} LagAnswer
 * @typedef {import('./api-types.js').GroupView} GroupView
 * @typedef {import('./api-types.js').AlertSummary} AlertSummary
 * @typedef {import('./api-types.js').ServicesAnswer} ServicesAnswer
 * @typedef {import('./api-types.js').CheckpointInfo} CheckpointInfo
 * @typedef {import('./api-types.js').CheckpointList} CheckpointList
 * @typedef {import('./api-types.js').DashboardConfig} DashboardConfig
 * @typedef {import('./api-types.js').OpsAlertEntry} OpsAlertEntry
 */

/** @type {import('./api-types.js').Severity[]} */
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const LIVE_LIMIT = 100;
const TOP_CHECKPOINTS = 8;
const LAG_LINES = 10;
const CHART_WINDOW_MS = 30 * 60_000;

/** @param {string} id */
const canvas = (id) => byId(id, HTMLCanvasElement);

// The charts' units are set when they are built: a change of language reloads this page (it
// redraws everything from the server anyway), so they are built again in the new language.
installLanguageSwitch(byId('page-bar'));
onLanguageChange(() => location.reload());

const charts = {
  rates: timeLineChart(canvas('chart-rates'), { unit: t('ops.unit.messages') }),
  lag: timeLineChart(canvas('chart-lag'), { unit: t('ops.unit.behind'), integer: true }),
  severity: minuteBarChart(canvas('chart-severity'), { unit: t('ops.unit.alerts') }),
  rules: minuteBarChart(canvas('chart-rules'), { unit: t('ops.unit.alerts') }),
  checkpoints: minuteBarChart(canvas('chart-checkpoints'), { unit: t('ops.unit.alerts') }),
  deadSize: categoryBarChart(canvas('chart-dead-size'), { unit: t('ops.unit.held') }),
  deadRate: timeLineChart(canvas('chart-dead-rate'), { unit: t('ops.unit.recordsPerMinute') }),
  desks: timeLineChart(canvas('chart-desks'), { unit: t('ops.unit.screens'), integer: true, legend: false }),
  deliveries: timeLineChart(canvas('chart-deliveries'), { unit: t('ops.unit.perMinute') }),
  retries: timeLineChart(canvas('chart-retries'), { unit: t('ops.unit.perMinute') }),
};

let intervalMs = 5_000;
/** @type {string | null} where a live alert's trace id links to (WASPADA_TRACE_URL_TEMPLATE) */
let traceUrlTemplate = null;

/** @param {number} now */
function chartWindow(now) {
  return { from: now - CHART_WINDOW_MS, to: now };
}

async function refreshTopics() {
  /** @type {TopicsAnswer} */
  const { now, topics } = await getJson('/api/topics');
  const window = chartWindow(now);
  const streams = topics.filter((topic) => topic.exists);
  setLines(
    charts.rates,
    streams.map((topic) => ({ label: shortTopic(topic.topic), points: topic.rates })),
    window,
  );
  const failures = topics.filter((topic) => topic.kind !== 'stream');
  setCategoryBars(
    charts.deadSize,
    failures.map((topic) => ({
      label: topic.exists ? shortTopic(topic.topic) : t('ops.noTopicYet', { name: shortTopic(topic.topic) }),
      value: topic.size,
      colour: topic.kind === 'rejected' ? '#d97706' : '#b91c1c',
    })),
  );
  setLines(
    charts.deadRate,
    failures
      .filter((topic) => topic.exists)
      .map((topic) => ({
        label: shortTopic(topic.topic),
        points: topic.rates.map(([t, rate]) => [t, rate * 60]),
      })),
    window,
  );
}

async function refreshLag() {
  /** @type {LagAnswer} */
  const { now, groups } = await getJson('/api/lag');
  // Tests leave many groups behind, without members. Groups being read now come first, then the
  // groups without members that are furthest behind (a stopped service falls behind too).
  /** @param {GroupView} group */
  const maxLag = (group) => group.points.reduce((max, [, lag]) => Math.max(max, lag), 0);
  /** @param {GroupView} group */
  const active = (group) => ((group.members ?? 0) > 0 ? 1 : 0);
  const relevant = groups
    .filter((group) => active(group) === 1 || maxLag(group) > 0)
    .sort((a, b) => active(b) - active(a) || maxLag(b) - maxLag(a) || a.groupId.localeCompare(b.groupId));
  const shown = relevant.slice(0, LAG_LINES);
  setLines(
    charts.lag,
    shown.map((group) => ({ label: group.groupId, points: group.points, dashed: active(group) === 0 })),
    chartWindow(now),
  );
  const idle = groups.length - relevant.length;
  const cut = relevant.length - shown.length;
  const notes = [
    idle > 0 ? t('ops.lag.idle', { count: idle }) : '',
    cut > 0 ? t('ops.lag.cut', { count: cut, total: LAG_LINES }) : '',
  ].filter(Boolean);
  byId('lag-note').textContent =
    t('ops.lag.note') + (notes.length > 0 ? ` ${t('ops.lag.notDrawn', { reason: notes.join('; ') })}` : '');
}

async function refreshAlerts() {
  const minutes = Number(byId('alert-range', HTMLSelectElement).value);
  /** @type {AlertSummary} */
  const summary = await getJson(`/api/alerts/summary?minutes=${minutes}`);
  const { raised, totals } = summary;
  setBars(charts.severity, summary.minutes, [
    ...SEVERITIES.map((severity) => ({
      label: symbolName('severity', severity),
      values: raised.bySeverity[severity],
      colour: SEVERITY_COLOURS[severity],
    })),
    { label: t('ops.resolved'), values: summary.resolved, colour: '#16a34a', line: true },
  ]);
  setBars(
    charts.rules,
    summary.minutes,
    Object.keys(raised.byRule)
      .sort()
      .map((ruleId) => ({ label: ruleId, values: raised.byRule[ruleId] ?? [] })),
  );
  const ranked = Object.keys(raised.byCheckpoint).sort(
    (a, b) => (totals.byCheckpoint[b] ?? 0) - (totals.byCheckpoint[a] ?? 0) || a.localeCompare(b),
  );
  const top = ranked.slice(0, TOP_CHECKPOINTS);
  const rest = ranked.slice(TOP_CHECKPOINTS);
  /** @type {{ label: string, values: number[], colour?: string }[]} */
  const checkpointSeries = top.map((code) => ({
    label: code === 'none' ? t('ops.noCheckpoint') : code,
    values: raised.byCheckpoint[code] ?? [],
  }));
  if (rest.length > 0)
    checkpointSeries.push({
      label: t('ops.others', { count: rest.length }),
      values: summary.minutes.map((_, i) =>
        rest.reduce((sum, code) => sum + (raised.byCheckpoint[code]?.[i] ?? 0), 0),
      ),
      colour: '#cbd5e1',
    });
  setBars(charts.checkpoints, summary.minutes, checkpointSeries);

  const bySeverity = SEVERITIES.filter((severity) => totals.bySeverity[severity] > 0)
    .map((severity) => `${totals.bySeverity[severity]} ${symbolName('severity', severity).toLowerCase()}`)
    .join(', ');
  byId('alert-totals').textContent = summary.loading
    ? t('ops.readingHistory')
    : t('ops.totals', {
        raised: totals.raised,
        severities: bySeverity ? ` (${bySeverity})` : '',
        resolved: totals.resolved,
        downgraded: totals.downgraded,
        flapped: summary.flapping.flapped,
        newAlerts: summary.flapping.newAlerts,
        share: (summary.flapping.share * 100).toFixed(1),
      });
  // The alert budget: what a desk's screen carries per 1,000 departures scanned there.
  const budget = summary.alertBudget.slice(0, 8);
  byId('alert-budget').textContent =
    budget.length === 0
      ? t('ops.budget.none')
      : t('ops.budget', {
          entries: budget
            .map((entry) =>
              t('ops.budget.entry', {
                checkpoint: entry.checkpoint,
                perThousand: entry.perThousand,
                alerted: entry.alerted,
                departures: entry.departures,
              }),
            )
            .join(', '),
        });
}

async function refreshServices() {
  /** @type {ServicesAnswer} */
  const { now, services, notifier } = await getJson('/api/services');
  byId('service-tiles').replaceChildren(
    ...services.map((service) => {
      const failing = Object.entries(service.checks).filter(([, result]) => result !== 'ok');
      return h(
        'div',
        { className: `service-tile state-${service.state}`, 'data-service': service.name },
        h(
          'div',
          { className: 'tile-head' },
          h('span', { className: 'tile-name' }, service.name),
          h('span', { className: 'tile-state' }, symbolName('serviceState', service.state)),
        ),
        h('div', { className: 'tile-since' }, t('ops.service.since', { time: clockTime(service.since) })),
        failing.length > 0
          ? h(
              'ul',
              { className: 'tile-checks' },
              ...failing.map(([name, result]) => h('li', {}, h('strong', {}, name), `: ${result}`)),
            )
          : service.state === 'down'
            ? h('div', { className: 'tile-checks' }, service.error ?? t('ops.service.noAnswer'))
            : null,
      );
    }),
  );
  const window = chartWindow(now);
  const current = notifier.current;
  setLines(
    charts.desks,
    [{ label: t('ops.deskScreens'), points: notifier.desksConnected, colour: '#2563eb' }],
    window,
  );
  /** @param {string} key */
  const deliveryLabel = (key) => key.replace('/', ': ');
  setLines(
    charts.deliveries,
    Object.entries(notifier.deliveriesPerMinute).map(([key, points]) => ({
      label: deliveryLabel(key),
      points,
      colour: key.endsWith('/dead_letter') ? '#b91c1c' : undefined,
    })),
    window,
  );
  setLines(
    charts.retries,
    Object.entries(notifier.retriesPerMinute).map(([key, points]) => ({ label: key, points })),
    window,
  );
  if (current) {
    charts.desks.options.plugins.title = {
      display: true,
      text: t('ops.connectedNow', { count: current.desksConnected }),
      align: 'start',
    };
    charts.desks.update('none');
  }
}

/** @param {CheckpointInfo[]} checkpoints */
function renderDeskLinks(checkpoints) {
  /** @type {{ title: string, match: (cp: CheckpointInfo) => boolean }[]} */
  const groups = [
    { title: t('ops.group.air'), match: (cp) => cp.kind === 'TPI' && cp.type === 'air' },
    { title: t('ops.group.sea'), match: (cp) => cp.kind === 'TPI' && cp.type === 'sea' },
    { title: t('ops.group.land'), match: (cp) => cp.kind === 'PLBN' },
  ];
  /** @type {Set<string>} */
  const placed = new Set();
  const sections = groups.map((group) => {
    const members = checkpoints.filter((cp) => group.match(cp));
    members.forEach((cp) => placed.add(cp.code));
    return { title: group.title, members };
  });
  const others = checkpoints.filter((cp) => !placed.has(cp.code));
  if (others.length > 0) sections.push({ title: t('ops.group.other'), members: others });
  byId('desk-groups').replaceChildren(
    ...sections
      .filter((section) => section.members.length > 0)
      .map((section) =>
        h(
          'div',
          { className: 'desk-group' },
          h('h3', {}, section.title),
          h(
            'ul',
            {},
            ...section.members.map((cp) =>
              h(
                'li',
                {},
                h(
                  'a',
                  { href: `/desk/${encodeURIComponent(cp.code)}`, 'data-checkpoint': cp.code },
                  h('span', { className: 'code' }, cp.code),
                  h('span', { className: 'desk-name' }, cp.name),
                  cp.regencyName ? h('span', { className: 'desk-where' }, cp.regencyName) : null,
                ),
              ),
            ),
          ),
        ),
      ),
  );
}

/** The live list: newest first by alert time, each alert id once, at most LIVE_LIMIT kept. */
/** @type {Set<string>} */
const liveIds = new Set();
/** @param {OpsAlertEntry} entry */
function addLiveEntry(entry) {
  if (liveIds.has(entry.alertId)) return;
  liveIds.add(entry.alertId);
  const list = byId('live-list');
  const checkpoint = entry.checkpointCode
    ? `${entry.checkpointCode}${entry.checkpointName ? ` ${entry.checkpointName}` : ''}`
    : t('ops.noCheckpoint');
  const item = h(
    'li',
    {
      className: `live-entry severity-${entry.severity} kind-${entry.kind}`,
      'data-alert-id': entry.alertId,
      'data-time': entry.alertTime,
    },
    h('span', { className: 'severity-chip' }, symbolName('severity', entry.severity)),
    h(
      'div',
      { className: 'live-body' },
      h(
        'div',
        { className: 'live-line' },
        h('time', { datetime: entry.alertTime }, clockTime(entry.alertTime)),
        entry.kind !== 'NEW'
          ? h('span', { className: 'kind' }, symbolName('kind', entry.kind).toLowerCase())
          : null,
        h('span', { className: 'rules' }, entry.ruleIds.join(' ') || '—'),
        h('span', { className: 'checkpoint' }, checkpoint),
      ),
      h(
        'div',
        { className: 'live-line secondary' },
        h('span', {}, t('ops.from', { regency: entry.originRegencyName ?? entry.originRegencyCode })),
        h('span', { className: 'nik' }, entry.nik),
        traceLink(entry.traceId, traceUrlTemplate),
      ),
    ),
  );
  const later = [...list.children].find((child) => {
    const time = child instanceof HTMLElement ? child.dataset.time : undefined;
    return time !== undefined && time < entry.alertTime;
  });
  list.insertBefore(item, later ?? null);
  while (list.children.length > LIVE_LIMIT) {
    const last = list.lastElementChild;
    if (!(last instanceof HTMLElement)) break;
    if (last.dataset.alertId) liveIds.delete(last.dataset.alertId);
    last.remove();
  }
  byId('live-empty').hidden = true;
}

function openLiveStream() {
  const status = byId('live-status');
  // Same origin and no credentials, so EventSource does: it reconnects by itself with Last-Event-ID.
  const source = new EventSource('/api/alerts/stream');
  source.addEventListener('open', () => {
    status.textContent = t('connection.live');
    status.dataset.state = 'live';
  });
  source.addEventListener('error', () => {
    status.textContent = t('connection.reconnecting');
    status.dataset.state = 'reconnecting';
  });
  source.addEventListener('alert', (event) => {
    /** @type {unknown} */
    const entry = JSON.parse(/** @type {MessageEvent<string>} */ (event).data);
    addLiveEntry(/** @type {OpsAlertEntry} */ (entry));
  });
}

async function poll() {
  const results = await Promise.allSettled([
    refreshTopics(),
    refreshLag(),
    refreshAlerts(),
    refreshServices(),
  ]);
  const failed = results.filter((result) => result.status === 'rejected').length;
  const updated = byId('updated');
  updated.textContent =
    failed === 0
      ? t('ops.updated', { time: clockTime(Date.now()) })
      : t('ops.serverDown', { time: clockTime(Date.now()) });
  updated.dataset.state = failed === 0 ? 'ok' : 'failing';
}

async function start() {
  try {
    /** @type {DashboardConfig} */
    const config = await getJson('/api/config');
    intervalMs = config.sampleIntervalMs;
    traceUrlTemplate = config.traceUrlTemplate;
    byId('interval-note').textContent = t('ops.throughput.note', { seconds: Math.round(intervalMs / 1000) });
    /** @type {CheckpointList} */
    const { checkpoints } = await getJson('/api/checkpoints');
    renderDeskLinks(checkpoints);
  } catch {
    byId('updated').textContent = t('ops.serverDownReload');
  }
  byId('alert-range').addEventListener('change', () => void refreshAlerts().catch(() => undefined));
  openLiveStream();
  await poll();
  setInterval(() => void poll(), intervalMs);
}

void start();
