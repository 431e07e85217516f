import { checkCountry, checkNik, checkPassportNumber } from '@waspada/domain';
import { CONTRACTS, type CitizenAbroadEvent } from '@waspada/schemas';
import type { AgencyDefinition } from '../intake';

/** The foreign ministry's reports about citizens abroad (Peduli WNI). */
export const CITIZEN_ABROAD_AGENCY: AgencyDefinition<CitizenAbroadEvent> = {
  service: 'citizen-abroad-producer',
  contract: CONTRACTS.citizenAbroad,
  sourceAgency: 'KEMLU',
  sourceSystem: 'PEDULI_WNI',
  defaultPort: 18105,
  validate(event, context) {
    if (event.nik !== null) checkNik(context, 'nik', event.nik);
    if (event.passportNumber !== null) checkPassportNumber(context, 'passportNumber', event.passportNumber);
    if (event.nik === null && event.passportNumber === null) {
      context.errors.add('nik', 'a report needs the NIK or the passport number to find the person');
    }
    checkCountry(context, 'countryCode', event.countryCode);
  },
};
