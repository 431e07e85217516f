import type { IncomingBatch, KafkaClient, KafkaConsumer } from '@waspada/common';
import { v4 as uuidV4 } from 'uuid';

/** Where to stop reading each topic-partition: the offset one past the last record wanted. */
export type StopOffsets = Map<string, bigint>;

export const tpOf = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * Reads topics from their start up to the given offsets, batch by batch, in a throwaway consumer
 * group that commits nothing. Records at or past a partition's stop offset are cut off. Transaction
 * markers take offsets no consumer sees, so a partition also counts as done once nothing more has
 * arrived for `idleMs`.
 */
export async function readHistory(
  kafka: KafkaClient,
  options: {
    readonly topics: readonly string[];
    readonly stopAt: StopOffsets;
    /** Where to begin each topic-partition (its first offset when absent): a reader of a period. */
    readonly startAt?: StopOffsets;
    readonly onBatch: (batch: IncomingBatch) => Promise<void>;
    readonly idleMs?: number;
  },
): Promise<void> {
  const remaining = new Set(
    [...options.stopAt]
      .filter(([tp, stop]) => stop > 0n && stop > (options.startAt?.get(tp) ?? 0n))
      .map(([tp]) => tp),
  );
  const sought = new Set<string>();
  if (remaining.size === 0) return;
  const consumer: KafkaConsumer = kafka.consumer({
    groupId: `waspada-history-${uuidV4()}`,
    autoCommit: false,
    isolation: 'read_committed',
  });
  await consumer.connect();
  await consumer.subscribe(options.topics, { fromBeginning: true });
  let lastActivity = Date.now();
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
    const last = batch.records[batch.records.length - 1];
    if (last && BigInt(last.offset) + 1n >= stop) remaining.delete(tp);
  });
  const idleMs = options.idleMs ?? 5_000;
  try {
    while (remaining.size > 0 && failure === undefined && Date.now() - lastActivity < idleMs) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (failure !== undefined) throw failure;
  } finally {
    await consumer.disconnect();
  }
}
