/**
 * One case, told consistently across the delivery tests: Siti Aminah, born 24 July 1998 in
 * Kabupaten Bogor, leaves for Malaysia by land through PLBN Entikong on 20 November 2026 with a
 * border pass issued nine days earlier and a sponsor on the Polri watchlist. Defaults describe that
 * case; a test overrides only what makes its own.
 */
import type { RiskAlert } from '@waspada/schemas';
import type { FieldProfile, SubscriptionFilter } from '../src/delivery-config';

/** Regency 3201, district 12, day 24 + 40 (a woman), month 07, year 98, serial 0003. */
export const NIK = '3201126407980003';
export const MASKED_NIK = '3201**********03';
export const BIRTH_DATE = '1998-07-24';

/** 20 November 2026, 08:12 in Pontianak (WIB), when the border pass was scanned. */
export const SCAN_TIME = Date.UTC(2026, 10, 20, 1, 12);

export const EVENT_IDS = {
  identity: '5d0b9a6e-8f0c-5f51-9b5e-0c7a6d4e2f11',
  passport: 'a3f1c2d4-1b7e-5c44-8e0f-2d9b6a1c7e22',
  placement: 'c61e0a9b-7d3f-5a28-b1c4-9e8f2a7d3b33',
  crossing: 'e7b4d1f0-3c6a-5e19-a2d8-4f1b9c0e6a44',
  abroad: '0f9e8d7c-6b5a-5493-8271-6a5b4c3d2e55',
} as const;

export const ALERT_ID = '8c2f4b1e-6a3d-5f7e-9b0c-1d2e3f4a5b6c';

type AlertPerson = RiskAlert['person'];
type AlertTarget = RiskAlert['target'];
type FiredRule = RiskAlert['rules'][number];

export type AlertOverrides = Partial<Omit<RiskAlert, 'person' | 'target'>> & {
  person?: Partial<AlertPerson>;
  target?: Partial<AlertTarget>;
};

/** The reason texts the rule set wrote for the case; R09 quotes the NIK from a Polri watchlist entry. */
export const REASONS = {
  borderPass: 'border pass (PLB) used at PLBN-ENTIKONG by a resident of 3201, outside the border area',
  documentBirthDate: `the travel document gives birth date 1999-07-24, Dukcapil ${BIRTH_DATE}`,
  freshPassport: 'passport issued 9 days before departure (2026-11-11)',
  oneWay: 'one-way to Malaysia: no return booking shown',
  watchlist: `sponsor matches watchlisted person WL-2026-0042: named in Polri report LP/B/311/XI/2026 as recruiter of ${NIK}`,
} as const;

/** The message key and values each reason was written from; R09's quote the NIK as the text does. */
const KEYED = {
  borderPass: {
    messageKey: 'R10.borderPassOutsideBorder',
    params: { checkpoint: 'PLBN-ENTIKONG', regency: '3201' },
  },
  documentBirthDate: {
    messageKey: 'R04.documentBirthDate',
    params: {
      document: 'crossing',
      documentBirthDate: '1999-07-24',
      against: 'identity',
      recordBirthDate: BIRTH_DATE,
    },
  },
  freshPassport: { messageKey: 'R01.freshPassport', params: { days: '9', date: '2026-11-11' } },
  oneWay: { messageKey: 'R01.oneWay', params: { country: 'MY' } },
  watchlist: {
    messageKey: 'R09.sponsorListed',
    params: {
      entryType: 'RECRUITER',
      entry: 'WL-2026-0042',
      listReason: `named in Polri report LP/B/311/XI/2026 as recruiter of ${NIK}`,
    },
  },
} as const;

const reason = (name: keyof typeof REASONS, evidence: string[]) => ({
  text: REASONS[name],
  evidence,
  messageKey: KEYED[name].messageKey,
  params: { ...KEYED[name].params },
});

