import {
  createCommitWindow,
  createOpsServer,
  createTaskFencing,
  dependencyChecks,
  isWaspadaError,
  TOPICS,
  type BatchControl,
  type Connections,
  type IncomingBatch,
  type Logger,
  type OpsServer,
} from '@waspada/common';
import { referenceData } from '@waspada/domain';
import type { RuleSet } from '@waspada/risk-rules';
import { createStateStore, openExemptionLog, PERSON_TOPICS } from '@waspada/risk-store';
import type { BatchDeps } from './batch-processor';
import { createInputPacing } from './input-pacing';
import { createOutboxRecovery } from './outbox-recovery';
import { openProcessorIo, quit, SERVICE } from './processor-io';
import { createProcessorMetrics } from './processor-metrics';
import { rebuildState } from './rebuild';
import { createStateRestore } from './state-restore';
import { startWatchlistFeed } from './watchlist-feed';
import { windowBatches } from './window-batches';
import { createWindowJudge } from './window-judge';
import { createPersonCache, DEFAULT_PERSON_CACHE_SIZE } from './person-cache';
import { outputRecords } from './window-output';

export { openProcessorIo, quit, SERVICE, type ProcessorIo } from './processor-io';

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
  /** People kept in memory between windows (see person-cache.ts); 0 turns the cache off. */
  readonly personCacheSize?: number;
}

export interface RiskProcessor {
  readonly ops: OpsServer;
  /** Partition numbers this instance owns now. */
  partitions(): number[];
  close(): Promise<void>;
}

/**
 * The processor: one consumer group over every agency topic, co-partitioned so that the member
 * owning partition p sees all events of the people on p; the batches of a fetch applied together,
 * one group at a time (a person's events never race), alerts published with the consumed offsets
 * in one transaction.
 *
 * This function wires the parts: records another owner committed are skipped (createTaskFencing
 * in @waspada/common), the input pacing (input-pacing.ts) hands batches to the commit window
 * (createCommitWindow), each batch is applied to the Redis state within the open window
 * (window-batches.ts), each window judged and published per partition task in its own transaction
 * (window-judge.ts); an uncommitted window's outbox is carried into the next (outbox-recovery.ts),
 * and a lost Redis state is rebuilt first (state-restore.ts).
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
  // Exemptions approved by a second person leave their rule out of the person's judgements.
  const exemptions = await openExemptionLog(io.kafka, io.registry, { logger });
  logger.info({ exemptions: (await exemptions.current()).exemptions.size }, 'exemptions loaded');

  // The epoch this instance took each task with: its Redis writes of a task land only while no
  // other instance has taken the task since (createStateStore's takeTask, fenced with the task's
  // Kafka transactional id below).
  const epochs = new Map<number, string>();
  const people = createPersonCache(config.personCacheSize ?? DEFAULT_PERSON_CACHE_SIZE);
  const deps: BatchDeps = {
    store: people.reading(
      createStateStore(io.redis, { group: config.groupId, epochOf: (task) => epochs.get(task) }),
    ),
    decode: io.decode,
    ruleSet: config.ruleSet,
    reference: referenceData(),
    watchlist: watchlist.watchlist,
    exemptions: exemptions.exemptions,
    clock: () => Date.now(),
    service: SERVICE,
    lateAlertWindowMs: config.lateAlertWindowMs,
  };
  const consumer = io.kafka.consumer({
    groupId: config.groupId,
    autoCommit: false,
    isolation: 'read_committed',
    coPartitioned: true,
    // Every batch of a fetch at once, so that they are applied together (see window-batches.ts).
    batchesAtOnce: 256,
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
    onFenced: async (partition) => {
      epochs.set(partition, await io.store.takeTask(partition, config.groupId));
      // Another instance may have held the task since this one last did, and changed its people.
      people.forget();
    },
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

  const records = outputRecords(io, config);
  const judge = createWindowJudge({
    deps,
    io,
    watchlist,
    exemptions,
    recovery,
    metrics,
    records,
    people,
    logger,
  });
  const window = createCommitWindow({
    tasks: fencing.windowTasks(),
    consumer,
    groupId: config.groupId,
    windowMs: config.windowMs,
    catchUpWindowMs: 1_000,
    maxRecords: 20_000,
    close: (ranges) => judge.close(ranges),
    observe: metrics.windowStages.observe,
    onCommitted: (published, tasks) => {
      judge.committed(tasks);
      metrics.published.inc(published.filter((record) => record.topic === io.alertsTopic).length);
    },
    onFailed: (error, sought) => {
      metrics.windowsFailed.inc();
      pacing.failed(sought);
      judge.failed(error);
      // Another instance took a task meanwhile: take each again (Kafka id and Redis epoch) before
      // going on. A deposed instance fences the new owner in turn until its next heartbeat tells
      // it of the new assignment; each side reads the state again after taking, so that costs
      // redone windows, never a lost or repeated alert.
      if (isWaspadaError(error, 'WSP_TASK_FENCED')) fencing.resetAll();
    },
  });
  const handleNow = windowBatches({
    window,
    judge,
    deps,
    io,
    recovery,
    restoreState,
    records,
    rejudgeFrom,
    metrics,
    logger,
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
      await Promise.allSettled([fencing.close(), watchlist.close(), exemptions.close(), admin.disconnect()]);
      await ops.close();
      await quit(io.redis);
    },
  };
}
