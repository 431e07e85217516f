import { applyAlert, createDeskState, previousRevision, sortedCards } from './desk-state.js';
import { openDeskStream } from './desk-stream.js';
import { clockTime, dayTime, getJson, h } from './dom.js';

const checkpoint = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const storageKey = (name) => `waspada.desk.${checkpoint}.${name}`;

const RECOMMENDED = {
  REFER_SECONDARY_INSPECTION: 'Refer to secondary inspection',
  INTERVIEW: 'Interview the traveller',
  VERIFY_IDENTITY: 'Verify identity with Dukcapil',
  NOTIFY_ORIGIN_REGENCY: 'Notify the origin regency',
  VICTIM_SUPPORT: 'Offer victim support',
};
const KIND_LABEL = { NEW: 'New', ESCALATED: 'Escalated', DOWNGRADED: 'Downgraded', RESOLVED: 'Resolved' };
const OUTCOME_LABEL = {
  ACKNOWLEDGED: 'Acknowledged',
  REFERRED: 'Referred to secondary inspection',
  DISMISSED: 'Dismissed',
};

const elements = {
  code: document.getElementById('checkpoint-code'),
  name: document.getElementById('checkpoint-name'),
  status: document.getElementById('desk-status'),
  statusDetail: document.getElementById('desk-status-detail'),
  officerBox: document.getElementById('officer-box'),
  officerId: document.getElementById('officer-id'),
  signOut: document.getElementById('sign-out'),
  signIn: document.getElementById('sign-in'),
  signInForm: document.getElementById('sign-in-form'),
  signInToken: document.getElementById('signin-token'),
  signInOfficer: document.getElementById('signin-officer'),
  signInError: document.getElementById('sign-in-error'),
  notice: document.getElementById('desk-notice'),
  list: document.getElementById('alert-list'),
  empty: document.getElementById('no-alerts'),
};

let state = createDeskState();
/** Per card: the recorded outcome or the error of the last click, the open timeline. */
const outcomes = new Map(Object.entries(readStored('outcomes', {})));
const timelines = new Map();
/** Desk procedure tables by version, fetched once from the dashboard (no personal data in them). */
const procedureTables = new Map();
/** @type {{ token: string, officer: string } | null} */
let session = null;
/** @type {ReturnType<typeof openDeskStream> | null} */
let stream = null;
let notifierUrl = '';
let live = false;

function readStored(name, fallback) {
  try {
    const text = sessionStorage.getItem(storageKey(name));
    return text === null ? fallback : JSON.parse(text);
  } catch {
    return fallback;
  }
}

function store(name, value) {
  if (value === undefined) sessionStorage.removeItem(storageKey(name));
  else sessionStorage.setItem(storageKey(name), JSON.stringify(value));
}

function setStatus(status, detail = '') {
  live = status === 'live';
  elements.status.textContent = status;
  elements.status.dataset.state = status.replace(/\s+/g, '-');
  document.body.dataset.connection = status.replace(/\s+/g, '-');
  elements.statusDetail.textContent = detail;
}

/** A token and officer in the fragment sign in at once; the fragment never reaches a server. */
function sessionFromFragment() {
  if (location.hash.length < 2) return null;
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token')?.trim();
  const officer = params.get('officer')?.trim();
  if (!token || !officer) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return { token, officer };
}

function showSignIn(message) {
  elements.signIn.hidden = false;
  elements.officerBox.hidden = true;
  elements.signInOfficer.value = session?.officer ?? readStored('officer', '') ?? '';
  elements.signInToken.value = '';
  elements.signInError.hidden = !message;
  elements.signInError.textContent = message ?? '';
  elements.empty.hidden = true;
  setStatus('signed out');
  (elements.signInOfficer.value ? elements.signInToken : elements.signInOfficer).focus();
}

function signIn(next) {
  session = next;
  store('token', next.token);
  store('officer', next.officer);
  elements.signIn.hidden = true;
  elements.officerBox.hidden = false;
  elements.officerId.textContent = next.officer;
  updateCounts();
  connect();
}

function signOut(message) {
  stream?.close();
  stream = null;
  store('token', undefined);
  // Nobody signed in sees no one's data; the next sign-in gets the backlog again.
  state = createDeskState();
  timelines.clear();
  elements.list.replaceChildren();
  elements.notice.hidden = true;
  session = session ? { token: '', officer: session.officer } : null;
  showSignIn(message);
}

