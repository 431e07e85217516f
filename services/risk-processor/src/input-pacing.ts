import {
  TOPICS,
  type BatchControl,
  type Counter,
  type Gauge,
  type IncomingBatch,
  type KafkaAdmin,
  type KafkaConsumer,
  type Logger,
} from '@waspada/common';
import { PERSON_TOPICS } from '@waspada/risk-store';
import { createTimestampOrder, type OrderedRun } from './timestamp-order';
import { createTopicAlignment, type AlignmentPlan } from './topic-alignment';

/**
 * How agency records reach the windows while the processor is behind (a replay, a restart reading
 * what queued up): the agency topic-partitions are read in step (topic-alignment.ts: one running far
 * ahead of another is paused), and their records handed over in the order Kafka appended them
 * (timestamp-order.ts), so a scan is judged with the context that came before it, not before it.
 * The re-judge topic and the watchlist are not paced: they go straight to `handle`.
 */
export function createInputPacing(options: {
  readonly consumer: Pick<KafkaConsumer, 'pause' | 'resume' | 'seek'>;
  readonly admin: Pick<KafkaAdmin, 'topicOffsets' | 'groupOffsets'>;
  readonly groupId: string;
  /** How far ahead a topic may run while behind; 0 turns the pacing off. */
  readonly topicAlignmentMs: number;
  /** Partition numbers this instance owns now. */
  readonly owned: () => readonly number[];
  /** Where records go when their turn comes. */
  readonly handle: (batch: IncomingBatch, control: BatchControl) => Promise<unknown>;
  readonly metrics: { readonly topicPauses: Counter; readonly heldRecords: Gauge };
  readonly logger: Logger;
}) {
  const { consumer, admin, metrics, logger } = options;
  const alignment = createTopicAlignment({
    slackMs: options.topicAlignmentMs,
    farBehind: 200n,
    quietMs: 5_000,
  });
  const paced = new Set(
    options.topicAlignmentMs === 0
      ? []
      : Object.keys(PERSON_TOPICS).filter((topic) => topic !== TOPICS.rejudge),
  );
  const order = createTimestampOrder({
    horizon: (topic, partition) => alignment.horizon(topic, partition),
    maxHeld: 50_000,
  });
  // Per assignment: what each topic-partition holds past the group's position, read before its
  // first batch. One read for every batch of the first fetch, which arrive at once.
  let backlog: Promise<void> | undefined;

  const applyPlan = (plan: AlignmentPlan) => {
    consumer.pause(plan.pause);
    consumer.resume(plan.resume);
    metrics.topicPauses.inc(plan.pause.length);
  };

  /**
   * Runs taken together are queued together, so nothing taken later can come between them. A run
   * stays outstanding until its window work is over: a window that fails before it seeks it back.
   */
  async function handleRuns(runs: readonly OrderedRun[]): Promise<void> {
    metrics.heldRecords.set(order.held());
    await Promise.all(
      runs.map((run) =>
        options
          .handle(run, { ...run.control, isActive: () => order.current(run) && run.control.isActive() })
          .finally(() => order.settle(run)),
      ),
    );
  }

  async function expectBacklog(): Promise<void> {
    const owned = options.owned();
    for (const topic of paced) {
      const [ends, committed] = await Promise.all([
        admin.topicOffsets(topic),
        admin.groupOffsets(options.groupId, topic),
      ]);
      for (const { partition, low, high } of ends) {
        if (!owned.includes(partition)) continue;
        const at = BigInt(committed.find((entry) => entry.partition === partition)?.offset ?? '-1');
        alignment.expect(topic, partition, BigInt(high) - (at >= 0n ? at : BigInt(low)));
      }
    }
  }

  const realign = setInterval(() => {
    applyPlan(alignment.plan());
    // A topic-partition that went quiet holds nothing back any more.
    if (order.held() > 0)
      handleRuns(order.take()).catch((error: unknown) =>
        logger.warn({ reason: (error as Error).message }, 'held records not handled; fetched again'),
      );
  }, 1_000);
  // A start-up that fails after this point must not be kept alive by the timer; close() clears it.
  realign.unref();

  return {
    /** A fetched batch: a paced topic's records are held until their turn, then handled with whatever else may go now. */
    async offer(batch: IncomingBatch, control: BatchControl): Promise<void> {
      const last = batch.records[batch.records.length - 1];
      if (!paced.has(batch.topic) || !last) {
        await options.handle(batch, control);
        return;
      }
      // Fetched before a seek or a rebalance: it comes again from the right offset.
      if (!control.isActive()) return;
      backlog ??= expectBacklog().catch((error: unknown) =>
        logger.warn({ reason: (error as Error).message }, 'backlog per topic not read at assignment'),
      );
      await backlog;
      if (!control.isActive()) return;
      alignment.observe(batch.topic, batch.partition, last, batch.highWatermark);
      applyPlan(alignment.plan());
      order.offer(batch, control);
      await handleRuns(order.take());
    },
    /** At a rebalance: KafkaJS fetches every partition it keeps from the committed offsets again, held records too. */
    rebalanced(): void {
      try {
        consumer.resume(alignment.reset());
      } catch (error) {
        logger.warn({ reason: (error as Error).message }, 'paused topics not resumed at rebalance');
      }
      order.drop();
      backlog = undefined;
    },
    /**
     * A window failed: held records come again, from the window's start where it was sought back
     * (`sought`, topic:partition), else from the first one held.
     */
    failed(sought: ReadonlySet<string>): void {
      for (const first of order.drop())
        if (!sought.has(`${first.topic}:${first.partition}`)) consumer.seek(first);
    },
    /** Held records are never committed: the partitions' next owner fetches them. */
    close(): void {
      clearInterval(realign);
      order.drop();
    },
  };
}
