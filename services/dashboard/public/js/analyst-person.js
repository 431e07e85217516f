import { byId, h } from './dom.js';
import { onLanguageChange, summaryText, symbolName, t } from './i18n.js';
import { analystGet, messageOf, severityBadge, signIn } from './analyst-session.js';

/** @typedef {import('./api-types.js').PersonTimeline} PersonTimeline */

/** @param {string} id */
const input = (id) => byId(id, HTMLInputElement);

/** The timeline on the page, drawn again in the other language when the reader switches. */
/** @type {PersonTimeline | null} */
let shown = null;
onLanguageChange(() => {
  if (shown) show(shown);
});

/** @param {PersonTimeline} timeline */
function show(timeline) {
  shown = timeline;
  byId('person-nik').textContent = timeline.nik;
  const identity = timeline.identity;
  byId('identity').replaceChildren(
    ...(identity
      ? /** @type {[string, string | null][]} */ ([
          [t('analyst.person.name'), identity.fullName],
          [
            t('analyst.person.birthDate'),
            identity.birthDate ?? (timeline.nikMasked ? t('analyst.person.birthDateHidden') : null),
          ],
          [t('analyst.person.sex'), identity.sex && symbolName('sex', identity.sex)],
          [t('analyst.person.addressRegency'), identity.addressRegencyCode],
          [t('analyst.person.status'), symbolName('identityStatus', identity.status)],
        ]).flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')])
      : [h('dt', {}, t('analyst.person.identity')), h('dd', {}, t('analyst.person.noIdentity'))]),
  );
  byId('situations').replaceChildren(
    ...timeline.situations.map((situation) =>
      h(
        'li',
        {},
        severityBadge(situation.severity),
        ` ${situation.situation}`,
        situation.resolved ? t('analyst.person.resolved') : '',
        situation.ruleIds.length > 0 ? ` · ${situation.ruleIds.join(', ')}` : '',
      ),
    ),
  );
  byId('events').replaceChildren(
    ...timeline.events.map((event) =>
      h(
        'tr',
        { dataset: { kind: event.kind } },
        h('td', {}, h('time', { datetime: event.eventTime }, event.eventTime.replace('T', ' ').slice(0, 19))),
        h('td', {}, event.agency),
        h('td', {}, symbolName('personEvent', event.kind)),
        h('td', {}, summaryText(event)),
        h(
          'td',
          {},
          // An alert, or a desk action on one, leads to the network of that alert.
          event.alertId
            ? h(
                'a',
                { href: `/analyst/network?alert=${encodeURIComponent(event.alertId)}` },
                h('code', {}, event.eventId),
              )
            : h('code', {}, event.eventId),
        ),
      ),
    ),
  );
  byId('result').hidden = false;
}

/** @param {string} path */
async function lookup(path) {
  byId('lookup-error').hidden = true;
  try {
    show(/** @type {PersonTimeline} */ (await analystGet(path)));
  } catch (error) {
    byId('result').hidden = true;
    byId('lookup-error').textContent = messageOf(error);
    byId('lookup-error').hidden = false;
  }
}

await signIn();

// From the network page: the person behind an alert, whose NIK the page never saw.
const alertId = new URLSearchParams(location.search).get('alert');
if (alertId) {
  input('nik').required = false;
  input('nik').placeholder = t('analyst.person.ofAlert', { alert: alertId });
}

byId('lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  const reason = encodeURIComponent(input('reason').value.trim());
  const nik = input('nik').value.trim();
  if (nik === '' && alertId)
    void lookup(`/api/analyst/alerts/${encodeURIComponent(alertId)}/timeline?reason=${reason}`);
  else void lookup(`/api/analyst/persons/${encodeURIComponent(nik)}/timeline?reason=${reason}`);
});
