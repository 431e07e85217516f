import { namesMatch } from '../names/name-match';
import { hitOf, reason, type Reason, type Rule } from './rule';

const STATUS_KEYS = {
  DECEASED: 'R04.nikDeceased',
  DEACTIVATED: 'R04.nikDeactivated',
  DUPLICATE_FLAGGED: 'R04.nikDuplicate',
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
      reasons.push(reason(STATUS_KEYS[identity.status], {}, [identity.statusEventId ?? '']));
    }
    if (identity && nikFacts) {
      // The NIK holds a two-digit year: a record that differs only in the century (a child born in
      // 2022 whose record was decoded as 1922 before the birth was known) agrees with it.
      if (identity.birthDate !== null && identity.birthDate.slice(2) !== nikFacts.birthDate.slice(2)) {
        reasons.push(
          reason(
            'R04.nikBirthDate',
            { nikBirthDate: nikFacts.birthDate, recordBirthDate: identity.birthDate },
            identity.eventIds,
          ),
        );
      }
      if (identity.sex !== null && identity.sex !== nikFacts.sex) {
        reasons.push(
          reason('R04.nikSex', { nikSex: nikFacts.sex, recordSex: identity.sex }, identity.eventIds),
        );
      }
    }
    const trigger = view.situation.trigger;
    const document =
      trigger.kind === 'crossing'
        ? {
            document: 'crossing',
            fullName: trigger.fullName,
            birthDate: trigger.birthDate,
            sex: trigger.sex,
          }
        : trigger.kind === 'passport'
          ? {
              document: 'passport',
              fullName: trigger.fullName,
              birthDate: trigger.birthDate,
              sex: trigger.sex,
            }
          : undefined;
    if (document) {
      const against = identity ? 'identity' : 'nik';
      const birthDate = identity?.birthDate ?? nikFacts?.birthDate ?? null;
      const sex = identity?.sex ?? nikFacts?.sex ?? null;
      const evidence = [trigger.eventId, ...(identity?.eventIds ?? [])];
      if (identity?.fullName && document.fullName && !namesMatch(identity.fullName, document.fullName)) {
        reasons.push(reason('R04.nameMismatch', { document: document.document }, evidence));
      }
      if (birthDate && document.birthDate && birthDate !== document.birthDate) {
        reasons.push(
          reason(
            'R04.documentBirthDate',
            {
              document: document.document,
              documentBirthDate: document.birthDate,
              against,
              recordBirthDate: birthDate,
            },
            evidence,
          ),
        );
      }
      if (sex && document.sex && sex !== document.sex) {
        reasons.push(
          reason(
            'R04.documentSex',
            { document: document.document, documentSex: document.sex, against, recordSex: sex },
            evidence,
          ),
        );
      }
    }
    return hitOf(reasons);
  },
};
