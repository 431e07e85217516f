import type { KafkaAdmin, KafkaClient, KafkaConsumer } from './kafka-types';
import { tpOf, type StopOffsets } from './read-topics';

/** An admin client for one piece of work, disconnected after it whatever happens. */
export async function withAdmin<T>(kafka: KafkaClient, use: (admin: KafkaAdmin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Each partition's end (one past its last offset) now, for a read_committed reader the end of the last finished transaction. */
export async function endOffsets(admin: KafkaAdmin, topics: readonly string[]): Promise<StopOffsets> {
  const ends: StopOffsets = new Map();
  for (const topic of topics) {
    for (const { partition, high } of await admin.topicOffsets(topic))
      ends.set(tpOf(topic, partition), BigInt(high));
  }
  return ends;
}

/** Each partition's first offset at or after `time` (its end when nothing is that recent). */
export async function offsetsAtTime(admin: KafkaAdmin, topic: string, time: number): Promise<StopOffsets> {
  const offsets: StopOffsets = new Map();
  for (const { partition, offset } of await admin.offsetsForTime(topic, time))
    offsets.set(tpOf(topic, partition), BigInt(offset));
  return offsets;
}

export interface CatchUp {
  /** Resolves once every partition has been read up to the end it had when the reader started. */
  readonly done: Promise<void>;
  isDone(): boolean;
  /** The topic-partitions not yet read to that end, for a log line or a health answer. */
  behind(): string[];
}

/**
 * Tells when a live reader (one that goes on reading after its history) has caught up: the same
 * definition of an end as readTopics, by the consumer's fetch position after each handled fetch,
 * which counts transaction markers and aborted records. A partition whose last offsets are a
 * commit marker is reached exactly, with no quiet time taken for an end and no "one spare offset"
 * guessed. Only partitions with something between `starts` (their first offset when absent) and
 * their end are waited for. Call before the consumer runs.
 */
export function trackCatchUp(consumer: KafkaConsumer, ends: StopOffsets, starts?: StopOffsets): CatchUp {
  const pending = new Map([...ends].filter(([tp, end]) => end > (starts?.get(tp) ?? 0n)));
  let markDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    markDone = resolve;
  });
  if (pending.size === 0) markDone();
  consumer.onFetched(({ topic, partition, next }) => {
    const tp = tpOf(topic, partition);
    const end = pending.get(tp);
    if (end === undefined || next < end) return;
    pending.delete(tp);
    if (pending.size === 0) markDone();
  });
  return { done, isDone: () => pending.size === 0, behind: () => [...pending.keys()] };
}
