import { crossingOf, DAY_MS, hitOf, type Reason, type Rule } from './rule';

/**
 * R05: several passport applications, or several lost-passport reports, for one NIK in a short
 * window; or one passport number seen with two NIKs.
 */
export const R05: Rule<'R05'> = {
  id: 'R05',
  appliesTo: ['departure', 'documents'],
  check(view, config, context) {
    const { params } = config;
    const since = view.time - params.windowDays * DAY_MS;
    const recent = view.events.filter((event) => event.kind === 'passport' && event.eventTime >= since);
    const reasons: Reason[] = [];
    const applications = new Map<string, string>();
    for (const event of recent) {
      if (event.kind === 'passport' && event.eventType !== 'REPORTED_LOST' && event.eventType !== 'REVOKED') {
        if (!applications.has(event.applicationId)) applications.set(event.applicationId, event.eventId);
      }
    }
    if (applications.size > params.maxApplications) {
      reasons.push({
        text: `${applications.size} passport applications in ${params.windowDays} days`,
        evidence: [...applications.values()],
      });
    }
    const lost = recent.filter((event) => event.kind === 'passport' && event.eventType === 'REPORTED_LOST');
    if (lost.length > params.maxLostReports) {
      reasons.push({
        text: `${lost.length} passports reported lost in ${params.windowDays} days`,
        evidence: lost.map((event) => event.eventId),
      });
    }
    const numbers = new Map<string, string>();
    for (const event of view.events) {
      if (event.kind === 'passport' && event.passportNumber) numbers.set(event.passportNumber, event.eventId);
    }
    const crossing = crossingOf(view);
    if (crossing?.documentType === 'PASSPORT') numbers.set(crossing.documentNumber, crossing.eventId);
    for (const [number, eventId] of numbers) {
      const others = new Set(
        (context.links.passportHolders.get(number) ?? [])
          .filter((holder) => holder.nik !== view.nik && holder.time <= view.time)
          .map((holder) => holder.nik),
      );
      if (others.size > 0) {
        reasons.push({
          text: `passport ${number} is also recorded under ${others.size === 1 ? 'another NIK' : `${others.size} other NIKs`}`,
          evidence: [eventId],
        });
      }
    }
    return hitOf(reasons);
  },
};
