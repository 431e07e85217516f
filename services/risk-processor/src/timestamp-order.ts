import type { BatchControl, IncomingBatch, IncomingRecord, RecordPosition } from '@waspada/common';

/**
 * Hands the records of the agency topic-partitions an instance reads over in the order Kafka
 * appended them, while some of them are far behind (a replay, a restart after an outage).
 *
 * KafkaJS fetches every topic-partition on its own and hands over up to a megabyte of one at a
 * time, so a cold read applies thousands of border crossings before the KP2MI placement or the
 * Dukcapil record appended before them, or before the parents' passport records that name the
 * adults on a child's booking (other partitions). Each scan is then judged without the record that
 * explains it, alerted, and withdrawn when that record comes (flapping). Pausing what ran ahead
 * (topic-alignment.ts) acts only from the next fetch on. This is the buffer Kafka Streams keeps per
 * task, kept here across every partition the instance owns: a record is held in memory until every
 * other topic-partition still far behind has delivered past its timestamp, then handed over,
 * earliest first. Nothing held is committed: the group's offsets stop before the first held record,
 * so a crash or a lost partition fetches held records again. Caught up, `horizon` is unbounded and
 * every record goes straight through.
 */
export interface OrderedRun extends IncomingBatch {
  readonly control: BatchControl;
  /** The hold's epoch when the run was taken: a run of an epoch since dropped is not handled. */
  readonly epoch: number;
}

interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

interface Queue {
  records: IncomingRecord[];
  /** Index of the first record still held (records before it were taken). */
  head: number;
  highWatermark: string;
  control: BatchControl;
}

export function createTimestampOrder(options: {
  /** Up to which timestamp records of the topic-partition may go (TopicAlignment.horizon). */
  readonly horizon: (topic: string, partition: number) => number;
  /** Past this many records held in all, the earliest go regardless: memory stays bounded. */
  readonly maxHeld: number;
}) {
  /** Per topic-partition ("partition topic"), what it holds. */
  const queues = new Map<string, Queue & { topic: string; partition: number }>();
  let held = 0;
  let epoch = 0;
  /** Runs taken and not yet settled: their records are out of the queues but not handled yet. */
  const outstanding = new Set<OrderedRun>();

  const pending = (queue: Queue) => queue.records.length - queue.head;

  return {
    /** Holds a fetched batch behind whatever of its topic-partition is held already. */
    offer(batch: IncomingBatch, control: BatchControl): void {
      const key = `${batch.partition} ${batch.topic}`;
      const queue = queues.get(key);
      if (queue && pending(queue) > 0) {
        queue.records = queue.records.slice(queue.head).concat(batch.records);
        queue.head = 0;
        queue.highWatermark = batch.highWatermark;
        queue.control = control;
      } else {
        queues.set(key, {
          topic: batch.topic,
          partition: batch.partition,
          records: [...batch.records],
          head: 0,
          highWatermark: batch.highWatermark,
          control,
        });
      }
      held += batch.records.length;
    },

    /**
     * The records that may go now, earliest first, as runs of one topic-partition each, in the
     * order to handle them.
     */
    take(): OrderedRun[] {
      const horizons = new Map<Queue, number>();
      for (const queue of queues.values()) horizons.set(queue, options.horizon(queue.topic, queue.partition));
      const runs: OrderedRun[] = [];
      let run: { queue: Queue & TopicPartition; records: IncomingRecord[] } | undefined;
      // Once per record handed over, over every queue: written to allocate nothing per record
      // (a replay hands over tens of thousands a second, from some thirty topic-partitions).
      for (;;) {
        let next: (Queue & TopicPartition) | undefined;
        let earliest = Infinity;
        for (const queue of queues.values()) {
          const record = queue.records[queue.head];
          if (record && (next === undefined || record.timestamp < earliest)) {
            next = queue;
            earliest = record.timestamp;
          }
        }
        if (!next) break;
        if (earliest > (horizons.get(next) ?? Infinity) && held <= options.maxHeld) break;
        if (run?.queue !== next) {
          if (run) runs.push(toRun(run));
          run = { queue: next, records: [] };
        }
        run.records.push(next.records[next.head] as IncomingRecord);
        next.head += 1;
        held -= 1;
      }
      if (run) runs.push(toRun(run));
      for (const [key, queue] of queues) if (pending(queue) === 0) queues.delete(key);
      for (const taken of runs) outstanding.add(taken);
      return runs;

      function toRun(taken: { queue: Queue & TopicPartition; records: IncomingRecord[] }): OrderedRun {
        return {
          topic: taken.queue.topic,
          partition: taken.queue.partition,
          records: taken.records,
          highWatermark: taken.queue.highWatermark,
          control: taken.queue.control,
          epoch,
        };
      }
    },

    /** Whether a run taken earlier is still valid (nothing was dropped since). */
    current(run: OrderedRun): boolean {
      return run.epoch === epoch;
    },

    held: () => held,

    /** A run taken earlier was handled, or failed with its window (which then dropped everything). */
    settle(run: OrderedRun): void {
      outstanding.delete(run);
    },

    /**
     * Forgets everything held (a rebalance, a failed window), runs taken but not yet handled
     * included, and says where each topic-partition's first such record is: fetching resumed past
     * them, so a caller that keeps its partitions must seek there to have them again.
     */
    drop(): RecordPosition[] {
      const firsts = new Map<string, RecordPosition>();
      const keep = (topic: string, partition: number, offset: string | undefined) => {
        if (offset === undefined) return;
        const key = `${partition} ${topic}`;
        const known = firsts.get(key);
        if (!known || BigInt(offset) < BigInt(known.offset)) firsts.set(key, { topic, partition, offset });
      };
      for (const run of outstanding) keep(run.topic, run.partition, run.records[0]?.offset);
      for (const { topic, partition, records, head } of queues.values())
        keep(topic, partition, records[head]?.offset);
      queues.clear();
      outstanding.clear();
      held = 0;
      epoch += 1;
      return [...firsts.values()];
    },
  };
}

export type TimestampOrder = ReturnType<typeof createTimestampOrder>;
