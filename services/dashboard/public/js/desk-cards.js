/** The alert cards: one per situation, newest first, each with what the officer can do about it. */
import { actionButton, outcomes, outcomeText } from './desk-actions.js';
import { checkpoint, desk, elements } from './desk-page.js';
import { procedureBlock } from './desk-procedures.js';
import { previousRevision, sortedCards } from './desk-state.js';
import { timelineBlock, toggleTimeline } from './desk-timeline.js';
import { clockTime, dayTime, h, traceLink } from './dom.js';
import { reasonText, ruleTitle, symbolName, t } from './i18n.js';
import { exemptedRulesBlock } from './exempted-rules.js';

/**
 * @typedef {import('./desk-state.js').Card} Card
 * @typedef {import('./desk-state.js').DeskAlert} DeskAlert
 */

/**
 * Renders one card and puts it where its time places it, newest first.
 * @param {Card} card
 * @param {boolean} fresh  a new or updated alert, marked as it arrives when the desk is live
 */
export function render(card, fresh) {
  const existing = elements.list.querySelector(`[data-alert-id="${CSS.escape(card.firstAlertId)}"]`);
  const element = cardElement(card);
  if (fresh && desk.live) element.classList.add('arrived');
  const order = sortedCards(desk.state);
  const index = order.indexOf(card);
  const next = order[index + 1];
  existing?.remove();
  // Cards that fell out of the kept range are gone from the state: remove them from the page too.
  for (const shown of elements.list.querySelectorAll('[data-testid="alert-card"]')) {
    if (!desk.state.cards.has(shown.getAttribute('data-alert-id') ?? '')) shown.remove();
  }
  const before = next && elements.list.querySelector(`[data-alert-id="${CSS.escape(next.firstAlertId)}"]`);
  if (before) elements.list.insertBefore(element, before);
  else {
    const previous = order[index - 1];
    const after =
      previous && elements.list.querySelector(`[data-alert-id="${CSS.escape(previous.firstAlertId)}"]`);
    if (after) after.after(element);
    else if (index === 0) elements.list.prepend(element);
    else elements.list.append(element);
  }
  updateCounts();
}

export function updateCounts() {
  const cards = [...desk.state.cards.values()];
  elements.empty.hidden = cards.length > 0 || !desk.session?.token;
  const open = cards.filter((card) => !card.resolved && !outcomes.get(card.firstAlertId)?.recorded).length;
  document.title =
    open > 0 ? t('desk.titleOpen', { count: open, checkpoint }) : t('desk.title', { checkpoint });
}

/** @param {Card} card */
function cardElement(card) {
  const alert = card.latest;
  const previous = previousRevision(card);
  const rulesFrom = alert.rules.length > 0 || !previous ? alert : previous;
  const rulesShown = rulesFrom.rules;
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
      'aria-label': t('desk.card.label', {
        severity: alert.severity,
        name: alert.person.fullName ?? t('desk.card.unnamed'),
      }),
    },
    h(
      'div',
      { className: 'card-body' },
      cardHeader(card, previous),
      personBlock(alert),
      card.resolved ? h('p', { className: 'resolved-note' }, t('desk.card.resolved')) : null,
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
              h('span', { className: 'rule-title' }, ruleTitle(rule.ruleId, rule.title)),
              h(
                'span',
                { className: 'rule-weight' },
                `${symbolName('severity', rule.severity)} · +${rule.score}`,
              ),
            ),
            h(
              'ul',
              { className: 'reasons' },
              ...rule.reasons.map((reason) =>
                h(
                  'li',
                  {},
                  h('span', { className: 'reason-text' }, reasonText(reason)),
                  reason.evidence.length > 0
                    ? h(
                        'span',
                        { className: 'evidence' },
                        `${t('desk.card.evidence')} `,
                        ...reason.evidence.map((id) => h('code', {}, id)),
                      )
                    : null,
                ),
              ),
            ),
          ),
        ),
      ),
      // A rule left out under an approved exemption: the officer sees it was not counted on purpose.
      exemptedRulesBlock(rulesFrom.exemptedRules),
      timelineBlock(card),
      h('p', { className: 'card-trace' }, traceLink(alert.traceId, desk.traceUrlTemplate)),
    ),
    sidePanel(card),
  );
  element.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.closest('button, a, input, textarea, .card-side, [data-testid="timeline"]')) return;
    if (window.getSelection()?.toString()) return;
    void toggleTimeline(card);
  });
  return element;
}

