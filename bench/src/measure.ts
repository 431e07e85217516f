import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connectionSchema, parseEnvConfig, toConnections, type Connections } from '@waspada/common';

/** Figures every benchmark computes, computed one way, so their reports compare. */

/** The value below which p percent of the sorted sample lies (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export function summariseLatencies(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}

/** A latency as a multiple of its floor, "3.2×" (a floor p99 rounds to 0 ms at worst: it counts as 1). */
export function timesFloor(value: number, floor: number): string {
  return `${(value / Math.max(1, floor)).toFixed(1)}×`;
}

const TICK_MS = 20;
const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

/**
 * Sends the items at a steady rate, a slice every 20 ms (a fraction carried to the next slice), as
 * a feed arrives at a border post: every latency benchmark and its floor feed the same way. A slice
 * that takes longer than its tick delays the next, so `rate` is a ceiling; callers measure what
 * was achieved. `send` gets each slice (possibly empty) and its position in the feed.
 */
export async function sendAtRate<T>(
  items: readonly T[],
  rate: number,
  send: (slice: readonly T[], from: number) => Promise<unknown>,
): Promise<void> {
  let carry = 0;
  for (let sent = 0; sent < items.length;) {
    const tickStart = Date.now();
    carry += (rate * TICK_MS) / 1000;
    const take = Math.floor(carry);
    carry -= take;
    const slice = items.slice(sent, sent + take);
    await send(slice, sent);
    sent += slice.length;
    const spent = Date.now() - tickStart;
    if (spent < TICK_MS) await sleep(TICK_MS - spent);
  }
}

/** Resident memory of a process now and at its peak, in MiB, from /proc (Linux). */
export function processMemoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: mib('VmRSS'), peak: mib('VmHWM') };
}

/**
 * CPU time a process has used so far (user + system), in seconds, from /proc (Linux). Unlike a rate,
 * it hardly moves when other work shares the machine: the figure to compare changes by.
 */
export function processCpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name's closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/**
 * A benchmark's connections: the local stack's endpoints unless the environment names others, and
 * a Redis database of the benchmark's own when one is given.
 */
export function benchConnections(service: string, env: NodeJS.ProcessEnv, redisDb?: number): Connections {
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:16379';
  const parsed = parseEnvConfig(
    connectionSchema,
    {
      KAFKA_BROKERS: env.KAFKA_BROKERS ?? '127.0.0.1:19092',
      SCHEMA_REGISTRY_URL: env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:18081/apis/ccompat/v7',
      REDIS_URL: redisDb === undefined ? redisUrl : `${redisUrl.replace(/\/\d+$/, '')}/${redisDb}`,
    },
    { service },
  );
  return toConnections(parsed, service);
}

/**
 * Stops a service the benchmark started and waits until it has exited (its drain included), so a
 * benchmark run straight after finds its ports free and its consumer groups left.
 */
