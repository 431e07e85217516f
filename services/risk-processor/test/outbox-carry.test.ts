import type { IncomingRecord } from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { loadRuleSet, watchlistOf, type CrossingEvent, type PersonEvent } from '@waspada/risk-rules';
import type { Outbox } from '@waspada/risk-store';
import { ADDED_FIELD_DEFAULTS, type RiskAlert } from '@waspada/schemas';
import { createMemoryStore } from '../src/backtest/memory-store';
import {
  applyBatch,
  judgeWindow,
  openWindow,
  type BatchDeps,
  type PersonStore,
} from '../src/batch-processor';
import type { Decoded } from '../src/event-decoding';

/**
 * The window protocol when a processor dies between writing a window's outbox and saving its
 * ledgers: the next owner publishes the outbox's alerts, and the window's records, which come back
 * as new, must not make the same alerts a second time in a later window.
 */
const NOW = Date.UTC(2026, 10, 20, 8, 0);
// Born 15 June 2014 in Kota Bogor: a child of 12, scanned alone for Malaysia.
const CHILD = '3271011506140001';
const scan: CrossingEvent = {
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
  sex: 'MALE',
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
const record: IncomingRecord = {
  topic: 'waspada.immigration.border-crossing.v1',
  partition: 0,
  offset: '7',
  key: Buffer.from(CHILD),
  value: Buffer.from('scan'),
  headers: {},
  timestamp: NOW,
};

function depsWith(store: PersonStore): BatchDeps {
  return {
    store,
    decode: () => Promise.resolve<Decoded>({ ok: true, event: scan as PersonEvent }),
    ruleSet: loadRuleSet(),
    reference: referenceData(),
    watchlist: watchlistOf([]),
    clock: () => NOW + 1_000,
    service: 'risk-processor-test',
    lateAlertWindowMs: 86_400_000,
  };
}

async function window(deps: BatchDeps, carried: readonly RiskAlert[], records: readonly IncomingRecord[]) {
  const open = openWindow();
  if (records.length > 0) {
    await applyBatch(
      deps,
      { topic: record.topic, partition: 0, records: [...records], highWatermark: '8' },
      { mode: 'live', startsWindow: true, window: open },
    );
  }
  return judgeWindow(deps, {
    open,
    ranges: new Map([[0, { [record.topic]: '7' }]]),
    carried: carried.map((alert) => ({ alert, partition: 0 })),
  });
}

describe('alerts taken again from an outbox', () => {
  it('are recorded in the ledger, so the records of the window that died are not alerted twice', async () => {
    const memory = createMemoryStore();
    const outboxes = new Map<number, Pick<Outbox, 'alerts'>>();
    const store: PersonStore = {
      ...memory,
      setOutbox: (partition, outbox) => {
        outboxes.set(partition, outbox);
        return Promise.resolve();
      },
    };
    // The first owner judges the scan, writes its outbox and dies before saving the child's ledger.
    const dying: PersonStore = {
      ...store,
      savePeople: () => Promise.reject(new Error('killed')),
    };
    await expect(window(depsWith(dying), [], [record])).rejects.toThrow('killed');
    const decided = outboxes.get(0)?.alerts ?? [];
    expect(decided.map((alert) => [alert.kind, alert.rules.map((rule) => rule.ruleId)])).toEqual([
      ['NEW', expect.arrayContaining(['R07'])],
    ]);

    // The next owner publishes the outbox in its first window, before the scan comes back.
    const first = await window(depsWith(store), decided, []);
    expect(first.alerts.map((alert) => alert.alertId)).toEqual(decided.map((alert) => alert.alertId));
    // The scan comes back in a later window, new to a state that never saved it: nothing to say.
    const later = await window(depsWith(store), [], [record]);
    expect(later.alerts).toEqual([]);
  });
});
