import { ADDED_FIELD_DEFAULTS } from '@waspada/schemas';
/**
 * Builders of agency events, people and rule contexts for the risk-rule tests. Every event carries
 * all the fields of its generated type; defaults describe an ordinary, unremarkable traveller, so
 * a test states only what makes its case.
 */
import { decodeNik, referenceData } from '@waspada/domain';
import {
  applyEvent,
  emptyPersonState,
  loadRuleSet,
  NO_LINKS,
  overstaySituation,
  situationsAfter,
  watchlistOf,
  type AbroadEvent,
  type CrossingEvent,
  type Links,
  type PersonEvent,
  type PersonState,
  type RuleContext,
  type RuleSet,
  type Situation,
  type WatchlistEntry,
} from '../../src';

export type PassportRecord = Extract<PersonEvent, { kind: 'passport' }>;
export type PlacementRecord = Extract<PersonEvent, { kind: 'placement' }>;
export type IdentityRecord = Extract<PersonEvent, { kind: 'identity' }>;
export type { AbroadEvent, CrossingEvent };

/** The fixed clock of every test: 20 November 2026, 08:00 UTC (15:00 in Jakarta). */
export const NOW = Date.UTC(2026, 10, 20, 8, 0);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const daysAgo = (days: number): number => NOW - days * DAY;
export const daysFromNow = (days: number): number => NOW + days * DAY;
/** YYYY-MM-DD of a moment, as booking and birth dates are written. */
export const dateOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

let nextId = 0;
/** Event ids are `e-1`, `e-2`, ... in the order events are built; reset before each test. */
export function resetEventIds(): void {
  nextId = 0;
}
const newEventId = (): string => `e-${++nextId}`;

const reference = referenceData();

/**
 * A valid NIK: regency (4 digits), district 01, the birth date as DDMMYY with 40 added to the day
 * for women, and a serial. Throws when the parts do not make a NIK Dukcapil would issue.
 */
export function nikFor(person: {
  regency: string;
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
  serial?: number;
  district?: string;
}): string {
  const [year, month, day] = person.birthDate.split('-') as [string, string, string];
  const encodedDay = Number(day) + (person.sex === 'FEMALE' ? 40 : 0);
  const nik = [
    person.regency,
    person.district ?? '01',
    String(encodedDay).padStart(2, '0'),
    month,
    year.slice(2),
    String(person.serial ?? 1).padStart(4, '0'),
  ].join('');
  const decoded = decodeNik(nik, { regencies: reference.regencies, today: new Date(NOW) });
  if (!decoded.ok) throw new Error(`nikFor built an invalid NIK ${nik}: ${decoded.reason}`);
  if (decoded.value.birthDate !== person.birthDate) {
    throw new Error(`nikFor: ${nik} decodes to ${decoded.value.birthDate}, not ${person.birthDate}`);
  }
  return nik;
}

/** Birth date and sex as the NIK encodes them, so documents agree with the NIK unless told not to. */
function factsOf(nik: string): { birthDate: string; sex: 'MALE' | 'FEMALE' } {
  const decoded = decodeNik(nik, { regencies: reference.regencies, today: new Date(NOW) });
  if (!decoded.ok) throw new Error(`test NIK ${nik} is invalid: ${decoded.reason}`);
  return { birthDate: decoded.value.birthDate, sex: decoded.value.sex };
}

type Fields<E> = Partial<Omit<E, 'kind' | 'nik'>>;

/** A crossing at a checkpoint; by default a pre-clearance scan at Soekarno-Hatta, a week's holiday in Malaysia. */
export function crossingEvent(nik: string, fields: Fields<CrossingEvent> = {}): CrossingEvent {
  const eventTime = fields.eventTime ?? NOW;
  return {
    kind: 'crossing',
    ...ADDED_FIELD_DEFAULTS.borderCrossing(),
    eventId: newEventId(),
    eventTime,
    recordTime: eventTime,
    sourceAgency: 'IMIGRASI',
    sourceSystem: 'SIMKIM',
    nik,
    direction: 'DEPARTURE',
    stage: 'PRE_CLEARANCE_SCAN',
    checkpointCode: 'CGK',
    checkpointType: 'AIR',
    counterId: 'CGK-T3-07',
    documentType: 'PASSPORT',
    documentNumber: 'C1234567',
    fullName: 'BUDI SANTOSO',
    ...factsOf(nik),
    countryCode: 'MY',
    transitCountries: [],
    carrier: 'Garuda Indonesia',
    flightOrVessel: 'GA 820',
    declaredPurpose: 'TOURISM',
    returnDate: dateOf(eventTime + 7 * DAY),
    bookingReference: null,
    groupReference: null,
    travelOrganizerLicence: null,
    sponsor: null,
    ...fields,
  };
}

