import { h } from './dom.js';
import { analystGet, severityBadge, signIn } from './analyst-session.js';

const $ = (id) => document.getElementById(id);

function show(timeline) {
  $('person-nik').textContent = timeline.nik;
  const identity = timeline.identity;
  $('identity').replaceChildren(
    ...(identity
      ? [
          ['Name', identity.fullName],
          ['Birth date', identity.birthDate ?? (timeline.nikMasked ? 'hidden with the NIK' : null)],
          ['Sex', identity.sex],
          ['Address regency', identity.addressRegencyCode],
          ['Dukcapil status', identity.status],
        ].flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')])
      : [h('dt', {}, 'Identity'), h('dd', {}, 'no Dukcapil record')]),
  );
  $('situations').replaceChildren(
    ...timeline.situations.map((situation) =>
      h(
        'li',
        {},
        severityBadge(situation.severity),
        ` ${situation.situation}`,
        situation.resolved ? ' (resolved)' : '',
        situation.ruleIds.length > 0 ? ` · ${situation.ruleIds.join(', ')}` : '',
      ),
    ),
  );
  $('events').replaceChildren(
    ...timeline.events.map((event) =>
      h(
        'tr',
        { dataset: { kind: event.kind } },
        h('td', {}, h('time', { datetime: event.eventTime }, event.eventTime.replace('T', ' ').slice(0, 19))),
        h('td', {}, event.agency),
        h('td', {}, event.kind),
        h('td', {}, event.summary),
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
  $('result').hidden = false;
}

async function lookup(path) {
  $('lookup-error').hidden = true;
  try {
    show(await analystGet(path));
  } catch (error) {
    $('result').hidden = true;
    $('lookup-error').textContent = error.message;
    $('lookup-error').hidden = false;
  }
}

await signIn();

// From the network page: the person behind an alert, whose NIK the page never saw.
const alertId = new URLSearchParams(location.search).get('alert');
if (alertId) {
  $('nik').required = false;
  $('nik').placeholder = `the person of alert ${alertId}`;
}

$('lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  const reason = encodeURIComponent($('reason').value.trim());
  const nik = $('nik').value.trim();
  if (nik === '' && alertId)
    void lookup(`/api/analyst/alerts/${encodeURIComponent(alertId)}/timeline?reason=${reason}`);
  else void lookup(`/api/analyst/persons/${encodeURIComponent(nik)}/timeline?reason=${reason}`);
});
