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

const positionKey = (position: RecordPosition) => `${position.topic}:${position.partition}`;

/** Per partition number, where each topic's range of the window started. */
export type WindowRanges = Map<number, Record<string, string>>;

/**
 * Who writes each topic-partition's transaction. A task is a set of topic-partitions committed
 * under one transactional id; a window commits one transaction per task it touched.
 */
export interface WindowTasks {
  taskOf(topic: string, partition: number): string;
  /** The task's producer now (the caller opens and fences it before the task's first batch). */
  producer(task: string): KafkaProducer;
  /**
   * The task's transaction failed and was aborted: a caller renews its producer, or, when the
   * task may have moved to another instance, leaves it until it fences again.
   */
  failed(task: string): Promise<void>;
}

/**
 * Handles records in short windows. KafkaJS hands over one batch per topic-partition, so at a few
 * hundred events a second over many topic-partitions most batches hold one or two records; a
 * transaction for each would be most of the work, and batches handled one after another would
 * wait for each other's commits. A window takes batches for `windowMs` (or up to `maxRecords`),
 * then `close` adds what the window as a whole decides, and the window publishes its records and
 * commits the consumed offsets: one Kafka transaction per task it touched (see WindowTasks), all at
 * once. If a task's commit fails, each of its topic-partitions is fetched again from where its
 * range began (the tasks that committed stay committed), so a caller's work must come out the same
 * when done twice (the risk processor's ledgers; the desk router's copies are all in the aborted
 * transaction).
 *
 * Batches and closes run in one queue, never interleaved, but a closed window's transactions
 * commit outside it: the next window's batches are taken while they do (measured at 500 events/s,
 * sending and committing took a third of each window's time, p99 50 ms, and every fetched batch
 * waited behind it). Only batches overlap a commit. Whatever ends a window (its close, a failure,
 * shutdown) first waits for the window before it to finish committing, so windows are still
 * judged and reported one after another, in order. When a window's commit fails, the window
 * taken meanwhile is abandoned with it: its batches were applied on top of the failed one's, and
 * its ranges start where the failed ranges end, which now come again. A task's records that a
 * batch publishes while the task's last transaction is still committing wait for the window's
 * close (one producer holds one transaction at a time).
 */
