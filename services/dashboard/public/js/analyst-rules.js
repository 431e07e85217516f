import { h } from './dom.js';
import { analystGet, analystToken, severityBadge, signIn } from './analyst-session.js';

const $ = (id) => document.getElementById(id);
let me = { id: '', roles: [] };

/** POST on the analyst API; the answer's JSON, or an error carrying the server's reason. */
async function analystPost(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    cache: 'no-store',
    headers: { authorization: `Bearer ${analystToken() ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error ?? `${path} answered ${response.status}`);
  return answer;
}

function fail(error) {
  $('step-error').textContent = error.message;
  $('step-error').hidden = false;
}

/** A step on a version, sent with the hash of the content shown, so nothing unseen is approved. */
async function takeStep(version, path, contentSha256) {
  $('step-error').hidden = true;
  const comment =
    path === 'reject'
      ? prompt(`Why is ${version} rejected?`)
      : path === 'approve'
        ? prompt(`Comment on approving ${version} (optional)`, '')
        : '';
  if (comment === null) return;
  try {
    await analystPost(`/api/analyst/rulesets/${encodeURIComponent(version)}/${path}`, {
      contentSha256,
      ...(comment ? { comment } : {}),
    });
    await load();
  } catch (error) {
    fail(error);
  }
}

function versionRow(entry) {
  const supervisor = me.roles.includes('supervisor');
  const button = (label, path, when) =>
    when
      ? h(
          'button',
          {
            type: 'button',
            dataset: { step: path },
            onclick: () => takeStep(entry.version, path, entry.contentSha256),
          },
          label,
        )
      : null;
  return h(
    'tr',
    { dataset: { version: entry.version, status: entry.status } },
    h('td', {}, h('strong', {}, entry.version)),
    h('td', {}, entry.status),
    h(
      'td',
      {},
      h(
        'ol',
        { className: 'steps' },
        ...entry.steps.map((step) =>
          h(
            'li',
            {},
            `${step.step} by ${step.actorId}, ${step.stepTime.replace('T', ' ').slice(0, 16)}`,
            step.comment ? `: ${step.comment}` : '',
          ),
        ),
      ),
    ),
    h('td', {}, h('code', { title: entry.contentSha256 }, `sha256 ${entry.contentSha256.slice(0, 12)}…`)),
    h(
      'td',
      {},
      h('button', { type: 'button', onclick: () => showDiff(entry.version) }, 'Shadow difference'),
      // The server checks every step again (roles, second approver); these only hide what cannot work.
      button('Approve', 'approve', supervisor && entry.status === 'PROPOSED' && entry.proposedBy !== me.id),
      button('Put live', 'live', supervisor && entry.status === 'APPROVED'),
      button('Reject', 'reject', supervisor && (entry.status === 'PROPOSED' || entry.status === 'APPROVED')),
    ),
  );
}

async function load() {
  const { live, versions } = await analystGet('/api/analyst/rulesets');
  $('live').textContent = live
    ? `Live version: ${live}`
    : 'No version has been put live through this lifecycle yet.';
  $('versions').replaceChildren(
    ...(versions.length > 0
      ? versions.map(versionRow)
      : [h('tr', {}, h('td', { colspan: 5 }, 'No version proposed yet.'))]),
  );
}

const sideCells = (side) => [
  h('td', {}, h('code', {}, side.nik)),
  h('td', {}, side.situation),
  h('td', {}, severityBadge(side.severity)),
  h('td', {}, side.rules.join(', ')),
];

async function showDiff(version) {
  $('diff').hidden = false;
  $('diff-version').textContent = version;
  $('diff').dataset.version = version;
  $('diff-summary').textContent = 'Reading the alerts and shadow alerts topics…';
  const params = new URLSearchParams();
  if ($('diff-from').value) params.set('from', new Date($('diff-from').value).toISOString());
  if ($('diff-to').value) params.set('to', new Date($('diff-to').value).toISOString());
  try {
    const diff = await analystGet(`/api/analyst/rulesets/${encodeURIComponent(version)}/diff?${params}`);
    $('diff-summary').textContent =
      `${diff.onlyNew.length} new, ${diff.dropped.length} dropped, ${diff.severityChanged.length} severity changes, ` +
      `${diff.unchanged} unchanged (live ${diff.liveVersions.join(', ') || '—'}: ${diff.liveAlerts} alerts, ` +
      `shadow: ${diff.shadowAlerts}), situations from ${diff.from.slice(0, 16)} to ${diff.to.slice(0, 16)}` +
      (diff.shadowAlerts === 0
        ? `. No shadow alerts of ${version} in this period: has its shadow run covered it?`
        : '') +
      (diff.shadowBehind === null
        ? '. No shadow run of this version has committed yet.'
        : `. Its shadow run has ${diff.shadowBehind} agency records still to judge.`);
    const empty = (text) => [h('tr', {}, h('td', {}, text))];
    $('diff-new').replaceChildren(
      ...(diff.onlyNew.length ? diff.onlyNew.map((side) => h('tr', {}, ...sideCells(side))) : empty('none')),
    );
    $('diff-dropped').replaceChildren(
      ...(diff.dropped.length ? diff.dropped.map((side) => h('tr', {}, ...sideCells(side))) : empty('none')),
    );
    $('diff-severity').replaceChildren(
      ...(diff.severityChanged.length
        ? diff.severityChanged.map((change) =>
            h(
              'tr',
              {},
              ...sideCells(change.live),
              h('td', {}, '→ '),
              h('td', {}, severityBadge(change.shadow.severity)),
            ),
          )
        : empty('none')),
    );
  } catch (error) {
    $('diff-summary').textContent = error.message;
  }
}

$('diff-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if ($('diff').dataset.version) void showDiff($('diff').dataset.version);
});

$('propose').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('step-error').hidden = true;
  try {
    const comment = $('propose-comment').value.trim();
    await analystPost('/api/analyst/rulesets', {
      content: $('propose-content').value,
      ...(comment ? { comment } : {}),
    });
    $('propose-content').value = '';
    $('propose-comment').value = '';
    await load();
  } catch (error) {
    fail(error);
  }
});

me = await signIn();
await load().catch(fail);
