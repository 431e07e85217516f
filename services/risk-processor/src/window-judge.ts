import { WaspadaError, type Logger, type OutgoingRecord, type WindowRanges } from '@waspada/common';
import type { ExemptionLog } from '@waspada/risk-store';
import { judgeWindow, openWindow, type BatchDeps, type OpenWindow } from './batch-processor';
import type { OutboxRecovery } from './outbox-recovery';
import type { PersonCache } from './person-cache';
import type { ProcessorIo } from './processor-io';
import type { ProcessorMetrics } from './processor-metrics';
import type { WatchlistFeed } from './watchlist-feed';
import { recordsByTask, type WindowRecordMakers } from './window-output';
import { traceWindow, type WindowTrace } from './window-tracing';

/** The window was judged against a Redis state that is not complete: it must not be committed. */
class StateIncompleteError extends WaspadaError {
  constructor() {
    super(
      'WSP_STATE_INCOMPLETE',
      'the Redis state is incomplete (Redis lost its data); rebuilding before going on',
    );
  }
}

/**
 * The processor's half of a commit window (createCommitWindow in @waspada/common): the open window
 * that batches are applied to (applyBatch), judged when the commit window closes, its decisions
 * turned into each task's records; and what a committed or a failed window leaves behind (the
 * outbox carried into the next one, the window's trace ended, a lost Redis state noted so the next
 * batch restores it first).
 */
export function createWindowJudge(parts: {
  readonly deps: BatchDeps;
  readonly io: {
    readonly store: Pick<ProcessorIo['store'], 'stateComplete'>;
    readonly alertRecord: ProcessorIo['alertRecord'];
  };
  readonly watchlist: Pick<WatchlistFeed, 'waitFor'>;
  readonly exemptions: Pick<ExemptionLog, 'waitFor'>;
  readonly recovery: OutboxRecovery;
  readonly metrics: Pick<ProcessorMetrics, 'windowJudged'>;
  readonly records: Omit<WindowRecordMakers, 'alert'>;
  /** People kept in memory between windows: what a committed window held, forgotten when one fails. */
  readonly people?: Pick<PersonCache, 'keep' | 'forget' | 'generation'>;
  readonly logger: Logger;
}) {
  const { deps, io, recovery, logger } = parts;
  // What the open window's batches touched, judged when it closes (see applyBatch).
  let open = openWindow();
  // The spans of the window being committed, ended when its transaction is (see window-tracing.ts).
  let closingTrace: WindowTrace | undefined;
  // The states the window being committed held (what Redis holds once it is committed), and the
  // person cache's generation when it was judged.
  let closingPeople: { readonly people: OpenWindow['people']; readonly generation: number } | undefined;
  let stateLost = false;

  return {
    /** The window the next batch is applied to. */
    current: (): OpenWindow => open,
    /** A window failed because Redis lost its data: the state is restored before the next batch. */
    stateLost: () => stateLost,
    stateRestored: () => {
      stateLost = false;
    },

    async close(ranges: WindowRanges): Promise<Map<string, OutgoingRecord[]>> {
      recovery.closing(ranges);
      const judgeStarted = Date.now();
      // A re-screen judged before this instance's copy of the watchlist (or of the exemptions) holds
      // the entry would find nothing new.
      const causes = (cause: string) =>
        [...open.pending.values()].flatMap(({ events }) =>
          events.flatMap((event) =>
            event.kind === 'rejudge' && event.cause === cause ? [event.causeEventId] : [],
          ),
        );
      const entries = causes('WATCHLIST_CHANGED');
      if (entries.length > 0 && !(await parts.watchlist.waitFor(entries)))
        logger.warn({ entries: entries.length }, 'watchlist entries of re-screen requests not read yet');
      const exemptionSteps = causes('EXEMPTION_CHANGED');
      if (exemptionSteps.length > 0 && !(await parts.exemptions.waitFor(exemptionSteps)))
        logger.warn({ steps: exemptionSteps.length }, 'exemption steps of re-judge requests not read yet');
      const judged = await judgeWindow(deps, { open, ranges, ...recovery.carriedOver() });
      // Judged against a Redis that lost its data, the window's alerts would be wrong: it must not
      // commit. Checked after the window's saves, so a loss at any moment before it is seen here.
      if (!(await io.store.stateComplete())) throw new StateIncompleteError();
      logger.debug(
        { people: open.people.size, alerts: judged.alerts.length, ms: Date.now() - judgeStarted },
        'window judged',
      );
      const judgedPending = open.pending;
      const trace = traceWindow({
        alerts: judged.alerts,
        triggerOf: (alert) => judgedPending.get(alert.person.nik)?.records.get(alert.triggerEventId),
        startedAt: judgeStarted,
        people: open.people.size,
      });
      closingTrace = trace;
      closingPeople = { people: open.people, generation: parts.people?.generation() ?? 0 };
      open = openWindow();
      recovery.judged();
      parts.metrics.windowJudged(judged);
      return recordsByTask(judged, {
        ...parts.records,
        alert: (alert) => trace?.withTrace(io.alertRecord(alert), alert) ?? io.alertRecord(alert),
      });
    },

    committed(tasks: ReadonlySet<string>): void {
      recovery.committed(tasks);
      // A window of several tasks whose other tasks failed goes on to failed() too, which forgets.
      if (closingPeople)
        parts.people?.keep(
          [...closingPeople.people.values()].map((person) => person.state),
          closingPeople.generation,
        );
      closingPeople = undefined;
      closingTrace?.end();
      closingTrace = undefined;
    },

    failed(error: unknown): void {
      recovery.failed();
      // The window's batches may have changed states in memory that Redis never got.
      parts.people?.forget();
      closingPeople = undefined;
      closingTrace?.end(error);
      closingTrace = undefined;
      if (error instanceof StateIncompleteError) stateLost = true;
      open = openWindow();
      logger.warn(
        { reason: (error as Error).message },
        'window not committed; its records will be processed again',
      );
    },
  };
}

export type WindowJudge = ReturnType<typeof createWindowJudge>;
