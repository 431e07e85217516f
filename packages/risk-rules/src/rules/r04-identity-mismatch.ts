import { namesMatch } from '../names/name-match';
import { hitOf, type Reason, type Rule } from './rule';

const STATUS_WORDS = {
  DECEASED: 'Dukcapil records this NIK as deceased',
  DEACTIVATED: 'Dukcapil has deactivated this NIK',
  DUPLICATE_FLAGGED: 'Dukcapil flags this NIK as a duplicate',
} as const;

/**
 * R04: the identity does not hold together. The NIK's status at Dukcapil; the birth date and sex
 * the NIK encodes against Dukcapil's record; the travel document or passport application against
 * Dukcapil (or against the NIK when Dukcapil has not reported the person).
 */
export const R04: Rule<'R04'> = {
  id: 'R04',
  appliesTo: ['departure', 'documents'],
  check(view) {
    const reasons: Reason[] = [];
    const { identity, nikFacts } = view;
    if (identity && identity.status !== 'ACTIVE') {
      reasons.push({ text: STATUS_WORDS[identity.status], evidence: [identity.statusEventId ?? ''] });
    }
    if (identity && nikFacts) {
      // The NIK holds a two-digit year: a record that differs only in the century (a child born in
      // 2022 whose record was decoded as 1922 before the birth was known) agrees with it.
      if (identity.birthDate !== null && identity.birthDate.slice(2) !== nikFacts.birthDate.slice(2)) {
        reasons.push({
          text: `the NIK encodes birth date ${nikFacts.birthDate}, Dukcapil records ${identity.birthDate}`,
          evidence: [...identity.eventIds],
        });
      }
      if (identity.sex !== null && identity.sex !== nikFacts.sex) {
        reasons.push({
          text: `the NIK encodes sex ${nikFacts.sex.toLowerCase()}, Dukcapil records ${identity.sex.toLowerCase()}`,
          evidence: [...identity.eventIds],
        });
      }
    }
    const trigger = view.situation.trigger;
    const document =
      trigger.kind === 'crossing'
        ? {
            what: 'the travel document',
            fullName: trigger.fullName,
            birthDate: trigger.birthDate,
            sex: trigger.sex,
          }
        : trigger.kind === 'passport'
          ? {
              what: 'the passport record',
              fullName: trigger.fullName,
              birthDate: trigger.birthDate,
              sex: trigger.sex,
            }
          : undefined;
    if (document) {
      const against = identity ? 'Dukcapil' : 'the NIK';
      const birthDate = identity?.birthDate ?? nikFacts?.birthDate ?? null;
      const sex = identity?.sex ?? nikFacts?.sex ?? null;
      const evidence = [trigger.eventId, ...(identity?.eventIds ?? [])];
      if (identity?.fullName && document.fullName && !namesMatch(identity.fullName, document.fullName)) {
        reasons.push({ text: `the name on ${document.what} does not match Dukcapil's`, evidence });
      }
      if (birthDate && document.birthDate && birthDate !== document.birthDate) {
        reasons.push({
          text: `${document.what} gives birth date ${document.birthDate}, ${against} ${birthDate}`,
          evidence,
        });
      }
      if (sex && document.sex && sex !== document.sex) {
        reasons.push({
          text: `${document.what} gives sex ${document.sex.toLowerCase()}, ${against} ${sex.toLowerCase()}`,
          evidence,
        });
      }
    }
    return hitOf(reasons);
  },
};
