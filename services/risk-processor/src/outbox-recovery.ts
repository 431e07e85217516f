import type { Logger } from '@waspada/common';
import type { Outbox, StateStore } from '@waspada/risk-store';
import type { RejudgeRequest, RiskAlert } from '@waspada/schemas';

type WindowRanges = ReadonlyMap<number, Readonly<Record<string, string>>>;

export interface CarriedOver {
  readonly carried: readonly { readonly alert: RiskAlert; readonly partition: number }[];
  readonly carriedRequests: readonly { readonly request: RejudgeRequest; readonly partition: number }[];
}

/**
 * The recovery half of the window protocol. A window saves its alerts and re-judge requests to its
 * partition's outbox before its ledgers, and publishes them in its transaction. If the process dies
 * (or the commit fails) between the two, the partition's next window, here or at the next owner,
 * carries that outbox's contents into its own transaction: they were decided and must go out once.
 *
 * Whether the outbox's window was committed is read from the group's committed offsets: every topic
 * of a window is committed together, so one topic tells. The group's offsets show a commit only once
 * the broker has written its markers, a moment after commit() returns; so the ranges of the windows
 * this process saw committed are remembered too, lest a window that fails in that moment take the
 * committed window's outbox for an unfinished one.
 */
export function createOutboxRecovery(options: {
  readonly store: Pick<StateStore, 'outbox'>;
  /** The group's committed offset of a topic-partition, undefined when it has none. */
  readonly committedOffset: (topic: string, partition: number) => Promise<string | undefined>;
  readonly logger: Logger;
}) {
  // Partitions whose outbox has been read since they were assigned or since a window failed.
  const read = new Set<number>();
  const committedHere = new Map<number, string>();
  let closingRanges: WindowRanges = new Map();
  let carried: { alert: RiskAlert; partition: number }[] = [];
  let carriedRequests: { request: RejudgeRequest; partition: number }[] = [];

  async function uncommitted(partition: number): Promise<Pick<Outbox, 'alerts' | 'requests'>> {
    const outbox = await options.store.outbox(partition);
    const [range] = Object.entries(outbox?.ranges ?? {});
    const empty = { alerts: [], requests: [] };
    if (!outbox || (outbox.alerts.length === 0 && (outbox.requests ?? []).length === 0) || !range)
      return empty;
    if (committedHere.get(partition) === rangesKey(outbox.ranges)) return empty;
    const [topic, start] = range;
    const committed = await options.committedOffset(topic, partition);
    if (BigInt(committed ?? '-1') > BigInt(start)) return empty;
    options.logger.info(
      {
        partition,
        topic,
        windowStart: start,
        committed,
        alerts: outbox.alerts.length,
        requests: (outbox.requests ?? []).length,
      },
      'the last window of the partition was never committed: its alerts are published now',
    );
    return outbox;
  }

  return {
    /**
     * Before a partition's batch joins a window: the first time since the partition was assigned
     * (or since a window failed), its outbox is read, before this window can write over it.
     */
    async readOnce(partition: number): Promise<void> {
      if (read.has(partition)) return;
      const outbox = await uncommitted(partition);
      for (const alert of outbox.alerts) carried.push({ alert, partition });
      for (const request of outbox.requests ?? []) carriedRequests.push({ request, partition });
      read.add(partition);
    },
    /** What the closing window publishes besides its own decisions. */
    carriedOver(): CarriedOver {
      return { carried, carriedRequests };
    },
    /** The window closing now covers these ranges; what it carried is in its judgement. */
    closing(ranges: WindowRanges): void {
      closingRanges = ranges;
    },
    judged(): void {
      carried = [];
      carriedRequests = [];
    },
    /** The closing window's transactions of these tasks (partition numbers) were committed. */
    committed(tasks: ReadonlySet<string>): void {
      for (const [partition, range] of closingRanges)
        if (tasks.has(String(partition))) committedHere.set(partition, rangesKey(range));
      closingRanges = new Map();
    },
    /** The window failed: its records come again, and every outbox is read again before them. */
    failed(): void {
      closingRanges = new Map();
      carried = [];
      carriedRequests = [];
      read.clear();
    },
    /** New partitions, or a rebuilt state: every outbox is read again before its partition's next batch. */
    readAgain(): void {
      read.clear();
    },
  };
}

export type OutboxRecovery = ReturnType<typeof createOutboxRecovery>;

function rangesKey(ranges: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(ranges).sort(([a], [b]) => a.localeCompare(b)));
}
