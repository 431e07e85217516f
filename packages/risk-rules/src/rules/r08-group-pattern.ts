import type { LinkedPerson } from '../context';
import { normalizedName } from '../names/name-match';
import { crossingOf, hitOf, type Reason, type Rule } from './rule';

/**
 * R08: a recruited group. k or more travellers without placements, from the same regency, sharing
 * a booking reference or a sponsor within the window; or a sponsor already named by people who
 * were alerted on.
 */
export const R08: Rule<'R08'> = {
  id: 'R08',
  appliesTo: ['departure'],
  check(view, config, context) {
    const crossing = crossingOf(view);
    if (!crossing || view.activePlacements.length > 0) return null;
    const { minTravellers, windowHours, linkedAlertScore } = config.params;
    const since = crossing.eventTime - windowHours * 3_600_000;
    const regency = view.originRegencyCode;
    // A scan and a clearance index one traveller twice: count people, not entries.
    const group = (people: readonly LinkedPerson[] | undefined) => [
      ...new Set(
        (people ?? [])
          .filter(
            (other) =>
              other.time >= since &&
              other.time <= crossing.eventTime &&
              !other.placement &&
              other.nik.startsWith(regency),
          )
          .map((other) => other.nik),
      ),
    ];
    const reasons: Reason[] = [];
    const regencyName = context.reference.regencies.get(regency)?.name ?? regency;
    if (crossing.bookingReference) {
      const members = group(context.links.byBooking.get(crossing.bookingReference));
      if (members.length >= minTravellers) {
        reasons.push({
          text: `${members.length} travellers from ${regencyName} without placements on booking ${crossing.bookingReference} within ${windowHours} h`,
          evidence: [crossing.eventId],
        });
      }
    }
    let extra = 0;
    if (crossing.sponsor) {
      const sponsor = normalizedName(crossing.sponsor);
      const members = group(context.links.bySponsor.get(sponsor));
      if (members.length >= minTravellers) {
        reasons.push({
          text: `${members.length} travellers from ${regencyName} without placements named the same sponsor within ${windowHours} h`,
          evidence: [crossing.eventId],
        });
      }
      const alerted = new Set(
        (context.links.sponsorAlerts.get(sponsor) ?? [])
          .filter((other) => other.nik !== view.nik && other.time < crossing.eventTime)
          .map((other) => other.nik),
      );
      if (alerted.size > 0) {
        reasons.push({
          text: `the sponsor was named by ${alerted.size} earlier alerted traveller${alerted.size === 1 ? '' : 's'}`,
          evidence: [crossing.eventId],
        });
        extra = linkedAlertScore;
      }
    }
    return hitOf(reasons, extra);
  },
};
