import {
  compileAvroType,
  createAvroDecoder,
  Counter,
  createKafkaClient,
  createMetricsRegistry,
  createCommitWindow,
  createTaskFencing,
  createOpsServer,
  dependencyChecks,
  createRedis,
  connectRedis,
  createSchemaRegistryClient,
  Gauge,
  Histogram,
  maskNik,
  registerCodec,
  TOPICS,
  type Connections,
  type BatchControl,
  type IncomingBatch,
  type Logger,
  type OutgoingRecord,
  type OpsServer,
  type Redis,
} from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { watchlistLinkKeys, watchlistRequests, type RuleSet } from '@waspada/risk-rules';
import { createStateStore, PERSON_TOPICS, type Outbox } from '@waspada/risk-store';
import {
  CONTRACTS,
  type DeadLetterRecord,
  type RejudgeRequest,
  type RiskAlert,
  type WatchlistEvent,
} from '@waspada/schemas';
import {
  applyBatch,
  judgeWindow,
  openWindow,
  type ApplyResult,
  type BatchDeps,
  type WindowJudgement,
} from './batch-processor';
import { createEventDecoder } from './event-decoding';
import { rebuildState } from './rebuild';
import { ownRecords, REJUDGE_GROUP_HEADER } from './rejudge-source';
import { createTimestampOrder, type OrderedRun } from './timestamp-order';
import { createTopicAlignment, type AlignmentPlan } from './topic-alignment';
import { startWatchlistFeed } from './watchlist-feed';
import { traceWindow, type WindowTrace } from './window-tracing';

export const SERVICE = 'risk-processor';

/** A record appended longer ago than this was waiting for the processor: it is catching up. */
const BEHIND_AFTER_MS = 5_000;
/** A rebuild claim lapses this long after its holder stops renewing it (it died). */
const REBUILD_CLAIM_MS = 30_000;
/** Longer than any window takes from loading its people to its completeness check. */
const IN_FLIGHT_WINDOW_MS = 3_000;

/** The window was judged against a Redis state that is not complete: it must not be committed. */
class StateIncompleteError extends Error {
  constructor() {
    super('the Redis state is incomplete (Redis lost its data); rebuilding before going on');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

/** The codecs and clients every processor command needs. */
export async function openProcessorIo(
  connections: Connections,
  logger: Logger,
  clientId: string,
  alertsTopic: string = TOPICS.alerts,
) {
  const registry = createSchemaRegistryClient(connections.registry);
  await registry.ping();
  const [alertCodec, deadLetterCodec, rejudgeCodec] = await Promise.all([
    registerCodec<RiskAlert>(registry, CONTRACTS.alert.subject, CONTRACTS.alert.schema),
    registerCodec<DeadLetterRecord>(registry, CONTRACTS.deadLetter.subject, CONTRACTS.deadLetter.schema),
    registerCodec<RejudgeRequest>(registry, CONTRACTS.rejudge.subject, CONTRACTS.rejudge.schema),
  ]);
  const redis = createRedis(connections.redisUrl);
  await connectRedis(redis, connections.redisUrl);
  const kafka = createKafkaClient({ ...connections.kafka, clientId }, logger);
  return {
    registry,
    redis,
    kafka,
    alertsTopic,
    store: createStateStore(redis),
    decode: createEventDecoder(registry),
    alertRecord: (alert: RiskAlert): OutgoingRecord => ({
      topic: alertsTopic,
      key: alert.person.nik,
      value: alertCodec.encode(alert),
      // Which instance decided: for operators tracing an alert, and for tests running several.
      headers: { 'waspada-alert-id': alert.alertId, 'waspada-decided-by': clientId },
      timestamp: alert.alertTime,
    }),
    /** A re-judge request, named with the group that asked (see rejudge-source.ts). */
    rejudgeRecord: (request: RejudgeRequest, group: string): OutgoingRecord => ({
      topic: TOPICS.rejudge,
      key: request.nik,
      value: rejudgeCodec.encode(request),
      headers: { 'waspada-event-id': request.eventId, [REJUDGE_GROUP_HEADER]: group },
    }),
    decodeWatchlist: createAvroDecoder<WatchlistEvent>(
      registry,
      compileAvroType(CONTRACTS.watchlist.schema),
    ) as (bytes: Buffer | null) => Promise<{ readonly value: WatchlistEvent }>,
    deadLetterRecord: (record: DeadLetterRecord): OutgoingRecord => ({
      topic: TOPICS.deadLetter,
      key: `${record.sourceTopic}:${record.sourcePartition}`,
      value: deadLetterCodec.encode(record),
    }),
  };
}

export type ProcessorIo = Awaited<ReturnType<typeof openProcessorIo>>;

function processorMetrics() {
  const registry = createMetricsRegistry(SERVICE);
  return {
    registry,
    events: new Counter({
      name: 'waspada_risk_events_total',
      help: 'Agency events read, by outcome (applied, duplicate, dead_letter, committed_elsewhere)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    alerts: new Counter({
      name: 'waspada_risk_alerts_total',
      help: 'Alerts published, by kind and severity',
      labelNames: ['kind', 'severity'],
      registers: [registry],
    }),
    timers: new Counter({
      name: 'waspada_risk_timers_fired_total',
      help: 'Absence timers fired',
      registers: [registry],
    }),
    published: new Counter({
      name: 'waspada_risk_alerts_committed_total',
      help: 'Alerts committed to the alerts topic',
      registers: [registry],
    }),
    batchSeconds: new Histogram({
      name: 'waspada_risk_batch_seconds',
      help: 'Time to apply and judge one batch (the commit is shared by a window of batches)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    recordAge: new Histogram({
      name: 'waspada_risk_record_age_seconds',
      help: 'From a record being appended to Kafka to its batch being judged',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30, 300],
      registers: [registry],
    }),
    situationToAlert: new Histogram({
      name: 'waspada_risk_event_to_alert_seconds',
      help: 'From the event time of the situation (the scan at the counter) to the alert being decided',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30],
      registers: [registry],
    }),
    rebuilds: new Counter({
      name: 'waspada_risk_state_rebuilds_total',
      help: 'Times this instance rebuilt the Redis state from Kafka after finding it incomplete (Redis lost its data)',
      registers: [registry],
    }),
    topicPauses: new Counter({
      name: 'waspada_risk_topic_pauses_total',
      help: 'Times an agency topic-partition was paused because it ran ahead of another still far behind',
      registers: [registry],
    }),
    heldRecords: new Gauge({
      name: 'waspada_risk_held_records',
      help: 'Records fetched and held until the other agency topic-partitions still far behind delivered past them',
      registers: [registry],
    }),
    fences: new Counter({
      name: 'waspada_risk_task_fences_total',
      help: 'Times a partition task fenced its transactional id (at assignment, after a failed transaction)',
      registers: [registry],
    }),
    partitions: new Gauge({
      name: 'waspada_risk_partitions_owned',
      help: 'Partition numbers owned',
      registers: [registry],
    }),
  };
}

