import { byId, h } from './dom.js';
import { onLanguageChange, symbolName, t } from './i18n.js';
import { analystGet, analystToken, messageOf, signIn } from './analyst-session.js';

/** The closed lists the page names, each symbol shown as its catalogue term (`caseStatus.OPEN`). */
const ASSIGNEE_KINDS = /** @type {const} */ (['DESK', 'REGENCY_OFFICE', 'BP3MI', 'SATGAS_TPPO', 'KEMLU']);
const STATUSES = /** @type {const} */ (['OPEN', 'IN_PROGRESS', 'CLOSED']);
const OUTCOMES = /** @type {const} */ ([
  'TRAFFICKING_CONFIRMED',
  'NON_PROCEDURAL_DEPARTURE_PREVENTED',
  'CLEARED_LEGITIMATE',
]);
const COLUMNS = /** @type {const} */ ([
  'cases.column.case',
  'cases.column.person',
  'cases.column.origin',
  'cases.column.assignee',
  'cases.column.status',
  'cases.column.due',
  'cases.column.opened',
]);
const NONE = '–';

/**
 * The symbols of a closed list with their names in the reader's language.
 * @param {string} term
 * @param {readonly string[]} symbols
 * @returns {Record<string, string>}
 */
const named = (term, symbols) =>
  Object.fromEntries(symbols.map((symbol) => [symbol, symbolName(term, symbol)]));

/**
 * @typedef {{ kind: (typeof ASSIGNEE_KINDS)[number], code: string }} Assignee
 * @typedef {{ eventId: string, change: string, eventTime: string, actor: { kind: string, id: string, officerId: string | null },
 *   assignee: Assignee | null, status: string | null, note: string | null, dueDate: string | null, outcome: string | null }} CaseEventLine
 * @typedef {{ caseId: string, firstAlertId: string, nik: string, originRegencyCode: string, checkpointCode: string | null,
 *   assignee: Assignee | null, status: (typeof STATUSES)[number], dueDate: string | null, outcome: (typeof OUTCOMES)[number] | null,
 *   openedAt: string, overdue: boolean, notes: number, history?: CaseEventLine[] }} CaseLine
 * @typedef {{ byStatus: Record<(typeof STATUSES)[number], number>, overdue: number, total: number }} CaseCounts
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
    withAny && h('option', { value: '' }, t('cases.filter.any')),
    ...Object.entries(labels).map(([value, label]) => h('option', { value }, label)),
  );
}

/** @param {Assignee | null} assignee */
const assigneeText = (assignee) =>
  assignee ? `${symbolName('assignee', assignee.kind)} ${assignee.code}` : NONE;

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

/** The queue's filter values, kept across a redraw in the other language. */
function filterValues() {
  return ['assigneeKind', 'assigneeCode', 'regency', 'status'].map((name) => {
    const input = document.getElementById(`filter-${name}`);
    return /** @type {[string, string]} */ ([
      name,
      input instanceof HTMLInputElement || input instanceof HTMLSelectElement ? input.value : '',
    ]);
  });
}

