import { byId, h } from './dom.js';
import { onLanguageChange, symbolName, t } from './i18n.js';
import { analystGet, messageOf, severityBadge, signIn } from './analyst-session.js';
import { createNetworkGraph } from './network-graph.js';

/**
 * @typedef {import('./api-types.js').EntityInfo} EntityInfo
 * @typedef {import('./api-types.js').RankedEntity} RankedEntity
 * @typedef {import('./api-types.js').AlertNetwork} AlertNetwork
 * @typedef {import('./network-graph.js').GraphNode} GraphNode
 */

/** @param {string} id */
const input = (id) => byId(id, HTMLInputElement);
/** @param {string} kind  sponsor, company, booking, phone, organiser */
const kindName = (kind) => symbolName('entityKind', kind);

/**
 * @param {HTMLElement} element
 * @param {unknown} error
 */
function fail(element, error) {
  element.textContent = messageOf(error);
  element.hidden = false;
}

/** @param {EntityInfo} entity */
function watchlistCell(entity) {
  return entity.watchlist.length === 0
    ? '—'
    : h(
        'span',
        { className: 'watchlisted' },
        entity.watchlist.map((entry) => `${entry.entryId} (${entry.reason})`).join('; '),
      );
}

/** @param {string} alertId */
const alertLink = (alertId) =>
  h(
    'a',
    { href: `?alert=${encodeURIComponent(alertId)}`, dataset: { alert: alertId } },
    h('code', {}, alertId),
  );

/** The answers drawn last, drawn again on a change of language. */
/** @type {RankedEntity[]} */
let ranked = [];
/** @type {AlertNetwork | undefined} */
let alertNetwork;

function renderRanking() {
  byId('top').replaceChildren(
    ...ranked.map((entity, index) =>
      h(
        'tr',
        {},
        h('td', {}, index + 1),
        h('td', {}, kindName(entity.kind)),
        h(
          'td',
          {},
          entity.label,
          ' ',
          h(
            'button',
            {
              type: 'button',
              className: 'link-button',
              dataset: { graph: entity.id },
              onclick: () => void drawGraph(entity.id),
            },
            t('analyst.graph.draw'),
          ),
          entity.names.length > 1
            ? h(
                'div',
                { className: 'hint' },
                t('analyst.network.also', {
                  names: entity.names.filter((name) => name !== entity.label).join(', '),
                }),
              )
            : null,
        ),
        h('td', {}, entity.alerts),
        h('td', {}, entity.people),
        h('td', {}, watchlistCell(entity)),
      ),
    ),
  );
}

async function rank() {
  byId('top-error').hidden = true;
  const query = new URLSearchParams();
  if (input('from').value) query.set('from', input('from').value);
  if (input('to').value) query.set('to', new Date(`${input('to').value}T23:59:59.999Z`).toISOString());
  query.set('limit', input('limit').value || '20');
  try {
    /** @type {{ entities: RankedEntity[] }} */
    const answer = await analystGet(`/api/analyst/entities/top?${query.toString()}`);
    ranked = answer.entities;
    renderRanking();
  } catch (error) {
    fail(byId('top-error'), error);
  }
}

function renderAlertNetwork() {
  if (!alertNetwork) return byId('network').replaceChildren();
  const { alert, entities } = alertNetwork;
  byId('network').replaceChildren(
    h(
      'p',
      {},
      `${t('analyst.network.alertAbout')} `,
      h('code', {}, alert.alertId),
      ` ${t('analyst.network.about')} `,
      h('code', {}, alert.nik),
      ' ',
      alert.severity ? severityBadge(alert.severity) : null,
      ` ${alert.situation ?? ''} · `,
      h(
        'a',
        { href: `/analyst/person?alert=${encodeURIComponent(alert.alertId)}` },
        t('analyst.network.openTimeline'),
      ),
    ),
    ...(entities.length === 0 ? [h('p', { className: 'hint' }, t('analyst.network.nothing'))] : []),
    ...entities.map((entity) =>
      h(
        'article',
        { className: 'entity', dataset: { entity: entity.id } },
        h('h2', {}, `${kindName(entity.kind)}: ${entity.label}`, ' ', watchlistCell(entity)),
        entity.names.length > 1
          ? h('p', { className: 'hint' }, t('analyst.network.spellings', { names: entity.names.join(', ') }))
          : null,
        h(
          'p',
          {},
          `${t('analyst.network.otherPeople', { count: entity.people.length })} `,
          entity.people.map((person) => person.nik).join(', ') || t('analyst.network.none'),
        ),
        h(
          'ul',
          {},
          ...entity.alerts.map((other) =>
            h(
              'li',
              {},
              severityBadge(other.severity),
              ' ',
              alertLink(other.alertId),
              ` ${other.nik} ${other.situation} · ${other.ruleIds.join(', ')}`,
            ),
          ),
        ),
      ),
    ),
  );
}

