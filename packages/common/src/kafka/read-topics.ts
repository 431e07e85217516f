import { randomUUID } from 'node:crypto';
import type { IncomingBatch, KafkaClient, KafkaConsumer } from './kafka-types';

/** Where to stop reading each topic-partition: the offset one past the last record wanted. */
export type StopOffsets = Map<string, bigint>;

export const tpOf = (topic: string, partition: number) => `${topic}:${partition}`;

/** The topic and partition a `tpOf` key names (a Kafka topic name holds no colon). */
export function topicPartitionOf(tp: string): { topic: string; partition: number } {
  const at = tp.lastIndexOf(':');
  return { topic: tp.slice(0, at), partition: Number(tp.slice(at + 1)) };
}

/**
 * The one way Waspada reads topics to an end: from their start (or `startAt`) up to the given stop
 * offsets, batch by batch, in a throwaway consumer group that commits nothing, read_committed.
 * Records at or past a partition's stop offset are cut off.
 *
 * The end of a partition is reached when the consumer's fetch position, which counts the offsets
 * it never hands over (transaction markers, aborted records), is at or past the stop offset. So a
 * stop offset taken with `topicOffsets` (for a read_committed reader, the end of the last finished
 * transaction) is reached exactly, on a topic written in transactions as on any other, however
 * slow the broker: no quiet time is taken for an end. A partition that moves no further for
 * `stallMs` after the group assigned it is an error naming it, not a partial read.
 */
export async function readTopics(
  kafka: KafkaClient,
  options: {
    readonly topics: readonly string[];
    readonly stopAt: StopOffsets;
    /** Where to begin each topic-partition (its first offset when absent): a reader of a period. */
    readonly startAt?: StopOffsets;
    readonly onBatch: (batch: IncomingBatch) => Promise<void>;
    readonly stallMs?: number;
    /** The most one fetch brings of a partition (KafkaJS's 1 MiB when absent). */
    readonly maxBytesPerPartition?: number;
  },
): Promise<void> {
  const remaining = new Set(
    [...options.stopAt]
      .filter(([tp, stop]) => stop > 0n && stop > (options.startAt?.get(tp) ?? 0n))
      .map(([tp]) => tp),
  );
  const sought = new Set<string>();
  // A batch fetched before the seek to the period's start: its position says nothing of the period.
  const beforeStart = new Set<string>();
  if (remaining.size === 0) return;
  const consumer: KafkaConsumer = kafka.consumer({
    groupId: `waspada-read-${randomUUID()}`,
    autoCommit: false,
    isolation: 'read_committed',
    ...(options.maxBytesPerPartition !== undefined && { maxBytesPerPartition: options.maxBytesPerPartition }),
  });
  let assigned = false;
  let lastActivity = Date.now();
  consumer.onRebalance((partitions) => {
    if (partitions.length > 0 && !assigned) {
      assigned = true;
      lastActivity = Date.now();
    }
  });
  consumer.onFetched(({ topic, partition, next }) => {
    const tp = tpOf(topic, partition);
    lastActivity = Date.now();
    if (beforeStart.delete(tp)) return;
    if (next >= (options.stopAt.get(tp) ?? 0n)) remaining.delete(tp);
  });
  await consumer.connect();
  await consumer.subscribe(options.topics, { fromBeginning: true });
  let failure: Error | undefined;
  await consumer.run(async (batch) => {
    const tp = tpOf(batch.topic, batch.partition);
    const stop = options.stopAt.get(tp) ?? 0n;
    const start = options.startAt?.get(tp) ?? 0n;
    lastActivity = Date.now();
    const first = batch.records[0];
    if (first && BigInt(first.offset) < start && !sought.has(tp)) {
      // Skips the partition's records before the period instead of fetching them all.
      sought.add(tp);
      beforeStart.add(tp);
      consumer.seek({ topic: batch.topic, partition: batch.partition, offset: start.toString() });
      return;
    }
    const wanted = batch.records.filter(
      (record) => BigInt(record.offset) < stop && BigInt(record.offset) >= start,
    );
    try {
      if (wanted.length > 0) await options.onBatch({ ...batch, records: wanted });
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw failure;
    }
  });
  const stallMs = options.stallMs ?? 120_000;
  try {
    while (remaining.size > 0 && failure === undefined) {
      const idle = assigned ? Date.now() - lastActivity : 0;
      if (idle >= stallMs)
        throw new Error(
          `reading ${options.topics.join(', ')}: no fetch for ${Math.round(idle / 1000)} s from ${[...remaining].join(', ')}, short of their stop offsets`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (failure !== undefined) throw failure;
  } finally {
    await consumer.disconnect();
  }
}
