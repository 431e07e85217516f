import type {
  KafkaClient,
  KafkaConsumer,
  KafkaProducer,
  KafkaTransaction,
  OutgoingRecord,
  RecordPosition,
} from './kafka-types';

const MAX_REQUEST_BYTES = 512 * 1024;

/**
 * A transactional producer that can be replaced: after a failed transaction KafkaJS's sequence
 * numbers may no longer match the broker's, so a failed window gets a fresh producer (same
 * transactional id, so the broker fences the old one's epoch).
 */
export interface RenewableProducer {
  current(): KafkaProducer;
  renew(): Promise<void>;
  disconnect(): Promise<void>;
}

export async function openTransactionalProducer(
  kafka: KafkaClient,
  transactionalId: string,
): Promise<RenewableProducer> {
  let producer = await fencedProducer(kafka, transactionalId);
  return {
    current: () => producer,
    async renew() {
      await producer.disconnect().catch(() => undefined);
      producer = await fencedProducer(kafka, transactionalId);
    },
    disconnect: () => producer.disconnect(),
  };
}

/**
 * A transactional producer that has already fenced every earlier producer of its id. KafkaJS asks
 * the broker for the transactional producer id only at the first transaction, not at connect; until
 * then an earlier producer's transaction (a crashed process's, or one whose commit timed out here
 * though the broker went on with it) may still be completing. The broker answers that request only
 * once such a transaction is committed or aborted, so after it the group's committed offsets say
 * what was committed: what the risk processor's outbox check reads.
 */
async function fencedProducer(kafka: KafkaClient, transactionalId: string): Promise<KafkaProducer> {
  const producer = kafka.producer({ transactionalId });
  await producer.connect();
  // An empty transaction: the producer id is taken, nothing is sent, and aborting it sends nothing.
  await (await producer.transaction()).abort();
  return producer;
}

/** Per partition number, where each topic's range of the window started. */
export type WindowRanges = Map<number, Record<string, string>>;

/**
 * Handles records in short windows. KafkaJS hands over one batch per topic-partition, so at a few
 * hundred events a second over many topic-partitions most batches hold one or two records; a
 * transaction for each would be most of the work, and batches handled one after another would
 * wait for each other's commits. A window takes batches for `windowMs` (or up to `maxRecords`),
 * then `close` adds what the window as a whole decides, and the window publishes its records and
 * commits the consumed offsets in one Kafka transaction. Batches and closes never interleave (one
 * queue). If a commit fails, every partition of the window is fetched again from where its range
 * began, so a caller's work must come out the same when done twice (the risk processor's ledgers,
 * the desk router's first-position claims).
 */
export function createCommitWindow(options: {
  readonly producer: Pick<RenewableProducer, 'current' | 'renew'>;
  readonly consumer: KafkaConsumer;
  readonly groupId: string;
  readonly windowMs: number;
  /** A longer window while the consumer is far behind (a replay or a restart): fewer commits. */
  readonly catchUpWindowMs: number;
  readonly maxRecords: number;
  /** Judges the window; returns what to publish with its offsets. */
  readonly close: (ranges: WindowRanges) => Promise<readonly OutgoingRecord[]>;
  readonly onCommitted: (published: readonly OutgoingRecord[]) => void;
  /**
   * A window failed; its topic-partitions (`sought`, as "topic:partition") are already sought back
   * to where their ranges began.
   */
  readonly onFailed: (error: unknown, sought: ReadonlySet<string>) => void;
}) {
  let queue: Promise<unknown> = Promise.resolve();
  let transaction: KafkaTransaction | undefined;
  const positions = new Map<string, RecordPosition>();
  const starts = new Map<string, { topic: string; partition: number; offset: string }>();
  let sent: OutgoingRecord[] = [];
  let openedAt = 0;
  let records = 0;
  let catchingUp = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let sought = new Set<string>();

  /** Runs work after everything queued before it, and fails only its own caller. */
  function serially<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  async function send(publish: readonly OutgoingRecord[]): Promise<void> {
    if (publish.length === 0) return;
    transaction ??= await options.producer.current().transaction();
    // One request holds one batch per partition, and the broker refuses a batch over its message
    // size limit (1 MiB by default): send in slices well under it.
    let slice: OutgoingRecord[] = [];
    let bytes = 0;
    for (const record of publish) {
      const size = (record.value?.length ?? 0) + 64;
      if (slice.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
        await transaction.send(slice);
        slice = [];
        bytes = 0;
      }
      slice.push(record);
      bytes += size;
    }
    if (slice.length > 0) await transaction.send(slice);
    sent.push(...publish);
  }

  async function closeNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (positions.size === 0) return;
    const ranges: WindowRanges = new Map();
    for (const start of starts.values()) {
      ranges.set(start.partition, { ...ranges.get(start.partition), [start.topic]: start.offset });
    }
    try {
      await send(await options.close(ranges));
      const committed = [...positions.values()];
      if (transaction) {
        await transaction.sendOffsets(options.groupId, committed);
        await transaction.commit();
      } else {
        await options.consumer.commit(committed);
      }
      options.onCommitted(sent);
    } catch (error) {
      await abandon();
      throw error;
    }
    reset();
  }

  function reset(): void {
    transaction = undefined;
    sent = [];
    positions.clear();
    starts.clear();
    records = 0;
    catchingUp = false;
  }

  /** Nothing of the window counts: every partition is fetched again from where its range began. */
  async function abandon(): Promise<void> {
    await transaction?.abort().catch(() => undefined);
    for (const start of starts.values()) options.consumer.seek(start);
    sought = new Set(starts.keys());
    reset();
    await options.producer.renew();
  }

  function failed(error: unknown): void {
    const partitions = sought;
    sought = new Set();
    options.onFailed(error, partitions);
  }

  return {
    /** Runs one batch's work in the queue, telling it whether its topic-partition starts a range. */
    batch(
      topic: string,
      partition: number,
      work: (startsRange: boolean) => Promise<{
        readonly publish: readonly OutgoingRecord[];
        readonly first?: string;
        readonly position?: RecordPosition;
        readonly records: number;
        /** True when the partition has many more records waiting after this batch. */
        readonly lagging?: boolean;
      }>,
    ): Promise<void> {
      return serially(async () => {
        // After close, the last window is committed and a new one would never be: the records are
        // left to the partition's next owner.
        if (closed) return;
        const key = `${topic}:${partition}`;
        let done;
        try {
          done = await work(!starts.has(key));
        } catch (error) {
          // The window's state in memory may be half-applied: drop the window, fetch everything
          // again; the consumer hands this batch over again too.
          if (positions.size > 0) await abandon();
          failed(error);
          throw error;
        }
        if (!done.position || done.first === undefined) return;
        if (!starts.has(key)) starts.set(key, { topic, partition, offset: done.first });
        positions.set(key, done.position);
        if (records === 0) openedAt = Date.now();
        records += done.records;
        if (done.lagging) catchingUp = true;
        const windowMs = catchingUp ? options.catchUpWindowMs : options.windowMs;
        try {
          await send(done.publish);
          if (records >= options.maxRecords || Date.now() - openedAt >= windowMs) await closeNow();
        } catch (error) {
          if (positions.size > 0) await abandon();
          failed(error);
          return;
        }
        if (positions.size === 0) return;
        timer ??= setTimeout(() => {
          timer = undefined;
          void serially(closeNow).catch((error: unknown) => failed(error));
        }, windowMs);
      });
    },

    /** Before shutdown: commits the open window and takes no further batch. */
    close(): Promise<void> {
      closed = true;
      return serially(closeNow);
    },
  };
}
