import { countryName, crossingOf, dateOf, DAY_MS, hitOf, type Rule } from './rule';

/** R12: a person repatriated or deported, or whose case abroad was closed, leaving again within the window. */
export const R12: Rule<'R12'> = {
  id: 'R12',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (!crossing) return null;
    const since = crossing.eventTime - config.params.windowDays * DAY_MS;
    const cases = view.events.filter(
      (event) =>
        event.kind === 'abroad' &&
        event.eventTime >= since &&
        event.eventTime < crossing.eventTime &&
        (config.params.categories.includes(event.category) || event.caseStatus === 'CLOSED'),
    );
    const last = cases.pop();
    if (last?.kind !== 'abroad') return null;
    const what =
      last.caseStatus === 'CLOSED' && !config.params.categories.includes(last.category)
        ? 'case closed'
        : last.category.toLowerCase();
    return hitOf([
      {
        text: `${what} from ${countryName(context, last.countryCode)} on ${dateOf(last.eventTime)} (report ${last.reportId}); departing again to ${countryName(context, crossing.countryCode)}`,
        evidence: [last.eventId, crossing.eventId],
      },
    ]);
  },
};
