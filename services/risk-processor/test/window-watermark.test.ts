import { createMemoryStore } from '../src/backtest/memory-store';
import { applyBatch, judgeWindow, openWindow, type PersonStore } from '../src/batch-processor';
import { childScan, childScanDeps, childScanRecord, CROSSING_TOPIC } from './support/child-scan';

/**
 * A partition's watermark is read from the store once a window: its batches carry it on in memory
 * (writing each rise to the store), and the window's judgement of due timers uses what they left.
 */
describe("a window's watermarks", () => {
  it('are read once a window and partition, and written as they rise', async () => {
    const memory = createMemoryStore();
    const read: number[] = [];
    const store: PersonStore = {
      ...memory,
      watermark: (partition) => {
        read.push(partition);
        return memory.watermark(partition);
      },
    };
    const deps = childScanDeps(store, 'window-watermark-test');
    const open = openWindow();
    const batch = { topic: CROSSING_TOPIC, partition: 0, records: [childScanRecord], highWatermark: '8' };
    await applyBatch(deps, batch, { mode: 'live', startsWindow: true, window: open });
    await applyBatch(deps, batch, { mode: 'live', startsWindow: false, window: open });
    await judgeWindow(deps, { open, ranges: new Map([[0, { [CROSSING_TOPIC]: '7' }]]), carried: [] });

    expect(read).toEqual([0]);
    expect(open.watermarks.get(0)).toBe(childScan.eventTime);
    expect(await memory.watermark(0)).toBe(childScan.eventTime);

    // The next window reads it again: another instance may have held the partition in between.
    await applyBatch(deps, batch, { mode: 'live', startsWindow: true, window: openWindow() });
    expect(read).toEqual([0, 0]);
  });
});
