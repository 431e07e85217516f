import { checkCheckpoint, checkCountry, checkDate, checkNik } from '@waspada/domain';
import { CONTRACTS, type PlacementEvent } from '@waspada/schemas';
import type { AgencyDefinition } from '../intake';

/** KP2MI's placement process (SISKOP2MI). */
export const PLACEMENT_AGENCY: AgencyDefinition<PlacementEvent> = {
  service: 'placement-producer',
  contract: CONTRACTS.placement,
  sourceAgency: 'KP2MI',
  sourceSystem: 'SISKOP2MI',
  defaultPort: 18103,
  validate(event, context) {
    checkNik(context, 'nik', event.nik);
    checkCountry(context, 'destinationCountry', event.destinationCountry);
    if (event.scheduledDepartureDate !== null)
      checkDate(context, 'scheduledDepartureDate', event.scheduledDepartureDate);
    else if (event.eventType === 'DEPARTURE_SCHEDULED')
      context.errors.add('scheduledDepartureDate', 'is required for DEPARTURE_SCHEDULED');
    if (event.contractEndDate !== null) checkDate(context, 'contractEndDate', event.contractEndDate);
    if (event.departureCheckpointCode !== null)
      checkCheckpoint(context, 'departureCheckpointCode', event.departureCheckpointCode);
    if (event.eventType === 'EPMI_CARD_ISSUED' && event.epmiCardNumber === null) {
      context.errors.add('epmiCardNumber', 'is required for EPMI_CARD_ISSUED');
    }
  },
};
