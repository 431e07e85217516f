import type {
  KafkaConsumer,
  KafkaProducer,
  KafkaTransaction,
  OutgoingRecord,
  RecordPosition,
} from '@waspada/common';
import type { UncommittedRange } from './batch-processor';

/**
 * Commits many small batches together. KafkaJS hands over one batch per topic-partition, so at a
 * few hundred events a second over 30 topic-partitions most batches hold one or two records; a
 * commit for each would be most of the work. Instead the batches of a short window share one Kafka
 * transaction (alerts and consumed offsets), committed when the window is `windowMs` old, holds
 * `maxRecords` records, or goes quiet. Batch work and commits never interleave (one queue), and
 * each partition's outbox covers its whole uncommitted range (see processBatch), so a crash
 * anywhere in a window loses and duplicates nothing.
 */
export function createCommitWindow(options: {
  readonly producer: KafkaProducer;
  readonly consumer: KafkaConsumer;
  readonly groupId: string;
  readonly windowMs: number;
  readonly maxRecords: number;
  readonly onCommitted: (published: readonly OutgoingRecord[], positions: readonly RecordPosition[]) => void;
  /** A commit that failed outside a batch (its partitions are already sought back). */
  readonly onFailed: (error: unknown) => void;
}) {
  let queue: Promise<unknown> = Promise.resolve();
  let transaction: KafkaTransaction | undefined;
  let sent: OutgoingRecord[] = [];
  const positions = new Map<string, RecordPosition>();
  const ranges = new Map<string, UncommittedRange>();
  let openedAt = 0;
  let records = 0;
  let timer: NodeJS.Timeout | undefined;

  /** Runs work after everything queued before it, and fails only its own caller. */
  function serially<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  async function commitNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (positions.size === 0) return;
    const committed = [...positions.values()];
    const published = sent;
    try {
      if (transaction) {
        await transaction.sendOffsets(options.groupId, committed);
        await transaction.commit();
      } else {
        await options.consumer.commit(committed);
      }
    } catch (error) {
      await transaction?.abort().catch(() => undefined);
      // Nothing of the window counts: fetch each partition again from where its range began, so
      // the records come again and their alerts come back from the outbox.
      for (const [key, range] of ranges) {
        const position = positions.get(key);
        if (position)
          options.consumer.seek({
            topic: position.topic,
            partition: position.partition,
            offset: range.start,
          });
      }
      throw error;
    } finally {
      transaction = undefined;
      sent = [];
      positions.clear();
      ranges.clear();
      records = 0;
    }
    options.onCommitted(published, committed);
  }

  return {
    /** The uncommitted range of a topic-partition in this window, if it has one. */
    rangeOf(topic: string, partition: number): UncommittedRange | undefined {
      return ranges.get(`${topic}:${partition}`);
    },

    /** Runs one batch's work in the queue; `work` returns what to publish and how far it got. */
    batch(
      work: () => Promise<{
        readonly publish: readonly OutgoingRecord[];
        readonly position?: RecordPosition;
        readonly range?: UncommittedRange;
        readonly records: number;
      }>,
    ): Promise<void> {
      return serially(async () => {
        const done = await work();
        if (!done.position) return;
        if (done.publish.length > 0) {
          transaction ??= await options.producer.transaction();
          await transaction.send(done.publish);
          sent.push(...done.publish);
        }
        const key = `${done.position.topic}:${done.position.partition}`;
        positions.set(key, done.position);
        if (done.range) ranges.set(key, done.range);
        if (records === 0) openedAt = Date.now();
        records += done.records;
        if (records >= options.maxRecords || Date.now() - openedAt >= options.windowMs) {
          await commitNow();
        } else {
          timer ??= setTimeout(() => {
            timer = undefined;
            void serially(commitNow).catch((error: unknown) => options.onFailed(error));
          }, options.windowMs);
        }
      });
    },

    /** Commits what is pending now: before a rebalance and at shutdown. */
    flush(): Promise<void> {
      return serially(commitNow);
    },
  };
}
