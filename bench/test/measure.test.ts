import { percentile, processMemoryMiB, summariseLatencies, timesFloor } from '../src/measure';

describe('benchmark figures', () => {
  it('takes the nearest-rank percentile of a sorted sample', () => {
    const sample = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(sample, 50)).toBe(51);
    expect(percentile(sample, 99)).toBe(100);
    expect(percentile(sample, 100)).toBe(100);
    expect(percentile([], 50)).toBe(0);
  });

  it('summarises latencies whatever their order, without changing the caller’s array', () => {
    const latencies = [30, 10, 20, 1000, 40];
    expect(summariseLatencies(latencies)).toEqual({
      count: 5,
      p50Ms: 30,
      p95Ms: 1000,
      p99Ms: 1000,
      maxMs: 1000,
    });
    expect(latencies).toEqual([30, 10, 20, 1000, 40]);
    expect(summariseLatencies([])).toEqual({ count: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 });
  });

  it('says a latency as a multiple of its floor, a floor of 0 ms counting as 1 ms', () => {
    expect(timesFloor(250, 20)).toBe('12.5×');
    expect(timesFloor(40, 40)).toBe('1.0×');
    expect(timesFloor(7, 0)).toBe('7.0×');
  });

  it('reads this process’s memory from /proc', () => {
    const { rss, peak } = processMemoryMiB(process.pid);
    expect(rss).toBeGreaterThan(10);
    expect(peak).toBeGreaterThanOrEqual(rss);
  });
});
