import type { IncomingRecord } from '@waspada/common';
import type { Outbox } from '@waspada/risk-store';
import type { RiskAlert } from '@waspada/schemas';
import { createMemoryStore } from '../src/backtest/memory-store';
import {
  applyBatch,
  judgeWindow,
  openWindow,
  type BatchDeps,
  type PersonStore,
} from '../src/batch-processor';
import { childScanDeps, childScanRecord } from './support/child-scan';

/**
 * The window protocol when a processor dies between writing a window's outbox and saving its
 * ledgers: the next owner publishes the outbox's alerts, and the window's records, which come back
 * as new, must not make the same alerts a second time in a later window.
 */
const record = childScanRecord;
const depsWith = (store: PersonStore) => childScanDeps(store, 'risk-processor-test');

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