/** A passport step at an immigration office; by default a passport issued in Bogor well over a year ago. */
export function passportEvent(nik: string, fields: Fields<PassportRecord> = {}): PassportRecord {
  const eventTime = fields.eventTime ?? daysAgo(400);
  const eventType = fields.eventType ?? 'ISSUED';
  return {
    kind: 'passport',
    ...ADDED_FIELD_DEFAULTS.passport(),
    eventId: newEventId(),
    eventTime,
    recordTime: eventTime,
    sourceAgency: 'IMIGRASI',
    sourceSystem: 'SIMKIM',
    nik,
    eventType,
    applicationId: 'APP-1',
    officeCode: 'KANIM-BOGOR',
    officeRegencyCode: '3201',
    passportNumber: eventType === 'ISSUED' ? 'C1234567' : null,
    fullName: 'BUDI SANTOSO',
    ...factsOf(nik),
    declaredPurpose: 'TOURISM',
    destinationCountry: null,
    decisionReason: null,
    ...fields,
  };
}

/** A SISKOP2MI placement step; by default the registration of a worker for Malaysia. */
export function placementEvent(nik: string, fields: Fields<PlacementRecord> = {}): PlacementRecord {
  const eventTime = fields.eventTime ?? daysAgo(90);
  return {
    kind: 'placement',
    ...ADDED_FIELD_DEFAULTS.placement(),
    eventId: newEventId(),
    eventTime,
    recordTime: eventTime,
    sourceAgency: 'KP2MI',
    sourceSystem: 'SISKOP2MI',
    nik,
    eventType: 'WORKER_REGISTERED',
    placementId: 'PL-1',
    p3miId: 'P3MI-0042',
    p3miName: 'PT Duta Karya Mandiri',
    p3miLicenceStatus: 'ACTIVE',
    destinationCountry: 'MY',
    employer: 'Sime Darby Plantation',
    sector: 'PLANTATION',
    scheduledDepartureDate: null,
    departureCheckpointCode: null,
    epmiCardNumber: null,
    cancellationReason: null,
    ...fields,
  };
}

/**
 * The steps of a procedural placement, from registration to the scheduled departure, ending
 * shortly before `departure`. `steps` leaves some out, to model a worker who leaves early.
 */
export function placementSteps(
  nik: string,
  options: {
    departure: number;
    country?: string;
    checkpoint?: string;
    steps?: readonly PlacementRecord['eventType'][];
    fields?: Fields<PlacementRecord>;
  },
): PlacementRecord[] {
  const all = [
    ['WORKER_REGISTERED', 90],
    ['JOB_ORDER_MATCHED', 60],
    ['TRAINING_COMPLETED', 30],
    ['EPMI_CARD_ISSUED', 14],
    ['DEPARTURE_SCHEDULED', 7],
  ] as const;
  const wanted = options.steps ?? all.map(([step]) => step);
  return all
    .filter(([step]) => wanted.includes(step))
    .map(([eventType, daysBefore]) =>
      placementEvent(nik, {
        eventType,
        eventTime: options.departure - daysBefore * DAY,
        destinationCountry: options.country ?? 'MY',
        departureCheckpointCode: options.checkpoint ?? 'CGK',
        scheduledDepartureDate: dateOf(options.departure),
        epmiCardNumber: eventType === 'EPMI_CARD_ISSUED' ? 'EPMI-7781' : null,
        ...options.fields,
      }),
    );
}

