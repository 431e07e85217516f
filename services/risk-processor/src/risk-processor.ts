import {
  createCommitWindow,
  createOpsServer,
  createTaskFencing,
  dependencyChecks,
  TOPICS,
  WaspadaError,
  type BatchControl,
  type Connections,
  type IncomingBatch,
  type Logger,
  type OpsServer,
} from '@waspada/common';
import { referenceData } from '@waspada/domain';
import type { RuleSet } from '@waspada/risk-rules';
import { PERSON_TOPICS } from '@waspada/risk-store';
import type { DeadLetterRecord, RejudgeRequest } from '@waspada/schemas';
import { applyBatch, judgeWindow, openWindow, type BatchDeps } from './batch-processor';
import { createInputPacing } from './input-pacing';
import { createOutboxRecovery } from './outbox-recovery';
import { openProcessorIo, quit, SERVICE } from './processor-io';
import { createProcessorMetrics } from './processor-metrics';
import { rebuildState } from './rebuild';
import { ownRecords } from './rejudge-source';
import { rescreenRequests } from './rescreen';
import { createStateRestore } from './state-restore';
import { startWatchlistFeed } from './watchlist-feed';
import { recordsByTask } from './window-output';
import { traceWindow, type WindowTrace } from './window-tracing';

export { openProcessorIo, quit, SERVICE, type ProcessorIo } from './processor-io';

/** A record appended longer ago than this was waiting for the processor: it is catching up. */
const BEHIND_AFTER_MS = 5_000;

/** The window was judged against a Redis state that is not complete: it must not be committed. */
class StateIncompleteError extends WaspadaError {
  constructor() {
    super(
      'WSP_STATE_INCOMPLETE',
      'the Redis state is incomplete (Redis lost its data); rebuilding before going on',
    );
  }
}

export interface ProcessorConfig {
  readonly connections: Connections;
  readonly host: string;
  readonly port: number;
  readonly groupId: string;
  /** Names the instance in logs, client ids and the alerts it decides. */
  readonly instanceId: string;
  readonly ruleSet: RuleSet;
  readonly lateAlertWindowMs: number;
  /** How long a window takes records before it is judged and committed (see createCommitWindow in @waspada/common). */
  readonly windowMs: number;
  /** See topic-alignment.ts: how far ahead a topic may run while behind; 0 turns the alignment off (default 1,000). */
  readonly topicAlignmentMs?: number;
  /** Where alerts go: the live alerts topic, or a shadow topic for a proposed rule set. */
  readonly alertsTopic?: string;
  /**
   * False for a shadow run: the live processor already dead-letters every record the shadow would
   * (the same stream); the shadow only logs them, so the dead-letter topic holds each record once.
   */
  readonly publishDeadLetters?: boolean;
  /**
   * False for a shadow run: the live processor asks the same re-judgements on the live topic; a
   * shadow that wrote them there would feed its own questions to the live path.
   */
  readonly publishRejudge?: boolean;
  /** The group whose re-judge requests this processor takes (see rejudge-source.ts); its own by default. */
  readonly rejudgeFrom?: string;
}

export interface RiskProcessor {
  readonly ops: OpsServer;
  /** Partition numbers this instance owns now. */
  partitions(): number[];
  close(): Promise<void>;
}

/**
 * The processor: one consumer group over every agency topic, co-partitioned so that the member
 * owning partition p sees all events of the people on p; batches processed one at a time (a
 * person's events never race), alerts published with the consumed offsets in one transaction.
 *
 * This function wires the parts: the input pacing (input-pacing.ts) hands batches to the commit
 * window (createCommitWindow in @waspada/common), each batch is applied to the Redis state
 * (applyBatch), each window judged (judgeWindow) and published per partition task in its own
 * transaction (recordsByTask, createTaskFencing); an uncommitted window's outbox is carried into the
 * next (outbox-recovery.ts), and a lost Redis state is rebuilt first (state-restore.ts).
 */
