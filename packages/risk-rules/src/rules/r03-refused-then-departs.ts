import { crossingOf, dateOf, DAY_MS, hitOf, reason, type Reason, type Rule } from './rule';

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
    const refused = {
      refusal: refusal.eventType,
      date: dateOf(refusal.eventTime),
      office: refusal.officeCode,
      category: refusal.decisionReason ?? 'OTHER',
    };
    const reasons: Reason[] = [];
    const crossing = crossingOf(view);
    if (crossing && crossing.eventTime > refusal.eventTime) {
      const evidence = [refusal.eventId, crossing.eventId];
      reasons.push(
        crossing.documentType === 'PLB'
          ? reason('R03.refusedThenBorderPass', refused, evidence)
          : reason('R03.refusedThenDeparts', { ...refused, checkpoint: crossing.checkpointCode }, evidence),
      );
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
      reasons.push(
        reason(
          'R03.refusedThenApplies',
          { ...refused, otherOffice: other.officeCode, otherDate: dateOf(other.eventTime) },
          [refusal.eventId, other.eventId],
        ),
      );
    }
    return hitOf(reasons);
  },
};
