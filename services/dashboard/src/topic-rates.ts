/** Per-partition offsets as the admin API returns them (decimal strings, Kafka's int64). */
export interface PartitionOffsets {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

/** One poll of one topic, summed over its partitions. */
export interface TopicSample {
  /** Epoch milliseconds of the poll. */
  readonly t: number;
  /** Sum of the partitions' next offsets: grows by one per record (and per transaction marker). */
  readonly high: number;
  /** Sum of high - low: how many offsets the topic holds now, after retention. */
  readonly size: number;
  readonly partitions: number;
}

export function summariseOffsets(t: number, offsets: readonly PartitionOffsets[]): TopicSample {
  let high = 0n;
  let size = 0n;
  for (const partition of offsets) {
    const h = BigInt(partition.high);
    high += h;
    size += h - BigInt(partition.low);
  }
  return { t, high: Number(high), size: Number(size), partitions: offsets.length };
}

/**
 * Messages per second between two polls. Undefined when there is no rate to tell: the same
 * instant, or offsets that went back (a topic deleted and created again, or a partition count
 * change the two polls saw differently), which would otherwise show as a negative burst.
 */
export function rateBetween(previous: TopicSample, next: TopicSample): number | undefined {
  const seconds = (next.t - previous.t) / 1000;
  if (seconds <= 0) return undefined;
  if (next.partitions !== previous.partitions || next.high < previous.high) return undefined;
  return (next.high - previous.high) / seconds;
}

/** A point of a chart series: [epoch milliseconds, value]. */
export type Point = readonly [number, number];

/**
 * The last `retentionMs` of samples per key, in time order. Keys not sampled for longer than the
 * retention disappear, so a deleted topic or a gone consumer group does not stay on the charts.
 */
export class SampleHistory<S extends { readonly t: number }> {
  private readonly series = new Map<string, S[]>();

  constructor(private readonly retentionMs: number) {}

  add(key: string, sample: S): void {
    let samples = this.series.get(key);
    if (!samples) this.series.set(key, (samples = []));
    const last = samples[samples.length - 1];
    if (last && sample.t <= last.t) return;
    samples.push(sample);
  }

  prune(now: number): void {
    const cutoff = now - this.retentionMs;
    for (const [key, samples] of this.series) {
      const firstKept = samples.findIndex((sample) => sample.t >= cutoff);
      if (firstKept === -1) this.series.delete(key);
      else if (firstKept > 0) samples.splice(0, firstKept);
    }
  }

  /** Forgets every key not in `keys`: a deleted topic or group has no more history to show. */
  retainOnly(keys: ReadonlySet<string>): void {
    for (const key of this.series.keys()) if (!keys.has(key)) this.series.delete(key);
  }

  keys(): string[] {
    return [...this.series.keys()].sort();
  }

  samples(key: string): readonly S[] {
    return this.series.get(key) ?? [];
  }

  latest(key: string): S | undefined {
    const samples = this.series.get(key);
    return samples?.[samples.length - 1];
  }
}

/** The rate series of a topic: one point per pair of consecutive polls, at the later poll's time. */
export function rateSeries(samples: readonly TopicSample[]): Point[] {
  const points: Point[] = [];
  for (let i = 1; i < samples.length; i++) {
    const previous = samples[i - 1];
    const next = samples[i];
    if (!previous || !next) continue;
    const rate = rateBetween(previous, next);
    if (rate !== undefined) points.push([next.t, rate]);
  }
  return points;
}