/** A Dukcapil record; by default a snapshot agreeing with the NIK. */
export function identityEvent(nik: string, fields: Fields<IdentityRecord> = {}): IdentityRecord {
  const eventTime = fields.eventTime ?? daysAgo(1000);
  return {
    kind: 'identity',
    ...ADDED_FIELD_DEFAULTS.identity(),
    eventId: newEventId(),
    eventTime,
    recordTime: eventTime,
    sourceAgency: 'DUKCAPIL',
    sourceSystem: 'SIAK',
    nik,
    eventType: 'SNAPSHOT',
    fullName: 'BUDI SANTOSO',
    ...factsOf(nik),
    birthPlace: 'Surabaya',
    addressRegencyCode: nik.slice(0, 4),
    changedFields: [],
    duplicateOfNik: null,
    ...fields,
  };
}

/** A Peduli WNI report abroad; by default an open trafficking case in Kuala Lumpur. */
export function abroadEvent(nik: string, fields: Fields<AbroadEvent> = {}): AbroadEvent {
  const eventTime = fields.eventTime ?? daysAgo(30);
  return {
    kind: 'abroad',
    ...ADDED_FIELD_DEFAULTS.citizenAbroad(),
    eventId: newEventId(),
    eventTime,
    recordTime: eventTime,
    sourceAgency: 'KEMLU',
    sourceSystem: 'PEDULI_WNI',
    nik,
    reportId: 'PWNI-1',
    passportNumber: null,
    fullName: 'BUDI SANTOSO',
    category: 'TRAFFICKING',
    countryCode: 'MY',
    city: 'Kuala Lumpur',
    caseStatus: 'OPEN',
    reportedBy: 'EMBASSY',
    companions: [],
    ...fields,
  };
}

/** One version of a watchlist entry; by default an active recruiter listed months ago. */
export function watchlistEntry(fields: Partial<WatchlistEntry> = {}): WatchlistEntry {
  return {
    entryId: 'WL-1',
    eventId: newEventId(),
    eventTime: daysAgo(200),
    entryType: 'RECRUITER',
    name: 'SITI RAHMAWATI',
    aliases: [],
    identifier: null,
    licenceStatus: null,
    reason: 'named as recruiter in a TPPO case (Polda Kalbar)',
    active: true,
    ...fields,
  };
}

/** A person's joined state after the events were applied, in any order. */
export function stateWith(nik: string, events: readonly PersonEvent[]): PersonState {
  const state = emptyPersonState(nik);
  for (const event of events) applyEvent(state, event);
  return state;
}

let shippedRuleSet: RuleSet | undefined;
export function ruleSet(): RuleSet {
  shippedRuleSet ??= loadRuleSet();
  return shippedRuleSet;
}

/** What the processor hands the rules: the shipped rule set, reference data, a watchlist and links. */
export function contextWith(
  options: { links?: Partial<Links>; watchlist?: readonly WatchlistEntry[]; ruleSet?: RuleSet } = {},
): RuleContext {
  return {
    ruleSet: options.ruleSet ?? ruleSet(),
    reference,
    watchlist: watchlistOf(options.watchlist ?? []),
    links: { ...NO_LINKS, ...options.links },
  };
}

/** Every situation the person's history opens, as the processor would judge them after a replay. */
function allSituations(state: PersonState): Situation[] {
  return situationsAfter(state, state.history, {
    ruleSet: ruleSet(),
    lateAlertWindowMs: Number.POSITIVE_INFINITY,
    newest: Math.max(...state.history.map((event) => event.eventTime)),
  });
}

function latest<K extends Situation['kind']>(state: PersonState, kind: K): Extract<Situation, { kind: K }> {
  const found = allSituations(state)
    .filter((situation): situation is Extract<Situation, { kind: K }> => situation.kind === kind)
    .sort((a, b) => a.time - b.time)
    .pop();
  if (!found) throw new Error(`no ${kind} situation in the history of ${state.nik}`);
  return found;
}

/** The person's latest departure (checkpoint and day), judged at its latest scan or clearance. */
export const departureOf = (state: PersonState) => latest(state, 'departure');
/** The situation of the person's latest report abroad. */
export const reportOf = (state: PersonState) => latest(state, 'report');
/** The run of passport and identity records, judged at the latest of them. */
export const documentsOf = (state: PersonState) => latest(state, 'documents');

/** The return check of the person's latest land departure, when its allowed stay runs out. */
export function overstayOf(state: PersonState): Situation {
  return overstaySituation(departureOf(state).trigger, ruleSet());
}
