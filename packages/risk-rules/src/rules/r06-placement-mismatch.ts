import { isFirstDeparture } from '../person/person-state';
import { crossingOf, hitOf, reason, type Reason, type Rule } from './rule';

/**
 * R06: a placed worker leaves otherwise than the placement says: another country, another
 * checkpoint, a land border, or before training and the departure step. A worker going back to the
 * employer after home leave is held to the country only: the first departure's checkpoint and
 * steps belong to the first departure.
 */
export const R06: Rule<'R06'> = {
  id: 'R06',
  appliesTo: ['departure'],
  check(view) {
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
      reasons.push(
        reason(
          'R06.otherCountry',
          {
            placement: placement.placementId,
            placementCountry: placement.destinationCountry,
            country: destination,
          },
          evidence,
        ),
      );
    }
    if (!isFirstDeparture(placement, crossing.eventTime)) return hitOf(reasons);
    if (
      placement.departureCheckpointCode !== null &&
      placement.departureCheckpointCode !== crossing.checkpointCode
    ) {
      reasons.push(
        reason(
          'R06.otherCheckpoint',
          { plannedCheckpoint: placement.departureCheckpointCode, checkpoint: crossing.checkpointCode },
          evidence,
        ),
      );
    } else if (
      crossing.checkpointType === 'LAND' &&
      placement.departureCheckpointCode !== crossing.checkpointCode
    ) {
      reasons.push(reason('R06.landBorder', { checkpoint: crossing.checkpointCode }, evidence));
    }
    // The training and scheduling steps are a P3MI placement's; government-to-government, private
    // and independent placements train and schedule outside SISKOP2MI's P3MI steps.
    const stepsApply = placement.scheme === null || placement.scheme === 'P3MI';
    const untrained = stepsApply && !placement.steps.has('TRAINING_COMPLETED');
    const unscheduled = stepsApply && !placement.steps.has('DEPARTURE_SCHEDULED');
    if (untrained || unscheduled) {
      reasons.push(
        reason(
          untrained && unscheduled
            ? 'R06.beforeTrainingAndScheduling'
            : untrained
              ? 'R06.beforeTraining'
              : 'R06.beforeScheduling',
          {},
          evidence,
        ),
      );
    }
    return hitOf(reasons);
  },
};