function connect() {
  stream?.close();
  if (!session) return;
  stream = openDeskStream({
    url: `${notifierUrl}/desks/${encodeURIComponent(checkpoint)}/stream`,
    token: session.token,
    onAlert: (alert) => {
      try {
        receive(alert);
      } catch (error) {
        console.error('alert could not be shown', error);
      }
    },
    onReset: (reason) =>
      showNotice(
        `The notifier could not resume where this screen left off (${reason}). The latest alerts are shown; ` +
          'ask the supervisor about alerts from the time this screen was offline.',
      ),
    onStatus: (status, detail) => setStatus(status, detail),
    onAuthError: (error) =>
      signOut(
        error.status === 403
          ? `That token belongs to another checkpoint: ${error.message}.`
          : 'The notifier refused the desk token. Check it and sign in again.',
      ),
  });
}

function showNotice(text) {
  elements.notice.hidden = false;
  elements.notice.replaceChildren(
    h('span', {}, text),
    h(
      'button',
      { type: 'button', className: 'link-button', onclick: () => (elements.notice.hidden = true) },
      'Dismiss',
    ),
  );
}

function receive(alert) {
  const { outcome, card } = applyAlert(state, alert);
  if (outcome === 'duplicate' || !card) return;
  render(card, outcome === 'new-card' || outcome === 'updated');
}

/** Renders one card and puts it where its time places it, newest first. */
function render(card, fresh) {
  const existing = elements.list.querySelector(`[data-alert-id="${CSS.escape(card.firstAlertId)}"]`);
  const element = cardElement(card);
  if (fresh && live) element.classList.add('arrived');
  const order = sortedCards(state);
  const index = order.indexOf(card);
  const next = order[index + 1];
  existing?.remove();
  // Cards that fell out of the kept range are gone from the state: remove them from the page too.
  for (const shown of elements.list.querySelectorAll('[data-testid="alert-card"]')) {
    if (!state.cards.has(shown.getAttribute('data-alert-id'))) shown.remove();
  }
  const before = next && elements.list.querySelector(`[data-alert-id="${CSS.escape(next.firstAlertId)}"]`);
  if (before) elements.list.insertBefore(element, before);
  else {
    const after =
      index > 0 &&
      elements.list.querySelector(`[data-alert-id="${CSS.escape(order[index - 1].firstAlertId)}"]`);
    if (after) after.after(element);
    else if (index === 0) elements.list.prepend(element);
    else elements.list.append(element);
  }
  updateCounts();
}

function updateCounts() {
  const cards = [...state.cards.values()];
  elements.empty.hidden = cards.length > 0 || !session?.token;
  const open = cards.filter((card) => !card.resolved && !outcomes.get(card.firstAlertId)?.recorded).length;
  document.title = `${open > 0 ? `(${open}) ` : ''}${checkpoint} desk · Waspada`;
}

function cardElement(card) {
  const alert = card.latest;
  const previous = previousRevision(card);
  const rulesShown = alert.rules.length > 0 ? alert.rules : (previous?.rules ?? []);
  const element = h(
    'article',
    {
      className: `alert-card severity-${alert.severity}${card.resolved ? ' resolved' : ''}`,
      dataset: {
        testid: 'alert-card',
        latestAlertId: alert.alertId,
        kind: alert.kind,
        severity: alert.severity,
      },
      'data-alert-id': card.firstAlertId,
      'aria-label': `${alert.severity} alert, ${alert.person.fullName ?? 'unnamed person'}`,
    },
    h(
      'div',
      { className: 'card-body' },
      cardHeader(card, previous),
      personBlock(alert),
      card.resolved
        ? h(
            'p',
            { className: 'resolved-note' },
            'Later records explain this alert. No action is needed for it now.',
          )
        : null,
      h(
        'ol',
        { className: `rules${card.resolved ? ' superseded' : ''}` },
        ...rulesShown.map((rule) =>
          h(
            'li',
            { className: `rule severity-${rule.severity}` },
            h(
              'div',
              { className: 'rule-head' },
              h('span', { className: 'rule-id' }, rule.ruleId),
              h('span', { className: 'rule-title' }, rule.title),
              h('span', { className: 'rule-weight' }, `${rule.severity} · +${rule.score}`),
            ),
            h(
              'ul',
              { className: 'reasons' },
              ...rule.reasons.map((reason) =>
                h(
                  'li',
                  {},
                  h('span', { className: 'reason-text' }, reason.text),
                  reason.evidence.length > 0
                    ? h(
                        'span',
                        { className: 'evidence' },
                        'evidence ',
                        ...reason.evidence.map((id) => h('code', {}, id)),
                      )
                    : null,
                ),
              ),
            ),
          ),
        ),
      ),
      timelineBlock(card),
    ),
    sidePanel(card),
  );
  element.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.closest('button, a, input, textarea, .card-side, [data-testid="timeline"]')) return;
    if (window.getSelection()?.toString()) return;
    toggleTimeline(card);
  });
  return element;
}

