import type { OutgoingRecord } from '@waspada/common';
import { recordBytes, splitBySize } from '../src';

const record = (bytes: number): OutgoingRecord => ({ topic: 't', key: 'k', value: Buffer.alloc(bytes) });

describe('splitBySize', () => {
  it('cuts a send into runs under the byte limit, in order, a heavier record alone', () => {
    const records = [record(400), record(400), record(400), record(5_000), record(10)];
    const runs = splitBySize(records, 1_000);
    expect(runs.map((run) => run.map((entry) => entry.value?.length))).toEqual([
      [400, 400],
      [400],
      [5_000],
      [10],
    ]);
    for (const run of runs.filter((entry) => entry.length > 1))
      expect(run.reduce((sum, entry) => sum + recordBytes(entry), 0)).toBeLessThanOrEqual(1_000);
  });
});
