import { checkDate, checkFamilyCard, checkNik, checkRegency } from '@waspada/domain';
import { CONTRACTS, type IdentityEvent } from '@waspada/schemas';
import type { AgencyDefinition } from '../intake';

const SNAPSHOT_FIELDS = ['fullName', 'birthDate', 'sex', 'addressRegencyCode'] as const;

/** Dukcapil's civil registry (SIAK). */
export const IDENTITY_AGENCY: AgencyDefinition<IdentityEvent> = {
  service: 'identity-producer',
  contract: CONTRACTS.identity,
  sourceAgency: 'DUKCAPIL',
  sourceSystem: 'SIAK',
  defaultPort: 18104,
  validate(event, context) {
    checkNik(context, 'nik', event.nik);
    if (event.eventType === 'SNAPSHOT') {
      for (const field of SNAPSHOT_FIELDS)
        if (event[field] === null) context.errors.add(field, 'is required in a SNAPSHOT');
    }
    if (event.eventType === 'CHANGED' && event.changedFields.length === 0) {
      context.errors.add('changedFields', 'must name the fields a CHANGED event updates');
    }
    if (event.birthDate !== null) checkDate(context, 'birthDate', event.birthDate, { notAfterToday: true });
    if (event.addressRegencyCode !== null)
      checkRegency(context, 'addressRegencyCode', event.addressRegencyCode);
    if (event.familyCardNumber !== null) checkFamilyCard(context, 'familyCardNumber', event.familyCardNumber);
    if (event.duplicateOfNik !== null) checkNik(context, 'duplicateOfNik', event.duplicateOfNik);
    else if (event.eventType === 'DUPLICATE_FLAGGED')
      context.errors.add('duplicateOfNik', 'is required for DUPLICATE_FLAGGED');
  },
};
