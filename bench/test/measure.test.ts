import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { percentile, processMemoryMiB, summariseLatencies, timesFloor, untilIdle } from '../src/measure';

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
});
