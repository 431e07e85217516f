import { rateBetween, rateSeries, SampleHistory, summariseOffsets } from '../src/topic-rates';

const offsets = (...pairs: [string, string][]) =>
  pairs.map(([low, high], partition) => ({ partition, low, high }));

describe('summariseOffsets', () => {
  it('sums the next offsets and the offsets held over every partition', () => {
    expect(summariseOffsets(1_000, offsets(['0', '10'], ['5', '25'], ['0', '0']))).toEqual({
      t: 1_000,
      high: 35,
      size: 30,
      partitions: 3,
    });
  });

  it('reads offsets beyond 2^31 without losing digits', () => {
    expect(summariseOffsets(0, offsets(['3000000000', '3000000100'])).size).toBe(100);
  });
});

describe('rateBetween', () => {
  const at = (t: number, high: number, partitions = 6) => ({ t, high, size: high, partitions });

  it('is the growth of the summed offsets per second', () => {
    expect(rateBetween(at(10_000, 100), at(15_000, 600))).toBe(100);
  });

  it('is zero for a topic nothing was written to', () => {
    expect(rateBetween(at(0, 42), at(5_000, 42))).toBe(0);
  });

  it('gives no rate when the offsets went back, as after a topic was deleted and created again', () => {
    expect(rateBetween(at(0, 500), at(5_000, 20))).toBeUndefined();
  });

  it('gives no rate across a change of partition count', () => {
    expect(rateBetween(at(0, 100, 3), at(5_000, 160, 6))).toBeUndefined();
  });

  it('gives no rate for two polls at the same instant', () => {
    expect(rateBetween(at(5_000, 1), at(5_000, 9))).toBeUndefined();
  });
});

describe('rateSeries', () => {
  it('puts each rate at the later poll and leaves out intervals without a rate', () => {
    const samples = [
      { t: 0, high: 0, size: 0, partitions: 1 },
      { t: 5_000, high: 50, size: 50, partitions: 1 },
      { t: 10_000, high: 10, size: 10, partitions: 1 },
      { t: 15_000, high: 20, size: 20, partitions: 1 },
    ];
    expect(rateSeries(samples)).toEqual([
      [5_000, 10],
      [15_000, 2],
    ]);
  });
});

describe('SampleHistory', () => {
  it('keeps only the samples within the retention, in time order', () => {
    const history = new SampleHistory<{ t: number; v: number }>(30_000);
    for (const t of [0, 10_000, 20_000, 40_000]) history.add('a', { t, v: t });
    history.add('a', { t: 5_000, v: -1 });
    history.prune(45_000);
    expect(history.samples('a').map((sample) => sample.t)).toEqual([20_000, 40_000]);
    expect(history.latest('a')?.t).toBe(40_000);
  });

  it('forgets a key that was not sampled within the retention', () => {
    const history = new SampleHistory<{ t: number }>(30_000);
    history.add('gone', { t: 0 });
    history.add('kept', { t: 50_000 });
    history.prune(60_000);
    expect(history.keys()).toEqual(['kept']);
  });
});

describe('SampleHistory.retainOnly', () => {
  it('forgets at once the keys that no longer exist', () => {
    const history = new SampleHistory<{ t: number }>(30_000);
    history.add('deleted-topic', { t: 1 });
    history.add('topic', { t: 1 });
    history.retainOnly(new Set(['topic']));
    expect(history.keys()).toEqual(['topic']);
  });
});
