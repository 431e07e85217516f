import { slotRange } from '../src/stack/local/redis-cluster';

describe('the local Redis Cluster', () => {
  it('shares the 16384 hash slots among the masters, each slot once', () => {
    const ranges = [0, 1, 2].map((index) => slotRange(index, 3));
    expect(ranges).toEqual([
      [0, 5460],
      [5461, 10922],
      [10923, 16383],
    ]);
  });
});