/** @param {string} alertId */
async function network(alertId) {
  byId('network-error').hidden = true;
  input('alert-id').value = alertId;
  void drawGraph(`alert:${alertId}`);
  try {
    /** @type {AlertNetwork} */
    const answer = await analystGet(`/api/analyst/alerts/${encodeURIComponent(alertId)}/network`);
    alertNetwork = answer;
    renderAlertNetwork();
  } catch (error) {
    alertNetwork = undefined;
    renderAlertNetwork();
    fail(byId('network-error'), error);
  }
}

/** The node shown in the detail panel, drawn again on a change of language. */
/** @type {GraphNode | undefined} */
let selected;

const graph = createNetworkGraph(byId('graph'), {
  onChange: () => renderNodes(),
  onSelect: (node) => {
    selected = node;
    renderDetail();
    renderNodes();
  },
  onError: (failure) => fail(byId('graph-error'), failure),
});

/** @param {GraphNode} node */
const nodeKind = (node) => symbolName('entityKind', node.kind);

function renderDetail() {
  const node = selected;
  if (!node) return byId('graph-detail').replaceChildren();
  const first = graph.first();
  const parts = [
    h('h2', {}, `${nodeKind(node)}: `, node.kind === 'person' ? h('code', {}, node.nik) : node.label),
    first?.alertId && first.centre === node.id
      ? h('p', { className: 'hint' }, t('analyst.graph.ofAlert', { alert: first.alertId }))
      : null,
    ...(node.kind === 'person'
      ? [
          h(
            'p',
            { dataset: { testid: 'graph-latest-alert' } },
            `${t('analyst.graph.latestAlert')} `,
            node.latestAlert
              ? h(
                  'span',
                  {},
                  severityBadge(node.latestAlert.severity),
                  ' ',
                  h('a', { href: node.latestAlert.href }, h('code', {}, node.latestAlert.alertId)),
                  ` ${node.latestAlert.situation}`,
                )
              : t('analyst.graph.noAlert'),
          ),
        ]
      : [
          node.names.length > 1
            ? h('p', { className: 'hint' }, t('analyst.network.spellings', { names: node.names.join(', ') }))
            : null,
          node.watchlisted ? h('p', { className: 'watchlisted' }, t('analyst.graph.watchlisted')) : null,
          h('p', {}, t('analyst.graph.peopleLinked', { count: node.people })),
        ]),
    first?.truncated && first.centre === node.id
      ? h('p', { className: 'hint' }, t('analyst.graph.truncated', { count: first.nodes.length - 1 }))
      : null,
  ];
  byId('graph-detail').replaceChildren(...parts.filter((part) => part !== null));
}

/** The nodes as a list a keyboard and a screen reader can use: each opens as a click on it does. */
function renderNodes() {
  const nodes = graph.nodes();
  byId('graph-empty').hidden = nodes.length > 0;
  byId('graph-layout').hidden = nodes.length === 0;
  byId('graph-nodes').replaceChildren(
    ...nodes.map((node) =>
      h(
        'li',
        { dataset: { node: node.id, kind: node.kind }, 'aria-current': selected?.id === node.id && 'true' },
        h('span', { className: 'kind' }, nodeKind(node)),
        node.kind === 'person' ? h('code', {}, node.nik) : node.label,
        node.kind === 'person' && node.latestAlert
          ? h('span', {}, ' ', severityBadge(node.latestAlert.severity))
          : null,
        graph.isExpanded(node.id)
          ? h('span', { className: 'hint' }, ` · ${t('analyst.graph.expanded')}`)
          : h(
              'button',
              {
                type: 'button',
                className: 'link-button',
                disabled: graph.isLoading(node.id),
                onclick: () => {
                  graph.select(node.id);
                  void graph.open(node.id);
                },
              },
              t(graph.isLoading(node.id) ? 'analyst.graph.loading' : 'analyst.graph.expand'),
            ),
      ),
    ),
  );
}

/** @param {string} id  an entity id, `person:<ref>` or `alert:<alertId>` */
async function drawGraph(id) {
  byId('graph-error').hidden = true;
  selected = undefined;
  renderDetail();
  // The page is shown before the graph is drawn: the library measures its container.
  await graph.show(id);
}

onLanguageChange(() => {
  renderRanking();
  renderAlertNetwork();
  renderDetail();
  renderNodes();
});

await signIn();

const to = new Date();
input('to').value = to.toISOString().slice(0, 10);
input('from').value = new Date(to.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
byId('top-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void rank();
});
byId('alert-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = input('alert-id').value.trim();
  history.replaceState(null, '', `?alert=${encodeURIComponent(id)}`);
  void network(id);
});
void rank();
const initial = new URLSearchParams(location.search);
const initialAlert = initial.get('alert');
const initialEntity = initial.get('entity');
if (initialAlert) void network(initialAlert);
else if (initialEntity) void drawGraph(initialEntity);
