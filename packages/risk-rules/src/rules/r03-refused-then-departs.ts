import { crossingOf, dateOf, DAY_MS, hitOf, type Reason, type Rule } from './rule';

const REASON_WORDS: Record<string, string> = {
  SUSPECTED_NON_PROCEDURAL_WORK: 'suspected non-procedural work',
  INCOMPLETE_DOCUMENTS: 'incomplete documents',
  IDENTITY_DOUBT: 'doubt about identity',
  FORGED_DOCUMENT: 'a forged document',
  COURT_ORDER: 'a court order',
  OTHER: 'other reasons',
};

/**
 * R03: a passport refused or deferred for suspected non-procedural work, then, within the window,
 * a crossing (by passport or PLB) or a new application at another office.
 */
export const R03: Rule<'R03'> = {
  id: 'R03',
  appliesTo: ['departure', 'documents'],
  check(view, config) {
    const since = view.time - config.params.windowDays * DAY_MS;
    const refusals = view.events.filter(
      (event) =>
        event.kind === 'passport' &&
        (event.eventType === 'REFUSED' || event.eventType === 'DEFERRED') &&
        event.eventTime >= since &&
        event.decisionReason !== null &&
        config.params.reasons.includes(event.decisionReason),
    );
    const refusal = refusals.pop();
    if (refusal?.kind !== 'passport') return null;
    const refused = `passport ${refusal.eventType === 'REFUSED' ? 'refused' : 'deferred'} on ${dateOf(refusal.eventTime)} at ${refusal.officeCode} for ${REASON_WORDS[refusal.decisionReason ?? 'OTHER'] ?? 'other reasons'}`;
    const reasons: Reason[] = [];
    const crossing = crossingOf(view);
    if (crossing && crossing.eventTime > refusal.eventTime) {
      const how =
        crossing.documentType === 'PLB' ? 'on a border pass (PLB)' : `through ${crossing.checkpointCode}`;
      reasons.push({
        text: `${refused}; now departing ${how}`,
        evidence: [refusal.eventId, crossing.eventId],
      });
    }
    const elsewhere = view.events.filter(
      (event) =>
        event.kind === 'passport' &&
        event.eventTime > refusal.eventTime &&
        event.applicationId !== refusal.applicationId &&
        event.officeCode !== refusal.officeCode &&
        (event.eventType === 'APPLICATION_SUBMITTED' || event.eventType === 'ISSUED'),
    );
    const other = elsewhere[0];
    if (other?.kind === 'passport') {
      reasons.push({
        text: `${refused}; applied again at another office (${other.officeCode}) on ${dateOf(other.eventTime)}`,
        evidence: [refusal.eventId, other.eventId],
      });
    }
    return hitOf(reasons);
  },
};
