import type { IncomingRecord } from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { loadRuleSet, watchlistOf, type CrossingEvent, type PersonEvent } from '@waspada/risk-rules';
import { ADDED_FIELD_DEFAULTS } from '@waspada/schemas';
import type { BatchDeps, PersonStore } from '../../src/batch-processor';
import type { Decoded } from '../../src/event-decoding';

/**
 * One record that alerts on its own, for the tests of the window protocol: a girl of 12, born
 * 15 June 2014 in Kota Bogor (day 55 in her NIK: 15 plus 40 for a woman), scanned alone at CGK for Malaysia (R07), as offset 7 of partition 0
 * of the border-crossing topic. What the record holds is not read: `childScanDeps` decodes every
 * record to this scan.
 */
export const NOW = Date.UTC(2026, 10, 20, 8, 0);
export const CHILD = '3271015506140001';
export const CROSSING_TOPIC = 'waspada.immigration.border-crossing.v1';

export const childScan: CrossingEvent = {
  kind: 'crossing',
  ...ADDED_FIELD_DEFAULTS.borderCrossing(),
  eventId: 'scan-1',
  eventTime: NOW,
  recordTime: NOW,
  sourceAgency: 'IMIGRASI',
  sourceSystem: 'SIMKIM',
  nik: CHILD,
  direction: 'DEPARTURE',
  stage: 'PRE_CLEARANCE_SCAN',
  checkpointCode: 'CGK',
  checkpointType: 'AIR',
  counterId: 'CGK-T3-07',
  documentType: 'PASSPORT',
  documentNumber: 'C7654321',
  fullName: 'RINA LESTARI',
  birthDate: '2014-06-15',
  sex: 'FEMALE',
  countryCode: 'MY',
  transitCountries: [],
  carrier: 'AirAsia',
  flightOrVessel: 'QZ 200',
  declaredPurpose: 'TOURISM',
  returnDate: null,
  bookingReference: null,
  groupReference: null,
  travelOrganizerLicence: null,
  sponsor: null,
};

export const childScanRecord: IncomingRecord = {
  topic: CROSSING_TOPIC,
  partition: 0,
  offset: '7',
  key: Buffer.from(CHILD),
  value: Buffer.from('scan'),
  headers: {},
  timestamp: NOW,
};

/** The processor's dependencies over a store, with the live rule set and a clock a second later. */
export function childScanDeps(store: PersonStore, service: string): BatchDeps {
  return {
    store,
    decode: () => Promise.resolve<Decoded>({ ok: true, event: childScan as PersonEvent }),
    ruleSet: loadRuleSet(),
    reference: referenceData(),
    watchlist: watchlistOf([]),
    clock: () => NOW + 1_000,
    service,
    lateAlertWindowMs: 86_400_000,
  };
}
