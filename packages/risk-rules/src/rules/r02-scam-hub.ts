import { countryName, crossingOf, hitOf, type Reason, type Rule } from './rule';
import { within } from '../person/person-view';

/** R02: a young adult without placement heading to, or routed through, an online-scam hub. */
export const R02: Rule<'R02'> = {
  id: 'R02',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (!crossing || !within(config.params.age, view.ageYears)) return null;
    if (view.activePlacements.some((placement) => placement.destinationCountry === crossing.countryCode))
      return null;
    const hubs = context.reference.countryGroups[config.params.hubs];
    const reasons: Reason[] = [];
    if (hubs.has(crossing.countryCode)) {
      reasons.push({
        text: `destination ${countryName(context, crossing.countryCode)}, where online-scam compounds hold trafficked Indonesians; aged ${view.ageYears ?? '?'}, no placement`,
        evidence: [crossing.eventId],
      });
    }
    const viaHub = crossing.transitCountries.filter((code) => hubs.has(code));
    if (viaHub.length > 0) {
      reasons.push({
        text: `route through ${viaHub.map((code) => countryName(context, code)).join(', ')}, a scam-compound area`,
        evidence: [crossing.eventId],
      });
    }
    return hitOf(reasons);
  },
};