function rules(): FiredRule[] {
  return [
    {
      ruleId: 'R10',
      title: 'Land border outside the border area',
      severity: 'HIGH',
      score: 30,
      reasons: [reason('borderPass', [EVENT_IDS.crossing])],
    },
    {
      ruleId: 'R04',
      title: 'Identity does not hold together',
      severity: 'MEDIUM',
      score: 15,
      reasons: [reason('documentBirthDate', [EVENT_IDS.crossing, EVENT_IDS.identity])],
    },
    {
      ruleId: 'R01',
      title: 'Labour migration declared as tourism',
      severity: 'MEDIUM',
      score: 20,
      reasons: [
        reason('freshPassport', [EVENT_IDS.passport, EVENT_IDS.crossing]),
        reason('oneWay', [EVENT_IDS.crossing]),
      ],
    },
    {
      ruleId: 'R09',
      title: 'Watchlisted sponsor or company',
      severity: 'CRITICAL',
      score: 20,
      reasons: [reason('watchlist', [EVENT_IDS.crossing, 'wl-2026-0042'])],
    },
  ];
}

/** A NEW, CRITICAL departure alert for the case; a fresh copy on every call. */
export function riskAlert(overrides: AlertOverrides = {}): RiskAlert {
  const { person, target, ...rest } = overrides;
  return {
    alertId: ALERT_ID,
    firstAlertId: ALERT_ID,
    revision: 0,
    kind: 'NEW',
    situation: 'departure:PLBN-ENTIKONG:2026-11-20',
    person: {
      nik: NIK,
      fullName: 'SITI AMINAH',
      birthDate: BIRTH_DATE,
      sex: 'FEMALE',
      ageYears: 28,
      originRegencyCode: '3201',
      originRegencyName: 'Kabupaten Bogor',
      ...person,
    },
    target: { checkpointCode: 'PLBN-ENTIKONG', counterId: 'ENT-DEP-03', regencyCode: '3201', ...target },
    severity: 'CRITICAL',
    score: 85,
    rules: rules(),
    recommendedActions: ['REFER_SECONDARY_INSPECTION', 'INTERVIEW', 'NOTIFY_ORIGIN_REGENCY'],
    ruleSetVersion: '2026.11.1',
    triggerEventId: EVENT_IDS.crossing,
    eventTime: SCAN_TIME,
    alertTime: SCAN_TIME + 1_480,
    procedureVersion: '2026.11.1',
    exemptedRules: [],
    ...rest,
  };
}

/** The case's alert with one R09 rule whose reasons are exactly the given texts, as written before reasons carried keys. */
export function alertWithReasons(texts: readonly string[], overrides: AlertOverrides = {}): RiskAlert {
  return riskAlert({
    rules: [
      {
        ruleId: 'R09',
        title: 'Watchlisted sponsor or company',
        severity: 'CRITICAL',
        score: 20,
        reasons: texts.map((text) => ({
          text,
          evidence: [EVENT_IDS.crossing],
          messageKey: null,
          params: {},
        })),
      },
    ],
    ...overrides,
  });
}

/** The profiles of config/delivery.local.json. */
export const PROFILES = {
  enforcement: {
    nik: 'full',
    name: true,
    birthDate: true,
    sexAndAge: true,
    origin: true,
    reasons: true,
    evidence: true,
    counter: true,
  },
  regionalAgency: {
    nik: 'masked',
    name: true,
    birthDate: false,
    sexAndAge: true,
    origin: true,
    reasons: true,
    evidence: false,
    counter: false,
  },
  statistics: {
    nik: 'omit',
    name: false,
    birthDate: false,
    sexAndAge: false,
    origin: true,
    reasons: false,
    evidence: false,
    counter: false,
  },
} as const satisfies Record<string, FieldProfile>;

/** The regional-agency profile with some fields changed. */
export const profileWith = (overrides: Partial<FieldProfile>): FieldProfile => ({
  ...PROFILES.regionalAgency,
  ...overrides,
});

/** A filter as the config schema fills it in: every list empty, minimum severity LOW. */
export const filterWith = (overrides: Partial<SubscriptionFilter> = {}): SubscriptionFilter => ({
  minSeverity: 'LOW',
  rules: [],
  kinds: [],
  situations: [],
  regions: [],
  checkpoints: [],
  ...overrides,
});