export async function startRiskProcessor(config: ProcessorConfig, logger: Logger): Promise<RiskProcessor> {
  const io = await openProcessorIo(
    config.connections,
    logger,
    `${SERVICE}-${config.instanceId}`,
    config.alertsTopic,
  );
  const metrics = createProcessorMetrics(logger);
  const watchlist = await startWatchlistFeed(io.kafka, io.registry, logger);
  await watchlist.ready;
  logger.info({ entries: watchlist.size() }, 'watchlist loaded');

  const deps: BatchDeps = {
    store: io.store,
    decode: io.decode,
    ruleSet: config.ruleSet,
    reference: referenceData(),
    watchlist: watchlist.watchlist,
    clock: () => Date.now(),
    service: SERVICE,
    lateAlertWindowMs: config.lateAlertWindowMs,
  };
  const consumer = io.kafka.consumer({
    groupId: config.groupId,
    autoCommit: false,
    isolation: 'read_committed',
    coPartitioned: true,
  });
  const admin = io.kafka.admin();
  await admin.connect();
  // One transactional id per partition number, fenced before its records are handled (see
  // createTaskFencing in @waspada/common).
  const fencing = createTaskFencing({
    kafka: io.kafka,
    admin,
    consumer,
    groupId: config.groupId,
    transactionalIdPrefix: `waspada-${SERVICE}`,
    onFence: () => metrics.fences.inc(),
  });
  let owned: number[] = [];
  const claimant = `${SERVICE}-${config.instanceId}`;
  const rejudgeFrom = config.rejudgeFrom ?? config.groupId;
  const recovery = createOutboxRecovery({
    store: io.store,
    committedOffset: async (topic, partition) =>
      (await admin.groupOffsets(config.groupId, topic)).find((entry) => entry.partition === partition)
        ?.offset,
    logger,
  });
  const pacing = createInputPacing({
    consumer,
    admin,
    groupId: config.groupId,
    topicAlignmentMs: config.topicAlignmentMs ?? 1_000,
    owned: () => owned,
    handle: (batch, control) => handleNow(batch, control),
    metrics,
    logger,
  });
  consumer.onRebalance((assigned) => {
    pacing.rebalanced();
    recovery.readAgain();
    fencing.resetAll();
    owned = [...new Set(assigned.map((entry) => entry.partition))].sort((a, b) => a - b);
    metrics.partitions.set(owned.length);
    logger.info({ partitions: owned }, 'partitions assigned');
  });
  consumer.onCrash((error, { restarting }) =>
    logger[restarting ? 'warn' : 'error'](
      { reason: error.message, restarting },
      restarting ? 'consumer crashed; it starts again' : 'consumer crashed and stopped',
    ),
  );
  await consumer.connect();
  // The watchlist too: the instance owning its partition re-screens recent travellers against each
  // new entry, in a window like any other (the in-memory copy every instance keeps is separate).
  await consumer.subscribe([...Object.keys(PERSON_TOPICS), TOPICS.watchlist], { fromBeginning: true });

  const restoreState = createStateRestore({
    store: io.store,
    claimant,
    logger,
    onRebuildAfterLoss: () => metrics.rebuilds.inc(),
    rebuild: (keepAlive) =>
      rebuildState(io, {
        groupId: config.groupId,
        rejudgeFrom,
        ruleSet: config.ruleSet,
        by: claimant,
        keepAlive,
        progress: (line) => logger.info(line),
      }),
  });
  await restoreState({ afterLoss: false, keepAlive: () => Promise.resolve() });
  let stateIncomplete = false;

  const deadLetterRecords = (records: readonly DeadLetterRecord[]) =>
    config.publishDeadLetters === false ? [] : records.map(io.deadLetterRecord);
  const rejudgeRecords = (requests: readonly RejudgeRequest[]) =>
    config.publishRejudge === false
      ? []
      : requests.map((request) => io.rejudgeRecord(request, config.groupId));

  // What the open window's batches touched, judged when it closes (see applyBatch).
  let open = openWindow();
  // The spans of the window being committed, ended when its transaction is (see window-tracing.ts).
  let closingTrace: WindowTrace | undefined;
  const window = createCommitWindow({
    tasks: fencing.windowTasks(),
    consumer,
    groupId: config.groupId,
    windowMs: config.windowMs,
    catchUpWindowMs: 1_000,
    maxRecords: 20_000,
    close: async (ranges) => {
      recovery.closing(ranges);
      const judgeStarted = Date.now();
      // A re-screen judged before this instance's copy of the watchlist holds the entry would find nothing.
      const entries = [...open.pending.values()].flatMap(({ events }) =>
        events.flatMap((event) =>
          event.kind === 'rejudge' && event.cause === 'WATCHLIST_CHANGED' ? [event.causeEventId] : [],
        ),
      );
      if (entries.length > 0 && !(await watchlist.waitFor(entries)))
        logger.warn({ entries: entries.length }, 'watchlist entries of re-screen requests not read yet');
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
      open = openWindow();
      recovery.judged();
      metrics.windowJudged(judged);
      return recordsByTask(judged, {
        alert: (alert) => trace?.withTrace(io.alertRecord(alert), alert) ?? io.alertRecord(alert),
        rejudge: rejudgeRecords,
        deadLetters: deadLetterRecords,
      });
    },
    onCommitted: (published, tasks) => {
      recovery.committed(tasks);
      closingTrace?.end();
      closingTrace = undefined;
      metrics.published.inc(published.filter((record) => record.topic === io.alertsTopic).length);
    },
    onFailed: (error, sought) => {
      pacing.failed(sought);
      recovery.failed();
      closingTrace?.end(error);
      closingTrace = undefined;
      if (error instanceof StateIncompleteError) stateIncomplete = true;
      open = openWindow();
      logger.warn(
        { reason: (error as Error).message },
        'window not committed; its records will be processed again',
      );
    },
  });

  /** A fetched batch goes through the input pacing, unless another instance already committed it. */
  const handle = async (fetched: IncomingBatch, control: BatchControl) => {
    // Records another instance already committed are not this one's (see createTaskFencing).
    const batch = await fencing.admit(fetched, admission);
    if (batch) await pacing.offer(batch, control);
  };

  const admission = {
    skipped: (skipped: { topic: string; partition: number; count: number; committed: bigint }) => {
      metrics.events.inc({ outcome: 'committed_elsewhere' }, skipped.count);
      logger.info(
        { ...skipped, committed: String(skipped.committed) },
        "records already committed by the partition's previous owner skipped",
      );
    },
    unfenced: (error: Error) =>
      logger.warn(
        { reason: error.message },
        'transactional id of the partition not fenced; its records are fetched again',
      ),
  };

  /** A batch whose turn came: applied to the state within the open window, or re-screened. */
  const handleNow = (batch: IncomingBatch, control: BatchControl) =>
    window.batch(batch.topic, batch.partition, async (startsRange) => {
      // Fetched before a failed window sought its partition back, or before a rebalance: the
      // records come again from the right offset.
      if (!control.isActive()) return { publish: [], records: 0 };
      if (stateIncomplete) {
        await restoreState({ afterLoss: true, keepAlive: () => control.heartbeat() });
        stateIncomplete = false;
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
          publish: rejudgeRecords(await rescreenRequests(io, batch, logger)),
          ...position,
          records: batch.records.length,
        };
      const result = await applyBatch(deps, ownRecords(batch, rejudgeFrom), {
        mode: 'live',
        startsWindow: startsRange,
        window: open,
      });
      metrics.batchApplied(result, batch, started);
      return {
        publish: deadLetterRecords(result.deadLetters),
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
  await consumer.run(handle);

  const ops = createOpsServer({
    service: SERVICE,
    host: config.host,
    port: config.port,
    metrics: metrics.registry,
    logger,
    readiness: dependencyChecks({ kafka: admin, redis: io.redis, registry: io.registry }),
  });
  await ops.start();
  logger.info(
    { ruleSet: config.ruleSet.version, address: ops.address(), group: config.groupId },
    'risk processor running',
  );

  return {
    ops,
    partitions: () => owned,
    async close() {
      pacing.close();
      ops.drain();
      await window
        .close()
        .catch((error: unknown) => logger.warn({ reason: (error as Error).message }, 'last commit failed'));
      await consumer.disconnect();
      await Promise.allSettled([fencing.close(), watchlist.close(), admin.disconnect()]);
      await ops.close();
      await quit(io.redis);
    },
  };
}
