import {
  TOPICS,
  type BatchControl,
  type createCommitWindow,
  type IncomingBatch,
  type Logger,
} from '@waspada/common';
import { applyBatch, type BatchDeps } from './batch-processor';
import type { OutboxRecovery } from './outbox-recovery';
import type { ProcessorMetrics } from './processor-metrics';
import { ownRecords } from './rejudge-source';
import { rescreenRequests, type RescreenIo } from './rescreen';
import type { RestoreOptions } from './state-restore';
import type { WindowJudge } from './window-judge';
import type { WindowRecordMakers } from './window-output';

/** A record appended longer ago than this was waiting for the processor: it is catching up. */
const BEHIND_AFTER_MS = 5_000;

/**
 * A batch whose turn came (see input-pacing.ts), taken into the commit window: applied to the state
 * within the open window, or, from the watchlist topic, turned into re-screen requests. A lost Redis
 * state is restored first, and a partition's outbox read before its first window can overwrite it.
 */
export function windowBatches(parts: {
  readonly window: Pick<ReturnType<typeof createCommitWindow>, 'batch'>;
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
  return (batch: IncomingBatch, control: BatchControl) =>
    parts.window.batch(batch.topic, batch.partition, async (startsRange) => {
      // Fetched before a failed window sought its partition back, or before a rebalance: the
      // records come again from the right offset.
      if (!control.isActive()) return { publish: [], records: 0 };
      if (judge.stateLost()) {
        await parts.restoreState({ afterLoss: true, keepAlive: () => control.heartbeat() });
        judge.stateRestored();
        recovery.readAgain();
      }
      const started = process.hrtime.bigint();
      // Before this window can write the partition's outbox over the one it may have to redo.
      await recovery.readOnce(batch.partition);
      const first = batch.records[0];
      const last = batch.records[batch.records.length - 1];
      const position = first && last && { first: first.offset, position: last };
      if (batch.topic === TOPICS.watchlist)
        return {
          publish: records.rejudge(await rescreenRequests(parts.io, batch, parts.logger)),
          ...position,
          records: batch.records.length,
        };
      const result = await applyBatch(parts.deps, ownRecords(batch, parts.rejudgeFrom), {
        mode: 'live',
        startsWindow: startsRange,
        window: judge.current(),
      });
      parts.metrics.batchApplied(result, batch, started);
      return {
        publish: records.deadLetters(result.deadLetters),
        ...position,
        records: batch.records.length,
        // Behind: many records still waiting, or records appended a while ago (a replay or a
        // restart reading what queued up). The longer catch-up window then lets the records of one
        // moment, fetched topic by topic, be judged together rather than a scan before its context.
        lagging:
          last !== undefined &&
          (BigInt(batch.highWatermark) - BigInt(last.offset) > 1_000n ||
            Date.now() - last.timestamp > BEHIND_AFTER_MS),
      };
    });
}