function cardHeader(card, previous) {
  const alert = card.latest;
  const change =
    previous && previous.severity !== alert.severity && alert.kind !== 'RESOLVED'
      ? `, was ${previous.severity}`
      : '';
  return h(
    'header',
    { className: 'card-head' },
    h('span', { className: 'severity-badge', 'data-testid': 'alert-severity' }, alert.severity),
    h('span', { className: 'score' }, `score ${alert.score}`),
    h(
      'span',
      { className: `kind-badge kind-${alert.kind}` },
      `${KIND_LABEL[alert.kind] ?? alert.kind}${change}`,
    ),
    card.followUpOnly && alert.kind !== 'NEW'
      ? h('span', { className: 'muted' }, 'update of an earlier alert')
      : null,
    h(
      'span',
      { className: 'where' },
      alert.target.counterId ? `Counter ${alert.target.counterId}` : (alert.target.checkpointCode ?? ''),
    ),
    h(
      'span',
      { className: 'times' },
      h('time', { datetime: alert.eventTime, title: 'Scan' }, `scan ${dayTime(alert.eventTime)}`),
      ' · ',
      h('time', { datetime: alert.alertTime, title: 'Alert' }, `alert ${clockTime(alert.alertTime)}`),
    ),
  );
}

function personBlock(alert) {
  const { person } = alert;
  const facts = [
    h('span', { className: 'nik' }, 'NIK ', h('strong', {}, groupDigits(person.nik))),
    person.ageYears !== null ? h('span', {}, `${person.ageYears} years`) : null,
    person.sex ? h('span', {}, person.sex === 'FEMALE' ? 'female' : 'male') : null,
    person.birthDate ? h('span', {}, `born ${person.birthDate}`) : null,
    h(
      'span',
      {},
      'from ',
      h('strong', {}, person.originRegencyName ?? 'unknown regency'),
      ` (${person.originRegencyCode})`,
    ),
  ].filter(Boolean);
  return h(
    'div',
    { className: 'person' },
    h('div', { className: 'person-name' }, person.fullName ?? 'Name not on record'),
    h('div', { className: 'person-facts' }, ...facts),
  );
}

/** A full NIK in groups of four reads back faster; a masked one is shown as it came. */
function groupDigits(nik) {
  return /^\d{16}$/.test(nik) ? nik.replace(/(\d{4})(?=\d)/g, '$1 ') : nik;
}

function sidePanel(card) {
  const alert = card.latest;
  const recorded = outcomes.get(card.firstAlertId);
  const actions = alert.recommendedActions ?? [];
  return h(
    'aside',
    { className: 'card-side' },
    actions.length > 0
      ? h(
          'div',
          { className: 'recommended' },
          h('h3', {}, 'Recommended'),
          h('ol', {}, ...actions.map((action) => h('li', {}, RECOMMENDED[action] ?? humanise(action)))),
        )
      : null,
    procedureBlock(alert),
    h(
      'div',
      { className: 'actions' },
      actionButton(card, 'REFER', 'Refer to secondary inspection', 'action-refer', 'primary'),
      actionButton(card, 'ACKNOWLEDGE', 'Acknowledge', 'action-acknowledge', ''),
      actionButton(card, 'DISMISS', 'Dismiss…', 'action-dismiss', 'quiet'),
    ),
    recorded
      ? h(
          'p',
          {
            className: `outcome ${recorded.recorded ? `outcome-${recorded.action}` : recorded.pending ? 'pending' : 'failed'}`,
            'data-testid': 'action-outcome',
            role: 'status',
          },
          recorded.text,
        )
      : null,
  );
}

/**
 * The standard procedure the alert names, for each rule that fired at the alert's severity: the
 * same questions, checks and notifications at every checkpoint. Filled in once the table is loaded.
 */
