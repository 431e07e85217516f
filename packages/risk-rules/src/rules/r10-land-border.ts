import { within } from '../person/person-view';
import { crossingOf, dateOf, hitOf, type Reason, type Rule } from './rule';

/**
 * R10: a land-border departure by a working-age person from outside the border regencies with no
 * return within the allowed stay (judged by a timer in event time), or a border pass (PLB) used
 * by someone who does not live in a border regency.
 */
export const R10: Rule<'R10'> = {
  id: 'R10',
  appliesTo: ['departure', 'overstay'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (crossing?.checkpointType !== 'LAND') return null;
    const borderResident = context.ruleSet.borderRegencies.includes(view.originRegencyCode);
    const reasons: Reason[] = [];
    if (view.situation.kind === 'departure') {
      if (crossing.documentType === 'PLB' && !borderResident) {
        reasons.push({
          text: `border pass (PLB) used at ${crossing.checkpointCode} by a resident of ${view.originRegencyCode}, outside the border area`,
          evidence: [crossing.eventId],
        });
      }
      return hitOf(reasons);
    }
    if (borderResident || !within(context.ruleSet.workingAge, view.ageYears)) return null;
    const returned = view.events.some(
      (event) =>
        event.kind === 'crossing' && event.direction === 'ARRIVAL' && event.eventTime > crossing.eventTime,
    );
    if (returned) return null;
    reasons.push({
      text: `left by land through ${crossing.checkpointCode} on ${dateOf(crossing.eventTime)}; no return within ${config.params.allowedStayDays} days`,
      evidence: [crossing.eventId],
    });
    return hitOf(reasons);
  },
};
