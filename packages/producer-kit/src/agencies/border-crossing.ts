import { checkCheckpoint, checkCountry, checkDate, checkNik, checkPassportNumber } from '@waspada/domain';
import { CONTRACTS, type BorderCrossingEvent } from '@waspada/schemas';
import type { AgencyDefinition } from '../intake';

/** Immigration's checkpoint scans and clearances at TPI and PLBN. */
export const BORDER_CROSSING_AGENCY: AgencyDefinition<BorderCrossingEvent> = {
  service: 'border-crossing-producer',
  contract: CONTRACTS.borderCrossing,
  sourceAgency: 'IMIGRASI',
  sourceSystem: 'SIMKIM',
  defaultPort: 18102,
  validate(event, context) {
    checkNik(context, 'nik', event.nik);
    if (checkCheckpoint(context, 'checkpointCode', event.checkpointCode)) {
      const checkpoint = context.reference.checkpoints.get(event.checkpointCode);
      if (checkpoint && checkpoint.type.toUpperCase() !== event.checkpointType) {
        context.errors.add(
          'checkpointType',
          `${event.checkpointCode} is a ${checkpoint.type} checkpoint, not ${event.checkpointType}`,
        );
      }
    }
    if (event.documentType === 'PASSPORT')
      checkPassportNumber(context, 'documentNumber', event.documentNumber);
    checkCountry(context, 'countryCode', event.countryCode);
    event.transitCountries.forEach((country, index) =>
      checkCountry(context, `transitCountries.${index}`, country),
    );
    checkDate(context, 'birthDate', event.birthDate, { notAfterToday: true });
    if (event.returnDate !== null) checkDate(context, 'returnDate', event.returnDate);
  },
};