function procedureBlock(alert) {
  const version = alert.procedureVersion;
  const ruleIds = (alert.rules ?? []).map((rule) => rule.ruleId).filter((id) => /^R\d{2}$/.test(id));
  if (!version || ruleIds.length === 0 || alert.kind === 'RESOLVED') return null;
  const block = h(
    'div',
    { className: 'procedure', 'data-testid': 'procedure', 'data-version': version },
    h('h3', {}, `Standard procedure ${version}`),
  );
  if (!procedureTables.has(version)) {
    procedureTables.set(version, getJson(`/api/procedures/${encodeURIComponent(version)}`));
  }
  procedureTables
    .get(version)
    .then((table) => {
      for (const ruleId of ruleIds) {
        const rule = table.rules[ruleId];
        const step = rule?.severities[alert.severity];
        if (!rule || !step) {
          block.append(
            h('p', { className: 'procedure-missing' }, `${ruleId}: no procedure at ${alert.severity}`),
          );
          continue;
        }
        const parties = [...new Set([...rule.notify, ...step.notify])];
        block.append(
          h(
            'section',
            { className: 'procedure-rule', dataset: { rule: ruleId } },
            h('p', { className: 'procedure-action' }, h('strong', {}, `${ruleId}: `), step.action),
            h('h4', {}, 'Ask'),
            h('ul', {}, ...rule.ask.map((text) => h('li', {}, text))),
            h('h4', {}, 'Check'),
            h('ul', {}, ...rule.check.map((text) => h('li', {}, text))),
            h('h4', {}, 'Notify'),
            h(
              'ul',
              {},
              ...parties.map((code) =>
                h('li', { title: table.parties[code] ?? code }, table.parties[code] ?? code),
              ),
            ),
          ),
        );
      }
    })
    .catch((error) => {
      procedureTables.delete(version);
      block.append(
        h('p', { className: 'procedure-missing' }, `procedure ${version} not available: ${error.message}`),
      );
    });
  return block;
}

function actionButton(card, action, label, testid, style) {
  const pending = outcomes.get(card.firstAlertId)?.pending;
  return h(
    'button',
    {
      type: 'button',
      className: `action ${style}`,
      'data-testid': testid,
      disabled: Boolean(pending),
      onclick: () => void act(card, action),
    },
    label,
  );
}

function humanise(code) {
  const words = String(code).toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

async function act(card, action) {
  if (!session) return;
  let reason;
  if (action === 'DISMISS') {
    const answer = window.prompt('Why is this alert dismissed? The reason is kept with the decision.', '');
    if (answer === null) return;
    reason = answer.trim();
    if (!reason) {
      setOutcome(card, { failed: true, text: 'Not dismissed: a dismissal needs a reason.' });
      return;
    }
  }
  const alertId = card.latest.alertId;
  setOutcome(card, { pending: true, text: 'Recording…' });
  try {
    const response = await fetch(
      `${notifierUrl}/desks/${encodeURIComponent(checkpoint)}/alerts/${encodeURIComponent(alertId)}/actions`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${session.token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUuid(),
        },
        body: JSON.stringify({ action, officerId: session.officer, ...(reason !== undefined && { reason }) }),
        cache: 'no-store',
      },
    );
    const body = await response.json().catch(() => ({}));
    if (response.status === 401 || response.status === 403) {
      setOutcome(card, { failed: true, text: 'Not recorded: the desk token was refused. Sign in again.' });
      signOut('The notifier refused the desk token. Sign in again; the decision was not recorded.');
      return;
    }
    if (!response.ok) {
      const fields = Array.isArray(body.fields) ? body.fields.map((field) => field.reason).join('; ') : '';
      setOutcome(card, {
        failed: true,
        text: `Not recorded: ${fields || body.error || `error ${response.status}`}. Try again.`,
      });
      return;
    }
    const label = OUTCOME_LABEL[body.action] ?? humanise(body.action);
    setOutcome(card, {
      recorded: true,
      action: body.action,
      text: `${label} by officer ${session.officer} at ${clockTime(body.actionTime)}${reason ? ` (${reason})` : ''}`,
    });
  } catch {
    setOutcome(card, { failed: true, text: 'Not recorded: the notifier did not answer. Try again.' });
  }
}

function setOutcome(card, outcome) {
  outcomes.set(card.firstAlertId, outcome);
  if (!outcome.pending)
    store('outcomes', Object.fromEntries([...outcomes].filter(([, entry]) => entry.recorded)));
  render(card, false);
}

