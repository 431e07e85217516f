import {
  TOPICS,
  type BatchControl,
  type BatchDone,
  type createCommitWindow,
  type IncomingBatch,
  type Logger,
} from '@waspada/common';
import type { DeadLetterRecord } from '@waspada/schemas';
import { applyBatches, type BatchDeps } from './batch-processor';
import type { OutboxRecovery } from './outbox-recovery';
import type { ProcessorMetrics } from './processor-metrics';
import { ownRecords } from './rejudge-source';
import { rescreenRequests, type RescreenIo } from './rescreen';
import type { RestoreOptions } from './state-restore';
import type { WindowJudge } from './window-judge';
import type { WindowRecordMakers } from './window-output';

/**
 * A group takes at most about this many records (a catch-up fetch holds tens of thousands): its
 * decoded events and people are in memory at once, and the window checks its size between groups.
 */
const GROUP_RECORDS = 2_000;

/**
 * Whether a refused record is one of the batch's: a topic-partition may come twice in a group (two
 * runs of one fetched batch), and each run publishes only its own refusals.
 */
function within(dead: DeadLetterRecord, batch: IncomingBatch): boolean {
  const first = batch.records[0];
  const last = batch.records[batch.records.length - 1];
  return (
    dead.sourceTopic === batch.topic &&
    dead.sourcePartition === batch.partition &&
    first !== undefined &&
    last !== undefined &&
    BigInt(dead.sourceOffset) >= BigInt(first.offset) &&
    BigInt(dead.sourceOffset) <= BigInt(last.offset)
  );
}

/** A record appended longer ago than this was waiting for the processor: it is catching up. */
const BEHIND_AFTER_MS = 5_000;

/**
 * Batches whose turn came (see input-pacing.ts), taken into the commit window: applied to the state
 * within the open window, or, from the watchlist topic, turned into re-screen requests. A lost Redis
 * state is restored first, and a partition's outbox read before its first window can overwrite it.
 *
 * The consumer hands a fetch's batches over at once (KafkaJS's partitionsConsumedConcurrently), and
 * batches handed over in the same turn of the event loop are applied as one group: one set of Redis
 * round trips for the group, not one per batch. Handled one after another, a fetch of a few dozen
 * small batches spent most of its time on those round trips, and the next fetch waited for all of
 * them. The group's batches all have different topic-partitions (KafkaJS fetches a topic-partition
 * again only once its last batch is handled).
 */
export function windowBatches(parts: {
  readonly window: Pick<ReturnType<typeof createCommitWindow>, 'batches'>;
  readonly judge: Pick<WindowJudge, 'stateLost' | 'stateRestored' | 'current'>;
  readonly deps: BatchDeps;
  readonly io: RescreenIo;
  readonly recovery: Pick<OutboxRecovery, 'readOnce' | 'readAgain'>;
  readonly restoreState: (options: RestoreOptions) => Promise<void>;
  readonly records: Pick<WindowRecordMakers, 'rejudge' | 'deadLetters'>;
  /** The group whose re-judge requests this processor takes (see rejudge-source.ts). */
  readonly rejudgeFrom: string;
  readonly metrics: Pick<ProcessorMetrics, 'batchApplied'>;
  readonly logger: Logger;
}) {
  const { judge, recovery, records } = parts;
  interface Handed {
    readonly batch: IncomingBatch;
    readonly control: BatchControl;
  }

  async function apply(group: readonly Handed[], startsRange: readonly boolean[]): Promise<BatchDone[]> {
    // Fetched before a failed window sought its partition back, or before a rebalance: the records
    // come again from the right offset.
    const active = group.map(({ control }) => control.isActive());
    const live = group.filter((_, index) => active[index]);
    const alive = live[0];
    if (!alive) return group.map(() => ({ publish: [], records: 0 }));
    if (judge.stateLost()) {
      await parts.restoreState({ afterLoss: true, keepAlive: () => alive.control.heartbeat() });
      judge.stateRestored();
      recovery.readAgain();
    }
    const started = process.hrtime.bigint();
    // Before this window can write a partition's outbox over the one it may have to redo.
    await Promise.all(
      [...new Set(live.map(({ batch }) => batch.partition))].map((p) => recovery.readOnce(p)),
    );
    const applying = group.flatMap(({ batch }, index) =>
      active[index] && batch.topic !== TOPICS.watchlist
        ? [{ batch: ownRecords(batch, parts.rejudgeFrom), startsWindow: startsRange[index] ?? true }]
        : [],
    );
    const [result, rescreens] = await Promise.all([
      applyBatches(parts.deps, applying, { mode: 'live', window: judge.current() }),
      Promise.all(
        group.map(({ batch }, index) =>
          active[index] && batch.topic === TOPICS.watchlist
            ? rescreenRequests(parts.io, batch, parts.logger)
            : Promise.resolve([]),
        ),
      ),
    ]);
    if (applying.length > 0)
      parts.metrics.batchApplied(
        result,
        applying.flatMap(({ batch }) => batch.records),
        started,
      );
    return group.map(({ batch }, index) => {
      const first = batch.records[0];
      const last = batch.records[batch.records.length - 1];
      if (!active[index] || !first || !last) return { publish: [], records: 0 };
      return {
        publish:
          batch.topic === TOPICS.watchlist
            ? records.rejudge(rescreens[index] ?? [])
            : records.deadLetters(result.deadLetters.filter((dead) => within(dead, batch))),
        first: first.offset,
        position: last,
        records: batch.records.length,
        // Behind: many records still waiting, or records appended a while ago (a replay or a
        // restart reading what queued up). The longer catch-up window then lets the records of one
        // moment, fetched topic by topic, be judged together rather than a scan before its context.
        // Not the watchlist: an entry keeps the time it was listed, often long ago, and a new one
        // read live must not hold the live records of its window for a second.
        lagging:
          batch.topic !== TOPICS.watchlist &&
          (BigInt(batch.highWatermark) - BigInt(last.offset) > 1_000n ||
            Date.now() - last.timestamp > BEHIND_AFTER_MS),
      };
    });
  }

  interface Group {
    readonly items: Handed[];
    records: number;
    done?: Promise<void>;
  }
  // The group forming now: what is handed over in this turn of the event loop, up to GROUP_RECORDS.
  let forming: Group | undefined;
  const formed = (group: Group): Promise<void> => {
    if (forming === group) forming = undefined;
    return parts.window.batches(
      group.items.map(({ batch: { topic, partition } }) => ({ topic, partition })),
      (startsRange) => apply(group.items, startsRange),
    );
  };
  return (batch: IncomingBatch, control: BatchControl): Promise<void> => {
    let group = forming;
    if (!group || group.records >= GROUP_RECORDS) {
      const next: Group = { items: [], records: 0 };
      // The other batches of the fetch arrive within this turn of the event loop. Groups formed in
      // one turn go into the window's queue in the order they were formed.
      next.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => formed(next));
      forming = group = next;
    }
    group.items.push({ batch, control });
    group.records += batch.records.length;
    return group.done as Promise<void>;
  };
}
