import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetricsRegistry, windowStageHistogram } from '@waspada/common';
import {
  histogramOf,
  observedBetween,
  percentile,
  processMemoryMiB,
  summariseLatencies,
  timesFloor,
  untilIdle,
  windowStagesBetween,
  windowStagesText,
} from '../src/measure';

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

  it('waits until the processor’s batch count on /metrics stands still', async () => {
    let asked = 0;
    // A processor that handles a batch between each of the first five scrapes, then nothing.
    const server = createServer((_request, reply) => {
      asked += 1;
      reply.end(
        `# TYPE waspada_risk_batch_seconds histogram\nwaspada_risk_batch_seconds_count{service="risk-processor"} ${Math.min(asked, 5)}\n`,
      );
    });
    await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
    try {
      const { port } = server.address() as AddressInfo;
      const settled = await untilIdle(`http://127.0.0.1:${port}/metrics`, 600);
      expect(settled).toMatchObject({ batches: 4, idle: true });
      expect(asked).toBeGreaterThanOrEqual(7);
    } finally {
      server.close();
    }
  });

  it('reads this process’s memory from /proc', () => {
    const { rss, peak } = processMemoryMiB(process.pid);
    expect(rss).toBeGreaterThan(10);
    expect(peak).toBeGreaterThanOrEqual(rss);
  });

  it('reads a histogram per label from /metrics and says what it observed between two readings', async () => {
    const registry = createMetricsRegistry('bench-test');
    const stages = windowStageHistogram(registry, 'waspada_test_window_stage_seconds');
    const server = createServer((_request, reply) => {
      void registry.metrics().then((text) => reply.end(text));
    });
    await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
    try {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/metrics`;
      // Before the first reading: not counted.
      stages.observe('judge', 2);
      const before = await histogramOf(url, 'waspada_test_window_stage_seconds', 'stage');
      // 98 judgements of 3 ms, two of 300 ms; 10 commits of 20 ms.
      for (let i = 0; i < 98; i += 1) stages.observe('judge', 0.003);
      stages.observe('judge', 0.3);
      stages.observe('judge', 0.3);
      for (let i = 0; i < 10; i += 1) stages.observe('commit', 0.02);
      const after = await histogramOf(url, 'waspada_test_window_stage_seconds', 'stage');
      expect([...after.keys()].sort()).toEqual(['commit', 'judge']);
      const between = windowStagesBetween(before, after);
      expect(between.judge).toMatchObject({ count: 100, meanMs: 8.9 });
      // Quantiles fall inside the bucket that holds them: 3 ms in (2.5, 5], 300 ms in (250, 500].
      expect(between.judge?.p50Ms).toBeGreaterThan(2.5);
      expect(between.judge?.p50Ms).toBeLessThanOrEqual(5);
      expect(between.judge?.p99Ms).toBeGreaterThan(250);
      expect(between.judge?.p99Ms).toBeLessThanOrEqual(500);
      expect(between.commit).toMatchObject({ count: 10, meanMs: 20 });
      expect(windowStagesText(between)).toMatch(/^judge 8\.9\/\d+(\.\d)?, commit 20\/\d+(\.\d)?$/);
    } finally {
      server.close();
    }
  });

  it('takes nothing observed as zeros and a quantile past the last bucket as its largest bound', () => {
    const reading = (count: number, sum: number) => ({
      buckets: new Map([
        [1, 0],
        [Infinity, count],
      ]),
      sum,
      count,
    });
    expect(observedBetween(reading(0, 0), reading(0, 0))).toEqual({
      count: 0,
      meanMs: 0,
      p50Ms: 0,
      p99Ms: 0,
    });
    expect(observedBetween(undefined, reading(4, 20))).toEqual({
      count: 4,
      meanMs: 5000,
      p50Ms: 1000,
      p99Ms: 1000,
    });
  });
});
