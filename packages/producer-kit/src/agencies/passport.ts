import { checkCountry, checkDate, checkNik, checkPassportNumber, checkRegency } from '@waspada/domain';
import { CONTRACTS, type PassportEvent } from '@waspada/schemas';
import type { AgencyDefinition } from '../intake';

const NEEDS_PASSPORT: readonly PassportEvent['eventType'][] = ['ISSUED', 'REVOKED', 'REPORTED_LOST'];
const NEEDS_REASON: readonly PassportEvent['eventType'][] = ['REFUSED', 'DEFERRED', 'REVOKED'];

/** Immigration's passport lifecycle (SIMKIM). */
export const PASSPORT_AGENCY: AgencyDefinition<PassportEvent> = {
  service: 'passport-producer',
  contract: CONTRACTS.passport,
  sourceAgency: 'IMIGRASI',
  sourceSystem: 'SIMKIM',
  defaultPort: 18101,
  validate(event, context) {
    checkNik(context, 'nik', event.nik);
    checkRegency(context, 'officeRegencyCode', event.officeRegencyCode);
    if (event.passportNumber !== null) checkPassportNumber(context, 'passportNumber', event.passportNumber);
    else if (NEEDS_PASSPORT.includes(event.eventType))
      context.errors.add('passportNumber', `is required for ${event.eventType}`);
    if (event.decisionReason === null && NEEDS_REASON.includes(event.eventType)) {
      context.errors.add('decisionReason', `is required for ${event.eventType}`);
    }
    if (event.destinationCountry !== null)
      checkCountry(context, 'destinationCountry', event.destinationCountry);
    if (event.birthDate !== null) checkDate(context, 'birthDate', event.birthDate, { notAfterToday: true });
  },
};
