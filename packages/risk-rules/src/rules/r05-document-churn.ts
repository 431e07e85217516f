import { crossingOf, DAY_MS, hitOf, reason, type Reason, type Rule } from './rule';

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
      reasons.push(
        reason('R05.applications', { count: String(applications.size), days: String(params.windowDays) }, [
          ...applications.values(),
        ]),
      );
    }
    const lost = recent.filter((event) => event.kind === 'passport' && event.eventType === 'REPORTED_LOST');
    if (lost.length > params.maxLostReports) {
      reasons.push(
        reason(
          'R05.lostReports',
          { count: String(lost.length), days: String(params.windowDays) },
          lost.map((event) => event.eventId),
        ),
      );
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
        reasons.push(
          others.size === 1
            ? reason('R05.sharedPassport', { passport: number }, [eventId])
            : reason('R05.sharedPassportMany', { passport: number, count: String(others.size) }, [eventId]),
        );
      }
    }
    return hitOf(reasons);
  },
};
