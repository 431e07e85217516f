import { byId, h } from './dom.js';
import { symbolName, t } from './i18n.js';
import { analystGet, messageOf, severityBadge, signIn } from './analyst-session.js';

/**
 * @typedef {import('./api-types.js').EntityInfo} EntityInfo
 * @typedef {import('./api-types.js').RankedEntity} RankedEntity
 * @typedef {import('./api-types.js').AlertNetwork} AlertNetwork
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

async function rank() {
  byId('top-error').hidden = true;
  const query = new URLSearchParams();
  if (input('from').value) query.set('from', input('from').value);
  if (input('to').value) query.set('to', new Date(`${input('to').value}T23:59:59.999Z`).toISOString());
  query.set('limit', input('limit').value || '20');
  try {
    /** @type {{ entities: RankedEntity[] }} */
    const { entities } = await analystGet(`/api/analyst/entities/top?${query.toString()}`);
    byId('top').replaceChildren(
      ...entities.map((entity, index) =>
        h(
          'tr',
          {},
          h('td', {}, index + 1),
          h('td', {}, kindName(entity.kind)),
          h(
            'td',
            {},
            entity.label,
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
  } catch (error) {
    fail(byId('top-error'), error);
  }
}

/** @param {string} alertId */
async function network(alertId) {
  byId('network-error').hidden = true;
  input('alert-id').value = alertId;
  try {
    /** @type {AlertNetwork} */
    const { alert, entities } = await analystGet(
      `/api/analyst/alerts/${encodeURIComponent(alertId)}/network`,
    );
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
            ? h(
                'p',
                { className: 'hint' },
                t('analyst.network.spellings', { names: entity.names.join(', ') }),
              )
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
  } catch (error) {
    byId('network').replaceChildren();
    fail(byId('network-error'), error);
  }
}

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
const initial = new URLSearchParams(location.search).get('alert');
if (initial) void network(initial);
