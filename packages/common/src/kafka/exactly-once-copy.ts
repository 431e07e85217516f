import { createCommitWindow, type WindowStage } from './commit-window';
import type { IncomingBatch, KafkaAdmin, KafkaClient, OutgoingRecord } from './kafka-types';
import { createTaskFencing } from './task-fencing';

/**
 * A consumer that turns each batch it reads into records for other topics, exactly once: what a
 * batch publishes and the offsets it consumed commit in one Kafka transaction per partition number
 * per short window (createCommitWindow), and each partition's transactional id
 * (`<prefix>.<group>.<partition>`) is fenced by the instance assigned it before it handles any of
 * the partition's records (createTaskFencing), so an instance that lost a partition in a rebalance
 * can no longer commit for it. `publish` may run twice for a batch (a failed window is read
 * again); only one run's records are ever committed.
 *
 * The caller connects and subscribes `consumer` (a group may need its start offsets set first),
 * then calls `run`.
 */
export function createExactlyOnceCopy(options: {
  readonly kafka: KafkaClient;
  readonly admin: Pick<KafkaAdmin, 'groupOffsetsAllTopics'>;
  readonly groupId: string;
  readonly transactionalIdPrefix: string;
  readonly windowMs: number;
  /** A longer window while the consumer is far behind: fewer commits. */
  readonly catchUpWindowMs: number;
  readonly maxRecords: number;
  /** The records one batch leads to. */
  readonly publish: (batch: IncomingBatch) => Promise<readonly OutgoingRecord[]>;
  readonly onCommitted?: (published: readonly OutgoingRecord[]) => void;
  /** Each stage of each window, in seconds (createCommitWindow). */
  readonly observe?: (stage: WindowStage, seconds: number) => void;
  readonly report: {
    /** A window did not commit; its partitions are read again from where it began. */
    readonly windowFailed: (error: Error) => void;
    /** The window open at close did not commit; the partitions' next owner reads it again. */
    readonly lastWindowFailed: (error: Error) => void;
    /** Records the partition's previous owner had already committed, skipped. */
    readonly skipped: (skipped: { partition: number; count: number; committed: bigint }) => void;
    /** The partition's transactional id could not be fenced now; the batch is fetched again. */
    readonly unfenced: (error: Error) => void;
  };
}) {
  const { report } = options;
  const consumer = options.kafka.consumer({
    groupId: options.groupId,
    autoCommit: false,
    isolation: 'read_committed',
  });
  const fencing = createTaskFencing({
    kafka: options.kafka,
    admin: options.admin,
    consumer,
    groupId: options.groupId,
    transactionalIdPrefix: options.transactionalIdPrefix,
  });
  // After a rebalance any partition may have been another instance's meanwhile.
  consumer.onRebalance(() => fencing.resetAll());
  const window = createCommitWindow({
    tasks: fencing.windowTasks(),
    consumer,
    groupId: options.groupId,
    windowMs: options.windowMs,
    catchUpWindowMs: options.catchUpWindowMs,
    maxRecords: options.maxRecords,
    close: () => Promise.resolve(new Map()),
    onCommitted: (published) => options.onCommitted?.(published),
    onFailed: (error) => report.windowFailed(error as Error),
    observe: options.observe,
  });

  return {
    consumer,

    run: () =>
      consumer.run(async (fetched, control) => {
        const batch = await fencing.admit(fetched, report);
        if (!batch) return;
        await window.batch(batch.topic, batch.partition, async () => {
          // Fetched before a failed window sought the partition back: it comes again from there.
          if (!control.isActive() || batch.records.length === 0) return { publish: [], records: 0 };
          const first = batch.records[0] as IncomingBatch['records'][number];
          const last = batch.records[batch.records.length - 1] as IncomingBatch['records'][number];
          return {
            publish: await options.publish(batch),
            first: first.offset,
            position: last,
            records: batch.records.length,
            lagging: BigInt(batch.highWatermark) - BigInt(last.offset) > 1_000n,
          };
        });
      }),

    /** Commits the open window, then leaves the group and closes the transactional producers. */
    async close() {
      await window.close().catch((error: unknown) => report.lastWindowFailed(error as Error));
      await consumer.disconnect();
      await fencing.close();
    },
  };
}
