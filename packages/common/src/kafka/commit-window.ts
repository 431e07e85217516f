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

/** What a batch's work gives the window. */
export interface BatchDone {
  readonly publish: readonly OutgoingRecord[];
  /** The offset of the batch's first record and the position after its last (none: nothing to commit). */
  readonly first?: string;
  readonly position?: RecordPosition;
  readonly records: number;
  /** True when the partition has many more records waiting after this batch. */
  readonly lagging?: boolean;
}

/**
 * The parts of a window's life, timed: `open` from its first batch's handing over to its close
 * (mostly the window's length, more when a batch's work runs past it or the last window's close
 * took longer than it), `judge` the caller's close, `publish` the sends of what the close decided,
 * `commit` the tasks' offsets and commits.
 */
export type WindowStage = 'open' | 'judge' | 'publish' | 'commit';

const secondsSince = (start: number) => (performance.now() - start) / 1000;

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
 * wait for each other's commits. A window takes batches (alone, or in groups handed over together)
 * for `windowMs` (or up to `maxRecords`), then `close` adds what the window as a whole decides, and
 * the window publishes its records and commits the consumed offsets: one Kafka transaction per task
 * it touched (see WindowTasks), all at once. Batches and closes never interleave (one queue). If a
 * task's commit fails, each of its
 * topic-partitions is fetched again from where its range began (the tasks that committed stay
 * committed), so a caller's work must come out the same when done twice (the risk processor's
 * ledgers; the desk router's copies are all in the aborted transaction).
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
  /** Each stage of each window that closed, in seconds (a histogram per stage says where latency goes). */
  readonly observe?: (stage: WindowStage, seconds: number) => void;
}) {
  const { tasks } = options;
  const observe = options.observe ?? (() => undefined);
  let queue: Promise<unknown> = Promise.resolve();
  /** Per task: its open transaction, what it sent, its consumed positions and where its ranges began. */
  interface TaskWindow {
    transaction?: KafkaTransaction;
    /** The transaction's beginning once asked for: open with the offsets so far, or refused. */
    beginning?: Promise<KafkaTransaction>;
    /** The offsets the open transaction holds so far ("topic:partition" to offset). */
    offsetsSent?: Map<string, string>;
    sent: OutgoingRecord[];
    readonly positions: Map<string, RecordPosition>;
    readonly starts: Map<string, { topic: string; partition: number; offset: string }>;
  }
  let open = new Map<string, TaskWindow>();
  /** performance.now() of the window's first record: its length, and its `open` stage. */
  let openedAt = 0;
  let records = 0;
  let catchingUp = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let sought = new Set<string>();

  const taskWindow = (task: string): TaskWindow => {
    let entry = open.get(task);
    if (!entry) {
      entry = { sent: [], positions: new Map(), starts: new Map() };
      open.set(task, entry);
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
  async function begin(task: string, entry: TaskWindow): Promise<KafkaTransaction> {
    const transaction = await tasks.producer(task).transaction();
    entry.transaction = transaction;
    const positions = [...entry.positions.values()];
    if (positions.length > 0) {
      await transaction.sendOffsets(options.groupId, positions);
      entry.offsetsSent = new Map(positions.map((position) => [positionKey(position), position.offset]));
    }
    return transaction;
  }

  /** The task's transaction of this window, begun at the first call. */
  function transactionOf(task: string, entry: TaskWindow): Promise<KafkaTransaction> {
    entry.beginning ??= begin(task, entry);
    return entry.beginning;
  }

  async function send(task: string, publish: readonly OutgoingRecord[]): Promise<void> {
    if (publish.length === 0) return;
    const entry = taskWindow(task);
    const transaction = await transactionOf(task, entry);
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
    for (const record of publish) entry.sent.push(record);
  }

  /**
   * One task's part of the window: its records and its offsets, in its own transaction. Every
   * task's offsets go through its transactional producer, records or not, so a deposed instance's
   * commit is refused by the broker whatever the window held.
   */
  async function commitTask(task: string, entry: TaskWindow): Promise<void> {
    const transaction = await transactionOf(task, entry);
    // Offsets sent as the transaction began are sent again only if batches moved them since.
    const committed = [...entry.positions.values()];
    const moved = committed.some(
      (position) => entry.offsetsSent?.get(positionKey(position)) !== position.offset,
    );
    if (moved) await transaction.sendOffsets(options.groupId, committed);
    await transaction.commit();
  }

  async function closeNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!hasPositions()) return;
    const ranges: WindowRanges = new Map();
    for (const entry of open.values())
      for (const start of entry.starts.values())
        ranges.set(start.partition, { ...ranges.get(start.partition), [start.topic]: start.offset });
    // Each task's transaction begins with its offsets (no batch joins the window any more) while
    // the window is judged: the alerts then go out as soon as they are decided, not after a round
    // trip or two to the transaction coordinator. A refusal comes out at the task's send or commit.
    for (const [task, entry] of open) transactionOf(task, entry).catch(() => undefined);
    let stageStart = performance.now();
    observe('open', (stageStart - openedAt) / 1000);
    try {
      const decided = await options.close(ranges);
      observe('judge', secondsSince(stageStart));
      stageStart = performance.now();
      // Each task's records go to its own transaction: sent to all at once, not one task's round
      // trips after another's (at 500 events/s that was a third of a window's time). Every send
      // settles before a failure abandons the window, so no abort races a send still under way.
      const sent = await Promise.allSettled([...decided].map(([task, publish]) => send(task, publish)));
      const refused = sent.find((outcome) => outcome.status === 'rejected');
      if (refused) throw refused.reason;
      observe('publish', secondsSince(stageStart));
      stageStart = performance.now();
    } catch (error) {
      await abandon([...open.keys()]);
      throw error;
    }
    const window = open;
    const outcomes = await Promise.allSettled([...window].map(([task, entry]) => commitTask(task, entry)));
    observe('commit', secondsSince(stageStart));
    const committed = new Set<string>();
    const failed: string[] = [];
    let firstError: unknown;
    [...window.keys()].forEach((task, index) => {
      const outcome = outcomes[index] as PromiseSettledResult<void>;
      if (outcome.status === 'fulfilled') committed.add(task);
      else {
        failed.push(task);
        firstError ??= outcome.reason;
      }
    });
    if (committed.size > 0)
      options.onCommitted(
        [...committed].flatMap((task) => window.get(task)?.sent ?? []),
        committed,
      );
    if (failed.length > 0) {
      await abandon(failed);
      throw firstError;
    }
    reset();
  }

  function reset(): void {
    open = new Map();
    records = 0;
    catchingUp = false;
  }

  /** Nothing of these tasks' part counts: each of their topic-partitions is fetched again from where its range began. */
  async function abandon(failedTasks: readonly string[]): Promise<void> {
    sought = new Set();
    for (const task of failedTasks) {
      const entry = open.get(task);
      if (!entry) continue;
      // A beginning still under way settles first: no abort races its offsets.
      await entry.beginning?.catch(() => undefined);
      await entry.transaction?.abort().catch(() => undefined);
      for (const [key, start] of entry.starts) {
        options.consumer.seek(start);
        sought.add(key);
      }
    }
    const renewed = failedTasks.filter((task) => open.get(task)?.transaction);
    reset();
    for (const task of renewed) await tasks.failed(task);
  }

  function failed(error: unknown): void {
    const partitions = sought;
    sought = new Set();
    options.onFailed(error, partitions);
  }

  /**
   * Takes a group's finished batches into the window, sends their records, and closes it when due.
   * A window opens when its first batch was handed over (`arrivedAt`), not when the queue came to
   * it: a batch that waited behind the last window's close has waited its window's length already.
   */
  async function take(
    parts: readonly { readonly topic: string; readonly partition: number }[],
    done: readonly BatchDone[],
    arrivedAt: number,
  ): Promise<void> {
    const publish = new Map<string, OutgoingRecord[]>();
    parts.forEach(({ topic, partition }, index) => {
      const result = done[index];
      if (!result?.position || result.first === undefined) return;
      const key = `${topic}:${partition}`;
      const task = tasks.taskOf(topic, partition);
      const entry = taskWindow(task);
      if (!entry.starts.has(key)) entry.starts.set(key, { topic, partition, offset: result.first });
      entry.positions.set(key, result.position);
      if (records === 0) openedAt = arrivedAt;
      records += result.records;
      if (result.lagging) catchingUp = true;
      if (result.publish.length > 0) publish.set(task, [...(publish.get(task) ?? []), ...result.publish]);
    });
    const sent = await Promise.allSettled([...publish].map(([task, list]) => send(task, list)));
    const refused = sent.find((outcome) => outcome.status === 'rejected');
    if (refused) throw refused.reason;
    const windowMs = catchingUp ? options.catchUpWindowMs : options.windowMs;
    if (records >= options.maxRecords || performance.now() - openedAt >= windowMs) await closeNow();
  }

  /**
   * Runs the work of a group of batches in the queue, telling it which of their topic-partitions
   * start a range. A group is what the consumer handed over at once (one fetch's batches): taken
   * together, its records cost one set of round trips instead of one per batch.
   */
  function batches(
    parts: readonly { readonly topic: string; readonly partition: number }[],
    work: (startsRange: readonly boolean[]) => Promise<readonly BatchDone[]>,
  ): Promise<void> {
    const arrivedAt = performance.now();
    return serially(async () => {
      // After close, the last window is committed and a new one would never be: the records are
      // left to the partition's next owner.
      if (closed) return;
      let done;
      try {
        // A topic-partition may come twice in a group (records of one batch handed over in runs,
        // in the order Kafka appended them across topics): only its first run starts the range.
        const seen = new Set<string>();
        done = await work(
          parts.map(({ topic, partition }) => {
            const key = `${topic}:${partition}`;
            const starts = !isStarted(key) && !seen.has(key);
            seen.add(key);
            return starts;
          }),
        );
      } catch (error) {
        // The window's state in memory may be half-applied: drop the window, fetch everything
        // again; the consumer hands these batches over again too.
        if (hasPositions()) await abandon([...open.keys()]);
        failed(error);
        throw error;
      }
      try {
        await take(parts, done, arrivedAt);
      } catch (error) {
        if (hasPositions()) await abandon([...open.keys()]);
        failed(error);
        return;
      }
      if (!hasPositions()) return;
      const windowMs = catchingUp ? options.catchUpWindowMs : options.windowMs;
      timer ??= setTimeout(
        () => {
          timer = undefined;
          void serially(closeNow).catch((error: unknown) => failed(error));
        },
        Math.max(0, windowMs - (performance.now() - openedAt)),
      );
    });
  }

  return {
    batches,

    /** Runs one batch's work in the queue, telling it whether its topic-partition starts a range. */
    batch(
      topic: string,
      partition: number,
      work: (startsRange: boolean) => Promise<BatchDone>,
    ): Promise<void> {
      return batches([{ topic, partition }], async ([startsRange]) => [await work(startsRange ?? true)]);
    },

    /** Before shutdown: commits the open window and takes no further batch. */
    close(): Promise<void> {
      closed = true;
      return serially(closeNow);
    },
  };
}