/**
 * The processor: one consumer group over every agency topic, co-partitioned so that the member
 * owning partition p sees all events of the people on p; batches processed one at a time (a
 * person's events never race), alerts published with the consumed offsets in one transaction.
 */
export async function startRiskProcessor(config: ProcessorConfig, logger: Logger): Promise<RiskProcessor> {
  const io = await openProcessorIo(
    config.connections,
    logger,
    `${SERVICE}-${config.instanceId}`,
    config.alertsTopic,
  );
  const metrics = processorMetrics();
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
  // Partitions whose outbox has been read since they were assigned or since a window failed.
  const outboxRead = new Set<number>();
  const claimant = `${SERVICE}-${config.instanceId}`;
  const rejudgeFrom = config.rejudgeFrom ?? config.groupId;
  // The agency topic-partitions read in step while behind (see topic-alignment.ts) ...
  const alignment = createTopicAlignment({
    slackMs: config.topicAlignmentMs ?? 1_000,
    farBehind: 200n,
    quietMs: 5_000,
  });
  const aligned = new Set(
    config.topicAlignmentMs === 0
      ? []
      : Object.keys(PERSON_TOPICS).filter((topic) => topic !== TOPICS.rejudge),
  );
  const applyPlan = (plan: AlignmentPlan) => {
    consumer.pause(plan.pause);
    consumer.resume(plan.resume);
    metrics.topicPauses.inc(plan.pause.length);
  };
  // ... and their records handed over in the order Kafka appended them (see timestamp-order.ts).
  const order = createTimestampOrder({
    horizon: (topic, partition) => alignment.horizon(topic, partition),
    maxHeld: 50_000,
  });
  // Per assignment: what each topic-partition holds past the group's position, before its first batch.
  let backlogKnown = false;
  const realign = setInterval(() => {
    applyPlan(alignment.plan());
    // A topic-partition that went quiet holds nothing back any more.
    if (order.held() > 0)
      handleRuns(order.take()).catch((error: unknown) =>
        logger.warn({ reason: (error as Error).message }, 'held records not handled; fetched again'),
      );
  }, 1_000);
  // A start-up that fails after this point must not be kept alive by the timer; close() clears it.
  realign.unref();
  consumer.onRebalance((assigned) => {
    try {
      consumer.resume(alignment.reset());
    } catch (error) {
      logger.warn({ reason: (error as Error).message }, 'paused topics not resumed at rebalance');
    }
    // KafkaJS fetches every partition it keeps from the committed offsets again: held records too.
    order.drop();
    backlogKnown = false;
    outboxRead.clear();
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

  /**
   * Makes the Redis state complete before anything is judged against it: at the first start, and
   * after Redis lost its data (a restart without persistence, a flush). One instance rebuilds from
   * Kafka under a claim; the others wait for the completeness mark.
   */
  async function restoreState(options: { afterLoss: boolean; keepAlive: () => Promise<void> }) {
    for (;;) {
      if (await io.store.stateComplete()) return;
      if (await io.store.claimRebuild(claimant, REBUILD_CLAIM_MS)) break;
      await options.keepAlive();
      await sleep(500);
    }
    const keepAlive = async () => {
      await options.keepAlive();
      await io.store.extendRebuildClaim(claimant, REBUILD_CLAIM_MS);
    };
    try {
      if (options.afterLoss) {
        logger.warn('the Redis state is incomplete (Redis lost its data): rebuilding it from Kafka');
        metrics.rebuilds.inc();
        // Another instance's window that loaded people before the loss may still be saving them
        // (it then fails its own check); its writes must land before the clear, not into the rebuild.
        for (let waited = 0; waited < IN_FLIGHT_WINDOW_MS; waited += 500) {
          await keepAlive();
          await sleep(500);
        }
      }
      const summary = await rebuildState(io, {
        groupId: config.groupId,
        rejudgeFrom,
        ruleSet: config.ruleSet,
        by: claimant,
        keepAlive,
        progress: (line) => logger.info(line),
      });
      if (options.afterLoss || summary.events > 0) logger.info({ ...summary }, 'state rebuilt from Kafka');
    } finally {
      await io.store.releaseRebuildClaim(claimant);
    }
  }
  await restoreState({ afterLoss: false, keepAlive: () => Promise.resolve() });
  let stateIncomplete = false;

  // What the open window's batches touched, judged when it closes (see applyBatch).
  let open = openWindow();
  let carried: { alert: RiskAlert; partition: number }[] = [];
  let carriedRequests: { request: RejudgeRequest; partition: number }[] = [];
  // Per partition, the ranges of the last window this process saw committed. The group's offsets
  // show a commit only once the broker has written its markers, a moment after commit() returns; a
  // window that fails in that moment must not take the committed window's outbox for an unfinished one.
  const committedHere = new Map<number, string>();
  let closingRanges: ReadonlyMap<number, Readonly<Record<string, string>>> = new Map();
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
      closingRanges = ranges;
      const judgeStarted = Date.now();
      // A re-screen judged before this instance's copy of the watchlist holds the entry would find nothing.
      const entries = [...open.pending.values()].flatMap(({ events }) =>
        events.flatMap((event) =>
          event.kind === 'rejudge' && event.cause === 'WATCHLIST_CHANGED' ? [event.causeEventId] : [],
        ),
      );
      if (entries.length > 0 && !(await watchlist.waitFor(entries)))
        logger.warn({ entries: entries.length }, 'watchlist entries of re-screen requests not read yet');
      const judged = await judgeWindow(deps, { open, ranges, carried, carriedRequests });
      // Judged against a Redis that lost its data, the window's alerts would be wrong: it must not
      // commit. Checked after the window's saves, so a loss at any moment before it is seen here.
      if (!(await io.store.stateComplete())) throw new StateIncompleteError();
      logger.debug(
        { people: open.people.size, alerts: judged.alerts.length, ms: Date.now() - judgeStarted },
        'window judged',
      );
      const judgedPending = open.pending;
      closingTrace = traceWindow({
        alerts: judged.alerts,
        triggerOf: (alert) => judgedPending.get(alert.person.nik)?.records.get(alert.triggerEventId),
        startedAt: judgeStarted,
        people: open.people.size,
      });
      open = openWindow();
      carried = [];
      carriedRequests = [];
      recordJudgement(judged);
      // Each partition number's records go out in its own task's transaction.
      const publish = new Map<string, OutgoingRecord[]>();
      const of = (partition: number) => {
        const records = publish.get(String(partition)) ?? [];
        publish.set(String(partition), records);
        return records;
      };
      for (const [partition, { alerts, requests }] of judged.byPartition)
        of(partition).push(
          ...alerts.map(
            (alert) => closingTrace?.withTrace(io.alertRecord(alert), alert) ?? io.alertRecord(alert),
          ),
          ...rejudgeRecords(requests),
        );
      for (const dead of judged.deadLetters) of(dead.sourcePartition).push(...deadLetterRecords([dead]));
      return publish;
    },
    onCommitted: (published, tasks) => {
      for (const [partition, range] of closingRanges)
        if (tasks.has(String(partition))) committedHere.set(partition, rangesKey(range));
      closingRanges = new Map();
      closingTrace?.end();
      closingTrace = undefined;
      metrics.published.inc(published.filter((record) => record.topic === io.alertsTopic).length);
    },
    onFailed: (error, sought) => {
      // Held records come again: from the window's start where it was sought back, else from the
      // first one held.
      for (const first of order.drop())
        if (!sought.has(`${first.topic}:${first.partition}`)) consumer.seek(first);
      closingRanges = new Map();
      closingTrace?.end(error);
      closingTrace = undefined;
      if (error instanceof StateIncompleteError) stateIncomplete = true;
      open = openWindow();
      carried = [];
      carriedRequests = [];
      outboxRead.clear();
      logger.warn(
        { reason: (error as Error).message },
        'window not committed; its records will be processed again',
      );
    },
  });

  /**
   * The alerts of the partition's last window if that window was never committed (a crash or a
   * failed commit between saving the ledgers and the transaction): the group's committed offset has
   * not moved past where the window began. Every topic of a window is committed together, so one
   * topic tells. A window that touched no topic of the partition wrote no outbox for it.
   */
  async function uncommittedOutbox(partition: number): Promise<Pick<Outbox, 'alerts' | 'requests'>> {
    const outbox = await io.store.outbox(partition);
    const [range] = Object.entries(outbox?.ranges ?? {});
    const empty = { alerts: [], requests: [] };
    if (!outbox || (outbox.alerts.length === 0 && (outbox.requests ?? []).length === 0) || !range)
      return empty;
    if (committedHere.get(partition) === rangesKey(outbox.ranges)) return empty;
    const [topic, start] = range;
    const committed = (await admin.groupOffsets(config.groupId, topic)).find(
      (entry) => entry.partition === partition,
    )?.offset;
    if (BigInt(committed ?? '-1') > BigInt(start)) return empty;
    logger.info(
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

  const deadLetterRecords = (records: readonly DeadLetterRecord[]) =>
    config.publishDeadLetters === false ? [] : records.map(io.deadLetterRecord);
  const rejudgeRecords = (requests: readonly RejudgeRequest[]) =>
    config.publishRejudge === false
      ? []
      : requests.map((request) => io.rejudgeRecord(request, config.groupId));

  /**
   * A watchlist batch: each new entry asks the partitions of the people seen, in the horizon before
   * it, with its names or numbers to judge them again. Nothing is applied: the in-memory copy is
   * the watchlist feed's.
   */
  async function rescreen(batch: IncomingBatch): Promise<OutgoingRecord[]> {
    const requests: RejudgeRequest[] = [];
    for (const record of batch.records) {
      let entry: WatchlistEvent;
      try {
        entry = (await io.decodeWatchlist(record.value)).value;
      } catch (error) {
        logger.warn(
          { offset: record.offset, reason: (error as Error).message },
          'watchlist record not re-screened',
        );
        continue;
      }
      const keys = watchlistLinkKeys(entry);
      if (keys.length === 0) continue;
      requests.push(...watchlistRequests(entry, await io.store.readLinks(keys, entry.eventTime)));
    }
    return rejudgeRecords(requests);
  }

  /**
   * A fetched batch: an agency topic's records are held until the other topic-partitions still far
   * behind have delivered past them (timestamp-order.ts), then handled with whatever else may go now.
   */
  const handle = async (fetched: IncomingBatch, control: BatchControl) => {
    // Records another instance already committed are not this one's (see createTaskFencing).
    const batch = await fencing.admit(fetched, admission);
    if (!batch) return;
    const last = batch.records[batch.records.length - 1];
    if (!aligned.has(batch.topic) || !last) return handleNow(batch, control);
    // Fetched before a seek or a rebalance: it comes again from the right offset.
    if (!control.isActive()) return;
    if (!backlogKnown) {
      backlogKnown = true;
      await expectBacklog().catch((error: unknown) =>
        logger.warn({ reason: (error as Error).message }, 'backlog per topic not read at assignment'),
      );
    }
    alignment.observe(batch.topic, batch.partition, last, batch.highWatermark);
    applyPlan(alignment.plan());
    order.offer(batch, control);
    await handleRuns(order.take());
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

  /**
   * Runs taken together are queued together, so nothing taken later can come between them. A run
   * stays outstanding until its window work is over: a window that fails before it seeks it back.
   */
  async function handleRuns(runs: readonly OrderedRun[]): Promise<void> {
    metrics.heldRecords.set(order.held());
    await Promise.all(
      runs.map((run) =>
        handleNow(run, {
          ...run.control,
          isActive: () => order.current(run) && run.control.isActive(),
        }).finally(() => order.settle(run)),
      ),
    );
  }

  async function expectBacklog(): Promise<void> {
    for (const topic of aligned) {
      const [ends, committed] = await Promise.all([
        admin.topicOffsets(topic),
        admin.groupOffsets(config.groupId, topic),
      ]);
      for (const { partition, low, high } of ends) {
        if (!owned.includes(partition)) continue;
        const at = BigInt(committed.find((entry) => entry.partition === partition)?.offset ?? '-1');
        alignment.expect(topic, partition, BigInt(high) - (at >= 0n ? at : BigInt(low)));
      }
    }
  }

  const handleNow = (batch: IncomingBatch, control: BatchControl) =>
    window.batch(batch.topic, batch.partition, async (startsRange) => {
      // Fetched before a failed window sought its partition back, or before a rebalance: the
      // records come again from the right offset.
      if (!control.isActive()) return { publish: [], records: 0 };
      if (stateIncomplete) {
        await restoreState({ afterLoss: true, keepAlive: () => control.heartbeat() });
        stateIncomplete = false;
        outboxRead.clear();
      }
      const started = process.hrtime.bigint();
      if (!outboxRead.has(batch.partition)) {
        // Before this window can write the partition's outbox over the one it may have to redo.
        const outbox = await uncommittedOutbox(batch.partition);
        for (const alert of outbox.alerts) carried.push({ alert, partition: batch.partition });
        for (const request of outbox.requests ?? [])
          carriedRequests.push({ request, partition: batch.partition });
        outboxRead.add(batch.partition);
      }
      if (batch.topic === TOPICS.watchlist) {
        const first = batch.records[0];
        const last = batch.records[batch.records.length - 1];
        return {
          publish: await rescreen(batch),
          ...(first && last && { first: first.offset, position: last }),
          records: batch.records.length,
        };
      }
      const result = await applyBatch(deps, ownRecords(batch, rejudgeFrom), {
        mode: 'live',
        startsWindow: startsRange,
        window: open,
      });
      recordBatch(result, batch, started);
      const first = batch.records[0];
      const last = batch.records[batch.records.length - 1];
      return {
        publish: deadLetterRecords(result.deadLetters),
        ...(first && last && { first: first.offset, position: last }),
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

  const recordBatch = (result: ApplyResult, batch: IncomingBatch, started: bigint) => {
    const now = Date.now();
    metrics.events.inc({ outcome: 'applied' }, result.applied);
    metrics.events.inc({ outcome: 'duplicate' }, result.duplicates);
    metrics.events.inc({ outcome: 'dead_letter' }, result.deadLetters.length);
    for (const dead of result.deadLetters) {
      logger.warn(
        {
          topic: dead.sourceTopic,
          partition: dead.sourcePartition,
          offset: dead.sourceOffset,
          stage: dead.stage,
          errors: dead.errors,
        },
        'record sent to the dead-letter topic',
      );
    }
    metrics.batchSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    for (const incoming of batch.records) metrics.recordAge.observe((now - incoming.timestamp) / 1000);
  };

  const recordJudgement = (judged: WindowJudgement) => {
    metrics.timers.inc(judged.timersFired);
    for (const alert of judged.alerts) {
      metrics.alerts.inc({ kind: alert.kind, severity: alert.severity });
      metrics.situationToAlert.observe((Date.now() - alert.eventTime) / 1000);
      logger.info(
        {
          alertId: alert.alertId,
          kind: alert.kind,
          severity: alert.severity,
          nik: maskNik(alert.person.nik),
          situation: alert.situation,
          rules: alert.rules.map((rule) => rule.ruleId),
        },
        'alert decided',
      );
    }
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
      clearInterval(realign);
      // Never committed: the partitions' next owner fetches them.
      order.drop();
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

function rangesKey(ranges: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(ranges).sort(([a], [b]) => a.localeCompare(b)));
}

export async function quit(redis: Redis): Promise<void> {
  await redis.quit().catch(() => redis.disconnect());
}
