import {
  Counter,
  createKafkaClient,
  createMetricsRegistry,
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
  type IncomingBatch,
  type Logger,
  type OutgoingRecord,
  type OpsServer,
  type Redis,
} from '@waspada/common';
import { referenceData } from '@waspada/domain';
import type { RuleSet } from '@waspada/risk-rules';
import { CONTRACTS, type DeadLetterRecord, type RiskAlert } from '@waspada/schemas';
import {
  applyBatch,
  judgeWindow,
  openWindow,
  type ApplyResult,
  type BatchDeps,
  type WindowJudgement,
} from './batch-processor';
import { createEventDecoder, PERSON_TOPICS } from './event-decoding';
import { createCommitWindow } from './commit-window';
import { createStateStore } from './state-store';
import { startWatchlistFeed } from './watchlist-feed';

export const SERVICE = 'risk-processor';

export interface ProcessorConfig {
  readonly connections: Connections;
  readonly host: string;
  readonly port: number;
  readonly groupId: string;
  /** Stable per instance: a restarted instance fences its own unfinished transaction. */
  readonly instanceId: string;
  readonly ruleSet: RuleSet;
  readonly lateAlertWindowMs: number;
  /** How long a window takes records before it is judged and committed (see commit-window.ts). */
  readonly windowMs: number;
}

export interface RiskProcessor {
  readonly ops: OpsServer;
  /** Partition numbers this instance owns now. */
  partitions(): number[];
  close(): Promise<void>;
}

/** The codecs and clients every processor command needs. */
export async function openProcessorIo(connections: Connections, logger: Logger, clientId: string) {
  const registry = createSchemaRegistryClient(connections.registry);
  await registry.ping();
  const [alertCodec, deadLetterCodec] = await Promise.all([
    registerCodec<RiskAlert>(registry, CONTRACTS.alert.subject, CONTRACTS.alert.schema),
    registerCodec<DeadLetterRecord>(registry, CONTRACTS.deadLetter.subject, CONTRACTS.deadLetter.schema),
  ]);
  const redis = createRedis(connections.redisUrl);
  await connectRedis(redis, connections.redisUrl);
  const kafka = createKafkaClient({ ...connections.kafka, clientId }, logger);
  return {
    registry,
    redis,
    kafka,
    store: createStateStore(redis),
    decode: createEventDecoder(registry),
    alertRecord: (alert: RiskAlert): OutgoingRecord => ({
      topic: TOPICS.alerts,
      key: alert.person.nik,
      value: alertCodec.encode(alert),
      // Which instance decided: for operators tracing an alert, and for tests running several.
      headers: { 'waspada-alert-id': alert.alertId, 'waspada-decided-by': clientId },
      timestamp: alert.alertTime,
    }),
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
      help: 'Agency events read, by outcome (applied, duplicate, dead_letter)',
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
  const io = await openProcessorIo(config.connections, logger, `${SERVICE}-${config.instanceId}`);
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
  const transactionalId = `waspada-${SERVICE}-${config.instanceId}`;
  let producer = io.kafka.producer({ transactionalId });
  await producer.connect();
  const producerHolder = {
    current: () => producer,
    async renew() {
      await producer.disconnect().catch(() => undefined);
      producer = io.kafka.producer({ transactionalId });
      await producer.connect();
    },
  };
  const consumer = io.kafka.consumer({
    groupId: config.groupId,
    autoCommit: false,
    isolation: 'read_committed',
    coPartitioned: true,
  });
  const admin = io.kafka.admin();
  await admin.connect();
  let owned: number[] = [];
  // Partitions whose outbox has been read since they were assigned or since a window failed.
  const outboxRead = new Set<number>();
  consumer.onRebalance((assigned) => {
    outboxRead.clear();
    owned = [...new Set(assigned.map((entry) => entry.partition))].sort((a, b) => a - b);
    metrics.partitions.set(owned.length);
    logger.info({ partitions: owned }, 'partitions assigned');
  });
  await consumer.connect();
  await consumer.subscribe(Object.keys(PERSON_TOPICS), { fromBeginning: true });

  // What the open window's batches touched, judged when it closes (see applyBatch).
  let open = openWindow();
  let carried: { alert: RiskAlert; partition: number }[] = [];
  const window = createCommitWindow({
    producer: producerHolder,
    consumer,
    groupId: config.groupId,
    windowMs: config.windowMs,
    catchUpWindowMs: 1_000,
    maxRecords: 20_000,
    close: async (ranges) => {
      const judgeStarted = Date.now();
      const judged = await judgeWindow(deps, { open, ranges, carried });
      logger.debug(
        { people: open.people.size, alerts: judged.alerts.length, ms: Date.now() - judgeStarted },
        'window judged',
      );
      open = openWindow();
      carried = [];
      recordJudgement(judged);
      return [...judged.alerts.map(io.alertRecord), ...judged.deadLetters.map(io.deadLetterRecord)];
    },
    onCommitted: (published) => {
      metrics.published.inc(published.filter((record) => record.topic === TOPICS.alerts).length);
    },
    onFailed: (error) => {
      open = openWindow();
      carried = [];
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
  async function uncommittedOutbox(partition: number): Promise<readonly RiskAlert[]> {
    const outbox = await io.store.outbox(partition);
    const [range] = Object.entries(outbox?.ranges ?? {});
    if (!outbox || outbox.alerts.length === 0 || !range) return [];
    const [topic, start] = range;
    const committed = (await admin.groupOffsets(config.groupId, topic)).find(
      (entry) => entry.partition === partition,
    )?.offset;
    return BigInt(committed ?? '-1') <= BigInt(start) ? outbox.alerts : [];
  }

  const handle = (batch: IncomingBatch) =>
    window.batch(batch.topic, batch.partition, async (startsRange) => {
      const started = process.hrtime.bigint();
      if (!outboxRead.has(batch.partition)) {
        // Before this window can write the partition's outbox over the one it may have to redo.
        for (const alert of await uncommittedOutbox(batch.partition))
          carried.push({ alert, partition: batch.partition });
        outboxRead.add(batch.partition);
      }
      const result = await applyBatch(deps, batch, { mode: 'live', startsWindow: startsRange, window: open });
      recordBatch(result, batch, started);
      const first = batch.records[0];
      const last = batch.records[batch.records.length - 1];
      return {
        publish: result.deadLetters.map(io.deadLetterRecord),
        ...(first && last && { first: first.offset, position: last }),
        records: batch.records.length,
        lagging: last !== undefined && BigInt(batch.highWatermark) - BigInt(last.offset) > 1_000n,
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
      ops.drain();
      await window
        .flush()
        .catch((error: unknown) => logger.warn({ reason: (error as Error).message }, 'last commit failed'));
      await consumer.disconnect();
      await Promise.allSettled([producer.disconnect(), watchlist.close(), admin.disconnect()]);
      await ops.close();
      await quit(io.redis);
    },
  };
}

export async function quit(redis: Redis): Promise<void> {
  await redis.quit().catch(() => redis.disconnect());
}
