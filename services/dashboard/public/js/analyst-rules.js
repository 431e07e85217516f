import { byId, h } from './dom.js';
import { symbolName, t } from './i18n.js';
import { analystGet, analystToken, messageOf, severityBadge, signIn } from './analyst-session.js';

/**
 * @typedef {import('./api-types.js').RuleSetVersion} RuleSetVersion
 * @typedef {import('./api-types.js').RuleSetList} RuleSetList
 * @typedef {import('./api-types.js').AlertSide} AlertSide
 * @typedef {import('./api-types.js').ShadowDiff} ShadowDiff
 */

/** @param {string} id */
const input = (id) => byId(id, HTMLInputElement);
/** @type {import('./api-types.js').AnalystMe} */
let me = { id: '', roles: [], mayUnmaskNik: false };

/**
 * POST on the analyst API; the answer's JSON, or an error carrying the server's reason.
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<unknown>}
 */
async function analystPost(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    cache: 'no-store',
    headers: { authorization: `Bearer ${analystToken() ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = /** @type {unknown} */ (await response.json().catch(() => ({})));
  if (!response.ok) {
    const { error } = /** @type {import('./api-types.js').ErrorAnswer} */ (answer);
    throw new Error(error ?? `${path} answered ${response.status}`);
  }
  return answer;
}

/** @param {unknown} error */
function fail(error) {
  byId('step-error').textContent = messageOf(error);
  byId('step-error').hidden = false;
}

/**
 * A step on a version, sent with the hash of the content shown, so nothing unseen is approved.
 * @param {string} version
 * @param {'approve' | 'live' | 'reject'} path
 * @param {string} contentSha256
 */
async function takeStep(version, path, contentSha256) {
  byId('step-error').hidden = true;
  const comment =
    path === 'reject'
      ? prompt(t('analyst.rules.rejectWhy', { version }))
      : path === 'approve'
        ? prompt(t('analyst.rules.approveComment', { version }), '')
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

/** @param {RuleSetVersion} entry */
function versionRow(entry) {
  const supervisor = me.roles.includes('supervisor');
  /**
   * @param {string} label
   * @param {'approve' | 'live' | 'reject'} path
   * @param {boolean} when
   */
  const button = (label, path, when) =>
    when
      ? h(
          'button',
          {
            type: 'button',
            dataset: { step: path },
            onclick: () => void takeStep(entry.version, path, entry.contentSha256),
          },
          label,
        )
      : null;
  return h(
    'tr',
    { dataset: { version: entry.version, status: entry.status } },
    h('td', {}, h('strong', {}, entry.version)),
    h('td', {}, symbolName('ruleStatus', entry.status)),
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
            t('analyst.rules.stepBy', {
              step: step.step,
              actor: step.actorId,
              time: step.stepTime.replace('T', ' ').slice(0, 16),
            }),
            step.comment ? `: ${step.comment}` : '',
          ),
        ),
      ),
    ),
    h('td', {}, h('code', { title: entry.contentSha256 }, `sha256 ${entry.contentSha256.slice(0, 12)}…`)),
    h(
      'td',
      {},
      h(
        'button',
        { type: 'button', onclick: () => void showDiff(entry.version) },
        t('analyst.rules.shadowDifference'),
      ),
      // The server checks every step again (roles, second approver); these only hide what cannot work.
      button(
        t('analyst.rules.approve'),
        'approve',
        supervisor && entry.status === 'PROPOSED' && entry.proposedBy !== me.id,
      ),
      button(t('analyst.rules.putLive'), 'live', supervisor && entry.status === 'APPROVED'),
      button(
        t('analyst.rules.reject'),
        'reject',
        supervisor && (entry.status === 'PROPOSED' || entry.status === 'APPROVED'),
      ),
    ),
  );
}

async function load() {
  /** @type {RuleSetList} */
  const { live, versions } = await analystGet('/api/analyst/rulesets');
  byId('live').textContent = live ? t('analyst.rules.live', { version: live }) : t('analyst.rules.noLive');
  byId('versions').replaceChildren(
    ...(versions.length > 0
      ? versions.map(versionRow)
      : [h('tr', {}, h('td', { colspan: 5 }, t('analyst.rules.noVersion')))]),
  );
}

/** @param {AlertSide} side */
const sideCells = (side) => [
  h('td', {}, h('code', {}, side.nik)),
  h('td', {}, side.situation),
  h('td', {}, severityBadge(side.severity)),
  h('td', {}, side.rules.join(', ')),
];

/** @param {string} version */
async function showDiff(version) {
  byId('diff').hidden = false;
  byId('diff-version').textContent = version;
  byId('diff').dataset.version = version;
  byId('diff-summary').textContent = t('analyst.rules.reading');
  const params = new URLSearchParams();
  if (input('diff-from').value) params.set('from', new Date(input('diff-from').value).toISOString());
  if (input('diff-to').value) params.set('to', new Date(input('diff-to').value).toISOString());
  try {
    /** @type {ShadowDiff} */
    const diff = await analystGet(
      `/api/analyst/rulesets/${encodeURIComponent(version)}/diff?${params.toString()}`,
    );
    byId('diff-summary').textContent = [
      t('analyst.rules.diffSummary', {
        added: diff.onlyNew.length,
        dropped: diff.dropped.length,
        changed: diff.severityChanged.length,
        unchanged: diff.unchanged,
        live: diff.liveVersions.join(', ') || '—',
        liveAlerts: diff.liveAlerts,
        shadowAlerts: diff.shadowAlerts,
        from: diff.from.slice(0, 16),
        to: diff.to.slice(0, 16),
      }),
      diff.shadowAlerts === 0 ? t('analyst.rules.noShadowAlerts', { version }) : '',
      diff.shadowBehind === null
        ? t('analyst.rules.noShadowRun')
        : t('analyst.rules.shadowBehind', { count: diff.shadowBehind }),
    ]
      .filter(Boolean)
      .join(' ');
    /** @param {string} text */
    const empty = (text) => [h('tr', {}, h('td', {}, text))];
    byId('diff-new').replaceChildren(
      ...(diff.onlyNew.length
        ? diff.onlyNew.map((side) => h('tr', {}, ...sideCells(side)))
        : empty(t('analyst.rules.none'))),
    );
    byId('diff-dropped').replaceChildren(
      ...(diff.dropped.length
        ? diff.dropped.map((side) => h('tr', {}, ...sideCells(side)))
        : empty(t('analyst.rules.none'))),
    );
    byId('diff-severity').replaceChildren(
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
        : empty(t('analyst.rules.none'))),
    );
  } catch (error) {
    byId('diff-summary').textContent = messageOf(error);
  }
}

byId('diff-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const version = byId('diff').dataset.version;
  if (version) void showDiff(version);
});

/** @param {SubmitEvent} event */
async function propose(event) {
  event.preventDefault();
  byId('step-error').hidden = true;
  try {
    const comment = input('propose-comment').value.trim();
    await analystPost('/api/analyst/rulesets', {
      content: byId('propose-content', HTMLTextAreaElement).value,
      ...(comment ? { comment } : {}),
    });
    byId('propose-content', HTMLTextAreaElement).value = '';
    input('propose-comment').value = '';
    await load();
  } catch (error) {
    fail(error);
  }
}

byId('propose').addEventListener('submit', (event) => void propose(event));

me = await signIn();
await load().catch(fail);
