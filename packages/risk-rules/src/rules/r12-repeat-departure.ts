import { countryName, crossingOf, dateOf, DAY_MS, hitOf, type Rule } from './rule';

const ARRIVAL_WORDS = {
  DEPORTED: 'deported',
  REPATRIATED: 'repatriated',
  EMERGENCY_TRAVEL_DOCUMENT: 'came home on an emergency travel document (SPLP)',
} as const;

/**
 * R12: a person repatriated or deported (reported so from abroad, or recorded so by Immigration on
 * arrival), or whose case abroad was closed, leaving again within the window: victims are often
 * recruited again by the same network.
 */
export const R12: Rule<'R12'> = {
  id: 'R12',
  appliesTo: ['departure'],
  check(view, config, context) {
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
    const destination = countryName(context, crossing.finalDestinationCountry ?? crossing.countryCode);
    if (last?.kind === 'crossing' && last.arrivalCategory !== null) {
      const how = ARRIVAL_WORDS[last.arrivalCategory as keyof typeof ARRIVAL_WORDS];
      return hitOf([
        {
          text: `${how} from ${countryName(context, last.countryCode)}, arriving through ${last.checkpointCode} on ${dateOf(last.eventTime)}; departing again to ${destination}`,
          evidence: [last.eventId, crossing.eventId],
        },
      ]);
    }
    if (last?.kind !== 'abroad') return null;
    const what =
      last.caseStatus === 'CLOSED' && !categories.includes(last.category)
        ? 'case closed'
        : last.category.toLowerCase();
    return hitOf([
      {
        text: `${what} from ${countryName(context, last.countryCode)} on ${dateOf(last.eventTime)} (report ${last.reportId}); departing again to ${destination}`,
        evidence: [last.eventId, crossing.eventId],
      },
    ]);
  },
};