function renderQueueShell() {
  const kept = filterValues();
  const overdueChecked = document.getElementById('filter-overdue');
  const wasOverdue = overdueChecked instanceof HTMLInputElement && overdueChecked.checked;
  document.title = t('cases.title');
  const form = h(
    'form',
    { id: 'queue-form', className: 'lookup', autocomplete: 'off' },
    h(
      'label',
      {},
      `${t('cases.filter.assigneeKind')} `,
      select('filter-assigneeKind', named('assignee', ASSIGNEE_KINDS), true),
    ),
    h('label', {}, `${t('cases.filter.assigneeCode')} `, h('input', { id: 'filter-assigneeCode', size: 8 })),
    h(
      'label',
      {},
      `${t('cases.filter.regency')} `,
      h('input', { id: 'filter-regency', size: 4, pattern: '\\d{4}' }),
    ),
    h(
      'label',
      {},
      `${t('cases.filter.status')} `,
      select('filter-status', named('caseStatus', STATUSES), true),
    ),
    h(
      'label',
      {},
      h('input', { id: 'filter-overdue', type: 'checkbox', checked: wasOverdue }),
      ` ${t('cases.filter.overdue')}`,
    ),
    h('button', { type: 'submit', className: 'primary' }, t('cases.filter.show')),
  );
  byId('queue').replaceChildren(
    h('h1', {}, t('cases.queueHeading')),
    h('p', { className: 'hint' }, t('cases.queueHint')),
    form,
    h('p', { id: 'queue-error', className: 'error', role: 'alert', hidden: true }),
    h('p', { id: 'queue-counts', className: 'hint', 'data-testid': 'case-counts' }),
    h(
      'table',
      { className: 'ranking' },
      h('thead', {}, h('tr', {}, ...COLUMNS.map((column) => h('th', {}, t(column))))),
      h('tbody', { id: 'case-rows' }),
    ),
    h('p', { id: 'queue-empty', className: 'hint', hidden: true }, t('cases.empty')),
  );
  for (const [name, value] of kept) {
    const input = /** @type {HTMLInputElement | HTMLSelectElement} */ (byId(`filter-${name}`));
    input.value = value;
  }
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
    byId('queue-counts').textContent = t('cases.counts', {
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
          h('td', {}, symbolName('caseStatus', line.status)),
          h(
            'td',
            {},
            line.dueDate ?? NONE,
            line.overdue && h('span', { className: 'severity severity-high' }, ` ${t('cases.overdue')}`),
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

/** The case on the page, drawn again in the other language without asking for it again. */
/** @type {CaseLine | null} */
let shownCase = null;

/** @param {string} caseId */
async function showCase(caseId) {
  drawCase(/** @type {CaseLine} */ (await analystGet(`/api/analyst/cases/${encodeURIComponent(caseId)}`)));
}

/** @param {CaseLine} line */
function drawCase(line) {
  shownCase = line;
  const caseId = line.caseId;
  const panel = byId('case');
  const base = `/api/analyst/cases/${encodeURIComponent(caseId)}`;
  /** @param {string} path @param {unknown} body */
  const change = async (path, body) => {
    const answer = await casePost(`${base}/${path}`, body);
    await Promise.all([showCase(caseId), loadQueue()]);
    // 202: recorded on the case topic, not yet in the projection the page reads.
    if (answer.status === 202)
      byId('case').prepend(h('p', { className: 'hint', role: 'status' }, t('cases.pending')));
  };
  const note = h('textarea', {
    rows: 2,
    cols: 50,
    placeholder: t('cases.action.notePlaceholder'),
    required: true,
  });
  const status = select('case-status', named('caseStatus', ['OPEN', 'IN_PROGRESS']), false);
  const due = h('input', { type: 'date' });
  const kind = select('case-assignee-kind', named('assignee', ASSIGNEE_KINDS), false);
  const code = h('input', { size: 10, required: true });
  const outcome = select('case-outcome', named('caseOutcome', OUTCOMES), false);
  const closing = h('input', { size: 40, placeholder: t('cases.action.closeNote') });
  panel.replaceChildren(
    h(
      'h1',
      {},
      t('cases.heading', { caseId: line.caseId.slice(0, 8) }),
      ' · ',
      symbolName('caseStatus', line.status),
    ),
    h(
      'p',
      { className: 'hint' },
      t('cases.summary', {
        nik: line.nik,
        regency: line.originRegencyCode,
        checkpoint: line.checkpointCode ?? NONE,
      }),
      ' · ',
      assigneeText(line.assignee),
      line.outcome && ` · ${symbolName('caseOutcome', line.outcome)}`,
    ),
    actionForm(t('cases.action.note'), [note], () => change('notes', { note: note.value })),
    // A closed case takes notes only.
    ...(line.status === 'CLOSED'
      ? []
      : [
          actionForm(t('cases.action.status'), [status], () => change('status', { status: status.value })),
          actionForm(t('cases.action.dueDate'), [due], () =>
            change('due-date', { dueDate: due.value || null }),
          ),
          actionForm(t('cases.action.assign'), [kind, code], () =>
            change('assignment', { assignee: { kind: kind.value, code: code.value } }),
          ),
          actionForm(t('cases.action.close'), [outcome, closing], () =>
            change('close', { outcome: outcome.value, ...(closing.value.trim() && { note: closing.value }) }),
          ),
        ]),
    h('h2', {}, t('cases.history')),
    h(
      'ol',
      { 'data-testid': 'case-history' },
      ...(line.history ?? []).map((event) =>
        h(
          'li',
          {},
          h('strong', {}, symbolName('caseChange', event.change)),
          ` ${event.eventTime.slice(0, 16).replace('T', ' ')} ${t('cases.by', { actor: event.actor.id })}`,
          event.assignee && ` · ${assigneeText(event.assignee)}`,
          event.status && ` · ${symbolName('caseStatus', event.status)}`,
          event.dueDate && ` · ${event.dueDate}`,
          event.outcome && ` · ${symbolName('caseOutcome', event.outcome)}`,
          event.note && h('p', {}, event.note),
        ),
      ),
    ),
  );
  panel.hidden = false;
}

renderQueueShell();
onLanguageChange(() => {
  renderQueueShell();
  void loadQueue();
  if (shownCase) drawCase(shownCase);
});
void signIn().then(() => loadQueue());
