/**
 * Keeps the agency topic-partitions an instance reads close together in time while it is behind (a
 * replay, a restart after an outage). The consumer fetches every topic-partition on its own, so a
 * cold read can run through a week of border crossings before it reaches the Dukcapil or KP2MI
 * records of the same days: each scan is then judged without the records that explain it, alerted,
 * and withdrawn a moment later when they arrive (flapping). The records that explain a scan are
 * the person's own, on the same partition number, and their companions', on any partition (the
 * parents' passports that name the adults on a child's booking). So the instance keeps all its
 * topic-partitions in step, by their records' timestamps (when Kafka appended them): a
 * topic-partition that has run ahead of another still far behind is paused until the other has
 * caught up, and `horizon` tells timestamp-order.ts how far records may be handed over.
 *
 * Only topic-partitions far behind hold others back (more than `farBehind` records waiting), and
 * only while they keep delivering: one whose remaining offsets are only transaction markers, or
 * that went quiet, holds nothing back. Caught up, nothing is paused: live records go straight through.
 */
export interface TopicPosition {
  /** Kafka timestamp of the last record handed over (-Infinity before its first batch). */
  readonly timestamp: number;
  /** Records after it up to the high watermark when it was fetched. */
  readonly waiting: bigint;
  /** When it was handed over (wall clock). */
  readonly at: number;
  /** How many batches had been handed over by then, of any topic-partition. */
  readonly seq: number;
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface AlignmentPlan {
  readonly pause: readonly TopicPartition[];
  readonly resume: readonly TopicPartition[];
}

const keyOf = (topic: string, partition: number) => `${partition}\u0000${topic}`;
const partOf = (key: string): TopicPartition => {
  const [partition, topic] = key.split('\u0000') as [string, string];
  return { topic, partition: Number(partition) };
};

export function createTopicAlignment(options: {
  /** How far ahead in time a topic-partition may run before it is paused. */
  readonly slackMs: number;
  readonly farBehind: bigint;
  /**
   * A topic-partition far behind that delivered nothing for this long while `quietBatches` batches
   * of others were handed over holds nothing back (its remaining offsets may be transaction
   * markers). Both, because a slow window delays every hand-over: time alone would call a
   * topic-partition quiet that is only queued behind the others.
   */
  readonly quietMs: number;
  readonly quietBatches?: number;
  /** ... and after this long with no batch of it at all, whatever else happened. */
  readonly stalledMs?: number;
  readonly clock?: () => number;
}) {
  const clock = options.clock ?? (() => Date.now());
  const quietBatches = options.quietBatches ?? 50;
  const stalledMs = options.stalledMs ?? 6 * options.quietMs;
  const positions = new Map<string, TopicPosition>();
  let paused = new Set<string>();
  let handedOver = 0;

  /** Far behind and still delivering: a bound for the others. */
  function holdsBack(position: TopicPosition, now: number): boolean {
    if (position.waiting <= options.farBehind) return false;
    const quiet = now - position.at;
    return quiet < stalledMs && (quiet < options.quietMs || handedOver - position.seq < quietBatches);
  }

  return {
    /** A batch of the topic-partition was handed over. */
    observe(
      topic: string,
      partition: number,
      last: { timestamp: number; offset: string },
      highWatermark: string,
    ) {
      handedOver += 1;
      positions.set(keyOf(topic, partition), {
        timestamp: last.timestamp,
        waiting: BigInt(highWatermark) - BigInt(last.offset) - 1n,
        at: clock(),
        seq: handedOver,
      });
    },

    /**
     * Before a topic-partition's first batch: how many records it holds past the group's position
     * (from the committed offsets at assignment). Its time is unknown until it delivers, so one far
     * behind holds the others back from the start, not from its first batch on.
     */
    expect(topic: string, partition: number, waiting: bigint) {
      const key = keyOf(topic, partition);
      if (positions.has(key)) return;
      positions.set(key, { timestamp: -Infinity, waiting, at: clock(), seq: handedOver });
    },

    /**
     * Up to which Kafka timestamp records of the topic-partition can be handed over without passing
     * a record still to come of another: the earliest position among the others still far behind
     * and delivering; unbounded when none is.
     */
    horizon(topic: string, partition: number): number {
      const own = keyOf(topic, partition);
      const now = clock();
      let horizon = Infinity;
      for (const [key, position] of positions) {
        if (key !== own && holdsBack(position, now)) horizon = Math.min(horizon, position.timestamp);
      }
      return horizon;
    },

    /** Which topic-partitions to pause and which to resume now. */
    plan(): AlignmentPlan {
      const now = clock();
      let floor = Infinity;
      for (const position of positions.values())
        if (holdsBack(position, now)) floor = Math.min(floor, position.timestamp);
      const nowPaused = new Set<string>();
      for (const [key, position] of positions) {
        if (position.waiting > 0n && position.timestamp > floor + options.slackMs) nowPaused.add(key);
      }
      const plan = {
        pause: [...nowPaused].filter((key) => !paused.has(key)).map(partOf),
        resume: [...paused].filter((key) => !nowPaused.has(key)).map(partOf),
      };
      paused = nowPaused;
      return plan;
    },

    /** Every topic-partition paused now, for a rebalance or shutdown to resume. */
    reset(): TopicPartition[] {
      const all = [...paused].map(partOf);
      positions.clear();
      paused = new Set();
      handedOver = 0;
      return all;
    },
  };
}

export type TopicAlignment = ReturnType<typeof createTopicAlignment>;
