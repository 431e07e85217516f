import {
  openTransactionalProducer,
  type KafkaAdmin,
  type KafkaClient,
  type KafkaProducer,
  type RenewableProducer,
} from '@waspada/common';

/**
 * Exactly-once across instances, enforced by the broker. KafkaJS cannot send the group generation
 * with a transaction's offsets (KIP-447), so the broker cannot tell a deposed member's commit from
 * its owner's. Instead, as Kafka Streams did before KIP-447, each partition number p of the
 * co-partitioned topics is a task with a transactional id of its own, `<prefix>.<group>.<p>`:
 *
 *   1. Before it handles a task's first record after an assignment (or after one of its
 *      transactions failed), an instance opens the task's producer. The broker then bumps the id's
 *      epoch: an earlier holder's open transaction is aborted and every later request of it is
 *      refused (ProducerFenced), so it can commit neither alerts nor offsets of p any more. The
 *      answer comes only once a transaction of the earlier holder that was already committing has
 *      finished, so:
 *   2. the group's committed offsets read next are final for p, and records below them (fetched
 *      from offsets read before the earlier holder's last commit landed) are skipped: another
 *      instance has already published what they decided.
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
  /** Called each time a task's producer fences its id. */
  readonly onFence?: (partition: number) => void;
}) {
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
    const committed = await options.admin.groupOffsetsAllTopics(options.groupId);
    task.floors = new Map(
      committed
        .filter((entry) => entry.partition === partition && BigInt(entry.offset) >= 0n)
        .map((entry) => [entry.topic, BigInt(entry.offset)]),
    );
  }

  return {
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

    async close(): Promise<void> {
      await Promise.allSettled(
        [...tasks.values()].map((task) => task.producer?.disconnect() ?? Promise.resolve()),
      );
    },
  };
}

export type TaskFencing = ReturnType<typeof createTaskFencing>;

export const transactionalIdOf = (prefix: string, groupId: string, partition: number) =>
  `${prefix}.${groupId}.${partition}`;
