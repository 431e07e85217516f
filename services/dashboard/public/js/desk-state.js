/**
 * What a desk screen shows, kept apart from the page so it is tested without a browser: one card
 * per situation (an alert and its follow-ups share firstAlertId), each alert id applied once
 * however often the stream sends it (a replay after a reconnect, a reset backlog, a duplicate
 * on the alerts topic).
 */

/**
 * @typedef {'NEW' | 'ESCALATED' | 'DOWNGRADED' | 'RESOLVED'} AlertKind
 * @typedef {'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'} Severity
 */

/**
 * The alert as the notifier's desk API sends it (times as ISO strings).
 * @typedef {object} DeskAlert
 * @property {string} alertId
 * @property {string} firstAlertId
 * @property {number} revision
 * @property {AlertKind} kind
 * @property {string} situation
 * @property {Severity} severity
 * @property {number} score
 * @property {{ nik: string, fullName: string | null, birthDate: string | null, sex: string | null,
 *   ageYears: number | null, originRegencyCode: string, originRegencyName: string | null }} person
 * @property {{ checkpointCode: string | null, counterId: string | null, regencyCode: string }} target
 * @property {{ ruleId: string, title: string, severity: Severity, score: number,
 *   reasons: { text: string, evidence: string[], messageKey?: string | null,
 *     params?: Record<string, string> }[] }[]} rules  messageKey and params are missing from
 *   alerts written before reasons carried keys; the page shows their text
 * @property {string[]} recommendedActions
 * @property {string} ruleSetVersion
 * @property {string | null} [procedureVersion]  the desk procedure table the alert names, if any
 * @property {string} triggerEventId
 * @property {string} eventTime
 * @property {string} alertTime
 * @property {string | null} [traceId]  the trace the alert was decided in, null when it carried none
 * @property {import('./api-types.js').ExemptedRule[]} [exemptedRules]  rules that fired and were left
 *   out under an approved exemption of the person (validUntil epoch ms); absent from older alerts
 */

/**
 * @typedef {object} Card
 * @property {string} firstAlertId
 * @property {DeskAlert} latest       the highest revision received
 * @property {DeskAlert[]} revisions  every revision received, lowest first
 * @property {boolean} resolved
 * @property {boolean} followUpOnly   its first alert was never received (older than the backlog)
 * @property {number} sortTime        the latest revision's alert time, epoch ms
 * @property {number} sequence        order of the last change, to break ties
 */

/**
 * @typedef {object} DeskState
 * @property {Set<string>} seen
 * @property {Map<string, Card>} cards
 * @property {number} sequence
 * @property {number} capacity
 */

/**
 * @param {number} [capacity] cards kept; the oldest go first once there are more
 * @returns {DeskState}
 */
export function createDeskState(capacity = 300) {
  return { seen: new Set(), cards: new Map(), sequence: 0, capacity };
}

/**
 * @param {DeskState} state
 * @param {DeskAlert} alert
 * @returns {{ outcome: 'duplicate' | 'new-card' | 'updated' | 'older-revision', card: Card | undefined }}
 */
export function applyAlert(state, alert) {
  if (state.seen.has(alert.alertId))
    return { outcome: 'duplicate', card: state.cards.get(alert.firstAlertId) };
  state.seen.add(alert.alertId);
  state.sequence += 1;
  const key = alert.firstAlertId || alert.alertId;
  const existing = state.cards.get(key);
  if (!existing) {
    /** @type {Card} */
    const card = {
      firstAlertId: key,
      latest: alert,
      revisions: [alert],
      resolved: alert.kind === 'RESOLVED',
      followUpOnly: alert.kind !== 'NEW',
      sortTime: timeOf(alert),
      sequence: state.sequence,
    };
    state.cards.set(key, card);
    trim(state);
    return { outcome: 'new-card', card };
  }
  existing.revisions.push(alert);
  existing.revisions.sort((a, b) => a.revision - b.revision);
  if (alert.kind === 'NEW') existing.followUpOnly = false;
  if (alert.revision < existing.latest.revision) return { outcome: 'older-revision', card: existing };
  existing.latest = alert;
  existing.resolved = alert.kind === 'RESOLVED';
  existing.sortTime = timeOf(alert);
  existing.sequence = state.sequence;
  return { outcome: 'updated', card: existing };
}

/**
 * Newest first: a follow-up moves its card up, since an escalation needs the officer again.
 * @param {DeskState} state
 * @returns {Card[]}
 */
export function sortedCards(state) {
  return [...state.cards.values()].sort((a, b) => b.sortTime - a.sortTime || b.sequence - a.sequence);
}

/**
 * The revision before the latest, to say what changed ("HIGH, was MEDIUM").
 * @param {Card} card
 * @returns {DeskAlert | undefined}
 */
export function previousRevision(card) {
  const index = card.revisions.indexOf(card.latest);
  return index > 0 ? card.revisions[index - 1] : undefined;
}

/** @param {DeskAlert} alert */
function timeOf(alert) {
  const time = Date.parse(alert.alertTime);
  return Number.isFinite(time) ? time : 0;
}

/** @param {DeskState} state */
function trim(state) {
  if (state.cards.size <= state.capacity) return;
  const oldest = sortedCards(state).slice(state.capacity);
  for (const card of oldest) state.cards.delete(card.firstAlertId);
}
