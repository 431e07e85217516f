import type { IncomingBatch, KafkaClient, KafkaConsumer } from '@waspada/common';
import { v4 as uuidV4 } from 'uuid';

/** Where to stop reading each topic-partition: the offset one past the last record wanted. */
export type StopOffsets = Map<string, bigint>;

export const tpOf = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * Reads topics from their start up to the given offsets, batch by batch, in a throwaway consumer
 * group that commits nothing. Records at or past a partition's stop offset are cut off.
 *
 * When is a partition done? A partition of an `exactTopics` topic (one no transaction writes, such
 * as the agency topics) is done when a record at its stop offset minus one has been read, and only
 * then: a reader that stops early would rebuild a partial state without a word. A transactional
 * topic ends in commit markers that take offsets no consumer sees, so its partitions also count as
 * done once nothing more has arrived for `idleMs`. Idle time counts from the moment the group
 * assigned the partitions, not from the call: joining a group takes seconds on a loaded machine.
 * Exact partitions that see no record for `stallMs` after that are an error naming them.
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
    /** Topics without transaction markers: their partitions are read to their stop offsets, no less. */
    readonly exactTopics?: readonly string[];
    readonly stallMs?: number;
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
  let assigned = false;
  let lastActivity = Date.now();
  consumer.onRebalance((partitions) => {
    if (partitions.length > 0 && !assigned) {
      assigned = true;
      lastActivity = Date.now();
    }
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
  const stallMs = options.stallMs ?? 120_000;
  const exact = new Set(options.exactTopics ?? []);
  const exactRemaining = () => [...remaining].filter((tp) => exact.has(tp.slice(0, tp.lastIndexOf(':'))));
  try {
    while (remaining.size > 0 && failure === undefined) {
      const idle = assigned ? Date.now() - lastActivity : 0;
      const unfinished = exactRemaining();
      if (unfinished.length === 0 && idle >= idleMs) break;
      if (unfinished.length > 0 && idle >= stallMs) {
        throw new Error(
          `history: no record for ${Math.round(idle / 1000)} s from ${unfinished.join(', ')}, short of their stop offsets`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (failure !== undefined) throw failure;
  } finally {
    await consumer.disconnect();
  }
}
