import type { IncomingBatch, KafkaAdmin } from '@waspada/common';

/**
 * Keeps a scan from being judged before the records that explain it. Kafka hands over the batches
 * of one fetch in no fixed topic order, so a placement record written a second before a scan can
 * reach the processor a moment after it: the scan would alert, and the placement would resolve
 * the alert a few hundred milliseconds later, noise at the desk. Like Kafka Streams' task idling,
 * a batch of the trigger topic waits (is fetched again) while another topic of the same partition
 * has records appended before the batch's last record that this instance has not applied yet
 * (agency topics carry broker append times), for at most `maxWaitMs`; after that it goes on, and a
 * record that still comes late is handled as a late event (a follow-up).
 */
export function createJoinBarrier(options: {
  readonly admin: KafkaAdmin;
  readonly groupId: string;
  readonly triggerTopic: string;
  readonly otherTopics: readonly string[];
  readonly maxWaitMs: number;
}) {
  const positions = new Map<string, bigint>();
  const waitingSince = new Map<number, number>();
  let ends: { at: number; byTopic: Map<string, Map<number, bigint>> } | undefined;
  const key = (topic: string, partition: number) => `${topic}:${partition}`;

  async function endOffsets(): Promise<Map<string, Map<number, bigint>>> {
    if (ends && Date.now() - ends.at < 20) return ends.byTopic;
    const byTopic = new Map<string, Map<number, bigint>>();
    await Promise.all(
      options.otherTopics.map(async (topic) => {
        const offsets = await options.admin.topicOffsets(topic);
        byTopic.set(topic, new Map(offsets.map((entry) => [entry.partition, BigInt(entry.high)])));
      }),
    );
    ends = { at: Date.now(), byTopic };
    return byTopic;
  }

  async function position(topic: string, partition: number): Promise<bigint> {
    const known = positions.get(key(topic, partition));
    if (known !== undefined) return known;
    const committed = (await options.admin.groupOffsets(options.groupId, topic)).find(
      (entry) => entry.partition === partition,
    );
    const start = committed && BigInt(committed.offset) >= 0n ? BigInt(committed.offset) : 0n;
    positions.set(key(topic, partition), start);
    return start;
  }

  return {
    /** True when the batch should be fetched again after the others of its fetch. */
    async shouldWait(batch: IncomingBatch): Promise<boolean> {
      if (batch.topic !== options.triggerTopic) return false;
      const since = waitingSince.get(batch.partition);
      if (since !== undefined && Date.now() - since >= options.maxWaitMs) {
        waitingSince.delete(batch.partition);
        return false;
      }
      const byTopic = await endOffsets();
      const appendedAt = batch.records[batch.records.length - 1]?.timestamp ?? 0;
      for (const topic of options.otherTopics) {
        const end = byTopic.get(topic)?.get(batch.partition) ?? 0n;
        const applied = await position(topic, batch.partition);
        if (end <= applied) continue;
        // Something is pending there; only records appended before the scan are worth waiting for.
        const before = (await options.admin.offsetsAtTime(topic, appendedAt)).find(
          (entry) => entry.partition === batch.partition,
        );
        if (before && BigInt(before.offset) > applied) {
          if (since === undefined) waitingSince.set(batch.partition, Date.now());
          return true;
        }
      }
      waitingSince.delete(batch.partition);
      return false;
    },
    processed(batch: IncomingBatch): void {
      const last = batch.records[batch.records.length - 1];
      if (last) positions.set(key(batch.topic, batch.partition), BigInt(last.offset) + 1n);
    },
    /** After a rebalance another instance may have moved a partition on: forget what was known. */
    reset(): void {
      positions.clear();
      waitingSince.clear();
    },
  };
}
