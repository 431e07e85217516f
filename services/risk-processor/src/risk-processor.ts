import {
  Counter,
  createKafkaClient,
  createMetricsRegistry,
  createOpsServer,
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
import type { RuleSet } from '@waspada/risk-rules';
import { CONTRACTS, type DeadLetterRecord, type RiskAlert } from '@waspada/schemas';
import { processBatch, type BatchDeps, type BatchResult } from './batch-processor';
import { createEventDecoder, PERSON_TOPICS } from './event-decoding';
import { createCommitWindow } from './commit-window';
import { createJoinBarrier } from './join-barrier';
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
      headers: { 'waspada-alert-id': alert.alertId },
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
  const producer = io.kafka.producer({ transactionalId: `waspada-${SERVICE}-${config.instanceId}` });
  await producer.connect();
  const consumer = io.kafka.consumer({
    groupId: config.groupId,
    autoCommit: false,
    isolation: 'read_committed',
    coPartitioned: true,
    topicOrder: Object.keys(PERSON_TOPICS),
  });
  const admin = io.kafka.admin();
  await admin.connect();
  const barrier = createJoinBarrier({
    admin,
    groupId: config.groupId,
    triggerTopic: TOPICS.borderCrossing,
    otherTopics: Object.keys(PERSON_TOPICS).filter((topic) => topic !== TOPICS.borderCrossing),
    maxWaitMs: 250,
  });
  let owned: number[] = [];
  consumer.onRebalance((assigned) => {
    barrier.reset();
    owned = [...new Set(assigned.map((entry) => entry.partition))].sort((a, b) => a - b);
    metrics.partitions.set(owned.length);
    logger.info({ partitions: owned }, 'partitions assigned');
  });
  await consumer.connect();
  await consumer.subscribe(Object.keys(PERSON_TOPICS), { fromBeginning: true });

  const window = createCommitWindow({
    producer,
    consumer,
    groupId: config.groupId,
    windowMs: 20,
    maxRecords: 5_000,
    onCommitted: (published, positions) => {
      for (const record of published) {
        if (record.topic === TOPICS.alerts) metrics.published.inc();
      }
      logger.debug({ records: published.length, partitions: positions.length }, 'window committed');
    },
    onFailed: (error) =>
      logger.warn({ reason: (error as Error).message }, 'commit failed; records will be processed again'),
  });

  const handle = (batch: IncomingBatch, control: BatchControl) =>
    window.batch(async () => {
      if (await barrier.shouldWait(batch)) {
        control.redeliver();
        return { publish: [], records: 0 };
      }
      const started = process.hrtime.bigint();
      const result: BatchResult = await processBatch(
        deps,
        batch,
        'live',
        window.rangeOf(batch.topic, batch.partition),
      );
      const last = batch.records[batch.records.length - 1];
      record(result, batch, started);
      return {
        publish: [...result.alerts.map(io.alertRecord), ...result.deadLetters.map(io.deadLetterRecord)],
        ...(last && { position: last }),
        range: result.range,
        records: batch.records.length,
      };
    });

  const record = (result: BatchResult, batch: IncomingBatch, started: bigint) => {
    const now = Date.now();
    metrics.events.inc({ outcome: 'applied' }, result.applied);
    metrics.events.inc({ outcome: 'duplicate' }, result.duplicates);
    metrics.events.inc({ outcome: 'dead_letter' }, result.deadLetters.length);
    metrics.timers.inc(result.timersFired);
    for (const alert of result.alerts) {
      metrics.alerts.inc({ kind: alert.kind, severity: alert.severity });
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
    barrier.processed(batch);
    metrics.batchSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    for (const incoming of batch.records) metrics.recordAge.observe((now - incoming.timestamp) / 1000);
  };
  await consumer.run(handle);

  const ops = createOpsServer({
    service: SERVICE,
    host: config.host,
    port: config.port,
    metrics: metrics.registry,
    logger,
    readiness: {
      kafka: async () => {
        await admin.describeCluster();
      },
      redis: async () => {
        await io.redis.ping();
      },
      registry: () => io.registry.ping(),
    },
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
