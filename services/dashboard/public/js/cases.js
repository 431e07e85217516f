import { byId, h } from './dom.js';
import { analystGet, analystToken, messageOf, signIn } from './analyst-session.js';

/**
 * Every string this page shows, in one place, so a message catalogue can replace them at once.
 * Functions take the values they put into a sentence.
 */
const STRINGS = {
  title: 'Cases · Waspada',
  queueHeading: 'Work queue',
  queueHint:
    'Follow-up cases opened from referred alerts. A regency account sees the cases of people from its regency and those assigned to its office.',
  filters: {
    assigneeKind: 'Assignee',
    assigneeCode: 'Code',
    regency: 'Origin regency',
    status: 'Status',
    overdue: 'Overdue only',
    any: 'any',
    show: 'Show',
  },
  counts:
    /** @param {{ total: number, open: number, inProgress: number, closed: number, overdue: number }} c */ (
      c,
    ) =>
      `${c.total} cases: ${c.open} open, ${c.inProgress} in progress, ${c.closed} closed; ${c.overdue} overdue`,
  columns: ['Case', 'Person', 'Origin', 'Assignee', 'Status', 'Due', 'Opened'],
  empty: 'No case in this queue.',
  overdueBadge: 'overdue',
  assigneeKinds: {
    DESK: 'Checkpoint desk',
    REGENCY_OFFICE: 'Regency office',
    BP3MI: 'BP3MI',
    SATGAS_TPPO: 'Satgas TPPO',
    KEMLU: 'Kemlu',
  },
  statuses: { OPEN: 'Open', IN_PROGRESS: 'In progress', CLOSED: 'Closed' },
  outcomes: {
    TRAFFICKING_CONFIRMED: 'Trafficking confirmed',
    NON_PROCEDURAL_DEPARTURE_PREVENTED: 'Non-procedural departure prevented',
    CLEARED_LEGITIMATE: 'Cleared: legitimate travel',
  },
  changes: {
    OPENED: 'Opened',
    ASSIGNED: 'Assigned',
    STATUS_CHANGED: 'Status changed',
    NOTE_ADDED: 'Note',
    DUE_DATE_SET: 'Due date set',
    CLOSED: 'Closed',
  },
  caseHeading: /** @param {string} caseId */ (caseId) => `Case ${caseId.slice(0, 8)}`,
  caseSummary: /** @param {{ nik: string, origin: string, checkpoint: string }} c */ (c) =>
    `Person ${c.nik}, from regency ${c.origin}, referred at ${c.checkpoint}`,
  historyHeading: 'History',
  by: /** @param {string} actor */ (actor) => `by ${actor}`,
  actions: {
    note: 'Add note',
    notePlaceholder: 'What was done, who was met',
    status: 'Set status',
    dueDate: 'Set due day',
    assign: 'Assign',
    close: 'Close with outcome',
    closeNote: 'Closing remark (optional)',
  },
  none: '–',
  pending: 'Recorded; the queue shows it in a moment.',
};

/**
 * @typedef {{ kind: keyof typeof STRINGS.assigneeKinds, code: string }} Assignee
 * @typedef {{ eventId: string, change: keyof typeof STRINGS.changes, eventTime: string, actor: { kind: string, id: string, officerId: string | null },
 *   assignee: Assignee | null, status: string | null, note: string | null, dueDate: string | null, outcome: string | null }} CaseEventLine
 * @typedef {{ caseId: string, firstAlertId: string, nik: string, originRegencyCode: string, checkpointCode: string | null,
 *   assignee: Assignee | null, status: keyof typeof STRINGS.statuses, dueDate: string | null, outcome: keyof typeof STRINGS.outcomes | null,
 *   openedAt: string, overdue: boolean, notes: number, history?: CaseEventLine[] }} CaseLine
 * @typedef {{ byStatus: Record<keyof typeof STRINGS.statuses, number>, overdue: number, total: number }} CaseCounts
 * @typedef {{ cases: CaseLine[], counts: CaseCounts }} CaseQueue
 */

/**
 * POST on the case API: the answer's JSON, or an error with the server's message (which names the
 * field it refused).
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<{ status: number, body: CaseLine }>}
 */
