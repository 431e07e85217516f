import {
  compileAvroType,
  createAvroDecoder,
  isWaspadaError,
  TOPICS,
  type IncomingBatch,
  type KafkaAdmin,
  type KafkaClient,
  type Logger,
  type SchemaRegistryClient,
} from '@waspada/common';
import { CONTRACTS, type RiskAlert } from '@waspada/schemas';
import type { DashboardMetrics } from './dashboard-metrics';

const ALERT_TYPE = compileAvroType(CONTRACTS.alert.schema);

/** How long without a batch, once reading started, counts as having read the history. */
const QUIET_MS = 3_000;

export interface AlertFeed {
  /** True while the history of the last hours is still being read. */
  loading(): boolean;
  close(): Promise<void>;
}

/**
 * Reads the alerts topic under a consumer group of this process's own that never commits: every
 * start reads the last `historyMs` again, and no other reader's position is touched. Reading
 * starts at the offsets of that time, and anything older that still comes (a fetch in flight
 * before the seek) is skipped by its timestamp.
 */
export async function startAlertFeed(deps: {
  kafka: KafkaClient;
  admin: KafkaAdmin;
  registry: SchemaRegistryClient;
  groupId: string;
  historyMs: number;
  logger: Logger;
  metrics: DashboardMetrics;
  clock: () => number;
  onAlert: (alert: RiskAlert) => void;
}): Promise<AlertFeed> {
  const { logger, metrics } = deps;
  const decode = createAvroDecoder<RiskAlert>(deps.registry, ALERT_TYPE);
  const since = deps.clock() - deps.historyMs;
  const [starts, ends] = await Promise.all([
    deps.admin.offsetsForTime(TOPICS.alerts, since),
    deps.admin.topicOffsets(TOPICS.alerts),
  ]);
  // Partitions with history to read; each is done once a batch reaches the end it had at start
  // (a commit marker may sit on the last offset of a transactional topic, hence the one spare).
  const pending = new Map<number, bigint>();
  for (const { partition, offset } of starts) {
    const end = ends.find((entry) => entry.partition === partition);
    if (end && BigInt(end.high) - 1n > BigInt(offset)) pending.set(partition, BigInt(end.high));
  }
  let lastBatchAt = deps.clock();

  const consumer = deps.kafka.consumer({
    groupId: deps.groupId,
    autoCommit: false,
    isolation: 'read_committed',
  });
  await consumer.connect();
  await consumer.subscribe([TOPICS.alerts], { fromBeginning: true });

  const handle = async (batch: IncomingBatch) => {
    lastBatchAt = deps.clock();
    const oldest = deps.clock() - deps.historyMs;
    for (const record of batch.records) {
      if (record.timestamp < oldest) {
        metrics.alertsRead.inc({ outcome: 'too_old' });
        continue;
      }
      let alert: RiskAlert;
      try {
        alert = (await decode(record.value)).value;
      } catch (error) {
        // A registry that does not answer is not the record's fault: the batch comes again.
        if (!isWaspadaError(error, 'WSP_DECODE_FAILED')) throw error;
        metrics.alertsRead.inc({ outcome: 'undecodable' });
        logger.warn(
          { topic: record.topic, partition: record.partition, offset: record.offset, reason: error.message },
          'alert record skipped: it does not decode',
        );
        continue;
      }
      deps.onAlert(alert);
    }
    const last = batch.records[batch.records.length - 1];
    const end = pending.get(batch.partition);
    if (last && end !== undefined && BigInt(last.offset) + 2n >= end) pending.delete(batch.partition);
  };
  await consumer.run(handle);
  for (const { partition, offset } of starts) consumer.seek({ topic: TOPICS.alerts, partition, offset });
  logger.info({ group: deps.groupId, since: new Date(since).toISOString() }, 'reading alerts');

  return {
    loading: () => pending.size > 0 && deps.clock() - lastBatchAt < QUIET_MS,
    close: () => consumer.disconnect(),
  };
}
