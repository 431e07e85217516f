import {
  checkCheckpoint,
  checkCountry,
  checkDate,
  checkNik,
  checkPassportNumber,
  checkPlbNumber,
  checkRegency,
} from '@waspada/domain';
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
    const plb = event.documentType === 'PLB';
    if (event.passportNumber !== null)
      (plb ? checkPlbNumber : checkPassportNumber)(context, 'passportNumber', event.passportNumber);
    else if (NEEDS_PASSPORT.includes(event.eventType))
      context.errors.add('passportNumber', `is required for ${event.eventType}`);
    if (event.decisionReason === null && NEEDS_REASON.includes(event.eventType)) {
      context.errors.add('decisionReason', `is required for ${event.eventType}`);
    }
    if (event.destinationCountry !== null)
      checkCountry(context, 'destinationCountry', event.destinationCountry);
    event.plbBorderPosts.forEach((code, index) => {
      if (checkCheckpoint(context, `plbBorderPosts.${index}`, code) && !code.startsWith('PLBN-'))
        context.errors.add(`plbBorderPosts.${index}`, `${code} is not a land border post (PLBN-...)`);
    });
    if (!plb && (event.plbBorderPosts.length > 0 || event.plbAllowedStayDays !== null))
      context.errors.add('documentType', 'must be PLB when PLB border posts or an allowed stay are given');
    if (event.plbAllowedStayDays !== null && (event.plbAllowedStayDays < 1 || event.plbAllowedStayDays > 365))
      context.errors.add('plbAllowedStayDays', 'must be between 1 and 365 days');
    if (event.birthDate !== null) checkDate(context, 'birthDate', event.birthDate, { notAfterToday: true });
  },
};