async function casePost(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    cache: 'no-store',
    headers: { authorization: `Bearer ${analystToken() ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = /** @type {unknown} */ (await response.json().catch(() => ({})));
  const answer = /** @type {CaseLine & { error?: string }} */ (json);
  if (!response.ok) throw new Error(answer.error ?? `${path} answered ${response.status}`);
  return { status: response.status, body: answer };
}

/**
 * A select of the given values, shown by their labels, with an "any" first when asked.
 * @param {string} id
 * @param {Record<string, string>} labels
 * @param {boolean} withAny
 */
function select(id, labels, withAny) {
  return h(
    'select',
    { id },
    withAny && h('option', { value: '' }, STRINGS.filters.any),
    ...Object.entries(labels).map(([value, label]) => h('option', { value }, label)),
  );
}

/** @param {Assignee | null} assignee */
const assigneeText = (assignee) =>
  assignee ? `${STRINGS.assigneeKinds[assignee.kind]} ${assignee.code}` : STRINGS.none;

/** The queue's filters as the API's query string. */
function queueQuery() {
  const params = new URLSearchParams();
  for (const name of ['assigneeKind', 'assigneeCode', 'regency', 'status']) {
    const input = /** @type {HTMLInputElement | HTMLSelectElement} */ (byId(`filter-${name}`));
    if (input.value.trim() !== '') params.set(name, input.value.trim());
  }
  if (byId('filter-overdue', HTMLInputElement).checked) params.set('overdue', 'true');
  return params.toString();
}

function renderQueueShell() {
  document.title = STRINGS.title;
  const form = h(
    'form',
    { id: 'queue-form', className: 'lookup', autocomplete: 'off' },
    h(
      'label',
      {},
      `${STRINGS.filters.assigneeKind} `,
      select('filter-assigneeKind', STRINGS.assigneeKinds, true),
    ),
    h('label', {}, `${STRINGS.filters.assigneeCode} `, h('input', { id: 'filter-assigneeCode', size: 8 })),
    h(
      'label',
      {},
      `${STRINGS.filters.regency} `,
      h('input', { id: 'filter-regency', size: 4, pattern: '\\d{4}' }),
    ),
    h('label', {}, `${STRINGS.filters.status} `, select('filter-status', STRINGS.statuses, true)),
    h('label', {}, h('input', { id: 'filter-overdue', type: 'checkbox' }), ` ${STRINGS.filters.overdue}`),
    h('button', { type: 'submit', className: 'primary' }, STRINGS.filters.show),
  );
  byId('queue').replaceChildren(
    h('h1', {}, STRINGS.queueHeading),
    h('p', { className: 'hint' }, STRINGS.queueHint),
    form,
    h('p', { id: 'queue-error', className: 'error', role: 'alert', hidden: true }),
    h('p', { id: 'queue-counts', className: 'hint', 'data-testid': 'case-counts' }),
    h(
      'table',
      { className: 'ranking' },
      h('thead', {}, h('tr', {}, ...STRINGS.columns.map((column) => h('th', {}, column)))),
      h('tbody', { id: 'case-rows' }),
    ),
    h('p', { id: 'queue-empty', className: 'hint', hidden: true }, STRINGS.empty),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void loadQueue();
  });
}

async function loadQueue() {
  const error = byId('queue-error');
  try {
    const queue = /** @type {CaseQueue} */ (await analystGet(`/api/analyst/cases?${queueQuery()}`));
    error.hidden = true;
    const { byStatus, overdue, total } = queue.counts;
    byId('queue-counts').textContent = STRINGS.counts({
      total,
      open: byStatus.OPEN,
      inProgress: byStatus.IN_PROGRESS,
      closed: byStatus.CLOSED,
      overdue,
    });
    byId('case-rows').replaceChildren(
      ...queue.cases.map((line) =>
        h(
          'tr',
          {
            className: 'clickable',
            dataset: { caseId: line.caseId },
            onclick: () => void showCase(line.caseId),
          },
          h('td', {}, line.caseId.slice(0, 8)),
          h('td', {}, line.nik),
          h('td', {}, line.originRegencyCode),
          h('td', {}, assigneeText(line.assignee)),
          h('td', {}, STRINGS.statuses[line.status]),
          h(
            'td',
            {},
            line.dueDate ?? STRINGS.none,
            line.overdue && h('span', { className: 'severity severity-high' }, ` ${STRINGS.overdueBadge}`),
          ),
          h('td', {}, line.openedAt.slice(0, 10)),
        ),
      ),
    );
    byId('queue-empty').hidden = queue.cases.length > 0;
  } catch (failure) {
    error.textContent = messageOf(failure);
    error.hidden = false;
  }
}

/**
 * One action form of a case: its inputs, a button, and what happens on submit.
 * @param {string} label
 * @param {HTMLElement[]} inputs
 * @param {() => Promise<unknown>} act
 */
function actionForm(label, inputs, act) {
  const message = h('span', { className: 'hint', role: 'status' });
  const form = h(
    'form',
    { className: 'lookup', autocomplete: 'off' },
    ...inputs,
    h('button', { type: 'submit' }, label),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act().then(
      () => undefined,
      (/** @type {unknown} */ failure) => {
        message.textContent = messageOf(failure);
        message.className = 'error';
      },
    );
  });
  return form;
}

/** @param {string} caseId */
async function showCase(caseId) {
  const panel = byId('case');
  const line = /** @type {CaseLine} */ (await analystGet(`/api/analyst/cases/${encodeURIComponent(caseId)}`));
  const base = `/api/analyst/cases/${encodeURIComponent(caseId)}`;
  /** @param {string} path @param {unknown} body */
  const change = async (path, body) => {
    const answer = await casePost(`${base}/${path}`, body);
    await Promise.all([showCase(caseId), loadQueue()]);
    // 202: recorded on the case topic, not yet in the projection the page reads.
    if (answer.status === 202)
      byId('case').prepend(h('p', { className: 'hint', role: 'status' }, STRINGS.pending));
  };
  const note = h('textarea', {
    rows: 2,
    cols: 50,
    placeholder: STRINGS.actions.notePlaceholder,
    required: true,
  });
  const status = select(
    'case-status',
    { OPEN: STRINGS.statuses.OPEN, IN_PROGRESS: STRINGS.statuses.IN_PROGRESS },
    false,
  );
  const due = h('input', { type: 'date' });
  const kind = select('case-assignee-kind', STRINGS.assigneeKinds, false);
  const code = h('input', { size: 10, required: true });
  const outcome = select('case-outcome', STRINGS.outcomes, false);
  const closing = h('input', { size: 40, placeholder: STRINGS.actions.closeNote });
  panel.replaceChildren(
    h('h1', {}, STRINGS.caseHeading(line.caseId), ' · ', STRINGS.statuses[line.status]),
    h(
      'p',
      { className: 'hint' },
      STRINGS.caseSummary({
        nik: line.nik,
        origin: line.originRegencyCode,
        checkpoint: line.checkpointCode ?? STRINGS.none,
      }),
      ' · ',
      assigneeText(line.assignee),
      line.outcome && ` · ${STRINGS.outcomes[line.outcome]}`,
    ),
    actionForm(STRINGS.actions.note, [note], () => change('notes', { note: note.value })),
    // A closed case takes notes only.
    ...(line.status === 'CLOSED'
      ? []
      : [
          actionForm(STRINGS.actions.status, [status], () => change('status', { status: status.value })),
          actionForm(STRINGS.actions.dueDate, [due], () =>
            change('due-date', { dueDate: due.value || null }),
          ),
          actionForm(STRINGS.actions.assign, [kind, code], () =>
            change('assignment', { assignee: { kind: kind.value, code: code.value } }),
          ),
          actionForm(STRINGS.actions.close, [outcome, closing], () =>
            change('close', { outcome: outcome.value, ...(closing.value.trim() && { note: closing.value }) }),
          ),
        ]),
    h('h2', {}, STRINGS.historyHeading),
    h(
      'ol',
      { 'data-testid': 'case-history' },
      ...(line.history ?? []).map((event) =>
        h(
          'li',
          {},
          h('strong', {}, STRINGS.changes[event.change]),
          ` ${event.eventTime.slice(0, 16).replace('T', ' ')} ${STRINGS.by(event.actor.id)}`,
          event.assignee && ` · ${assigneeText(event.assignee)}`,
          event.status && ` · ${event.status}`,
          event.dueDate && ` · ${event.dueDate}`,
          event.outcome && ` · ${event.outcome}`,
          event.note && h('p', {}, event.note),
        ),
      ),
    ),
  );
  panel.hidden = false;
}

renderQueueShell();
void signIn().then(() => loadQueue());