/** crypto.randomUUID exists only in secure contexts; an officer's page may be served over plain http. */
function randomUuid() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function timelineBlock(card) {
  const entry = timelines.get(card.firstAlertId);
  const toggle = h(
    'button',
    {
      type: 'button',
      className: 'timeline-toggle link-button',
      'aria-expanded': entry?.open ? 'true' : 'false',
      onclick: () => toggleTimeline(card),
    },
    entry?.open ? "Hide the person's record" : "Show the person's record across agencies",
  );
  if (!entry?.open) return h('div', { className: 'timeline-area' }, toggle);
  const evidence = new Set(
    card.latest.rules.flatMap((rule) => rule.reasons.flatMap((reason) => reason.evidence)),
  );
  let content;
  if (entry.loading) content = h('p', { className: 'muted' }, 'Loading the record…');
  else if (entry.error) content = h('p', { className: 'error' }, entry.error);
  else
    content = h(
      'ol',
      { className: 'timeline-events' },
      ...entry.data.events.map((event) =>
        h(
          'li',
          {
            className: `timeline-event${evidence.has(event.eventId) ? ' is-evidence' : ''}`,
            'data-testid': 'timeline-event',
            'data-event-id': event.eventId,
          },
          h('time', { datetime: event.eventTime }, dayTime(event.eventTime)),
          h('span', { className: 'agency' }, event.agency),
          h('span', { className: 'summary' }, event.summary),
          evidence.has(event.eventId) ? h('span', { className: 'evidence-mark' }, 'evidence') : null,
        ),
      ),
    );
  return h(
    'div',
    { className: 'timeline-area' },
    toggle,
    h(
      'section',
      {
        className: 'timeline',
        'data-testid': 'timeline',
        'aria-label': "The person's record across agencies",
      },
      h('h4', {}, 'Record across agencies, oldest first'),
      content,
    ),
  );
}

async function toggleTimeline(card) {
  const current = timelines.get(card.firstAlertId);
  if (current?.open) {
    timelines.set(card.firstAlertId, { ...current, open: false });
    render(card, false);
    return;
  }
  if (current?.data) {
    timelines.set(card.firstAlertId, { ...current, open: true });
    render(card, false);
    return;
  }
  if (!session) return;
  timelines.set(card.firstAlertId, { open: true, loading: true });
  render(card, false);
  let next;
  try {
    const response = await fetch(
      `${notifierUrl}/desks/${encodeURIComponent(checkpoint)}/alerts/${encodeURIComponent(card.latest.alertId)}/timeline`,
      {
        headers: { authorization: `Bearer ${session.token}`, 'x-waspada-officer': session.officer },
        cache: 'no-store',
      },
    );
    const body = await response.json().catch(() => ({}));
    next = response.ok
      ? { open: true, data: body }
      : { open: true, error: `The record could not be shown: ${body.error ?? `error ${response.status}`}.` };
  } catch {
    next = { open: true, error: 'The record could not be shown: the notifier did not answer.' };
  }
  // A close while it loaded wins.
  if (timelines.get(card.firstAlertId)?.open) timelines.set(card.firstAlertId, next);
  render(card, false);
}

async function start() {
  elements.code.textContent = checkpoint;
  document.title = `${checkpoint} desk · Waspada`;
  elements.signOut.addEventListener('click', () => signOut());
  elements.signInForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = elements.signInToken.value.trim();
    const officer = elements.signInOfficer.value.trim();
    if (!token || !officer) return;
    signIn({ token, officer });
  });
  window.addEventListener('online', () => stream?.reconnectNow());
  window.addEventListener('hashchange', () => {
    const fromFragment = sessionFromFragment();
    if (fromFragment) signIn(fromFragment);
  });
  const fromFragment = sessionFromFragment();
  try {
    const [config, { checkpoints }] = await Promise.all([
      getJson('/api/config'),
      getJson('/api/checkpoints'),
    ]);
    notifierUrl = config.notifierUrl;
    const known = checkpoints.find((entry) => entry.code === checkpoint);
    elements.name.textContent = known ? known.name : '';
  } catch {
    showNotice('The dashboard server did not answer. Reload the page.');
    return;
  }
  updateCounts();
  const token = fromFragment?.token ?? readStored('token', '');
  const officer = fromFragment?.officer ?? readStored('officer', '');
  if (token && officer) signIn({ token, officer });
  else showSignIn();
}

void start();
