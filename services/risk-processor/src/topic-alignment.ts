/**
 * Keeps the agency topics of one partition number close together in time while the processor is
 * behind (a replay, a restart after an outage). The consumer fetches every topic-partition on its
 * own, so a cold read can run through a week of border crossings before it reaches the Dukcapil or
 * KP2MI records of the same days: each scan is then judged without the records that explain it,
 * alerted, and withdrawn a moment later when they arrive (flapping). Kafka Streams solves this by
 * picking, across a task's partitions, the record with the lowest timestamp; KafkaJS has no such
 * choice, but it can pause a topic-partition. So a topic that has run ahead, by its records'
 * timestamps (when Kafka appended them), of another topic of the same partition that still has
 * records waiting is paused until the other has caught up.
 *
 * Only topics far behind hold others back (more than `farBehind` records waiting), and only while
 * they keep delivering: a topic whose remaining offsets are only transaction markers, or that has
 * not delivered for `quietMs`, holds nothing back. Caught up, nothing is paused: live records go
 * straight through.
 */
export interface TopicPosition {
  /** Kafka timestamp of the last record handed over. */
  readonly timestamp: number;
  /** Records after it up to the high watermark when it was fetched. */
  readonly waiting: bigint;
  /** When it was handed over (wall clock). */
  readonly at: number;
}

export interface AlignmentPlan {
  readonly pause: readonly string[];
  readonly resume: readonly string[];
}

export function createTopicAlignment(options: {
  /** How far ahead in time a topic may run before it is paused. */
  readonly slackMs: number;
  readonly farBehind: bigint;
  readonly quietMs: number;
  readonly clock?: () => number;
}) {
  const clock = options.clock ?? (() => Date.now());
  /** Per partition number, per topic. */
  const positions = new Map<number, Map<string, TopicPosition>>();
  const paused = new Map<number, Set<string>>();

  return {
    /** A batch of the topic-partition was handed over. */
    observe(
      topic: string,
      partition: number,
      last: { timestamp: number; offset: string },
      highWatermark: string,
    ) {
      const topics = positions.get(partition) ?? new Map<string, TopicPosition>();
      topics.set(topic, {
        timestamp: last.timestamp,
        waiting: BigInt(highWatermark) - BigInt(last.offset) - 1n,
        at: clock(),
      });
      positions.set(partition, topics);
    },

    /** Which topics of the partition to pause and which to resume now. */
    plan(partition: number): AlignmentPlan {
      const topics = positions.get(partition) ?? new Map<string, TopicPosition>();
      const now = clock();
      const behind = [...topics.values()].filter(
        (position) => position.waiting > options.farBehind && now - position.at < options.quietMs,
      );
      const floor = behind.length > 0 ? Math.min(...behind.map((position) => position.timestamp)) : Infinity;
      const wasPaused = paused.get(partition) ?? new Set<string>();
      const nowPaused = new Set<string>();
      for (const [topic, position] of topics) {
        if (position.waiting > 0n && position.timestamp > floor + options.slackMs) nowPaused.add(topic);
      }
      paused.set(partition, nowPaused);
      return {
        pause: [...nowPaused].filter((topic) => !wasPaused.has(topic)),
        resume: [...wasPaused].filter((topic) => !nowPaused.has(topic)),
      };
    },

    /** The partition numbers seen, to plan again on a timer (a topic that went quiet holds nothing back). */
    partitions(): number[] {
      return [...positions.keys()];
    },

    /** Every topic-partition paused now, for a rebalance or shutdown to resume. */
    reset(): { topic: string; partition: number }[] {
      const all = [...paused].flatMap(([partition, topics]) =>
        [...topics].map((topic) => ({ topic, partition })),
      );
      positions.clear();
      paused.clear();
      return all;
    },
  };
}

export type TopicAlignment = ReturnType<typeof createTopicAlignment>;
