/**
 * The person behind the alert case of the delivery tests (packages/delivery/test/fixtures.ts): Siti
 * Aminah, born 24 July 1998 in Kabupaten Bogor, leaves for Malaysia by land through PLBN Entikong on
 * 20 November 2026 with a border pass issued nine days earlier. Her agency records as the processor
 * joins them, for the desk's timeline.
 */
import type { PersonEvent, PersonState } from '@waspada/risk-rules';
import { ADDED_FIELD_DEFAULTS } from '@waspada/schemas';
import { contextFromHeaders } from '@waspada/common';
import type { DeskEntry } from '../src/desk-log';

/** Regency 3201, district 12, day 24 + 40 (a woman), month 07, year 98, serial 0003. */
export const NIK = '3201126407980003';
const BIRTH_DATE = '1998-07-24';

/** 20 November 2026, 08:12 in Pontianak (WIB), when the border pass was scanned. */
const SCAN_TIME = Date.UTC(2026, 10, 20, 1, 12);
const DAY = 86_400_000;

export const EVENT_IDS = {
  identity: '5d0b9a6e-8f0c-5f51-9b5e-0c7a6d4e2f11',
  passport: 'a3f1c2d4-1b7e-5c44-8e0f-2d9b6a1c7e22',
  placement: 'c61e0a9b-7d3f-5a28-b1c4-9e8f2a7d3b33',
  crossing: 'e7b4d1f0-3c6a-5e19-a2d8-4f1b9c0e6a44',
  abroad: '0f9e8d7c-6b5a-5493-8271-6a5b4c3d2e55',
} as const;

const ALERT_ID = '8c2f4b1e-6a3d-5f7e-9b0c-1d2e3f4a5b6c';

/**
 * A desk feed entry for an alert id, as the gateway builds it from a record at an offset. The log
 * keeps entries by id and offset and never reads the alert, so a stub stands for it.
 */
export function deskEntry(alertId: string, offset: number): DeskEntry {
  const alert = { alertId, person: { nik: NIK } };
  return {
    alertId,
    offset: String(offset),
    json: JSON.stringify(alert),
    nik: NIK,
    raw: alert,
    // A record without trace headers: the root context.
    trace: contextFromHeaders(undefined),
  };
}

type EventOf<K extends PersonEvent['kind']> = Extract<PersonEvent, { kind: K }>;

const agencyFields = (eventId: string, eventTime: number) => ({
  eventId,
  eventTime,
  recordTime: eventTime + 60_000,
  nik: NIK,
});

export const identitySnapshot: EventOf<'identity'> = {
  kind: 'identity',
  ...ADDED_FIELD_DEFAULTS.identity(),
  ...agencyFields(EVENT_IDS.identity, SCAN_TIME - 400 * DAY),
  sourceAgency: 'DUKCAPIL',
  sourceSystem: 'siak-terpusat',
  eventType: 'SNAPSHOT',
  fullName: 'SITI AMINAH',
  birthDate: BIRTH_DATE,
  sex: 'FEMALE',
  birthPlace: 'BOGOR',
  addressRegencyCode: '3201',
  changedFields: [],
  duplicateOfNik: null,
};

export const passportIssued: EventOf<'passport'> = {
  kind: 'passport',
  ...ADDED_FIELD_DEFAULTS.passport(),
  ...agencyFields(EVENT_IDS.passport, SCAN_TIME - 9 * DAY),
  sourceAgency: 'IMIGRASI',
  sourceSystem: 'simkim',
  eventType: 'ISSUED',
  applicationId: 'APP-BGR-2026-118204',
  officeCode: 'KANIM-BOGOR',
  officeRegencyCode: '3201',
  passportNumber: 'E8123456',
  fullName: 'SITI AMINAH',
  birthDate: BIRTH_DATE,
  sex: 'FEMALE',
  declaredPurpose: 'VISIT_FAMILY',
  destinationCountry: 'MY',
  decisionReason: null,
};

export const passportRefused: EventOf<'passport'> = {
  ...passportIssued,
  eventId: 'b8e2d3c5-2c8f-5d55-9f10-3e0c7b2d8f66',
  eventType: 'REFUSED',
  passportNumber: null,
  declaredPurpose: 'WORK',
  decisionReason: 'SUSPECTED_NON_PROCEDURAL_WORK',
};

export const placementCancelled: EventOf<'placement'> = {
  kind: 'placement',
  ...ADDED_FIELD_DEFAULTS.placement(),
  ...agencyFields(EVENT_IDS.placement, SCAN_TIME - 30 * DAY),
  sourceAgency: 'KP2MI',
  sourceSystem: 'siskop2mi',
  eventType: 'PLACEMENT_CANCELLED',
  placementId: 'PL-2026-004512',
  p3miId: 'P3MI-0457',
  p3miName: 'PT Sinar Jaya Abadi',
  p3miLicenceStatus: 'SUSPENDED',
  destinationCountry: 'MY',
  employer: null,
  sector: 'PLANTATION',
  scheduledDepartureDate: null,
  departureCheckpointCode: null,
  epmiCardNumber: null,
  cancellationReason: 'licence suspended',
};

export const departureScan: EventOf<'crossing'> = {
  kind: 'crossing',
  ...ADDED_FIELD_DEFAULTS.borderCrossing(),
  ...agencyFields(EVENT_IDS.crossing, SCAN_TIME),
  sourceAgency: 'IMIGRASI',
  sourceSystem: 'bcm',
  direction: 'DEPARTURE',
  stage: 'PRE_CLEARANCE_SCAN',
  checkpointCode: 'PLBN-ENTIKONG',
  checkpointType: 'LAND',
  counterId: 'ENT-DEP-03',
  documentType: 'PLB',
  documentNumber: 'PLB-ENT-2026-08811',
  fullName: 'SITI AMINAH',
  birthDate: '1999-07-24',
  sex: 'FEMALE',
  countryCode: 'MY',
  transitCountries: [],
  carrier: null,
  flightOrVessel: null,
  declaredPurpose: 'TOURISM',
  returnDate: null,
  bookingReference: null,
  groupReference: null,
  travelOrganizerLicence: null,
  sponsor: 'ABDUL RAHMAN',
};

export const reportAbroad: EventOf<'abroad'> = {
  kind: 'abroad',
  ...ADDED_FIELD_DEFAULTS.citizenAbroad(),
  ...agencyFields(EVENT_IDS.abroad, SCAN_TIME + 45 * DAY),
  sourceAgency: 'KEMLU',
  sourceSystem: 'portal-peduli-wni',
  reportId: 'KBRI-KUL-2027-0117',
  passportNumber: null,
  fullName: 'SITI AMINAH',
  category: 'UNPAID_WAGES',
  countryCode: 'MY',
  city: 'Kuching',
  caseStatus: 'OPEN',
  reportedBy: 'FAMILY',
  companions: [],
};

/** The joined record the processor keeps for the case, in event-time order, with its alert ledger. */
export function personState(): PersonState {
  return {
    nik: NIK,
    history: [identitySnapshot, placementCancelled, passportIssued, departureScan, reportAbroad],
    ledger: {
      'departure:PLBN-ENTIKONG:2026-11-20': {
        firstAlertId: ALERT_ID,
        revision: 0,
        severity: 'CRITICAL',
        score: 85,
        ruleIds: ['R10', 'R04', 'R01', 'R09'],
        resolved: false,
      },
      'report:KBRI-KUL-2027-0117': {
        firstAlertId: '1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d',
        revision: 1,
        severity: 'LOW',
        score: 0,
        ruleIds: [],
        resolved: true,
      },
    },
  };
}
