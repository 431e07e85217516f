import type { BatchControl, IncomingBatch } from '@waspada/common';
import { createTimestampOrder } from '../src/timestamp-order';

const control: BatchControl = {
  heartbeat: () => Promise.resolve(),
  isActive: () => true,
  markProcessed: () => undefined,
};

function batch(
  topic: string,
  partition: number,
  records: [offset: number, timestamp: number][],
): IncomingBatch {
  return {
    topic,
    partition,
    highWatermark: '100000',
    records: records.map(([offset, timestamp]) => ({
      topic,
      partition,
      offset: String(offset),
      timestamp,
      key: null,
      value: null,
      headers: {},
    })),
  };
}

const offsets = (runs: { topic: string; records: readonly { offset: string }[] }[]) =>
  runs.map((run) => `${run.topic}:${run.records.map((record) => record.offset).join(',')}`);

describe('records of a partition handed over in the order Kafka appended them, across topics', () => {
  it('holds crossings appended after the placement records not yet fetched, then hands over both, earliest first', () => {
    const horizons = new Map<string, number>([
      ['crossings', 1_000],
      ['placements', Infinity],
    ]);
    const order = createTimestampOrder({
      horizon: (topic) => horizons.get(topic) ?? Infinity,
      maxHeld: 1_000,
    });
    // The crossings' first megabyte runs to t=5,000; the placements fetched so far reach t=1,000.
    order.offer(
      batch('crossings', 2, [
        [10, 900],
        [11, 2_000],
        [12, 5_000],
      ]),
      control,
    );
    expect(offsets(order.take())).toEqual(['crossings:10']);
    expect(order.held()).toBe(2);
    // The placements deliver up to t=6,000 and are caught up: nothing holds anything back now.
    horizons.set('crossings', Infinity);
    order.offer(
      batch('placements', 2, [
        [40, 1_500],
        [41, 3_000],
        [42, 6_000],
      ]),
      control,
    );
    expect(offsets(order.take())).toEqual([
      'placements:40',
      'crossings:11',
      'placements:41',
      'crossings:12',
      'placements:42',
    ]);
    expect(order.held()).toBe(0);
  });

  it('hands everything over at once when no other topic is behind (live records are not delayed)', () => {
    const order = createTimestampOrder({ horizon: () => Infinity, maxHeld: 1_000 });
    order.offer(
      batch('crossings', 0, [
        [1, 10],
        [2, 20],
      ]),
      control,
    );
    expect(offsets(order.take())).toEqual(['crossings:1,2']);
  });

  it('orders across partitions too, and keeps a topic-partition in offset order across batches', () => {
    let horizon = 0;
    const order = createTimestampOrder({ horizon: () => horizon, maxHeld: 1_000 });
    order.offer(batch('crossings', 1, [[1, 10]]), control);
    order.offer(batch('crossings', 1, [[2, 20]]), control);
    order.offer(batch('passports', 3, [[7, 5]]), control);
    expect(order.take()).toEqual([]);
    horizon = 15;
    expect(
      order
        .take()
        .map((run) => `${run.partition} ${run.topic}:${run.records.map((r) => r.offset).join(',')}`),
    ).toEqual(['3 passports:7', '1 crossings:1']);
    horizon = Infinity;
    expect(offsets(order.take())).toEqual(['crossings:2']);
  });

  it('lets the earliest go past the memory bound, whatever the horizon', () => {
    const order = createTimestampOrder({ horizon: () => -Infinity, maxHeld: 2 });
    order.offer(
      batch('crossings', 0, [
        [1, 10],
        [2, 20],
        [3, 30],
        [4, 40],
      ]),
      control,
    );
    expect(offsets(order.take())).toEqual(['crossings:1,2']);
    expect(order.held()).toBe(2);
  });

  it('drops what it holds and the runs not handled yet, with where each topic-partition must be fetched again', () => {
    let horizon = 15;
    const order = createTimestampOrder({ horizon: () => horizon, maxHeld: 1_000 });
    order.offer(
      batch('crossings', 1, [
        [5, 10],
        [6, 20],
      ]),
      control,
    );
    order.offer(batch('identity', 4, [[9, 30]]), control);
    const [run] = order.take();
    expect(run && order.current(run)).toBe(true);
    expect(order.drop()).toEqual([
      { topic: 'crossings', partition: 1, offset: '5' },
      { topic: 'identity', partition: 4, offset: '9' },
    ]);
    expect(run && order.current(run)).toBe(false);
    horizon = Infinity;
    expect(order.take()).toEqual([]);
    expect(order.held()).toBe(0);
  });

  it('seeks back runs taken but not handled when their window failed, and not those already handled', () => {
    const order = createTimestampOrder({ horizon: () => Infinity, maxHeld: 1_000 });
    order.offer(
      batch('crossings', 1, [
        [5, 10],
        [6, 20],
      ]),
      control,
    );
    order.offer(batch('placements', 1, [[3, 15]]), control);
    const runs = order.take();
    expect(offsets(runs)).toEqual(['crossings:5', 'placements:3', 'crossings:6']);
    // The first run was handled; the window failed while the second was under way.
    const [handled] = runs;
    if (handled) order.settle(handled);
    expect(order.drop()).toEqual([
      { topic: 'placements', partition: 1, offset: '3' },
      { topic: 'crossings', partition: 1, offset: '6' },
    ]);
    expect(runs.every((run) => !order.current(run))).toBe(true);
  });
});