/**
 * @param {Card} card
 * @param {DeskAlert | undefined} previous
 */
function cardHeader(card, previous) {
  const alert = card.latest;
  const kind =
    previous && previous.severity !== alert.severity && alert.kind !== 'RESOLVED'
      ? t('desk.card.kindWas', { kind: alert.kind, severity: previous.severity })
      : symbolName('kind', alert.kind);
  return h(
    'header',
    { className: 'card-head' },
    h(
      'span',
      { className: 'severity-badge', 'data-testid': 'alert-severity' },
      symbolName('severity', alert.severity),
    ),
    h('span', { className: 'score' }, t('desk.card.score', { score: alert.score })),
    h('span', { className: `kind-badge kind-${alert.kind}` }, kind),
    card.followUpOnly && alert.kind !== 'NEW'
      ? h('span', { className: 'muted' }, t('desk.card.followUp'))
      : null,
    h(
      'span',
      { className: 'where' },
      alert.target.counterId
        ? t('desk.card.counter', { counter: alert.target.counterId })
        : (alert.target.checkpointCode ?? ''),
    ),
    h(
      'span',
      { className: 'times' },
      h(
        'time',
        { datetime: alert.eventTime, title: t('desk.card.scan') },
        t('desk.card.scanAt', { time: dayTime(alert.eventTime) }),
      ),
      ' · ',
      h(
        'time',
        { datetime: alert.alertTime, title: t('desk.card.alert') },
        t('desk.card.alertAt', { time: clockTime(alert.alertTime) }),
      ),
    ),
  );
}

/** @param {DeskAlert} alert */
function personBlock(alert) {
  const { person } = alert;
  const facts = [
    h('span', { className: 'nik' }, 'NIK ', h('strong', {}, groupDigits(person.nik))),
    person.ageYears !== null ? h('span', {}, t('desk.person.age', { age: person.ageYears })) : null,
    person.sex ? h('span', {}, symbolName('sex', person.sex)) : null,
    person.birthDate ? h('span', {}, t('desk.person.born', { date: person.birthDate })) : null,
    h(
      'span',
      {},
      `${t('desk.person.from')} `,
      h('strong', {}, person.originRegencyName ?? t('desk.person.unknownRegency')),
      ` (${person.originRegencyCode})`,
    ),
  ].filter(Boolean);
  return h(
    'div',
    { className: 'person' },
    h('div', { className: 'person-name' }, person.fullName ?? t('desk.person.noName')),
    h('div', { className: 'person-facts' }, ...facts),
  );
}

/**
 * A full NIK in groups of four reads back faster; a masked one is shown as it came.
 * @param {string} nik
 */
function groupDigits(nik) {
  return /^\d{16}$/.test(nik) ? nik.replace(/(\d{4})(?=\d)/g, '$1 ') : nik;
}

/** @param {Card} card */
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
          h('h3', {}, t('desk.recommended')),
          h('ol', {}, ...actions.map((action) => h('li', {}, symbolName('action', action)))),
        )
      : null,
    procedureBlock(alert),
    h(
      'div',
      { className: 'actions' },
      actionButton(card, 'REFER', t('desk.action.refer'), 'action-refer', 'primary'),
      actionButton(card, 'ACKNOWLEDGE', t('desk.action.acknowledge'), 'action-acknowledge', ''),
      actionButton(card, 'DISMISS', t('desk.action.dismiss'), 'action-dismiss', 'quiet'),
    ),
    recorded
      ? h(
          'p',
          {
            className: `outcome ${recorded.recorded ? `outcome-${recorded.action}` : recorded.pending ? 'pending' : 'failed'}`,
            'data-testid': 'action-outcome',
            role: 'status',
          },
          outcomeText(recorded),
        )
      : null,
  );
}
