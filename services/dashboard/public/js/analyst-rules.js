import { byId, dayTime, h } from './dom.js';
import { language, onLanguageChange, symbolName, t } from './i18n.js';
import { analystGet, analystPost, messageOf, severityBadge, signIn } from './analyst-session.js';
import { markProblems, nextVersion, ruleSetFields, ruleSetOfForm, shownValue } from './rule-editor.js';
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
import { startExemptionReview } from './exemption-review.js';

/**
 * @typedef {import('./api-types.js').RuleSetVersion} RuleSetVersion
 * @typedef {import('./api-types.js').RuleSetList} RuleSetList
 * @typedef {import('./api-types.js').AlertSide} AlertSide
 * @typedef {import('./api-types.js').ShadowDiff} ShadowDiff
 * @typedef {import('./api-types.js').LiveRuleSet} LiveRuleSet
 * @typedef {import('./api-types.js').RuleSetCheck} RuleSetCheck
 * @typedef {import('./api-types.js').RuleJob} RuleJob
 * @typedef {import('./api-types.js').RuleJobList} RuleJobList
 */

/** @param {string} id */
const input = (id) => byId(id, HTMLInputElement);
/** @type {import('./api-types.js').AnalystMe} */
let me = { id: '', roles: [], mayUnmaskNik: false };

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
      // A shadow runs a version under review; the one already in the shadow needs no second start.
      entry.status === 'PROPOSED' || entry.status === 'APPROVED'
        ? h(
            'button',
            {
              type: 'button',
              dataset: { shadowStart: entry.version },
              hidden: entry.version === jobList?.shadow,
              onclick: () => void startShadow(entry.version),
            },
            t('analyst.jobs.shadowStart'),
          )
        : null,
    ),
  );
}

/** @type {LiveRuleSet | undefined} */
let live;

function drawLive() {
  if (!live) return;
  byId('live-version').textContent = live.version;
  byId('live-hash').textContent = live.contentSha256;
  byId('live-since').textContent = live.live
    ? t('analyst.rules.liveSince', { time: dayTime(live.live.at), actor: live.live.by })
    : t('analyst.rules.fromFile');
  // Disabled until now: a click before the live rule set arrived opened nothing, silently.
  byId('edit-from-live', HTMLButtonElement).disabled = false;
}

async function load() {
  /** @type {Promise<RuleSetList>} */
  const listing = analystGet('/api/analyst/rulesets');
  /** @type {Promise<LiveRuleSet>} */
  const current = analystGet('/api/analyst/rulesets/live');
  const { versions } = await listing;
  live = await current;
  drawLive();
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

/** The difference on the page, drawn again in the other language. */
/** @type {ShadowDiff | undefined} */
let shownDiff;

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
    shownDiff = diff;
    drawDiff(diff);
  } catch (error) {
    shownDiff = undefined;
    byId('diff-summary').textContent = messageOf(error);
  }
}

/**
 * The difference as a confusion of the two versions' alerts, the summary and each list.
 * @param {ShadowDiff} diff
 */
