import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from '../logging/logger';

const MIB = 1024 * 1024;

/** What one look at the process found. */
export interface MemorySample {
  readonly rssBytes: number;
  /**
   * What the heap's live objects use, and the memory outside it that V8 tracks (buffers). Not the
   * heap V8 has committed: after a catch-up that stays large too until a collection shrinks it.
   */
  readonly heapBytes: number;
  readonly externalBytes: number;
  /** How long the event loop has been quiet without a break (see maxBusy), in ms. */
  readonly quietMs: number;
}

export interface MemoryReleaseLimits {
  /** Memory the process holds beyond its heap in use and buffers before it is worth giving back. */
  readonly heldBytes: number;
  /**
   * A quiet process above this RSS gives back too, whatever it holds beyond its heap in use: after a
   * catch-up the heap "in use" is mostly garbage no collection has looked at yet, since a quiet
   * process allocates too little to start one (measured after a replay: RSS 449 MiB, not released
   * under `heldBytes` alone, and still 449 MiB half a minute later). A collection that finds it live
   * frees little, and the next waits longer (see startMemoryRelease).
   */
  readonly rssBudgetBytes: number;
  /**
   * A second in which the loop worked more than this share breaks the quiet. Low, since the loop's
   * own share is small even at a steady 500 events/s (a window mostly waits on Kafka and Redis).
   */
  readonly maxBusy: number;
  /**
   * Quiet this long without a break before a release: measured, a release whose pause (0.6 s
   * after a replay) fell on the first seconds of live traffic was the latency's worst.
   */
  readonly quietMs: number;
  /**
   * At most one release in this time, however the memory looks. Not longer: a processor busy again
   * within it (live traffic after a replay) kept what that work took until the next quiet spell
   * after it (measured: 453 MiB once idle with 5 minutes, 263 MiB with one).
   */
  readonly minIntervalMs: number;
}

export const DEFAULT_MEMORY_RELEASE: MemoryReleaseLimits = {
  heldBytes: 256 * MIB,
  rssBudgetBytes: 256 * MIB,
  maxBusy: 0.05,
  quietMs: 5_000,
  minIntervalMs: 60_000,
};

/**
 * Whether to give memory back now: much held beyond the heap or above the budget, a quiet loop, none
 * given back lately.
 */
export function shouldReleaseMemory(
  sample: MemorySample,
  sinceLastReleaseMs: number,
  limits: MemoryReleaseLimits = DEFAULT_MEMORY_RELEASE,
): boolean {
  const held = sample.rssBytes - sample.heapBytes - sample.externalBytes;
  return (
    (held > limits.heldBytes || sample.rssBytes > limits.rssBudgetBytes) &&
    sample.quietMs >= limits.quietMs &&
    sinceLastReleaseMs >= limits.minIntervalMs
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
 * V8's heap to near a gigabyte of short-lived states; once they are collected V8 keeps the pages
 * (measured: RSS 1,322 MiB with 83 MiB of the heap in use), and only a collection meant to reduce
 * memory returns them, which V8 does not run by itself on a machine with memory to spare. So every
 * second the process looks at its event loop, and once it has been quiet for `quietMs` and holds
 * much more than its heap in use or more than its budget, it runs one such collection (V8's "last
 * resort": what a heap snapshot runs; measured 0.6 s after a replay), at most once in
 * `minIntervalMs`. Returns a stop function.
 */
export function startMemoryRelease(options: {
  readonly logger: Logger;
  readonly intervalMs?: number;
  readonly limits?: MemoryReleaseLimits;
}): () => void {
  const gc = fullCollection();
  if (!gc) {
    options.logger.warn('V8 did not give its collector: memory held after a catch-up is not given back');
    return () => undefined;
  }
  const limits = options.limits ?? DEFAULT_MEMORY_RELEASE;
  const everyMs = options.intervalMs ?? 1_000;
  let lastRelease = performance.now() - limits.minIntervalMs;
  let lastLoop = performance.eventLoopUtilization();
  let quietMs = 0;
  let spacing = limits.minIntervalMs;
  const timer = setInterval(() => {
    const loop = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(loop, lastLoop).utilization;
    lastLoop = loop;
    quietMs = busy <= limits.maxBusy ? quietMs + everyMs : 0;
    const heap = getHeapStatistics();
    const usage = process.memoryUsage();
    const sample = {
      rssBytes: usage.rss,
      heapBytes: heap.used_heap_size,
      externalBytes: usage.external,
      quietMs,
    };
    if (!shouldReleaseMemory(sample, performance.now() - lastRelease, { ...limits, minIntervalMs: spacing }))
      return;
    const started = performance.now();
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    lastRelease = performance.now();
    quietMs = 0;
    const after = process.memoryUsage().rss;
    const freed = Math.max(0, usage.rss - after);
    // Memory held outside V8's reach (the allocator's own arenas) stays held: a release that gave
    // back little waits four times longer before the next, up to six hours.
    spacing = freed < limits.heldBytes / 2 ? Math.min(spacing * 4, 6 * 3_600_000) : limits.minIntervalMs;
    options.logger.info(
      {
        rssBeforeMiB: Math.round(usage.rss / MIB),
        rssAfterMiB: Math.round(after / MIB),
        heapUsedMiB: Math.round(heap.used_heap_size / MIB),
        pauseMs: Math.round(lastRelease - started),
        nextAfterMinutes: Math.round(spacing / 60_000),
      },
      'memory held after heavy work given back',
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