export async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A service's metric without labels (or its first series), read from its /metrics. */
export async function metricOf(metricsUrl: string, name: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

/** A histogram's cumulative bucket counts (by upper bound), sum and count, as /metrics shows them. */
export interface HistogramReading {
  readonly buckets: ReadonlyMap<number, number>;
  readonly sum: number;
  readonly count: number;
}

/** A histogram of a service's /metrics, per value of one of its labels. */
export async function histogramOf(
  metricsUrl: string,
  name: string,
  label: string,
): Promise<Map<string, HistogramReading>> {
  const text = await (await fetch(metricsUrl)).text();
  const readings = new Map<string, { buckets: Map<number, number>; sum: number; count: number }>();
  const line = new RegExp(`^${name}_(bucket|sum|count)\\{([^}]*)\\} (\\S+)$`, 'gm');
  for (const [, part, labels = '', value] of text.matchAll(line)) {
    const of = (key: string) => new RegExp(`(?:^|,)${key}="([^"]*)"`).exec(labels)?.[1];
    const key = of(label);
    if (key === undefined) continue;
    const reading = readings.get(key) ?? { buckets: new Map<number, number>(), sum: 0, count: 0 };
    readings.set(key, reading);
    if (part === 'bucket') reading.buckets.set(Number(of('le')), Number(value));
    else reading[part as 'sum' | 'count'] = Number(value);
  }
  return readings;
}

/**
 * What a histogram observed between two readings: the count, the mean and the p50 and p99 in ms,
 * each quantile interpolated within its bucket as Prometheus's histogram_quantile does.
 */
export function observedBetween(
  before: HistogramReading | undefined,
  after: HistogramReading,
): { count: number; meanMs: number; p50Ms: number; p99Ms: number } {
  const count = after.count - (before?.count ?? 0);
  const bounds = [...after.buckets.keys()].sort((a, b) => a - b);
  const cumulative = bounds.map(
    (bound) => (after.buckets.get(bound) ?? 0) - (before?.buckets.get(bound) ?? 0),
  );
  const quantile = (q: number) => {
    const rank = q * count;
    const index = cumulative.findIndex((seen) => seen >= rank);
    if (count === 0 || index < 0) return 0;
    const upper = bounds[index] as number;
    // Past the last finite bucket the largest finite bound is all a histogram can say.
    if (!Number.isFinite(upper)) return (bounds[index - 1] ?? 0) * 1000;
    const lower = index === 0 ? 0 : (bounds[index - 1] as number);
    const below = index === 0 ? 0 : (cumulative[index - 1] as number);
    const inBucket = (cumulative[index] as number) - below;
    return (lower + ((upper - lower) * (rank - below)) / Math.max(inBucket, 1)) * 1000;
  };
  const round = (ms: number) => Number(ms.toFixed(1));
  return {
    count,
    meanMs: round(count === 0 ? 0 : ((after.sum - (before?.sum ?? 0)) / count) * 1000),
    p50Ms: round(quantile(0.5)),
    p99Ms: round(quantile(0.99)),
  };
}

/**
 * Waits until a risk processor has handled no batch for `quietMs` (the count of its batch histogram
 * on /metrics stands still), at most five minutes: how long that took, and the batches meanwhile.
 * Its agency topics committed, a processor may still be judging the re-judge requests and timers a
 * replay led to; a measurement started before then shares the cores with them.
 */
export async function untilIdle(
  metricsUrl: string,
  quietMs = 3_000,
): Promise<{ seconds: number; batches: number; idle: boolean }> {
  const batchesSoFar = () => metricOf(metricsUrl, 'waspada_risk_batch_seconds_count');
  const started = Date.now();
  const first = await batchesSoFar();
  let last = first;
  let changedAt = started;
  while (Date.now() - changedAt < quietMs && Date.now() - started < 300_000) {
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
    const now = await batchesSoFar();
    if (now !== last) {
      last = now;
      changedAt = Date.now();
    }
  }
  return {
    seconds: (changedAt - started) / 1000,
    batches: last - first,
    idle: Date.now() - changedAt >= quietMs,
  };
}

/** The commit window's stages (open, judge, publish, commit) observed between two readings. */
export function windowStagesBetween(
  before: ReadonlyMap<string, HistogramReading>,
  after: ReadonlyMap<string, HistogramReading>,
): Record<string, ReturnType<typeof observedBetween>> {
  return Object.fromEntries(
    ['open', 'judge', 'publish', 'commit']
      .filter((stage) => after.has(stage))
      .map((stage) => [stage, observedBetween(before.get(stage), after.get(stage) as HistogramReading)]),
  );
}

/** "open 26/48, judge 9/31, …": each stage's mean and p99 in ms, for a report line. */
export function windowStagesText(stages: Record<string, ReturnType<typeof observedBetween>>): string {
  return Object.entries(stages)
    .map(([stage, observed]) => `${stage} ${observed.meanMs}/${observed.p99Ms}`)
    .join(', ');
}
