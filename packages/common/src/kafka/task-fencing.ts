import { openTransactionalProducer, type RenewableProducer, type WindowTasks } from './commit-window';
import type { IncomingBatch, KafkaAdmin, KafkaClient, KafkaConsumer, KafkaProducer } from './kafka-types';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Exactly-once across instances, enforced by the broker. KafkaJS cannot send the group generation
 * with a transaction's offsets (KIP-447), so the broker cannot tell a deposed member's commit from
 * its owner's. Instead, as Kafka Streams did before KIP-447, each partition number p of the topics
 * a group reads (co-partitioned, when there are several) is a task with a transactional id of its
 * own, `<prefix>.<group>.<p>`, and a commit window (createCommitWindow) commits one transaction per
 * task:
 *
 *   1. Before it handles a task's first record after an assignment (or after one of its
 *      transactions failed), an instance opens the task's producer. The broker then bumps the id's
 *      epoch: an earlier holder's open transaction is aborted and every later request of it is
 *      refused (ProducerFenced), so it can commit neither alerts nor offsets of p any more. The
 *      answer comes only once a transaction of the earlier holder that was already committing has
 *      finished, so:
 *   2. the group's committed offsets read next are final for p, and records below them (fetched
 *      from offsets read before the earlier holder's last commit landed) are skipped: another
 *      instance has already published what they decided (`admit`).
 *
 * What the task keeps outside Kafka is fenced at step 1 as well (`onFenced`), so that an earlier
 * holder can no longer write it either once the new owner starts to read it.
 *
 * A member that does not know yet that it lost p may open the producer again and fence the new
 * owner in turn; each side then re-reads the offsets before going on, so the cost is a redone
 * window, never a repeated or lost alert, until its next heartbeat tells it of the new assignment.
 */
export function createTaskFencing(options: {
  readonly kafka: KafkaClient;
  readonly admin: Pick<KafkaAdmin, 'groupOffsetsAllTopics'>;
  readonly groupId: string;
  /** The first part of every transactional id (Kafka ACLs grant the service this prefix). */
  readonly transactionalIdPrefix: string;
  /** Seeks a batch back when its task cannot be fenced now. */
  readonly consumer: Pick<KafkaConsumer, 'seek'>;
  /** How long a batch whose task could not be fenced waits before it is sought back (1 s). */
  readonly retryDelayMs?: number;
  /** Called each time a task's producer fences its id. */
  readonly onFence?: (partition: number) => void;
  /**
   * Awaited once the id is fenced, before the offsets are read: the state kept outside Kafka
   * takes the task here, so that an earlier holder's writes to it are refused from now on too
   * (the processor's Redis, see createStateStore's takeTask). A failure fails the fence.
   */
  readonly onFenced?: (partition: number) => Promise<void>;
}) {
  const { consumer } = options;
  interface Task {
    producer?: RenewableProducer;
    /** Present while the task is fenced and its offsets read; dropped when it must fence again. */
    ready?: Promise<void>;
    /** The last fence begun: fences of one task run one after another, never over each other. */
    last: Promise<void>;
    /** Per topic, the group's committed offset read after the last fence. */
    floors: Map<string, bigint>;
  }
  const tasks = new Map<number, Task>();
  const taskOf = (partition: number): Task => {
    let task = tasks.get(partition);
    if (!task) {
      task = { floors: new Map(), last: Promise.resolve() };
      tasks.set(partition, task);
    }
    return task;
  };

  async function fence(partition: number, task: Task): Promise<void> {
    if (task.producer) await task.producer.renew();
    else
      task.producer = await openTransactionalProducer(
        options.kafka,
        transactionalIdOf(options.transactionalIdPrefix, options.groupId, partition),
      );
    options.onFence?.(partition);
    await options.onFenced?.(partition);
    const committed = await options.admin.groupOffsetsAllTopics(options.groupId);
    task.floors = new Map(
      committed
        .filter((entry) => entry.partition === partition && BigInt(entry.offset) >= 0n)
        .map((entry) => [entry.topic, BigInt(entry.offset)]),
    );
  }

  const fencing = {
    /**
     * Resolves once the task of this partition number is fenced and its committed offsets read
     * (at once when it already is). A failure leaves it to be tried again at the next call.
     */
    ensure(partition: number): Promise<void> {
      const task = taskOf(partition);
      if (!task.ready) {
        const ready = task.last.catch(() => undefined).then(() => fence(partition, task));
        task.ready = ready;
        task.last = ready;
        ready.catch(() => {
          if (task.ready === ready) delete task.ready;
        });
      }
      return task.ready;
    },

    /** The group's committed offset of the topic-partition as read at the task's last fence. */
    floor(topic: string, partition: number): bigint | undefined {
      return tasks.get(partition)?.floors.get(topic);
    },

    producer(partition: number): KafkaProducer {
      const producer = tasks.get(partition)?.producer;
      if (!producer) throw new Error(`partition ${partition} has no producer: it was never fenced`);
      return producer.current();
    },

    /** A transaction of the task failed (maybe fenced by another instance): fence again before going on. */
    failed(partition: number): void {
      const task = tasks.get(partition);
      if (task) delete task.ready;
    },

    /** After a rebalance any task may have been another instance's meanwhile: fence each again. */
    resetAll(): void {
      for (const task of tasks.values()) delete task.ready;
    },

    /**
     * A fetched batch's records that are still to be handled, once its task is fenced: none below
     * the offsets committed before (`skipped` counts them). Undefined when nothing is left, or when
     * the task cannot be fenced now: the batch is then sought back and fetched again a second later.
     */
    async admit(
      batch: IncomingBatch,
      report: {
        readonly skipped: (skipped: {
          topic: string;
          partition: number;
          count: number;
          committed: bigint;
        }) => void;
        readonly unfenced: (error: Error) => void;
      },
    ): Promise<IncomingBatch | undefined> {
      const first = batch.records[0];
      if (!first) return batch;
      try {
        await fencing.ensure(batch.partition);
      } catch (error) {
        report.unfenced(error as Error);
        await sleep(options.retryDelayMs ?? 1_000);
        consumer.seek({ topic: batch.topic, partition: batch.partition, offset: first.offset });
        return undefined;
      }
      const floor = fencing.floor(batch.topic, batch.partition);
      if (floor === undefined || BigInt(first.offset) >= floor) return batch;
      const records = batch.records.filter((record) => BigInt(record.offset) >= floor);
      report.skipped({
        topic: batch.topic,
        partition: batch.partition,
        count: batch.records.length - records.length,
        committed: floor,
      });
      return records.length > 0 ? { ...batch, records } : undefined;
    },

    /** The commit window's tasks: one per partition number. */
    windowTasks(): WindowTasks {
      return {
        taskOf: (_topic, partition) => String(partition),
        producer: (task) => fencing.producer(Number(task)),
        failed: (task) => Promise.resolve(fencing.failed(Number(task))),
      };
    },

    async close(): Promise<void> {
      await Promise.allSettled(
        [...tasks.values()].map((task) => task.producer?.disconnect() ?? Promise.resolve()),
      );
    },
  };
  return fencing;
}

export type TaskFencing = ReturnType<typeof createTaskFencing>;

export const transactionalIdOf = (prefix: string, groupId: string, partition: number) =>
  `${prefix}.${groupId}.${partition}`;