function drawDiff(diff) {
  const { version } = diff;
  byId('confusion-shadow').textContent = t('analyst.rules.shadowAlerted', { version });
  byId('confusion-no-shadow').textContent = t('analyst.rules.shadowNotAlerted', { version });
  byId('confusion-both').textContent = t('analyst.rules.bothAlerted', {
    unchanged: diff.unchanged,
    changed: diff.severityChanged.length,
  });
  byId('confusion-dropped').textContent = String(diff.dropped.length);
  byId('confusion-new').textContent = String(diff.onlyNew.length);
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

/*
 * The editor: a form from the live content, checked by the server (the file's schema, the version
 * not yet taken) as the analyst types, its problems beside the fields and its changes from live
 * listed before the version can be proposed.
 */

/** @type {Record<string, unknown> | undefined} */
let editBase;
/** The last answer of the server, for the content it was given. */
let checked = { content: '', valid: false };
let checkSeq = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let checkTimer;
/** @type {string | undefined} */
let proposedVersion;

const editForm = () => byId('edit-form', HTMLFormElement);

function editedContent() {
  if (!editBase) return '';
  return `${JSON.stringify(ruleSetOfForm(editBase, editForm()), null, 2)}\n`;
}

function drawChangesHeading() {
  byId('edit-changes-heading').textContent = t('analyst.rules.changesFrom', {
    version: live?.version ?? '—',
  });
}

/** Asks the server what it thinks of the form's content; only the latest answer is drawn. */
async function check() {
  const content = editedContent();
  const seq = ++checkSeq;
  byId('edit-propose', HTMLButtonElement).disabled = true;
  byId('edit-problems').replaceChildren(h('li', {}, t('analyst.rules.checking')));
  try {
    const answer = /** @type {RuleSetCheck} */ (
      // The schema's messages in the reader's language.
      await analystPost('/api/analyst/rulesets/validate', { content, language: language() })
    );
    if (seq !== checkSeq) return;
    checked = { content, valid: answer.valid };
    markProblems(editForm(), answer.problems);
    byId('edit-problems').replaceChildren(
      ...(answer.problems.length > 0
        ? answer.problems.map((problem) =>
            h(
              'li',
              { className: 'error', dataset: { path: problem.path } },
              h('code', {}, problem.path || '—'),
              ': ',
              problem.message,
            ),
          )
        : [h('li', {}, t('analyst.rules.noProblems'))]),
    );
    byId('edit-changes').replaceChildren(
      ...(answer.changes.length > 0
        ? answer.changes.map((change) =>
            h(
              'tr',
              { dataset: { path: change.path, kind: change.kind } },
              h('td', {}, h('code', {}, change.path)),
              h('td', {}, shownValue(change.live)),
              h('td', {}, '→'),
              h('td', {}, h('strong', {}, shownValue(change.proposed))),
            ),
          )
        : [h('tr', {}, h('td', {}, t('analyst.rules.noChanges')))]),
    );
    byId('edit-propose', HTMLButtonElement).disabled = !answer.valid;
  } catch (error) {
    if (seq === checkSeq)
      byId('edit-problems').replaceChildren(h('li', { className: 'error' }, messageOf(error)));
  }
}

function checkSoon() {
  clearTimeout(checkTimer);
  // The comment is not part of the content: typing it needs no new check.
  if (editedContent() === checked.content) {
    byId('edit-propose', HTMLButtonElement).disabled = !checked.valid;
    return;
  }
  byId('edit-propose', HTMLButtonElement).disabled = true;
  checkTimer = setTimeout(() => void check(), 300);
}

function openEditor() {
  if (!live) return;
  byId('step-error').hidden = true;
  const base = /** @type {unknown} */ (JSON.parse(live.content));
  editBase = /** @type {Record<string, unknown>} */ (base);
  byId('editor-base').textContent = live.version;
  input('edit-version').value = nextVersion(live.version);
  input('edit-comment').value = '';
  byId('edit-fields').replaceChildren(...ruleSetFields(editBase, live.countryGroups));
  drawChangesHeading();
  byId('editor').hidden = false;
  byId('editor').scrollIntoView();
  void check();
}

function drawProposed() {
  if (!proposedVersion) return;
  byId('proposed-text').textContent = t('analyst.rules.proposed', { version: proposedVersion });
  byId('proposed-next').textContent = t('analyst.rules.proposedNext', { version: proposedVersion });
}

/** @param {SubmitEvent} event */
async function proposeEdited(event) {
  event.preventDefault();
  byId('step-error').hidden = true;
  const content = editedContent();
  // Only what the server has just found valid is proposed: a field changed since is checked first.
  if (checked.content !== content) await check();
  if (checked.content !== content || !checked.valid) return;
  try {
    const comment = input('edit-comment').value.trim();
    await analystPost('/api/analyst/rulesets', { content, ...(comment ? { comment } : {}) });
    proposedVersion = input('edit-version').value.trim();
    drawProposed();
    byId('proposed').hidden = false;
    byId('editor').hidden = true;
    editBase = undefined;
    await load();
  } catch (error) {
    fail(error);
  }
}

byId('edit-from-live').addEventListener('click', openEditor);
byId('edit-cancel').addEventListener('click', () => {
  byId('editor').hidden = true;
  editBase = undefined;
});
editForm().addEventListener('input', checkSoon);
editForm().addEventListener('submit', (event) => void proposeEdited(event));
byId('proposed-diff').addEventListener('click', () => {
  if (!proposedVersion) return;
  void showDiff(proposedVersion);
  byId('diff').scrollIntoView();
});

/*
 * Backtests of the draft and shadow runs, run by the risk processor's job worker: the draft's
 * content goes with the request, so it is judged before anyone proposes it; the shadow runs one
 * proposed or approved version on the live stream, writing to the shadow topic only.
 */

/** @type {RuleJobList | undefined} */
let jobList;
/** The draft backtest this page asked for last, as the list shows it now. */
/** @type {RuleJob | undefined} */
let draftJob;

const draftRefusal = jobRefusal(byId('draft-refusal'), {
  content: { input: byId('edit-fields'), label: 'analyst.jobs.content' },
  from: { input: input('draft-from'), label: 'analyst.jobs.from' },
  to: { input: input('draft-to'), label: 'analyst.jobs.to' },
});
const shadowRefusal = jobRefusal(byId('shadow-refusal'), {
  version: { input: byId('shadow-running'), label: 'analyst.jobs.version' },
});

function drawDraftJob() {
  const line = byId('draft-backtest-status');
  line.hidden = !draftJob;
  if (!draftJob) return;
  line.dataset.status = draftJob.status;
  const report = draftJob.status === 'DONE' ? draftJob.reportId : null;
  line.replaceChildren(
    `${symbolName('ruleJobKind', draftJob.kind)} ${jobVersion(draftJob)}, ${periodText(draftJob)}: `,
    statusBadge(draftJob),
    ' ',
    progressOf(draftJob) ?? '',
    report
      ? h(
          'a',
          { href: `/analyst/backtests#${encodeURIComponent(report)}`, dataset: { testid: 'draft-report' } },
          t('analyst.jobs.openReport'),
        )
      : '',
  );
}

function drawShadow() {
  if (!jobList) return;
  const { shadow } = jobList;
  const running = byId('shadow-running');
  running.textContent = shadow
    ? t('analyst.jobs.shadowRunning', { version: shadow })
    : t('analyst.jobs.noShadow');
  running.dataset.version = shadow ?? '';
  byId('shadow-stop').hidden = !shadow;
  for (const button of byId('versions').querySelectorAll('[data-shadow-start]'))
    if (button instanceof HTMLElement) button.hidden = button.dataset.shadowStart === shadow;
  // The newest shadow request, so a start the worker could not carry out says why.
  const last = jobList.jobs.find((job) => job.kind !== 'BACKTEST');
  const line = byId('shadow-last');
  line.hidden = !last;
  if (!last) return;
  line.dataset.status = last.status;
  line.replaceChildren(
    t('analyst.jobs.lastShadow', { time: dayTime(last.requestedAt) }),
    ' ',
    symbolName('ruleJobKind', last.kind),
    last.kind === 'SHADOW_START' ? ` ${last.ruleSetVersion ?? ''}` : '',
    ' · ',
    statusBadge(last),
    ' ',
    progressOf(last) ?? '',
  );
}

const jobs = watchRuleJobs(
  (answer) => {
    jobList = answer;
    const jobId = draftJob?.jobId;
    draftJob = answer.jobs.find((job) => job.jobId === jobId) ?? draftJob;
    drawShadow();
    drawDraftJob();
  },
  (failure) => shadowRefusal.show(failure),
);

/** @param {string} version */
async function startShadow(version) {
  shadowRefusal.clear();
  try {
    await requestRuleJob({ kind: 'SHADOW_START', version });
    await jobs.refresh();
  } catch (failure) {
    shadowRefusal.show(failure);
  }
}

async function stopShadow() {
  shadowRefusal.clear();
  try {
    await requestRuleJob({ kind: 'SHADOW_STOP' });
    await jobs.refresh();
  } catch (failure) {
    shadowRefusal.show(failure);
  }
}

/** @param {SubmitEvent} event */
async function backtestDraft(event) {
  event.preventDefault();
  const button = byId('draft-backtest', HTMLButtonElement);
  button.disabled = true;
  try {
    draftJob = await requestRuleJob({
      kind: 'BACKTEST',
      content: editedContent(),
      ...periodOf(input('draft-from').value, input('draft-to').value),
    });
    draftRefusal.clear();
    drawDraftJob();
    await jobs.refresh();
  } catch (failure) {
    draftRefusal.show(failure);
  } finally {
    button.disabled = false;
  }
}

byId('draft-backtest-form').addEventListener('submit', (event) => void backtestDraft(event));
byId('shadow-stop').addEventListener('click', () => void stopShadow());
const period = recentDays();
input('draft-from').value = period.from;
input('draft-to').value = period.to;

onLanguageChange(() => {
  if (shownDiff) drawDiff(shownDiff);
  drawLive();
  drawProposed();
  drawChangesHeading();
  drawShadow();
  drawDraftJob();
  void load().catch(fail);
  // Problems shown come again in the new language.
  if (editBase) void check();
});

me = await signIn();
void jobs.refresh();
void startExemptionReview(me).refresh();
await load().catch(fail);
