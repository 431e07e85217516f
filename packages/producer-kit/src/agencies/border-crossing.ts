import {
  checkCheckpoint,
  checkCountry,
  checkDate,
  checkNik,
  checkPassportNumber,
  checkPhone,
  checkPlbNumber,
} from '@waspada/domain';
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
    else if (event.documentType === 'PLB') checkPlbNumber(context, 'documentNumber', event.documentNumber);
    checkCountry(context, 'countryCode', event.countryCode);
    event.transitCountries.forEach((country, index) =>
      checkCountry(context, `transitCountries.${index}`, country),
    );
    checkDate(context, 'birthDate', event.birthDate, { notAfterToday: true });
    if (event.returnDate !== null) checkDate(context, 'returnDate', event.returnDate);
    if (event.finalDestinationCountry !== null)
      checkCountry(context, 'finalDestinationCountry', event.finalDestinationCountry);
    if (event.bookingPartySize !== null && event.bookingPartySize < 1)
      context.errors.add('bookingPartySize', 'counts the traveller too, so it is at least 1');
    event.bookingParty.forEach((passenger, index) => {
      if (passenger.birthDate !== null)
        checkDate(context, `bookingParty.${index}.birthDate`, passenger.birthDate, { notAfterToday: true });
      if (passenger.nik !== null) checkNik(context, `bookingParty.${index}.nik`, passenger.nik);
    });
    event.contactPhones.forEach((phone, index) => checkPhone(context, `contactPhones.${index}`, phone));
    if (event.arrivalCategory !== null && event.direction !== 'ARRIVAL')
      context.errors.add('arrivalCategory', 'is recorded on an ARRIVAL only');
  },
};
