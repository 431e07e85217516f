import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from '../logging/logger';

const MIB = 1024 * 1024;

/** What one look at the process found. */
export interface MemorySample {
  readonly rssBytes: number;
  /** What V8 says its heap holds (committed), and the memory outside it that V8 tracks (buffers). */
  readonly heapBytes: number;
  readonly externalBytes: number;
  /** Share of the time since the last look the event loop was working (0 to 1). */
  readonly busy: number;
}

export interface MemoryReleaseLimits {
  /** Memory the process holds beyond its heap and buffers before it is worth giving back. */
  readonly heldBytes: number;
  /**
   * Busier than this, the pause of a full collection would fall on live work: wait. Low, since the
   * loop's own share of the time is small even at a steady 500 events/s (most of a window is
   * waiting on Kafka and Redis), and a pause there was the latency's worst.
   */
  readonly maxBusy: number;
  /** At most one release in this time, however the memory looks. */
  readonly minIntervalMs: number;
}

export const DEFAULT_MEMORY_RELEASE: MemoryReleaseLimits = {
  heldBytes: 256 * MIB,
  maxBusy: 0.05,
  minIntervalMs: 5 * 60_000,
};

/** Whether to give memory back now: much held beyond the heap, a quiet loop, none given back lately. */
export function shouldReleaseMemory(
  sample: MemorySample,
  sinceLastReleaseMs: number,
  limits: MemoryReleaseLimits = DEFAULT_MEMORY_RELEASE,
): boolean {
  const held = sample.rssBytes - sample.heapBytes - sample.externalBytes;
  return (
    held > limits.heldBytes && sample.busy <= limits.maxBusy && sinceLastReleaseMs >= limits.minIntervalMs
  );
}

type FullCollection = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** V8's collector, reached as `--expose-gc` gives it to a new context; undefined if V8 refuses. */
function fullCollection(): FullCollection | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as FullCollection) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Gives memory back after heavy work. A catch-up (a replay, a rebuild, a restart far behind) grows
 * V8's heap to over a gigabyte of short-lived states; once they are collected V8 keeps the pages
 * (measured: RSS 1,322 MiB with 254 MiB of heap committed), and only a collection meant to reduce
 * memory returns them, which V8 does not run by itself on a machine with memory to spare. So every
 * `intervalMs` (5 s) the process looks at itself, and when it holds much more than its heap and is quiet
 * it runs one such collection (V8's "last resort": what a heap snapshot runs), which pauses the loop
 * for tens of milliseconds, at most once in `minIntervalMs`. Returns a stop function.
 */
export function startMemoryRelease(options: {
  readonly logger: Logger;
  readonly intervalMs?: number;
  readonly limits?: MemoryReleaseLimits;
  /** Counts each release, for a metric. */
  readonly onRelease?: (freedBytes: number) => void;
}): () => void {
  const gc = fullCollection();
  if (!gc) {
    options.logger.warn('V8 did not give its collector: memory held after a catch-up is not given back');
    return () => undefined;
  }
  const limits = options.limits ?? DEFAULT_MEMORY_RELEASE;
  let lastRelease = performance.now() - limits.minIntervalMs;
  let lastLoop = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const loop = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(loop, lastLoop).utilization;
    lastLoop = loop;
    const heap = getHeapStatistics();
    const usage = process.memoryUsage();
    const sample = {
      rssBytes: usage.rss,
      heapBytes: heap.total_heap_size,
      externalBytes: usage.external,
      busy,
    };
    if (!shouldReleaseMemory(sample, performance.now() - lastRelease, limits)) return;
    const started = performance.now();
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    lastRelease = performance.now();
    const after = process.memoryUsage().rss;
    options.onRelease?.(Math.max(0, usage.rss - after));
    options.logger.info(
      {
        rssBeforeMiB: Math.round(usage.rss / MIB),
        rssAfterMiB: Math.round(after / MIB),
        heapMiB: Math.round(heap.total_heap_size / MIB),
        pauseMs: Math.round(lastRelease - started),
      },
      'memory held after heavy work given back',
    );
  }, options.intervalMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}
