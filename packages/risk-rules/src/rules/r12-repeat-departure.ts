import { crossingOf, dateOf, DAY_MS, hitOf, reason, type Rule } from './rule';

/**
 * R12: a person repatriated or deported (reported so from abroad, or recorded so by Immigration on
 * arrival), or whose case abroad was closed, leaving again within the window: victims are often
 * recruited again by the same network.
 */
export const R12: Rule<'R12'> = {
  id: 'R12',
  appliesTo: ['departure'],
  check(view, config) {
    const crossing = crossingOf(view);
    if (!crossing) return null;
    const since = crossing.eventTime - config.params.windowDays * DAY_MS;
    const { categories, arrivalCategories } = config.params;
    const last = view.events
      .filter(
        (event) =>
          event.eventTime >= since &&
          event.eventTime < crossing.eventTime &&
          ((event.kind === 'abroad' &&
            (categories.includes(event.category) || event.caseStatus === 'CLOSED')) ||
            (event.kind === 'crossing' &&
              event.direction === 'ARRIVAL' &&
              event.arrivalCategory !== null &&
              event.arrivalCategory !== 'REGULAR' &&
              event.arrivalCategory !== 'RETURNING_MIGRANT_WORKER' &&
              arrivalCategories.includes(event.arrivalCategory))),
      )
      .pop();
    if (!last) return null;
    const country = crossing.finalDestinationCountry ?? crossing.countryCode;
    const evidence = [last.eventId, crossing.eventId];
    if (last.kind === 'crossing' && last.arrivalCategory !== null) {
      const facts = {
        arrival: last.arrivalCategory,
        fromCountry: last.countryCode,
        checkpoint: last.checkpointCode,
        date: dateOf(last.eventTime),
        country,
      };
      return hitOf([reason('R12.arrival', facts, evidence)]);
    }
    if (last.kind !== 'abroad') return null;
    const facts = {
      fromCountry: last.countryCode,
      date: dateOf(last.eventTime),
      report: last.reportId,
      country,
    };
    return hitOf([
      last.caseStatus === 'CLOSED' && !categories.includes(last.category)
        ? reason('R12.caseClosed', facts, evidence)
        : reason('R12.report', { ...facts, category: last.category }, evidence),
    ]);
  },
};
