import { isFirstDeparture } from '../person/person-state';
import { countryName, crossingOf, hitOf, type Reason, type Rule } from './rule';

/**
 * R06: a placed worker leaves otherwise than the placement says: another country, another
 * checkpoint, a land border, or before training and the departure step. A worker going back to the
 * employer after home leave is held to the country only: the first departure's checkpoint and
 * steps belong to the first departure.
 */
export const R06: Rule<'R06'> = {
  id: 'R06',
  appliesTo: ['departure'],
  check(view, _config, context) {
    const crossing = crossingOf(view);
    const placement = view.activePlacements[view.activePlacements.length - 1];
    if (!crossing || !placement) return null;
    const evidence = [crossing.eventId, ...placement.eventIds];
    const reasons: Reason[] = [];
    const destination = crossing.finalDestinationCountry ?? crossing.countryCode;
    if (
      placement.destinationCountry !== destination &&
      placement.destinationCountry !== crossing.countryCode
    ) {
      reasons.push({
        text: `placement ${placement.placementId} is for ${countryName(context, placement.destinationCountry)}, departing to ${countryName(context, destination)}`,
        evidence,
      });
    }
    if (!isFirstDeparture(placement, crossing.eventTime)) return hitOf(reasons);
    if (
      placement.departureCheckpointCode !== null &&
      placement.departureCheckpointCode !== crossing.checkpointCode
    ) {
      reasons.push({
        text: `placement schedules departure through ${placement.departureCheckpointCode}, departing through ${crossing.checkpointCode}`,
        evidence,
      });
    } else if (
      crossing.checkpointType === 'LAND' &&
      placement.departureCheckpointCode !== crossing.checkpointCode
    ) {
      reasons.push({ text: `placed worker leaving by land through ${crossing.checkpointCode}`, evidence });
    }
    // The training and scheduling steps are a P3MI placement's; government-to-government, private
    // and independent placements train and schedule outside SISKOP2MI's P3MI steps.
    const stepsApply = placement.scheme === null || placement.scheme === 'P3MI';
    const missing = (['TRAINING_COMPLETED', 'DEPARTURE_SCHEDULED'] as const).filter(
      (step) => stepsApply && !placement.steps.has(step),
    );
    if (missing.length > 0) {
      reasons.push({
        text: `departing before the placement's ${missing.map((step) => step.toLowerCase().replace(/_/g, ' ')).join(' and ')} step`,
        evidence,
      });
    }
    return hitOf(reasons);
  },
};