export function createCommitWindow(options: {
  readonly tasks: WindowTasks;
  readonly consumer: KafkaConsumer;
  readonly groupId: string;
  readonly windowMs: number;
  /** A longer window while the consumer is far behind (a replay or a restart): fewer commits. */
  readonly catchUpWindowMs: number;
  readonly maxRecords: number;
  /** Judges the window; returns what to publish with its offsets, per task. */
  readonly close: (ranges: WindowRanges) => Promise<ReadonlyMap<string, readonly OutgoingRecord[]>>;
  /** The tasks whose transactions committed, and what they published. */
  readonly onCommitted: (published: readonly OutgoingRecord[], tasks: ReadonlySet<string>) => void;
  /**
   * A window failed; its topic-partitions (`sought`, as "topic:partition") are already sought back
   * to where their ranges began.
   */
  readonly onFailed: (error: unknown, sought: ReadonlySet<string>) => void;
}) {
  const { tasks } = options;
  let queue: Promise<unknown> = Promise.resolve();
  /** Per task: its open transaction, what it sent, its consumed positions and where its ranges began. */
  interface TaskWindow {
    transaction?: KafkaTransaction;
    /** The offsets the open transaction holds so far ("topic:partition" to offset). */
    offsetsSent?: Map<string, string>;
    sent: OutgoingRecord[];
    /** Records a batch published while the task's last transaction was still committing. */
    held: OutgoingRecord[];
    /** The task's producer when the window took its first batch of it (see producerOf). */
    producer?: KafkaProducer;
    readonly positions: Map<string, RecordPosition>;
    readonly starts: Map<string, { topic: string; partition: number; offset: string }>;
  }
  type Window = Map<string, TaskWindow>;
  let open: Window = new Map();
  /** The closed window whose transactions are committing, and the outcome of each task's. */
  let committing: { readonly window: Window; readonly outcomes: Promise<Map<string, unknown>> } | undefined;
  let openedAt = 0;
  let records = 0;
  let catchingUp = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  /** Where abandoned topic-partitions were sought back to, until the failure is reported. */
  let seekTo = new Map<string, { topic: string; partition: number; offset: string }>();

  const taskWindow = (window: Window, task: string): TaskWindow => {
    let entry = window.get(task);
    if (!entry) {
      entry = { sent: [], held: [], positions: new Map(), starts: new Map() };
      window.set(task, entry);
    }
    return entry;
  };
  const hasPositions = () => [...open.values()].some((entry) => entry.positions.size > 0);
  const isStarted = (key: string) => [...open.values()].some((entry) => entry.starts.has(key));

  /** Runs work after everything queued before it, and fails only its own caller. */
  function serially<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Begins the task's transaction with its consumed offsets so far, before any record. A transaction
   * begun as the producer's last one commits finds the coordinator still writing that one's markers
   * and is refused with CONCURRENT_TRANSACTIONS for a few milliseconds. Refused on a record send,
   * KafkaJS 2.2.4 tries again only after its retry time (about 200 ms): measured on the development
   * stack, six tasks committing every 25 ms took over 150 ms in 7% of transactions (p99 251 ms).
   * The offsets step is tried again after 10 ms (retryWhileConcurrent), and once it is in, the
   * transaction is open at the coordinator and the records' partitions join it without a wait (p99
   * 26 ms, none over 150). What a transaction holds commits together whatever its order.
   */
  /**
   * The task's producer, refused when the task was fenced again since the window took its first
   * batch of it (a rebalance: the consumer fetches the task's partitions again from the committed
   * offsets, and its batches may be in this window twice). A transaction begun before the fence is
   * aborted by the broker; this covers what had none yet: records held while the last window
   * committed, and offsets committed without a transaction. The task fails, and its partitions are
   * fetched again from where its ranges began.
   */
  function producerOf(task: string, entry: TaskWindow): KafkaProducer {
    const producer = tasks.producer(task);
    entry.producer ??= producer;
    if (producer !== entry.producer)
      throw new Error(
        `task ${task} was fenced again while its window was open; its records are fetched again`,
      );
    return producer;
  }

  async function begin(task: string, entry: TaskWindow): Promise<KafkaTransaction> {
    const transaction = await producerOf(task, entry).transaction();
    entry.transaction = transaction;
    const positions = [...entry.positions.values()];
    if (positions.length > 0) {
      await transaction.sendOffsets(options.groupId, positions);
      entry.offsetsSent = new Map(positions.map((position) => [positionKey(position), position.offset]));
    }
    return transaction;
  }

  async function send(task: string, entry: TaskWindow, publish: readonly OutgoingRecord[]): Promise<void> {
    if (publish.length === 0) return;
    entry.transaction ??= await begin(task, entry);
    // One request holds one batch per partition, and the broker refuses a batch over its message
    // size limit (1 MiB by default): send in slices well under it.
    let slice: OutgoingRecord[] = [];
    let bytes = 0;
    for (const record of publish) {
      const size = (record.value?.length ?? 0) + 64;
      if (slice.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
        await entry.transaction.send(slice);
        slice = [];
        bytes = 0;
      }
      slice.push(record);
      bytes += size;
    }
    if (slice.length > 0) await entry.transaction.send(slice);
    entry.sent.push(...publish);
  }

  /** One task's part of the window: its records, then its offsets, in its own transaction. */
  async function commitTask(task: string, entry: TaskWindow): Promise<void> {
    const committed = [...entry.positions.values()];
    if (entry.transaction) {
      // Offsets sent as the transaction began are sent again only if batches moved them since.
      const moved = committed.some(
        (position) => entry.offsetsSent?.get(positionKey(position)) !== position.offset,
      );
      if (moved) await entry.transaction.sendOffsets(options.groupId, committed);
      await entry.transaction.commit();
    } else if (committed.length > 0) {
      producerOf(task, entry);
      await options.consumer.commit(committed);
    }
  }

  /**
   * A closed window's records and offsets, outside the queue: each task's records go to its own
   * transaction, sent to all at once (one task's round trips after another's were a third of a
   * window's time at 500 events/s). Every send settles before a failure abandons the window, so no
   * abort races a send still under way; then every task commits. Resolves with each task's error
   * (undefined when it committed); never rejects.
   */
  async function publishAndCommit(
    window: Window,
    decided: ReadonlyMap<string, readonly OutgoingRecord[]>,
  ): Promise<Map<string, unknown>> {
    for (const task of decided.keys()) taskWindow(window, task);
    const order = [...window];
    const sent = await Promise.allSettled(
      order.map(([task, entry]) => send(task, entry, [...entry.held, ...(decided.get(task) ?? [])])),
    );
    const refused = sent.find((outcome) => outcome.status === 'rejected');
    if (refused) return new Map(order.map(([task]) => [task, refused.reason ?? new Error('send refused')]));
    const outcomes = await Promise.allSettled(order.map(([task, entry]) => commitTask(task, entry)));
    return new Map(
      order.map(([task], index) => {
        const outcome = outcomes[index] as PromiseSettledResult<void>;
        return [
          task,
          outcome.status === 'rejected' ? (outcome.reason ?? new Error('commit failed')) : undefined,
        ];
      }),
    );
  }

  /**
   * Waits for the window whose transactions are committing and reports it: what committed, and the
   * tasks that failed abandoned. Returns the first failure. Run in the queue only.
   */
  async function settle(): Promise<{ readonly error: unknown } | undefined> {
    if (!committing) return undefined;
    const { window, outcomes } = committing;
    const outcome = await outcomes;
    committing = undefined;
    const committed = new Set([...outcome].filter(([, error]) => error === undefined).map(([task]) => task));
    const failed = [...outcome].filter(([, error]) => error !== undefined);
    if (committed.size > 0)
      options.onCommitted(
        [...committed].flatMap((task) => window.get(task)?.sent ?? []),
        committed,
      );
    if (failed.length === 0) return undefined;
    await abandon(
      window,
      failed.map(([task]) => task),
    );
    return { error: failed[0]?.[1] };
  }

  /**
   * Nothing of these tasks' part of the window counts: their open transactions are aborted and each
   * of their topic-partitions will be fetched again from where its range began (the earliest, when
   * two windows are abandoned together).
   */
  async function abandon(window: Window, abandoned: readonly string[]): Promise<void> {
    const renewed: string[] = [];
    for (const task of abandoned) {
      const entry = window.get(task);
      if (!entry) continue;
      if (entry.transaction) {
        renewed.push(task);
        await entry.transaction.abort().catch(() => undefined);
      }
      for (const [key, start] of entry.starts) {
        const earlier = seekTo.get(key);
        if (earlier && BigInt(earlier.offset) <= BigInt(start.offset)) continue;
        seekTo.set(key, start);
        // At once, before the producers are renewed (which waits on the broker): batches fetched
        // from here on are stale.
        options.consumer.seek(start);
      }
    }
    for (const task of renewed) await tasks.failed(task);
  }

  /** The open window is dropped: its batches were applied, but nothing of it is committed. */
  async function abandonOpen(): Promise<void> {
    const window = open;
    reset();
    await abandon(window, [...window.keys()]);
  }

  function soughtBack(): Set<string> {
    const sought = new Set(seekTo.keys());
    seekTo = new Map();
    return sought;
  }

  function failed(error: unknown): void {
    options.onFailed(error, soughtBack());
  }

  /** For a batch's work, inside the queue: the window before it is committed and reported. */
  async function awaitCommitted(): Promise<void> {
    const outcome = await settle();
    if (outcome) throw outcome.error;
  }

  /** A commit that failed after its window closed: the window open since is abandoned with it. */
  async function settleAndReport(): Promise<void> {
    const outcome = await settle();
    if (!outcome) return;
    await abandonOpen();
    failed(outcome.error);
  }

  /** Closes the open window (whatever fails on the way abandons it, and the caller reports it). */
  async function closeNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    try {
      const before = await settle();
      if (before) throw before.error;
      if (!hasPositions()) return;
      const ranges: WindowRanges = new Map();
      for (const entry of open.values())
        for (const start of entry.starts.values())
          ranges.set(start.partition, { ...ranges.get(start.partition), [start.topic]: start.offset });
      const decided = await options.close(ranges);
      const window = open;
      reset();
      const outcomes = publishAndCommit(window, decided);
      committing = { window, outcomes };
      // Reported as soon as it is over, between batches; a close or a failure before that waits for
      // it, and then this report, queued behind, must not wait for the next window's commit.
      const mine = committing;
      void outcomes
        .then(() =>
          serially(async () => {
            if (committing === mine) await settleAndReport();
          }),
        )
        .catch((error: unknown) => failed(error));
    } catch (error) {
      await abandonOpen();
      throw error;
    }
  }

  function reset(): void {
    open = new Map();
    records = 0;
    catchingUp = false;
  }

  return {
    /** Runs one batch's work in the queue, telling it whether its topic-partition starts a range. */
    batch(
      topic: string,
      partition: number,
      work: (
        startsRange: boolean,
        /**
         * Waits for the window before this one to finish committing and be reported (its failure
         * thrown). Work that reads what a commit decides (the group's committed offsets) calls it
         * first: while that window commits, its offsets may not show yet.
         */
        committed: () => Promise<void>,
      ) => Promise<{
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
        const task = tasks.taskOf(topic, partition);
        let done;
        try {
          done = await work(!isStarted(key), awaitCommitted);
        } catch (error) {
          // The window's state in memory may be half-applied: drop the window, fetch everything
          // again; the consumer hands this batch over again too. A commit still under way is
          // awaited first, so its outcome is reported before the failure (and its tasks that
          // failed go back to their own start).
          await settle();
          await abandonOpen();
          failed(error);
          throw error;
        }
        if (!done.position || done.first === undefined) return;
        const entry = taskWindow(open, task);
        if (!entry.starts.has(key)) entry.starts.set(key, { topic, partition, offset: done.first });
        entry.positions.set(key, done.position);
        if (records === 0) openedAt = Date.now();
        records += done.records;
        if (done.lagging) catchingUp = true;
        const windowMs = catchingUp ? options.catchUpWindowMs : options.windowMs;
        try {
          // Held while the task's last transaction commits, and after that until the close, so
          // the task's records go out in the order of its batches.
          entry.producer ??= tasks.producer(task);
          if (committing?.window.has(task) || entry.held.length > 0) entry.held.push(...done.publish);
          else await send(task, entry, done.publish);
          if (records >= options.maxRecords || Date.now() - openedAt >= windowMs) await closeNow();
        } catch (error) {
          await settle();
          await abandonOpen();
          failed(error);
          return;
        }
        if (!hasPositions()) return;
        timer ??= setTimeout(() => {
          timer = undefined;
          void serially(closeNow).catch((error: unknown) => failed(error));
        }, windowMs);
      });
    },

    /** Before shutdown: commits the open window and takes no further batch. */
    close(): Promise<void> {
      closed = true;
      return serially(async () => {
        try {
          await closeNow();
          const last = await settle();
          if (last) throw last.error;
        } finally {
          soughtBack();
        }
      });
    },
  };
}
