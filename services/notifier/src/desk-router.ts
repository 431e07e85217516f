import {
  contextFromHeaders,
  contextOf,
  createExactlyOnceCopy,
  endSpan,
  SpanKind,
  startSpan,
  TOPICS,
  traceHeaders,
  type IncomingBatch,
  type KafkaAdmin,
  type KafkaConsumer,
  type Logger,
  type OutgoingRecord,
  nameUuid,
} from '@waspada/common';
import type { NotifierIo } from './notifier-io';
import type { NotifierMetrics } from './notifier-metrics';

/**
 * Every partition batch of one fetch lands in one transaction: committed one by one, the last of a
 * burst across partitions waited for every commit before it (the desk's latency tail).
 */
const WINDOW_MS = 10;
const CATCH_UP_WINDOW_MS = 500;
const DEAD_LETTER_NAMESPACE = 'a4a1f1c2-8d0e-4a52-9a7a-0b7c8f0e5d11';
const deadLetterUuid = nameUuid(DEAD_LETTER_NAMESPACE);

export interface DeskRouterOptions {
  readonly groupId: string;
  /** Each partition of the alerts topic commits under `<prefix>.<group>.<partition>`. */
  readonly transactionalIdPrefix: string;
  readonly admin: Pick<
    KafkaAdmin,
    'groupOffsetsAllTopics' | 'groupOffsets' | 'topicOffsets' | 'setGroupOffsets'
  >;
}

/**
 * Copies each alert aimed at a checkpoint onto the desk feed, keyed by checkpoint code: one ordered
 * log per desk that a reconnecting desk resumes from. Exactly once:
 *
 * - The copies and the consumed offsets are committed in one Kafka transaction per partition of
 *   the alerts topic per short window, so a crash between them re-reads the window and the aborted
 *   copies are never seen by read_committed readers; each partition's transactional id is fenced
 *   by the instance assigned it before it routes any of its alerts, so a router that lost the
 *   partition in a rebalance can no longer commit copies of it (createExactlyOnceCopy).
 * - Each alert id is on the alerts topic once (the processor is fenced the same way), so the router
 *   keeps no record of what it routed.
 */
export async function startDeskRouter(
  io: NotifierIo,
  options: DeskRouterOptions,
  metrics: NotifierMetrics,
  logger: Logger,
) {
  const copy = createExactlyOnceCopy({
    kafka: io.kafka,
    admin: options.admin,
    groupId: options.groupId,
    transactionalIdPrefix: options.transactionalIdPrefix,
    windowMs: WINDOW_MS,
    catchUpWindowMs: CATCH_UP_WINDOW_MS,
    maxRecords: 5_000,
    publish: (batch) => route(batch),
    observe: metrics.routerWindowStages.observe,
    report: {
      windowFailed: (error) =>
        logger.warn({ reason: error.message }, 'desk copies not committed; routed again'),
      lastWindowFailed: (error) => logger.warn({ reason: error.message }, 'last desk copies not committed'),
      skipped: (skipped) =>
        logger.info(
          { partition: skipped.partition, skipped: skipped.count, committed: String(skipped.committed) },
          "alerts already routed by the partition's previous owner skipped",
        ),
      unfenced: (error) =>
        logger.warn({ reason: error.message }, 'transactional id of the partition not fenced; fetched again'),
    },
  });
  const { consumer } = copy;
  const joined = firstAssignment(consumer);
  await startAtEndOnce(options, logger);
  await consumer.connect();
  // A new router group starts at the end of the alerts topic: desks want what happens from now on,
  // not years of history. A restarted router continues from its committed offsets.
  await consumer.subscribe([TOPICS.alerts], { fromBeginning: false });

  async function route(batch: IncomingBatch): Promise<OutgoingRecord[]> {
    const out: OutgoingRecord[] = [];
    const decoded = await Promise.all(
      batch.records.map(async (record) => {
        try {
          return { record, alert: (await io.decodeAlert(record.value)).value };
        } catch (error) {
          return { record, error: error as Error };
        }
      }),
    );
    for (const entry of decoded) {
      const { record } = entry;
      if ('error' in entry && entry.error) {
        // Not an alert this build can read: kept with its bytes, the rest of the batch goes on.
        metrics.routed.inc({ route: 'dead_letter' });
        logger.warn(
          { offset: record.offset, partition: record.partition, reason: entry.error.message },
          'alert not readable',
        );
        out.push(
          deadLetter(io, record.partition, record.offset, record.key, record.value, entry.error.message),
        );
        continue;
      }
      const alert = entry.alert;
      const checkpoint = alert.target.checkpointCode;
      if (checkpoint === null) {
        metrics.routed.inc({ route: 'no_desk' });
        continue;
      }
      metrics.routed.inc({ route: 'desk' });
      // In the alert's trace (the processor put its context on the record); the desk copy carries
      // this span's context on to the gateway that pushes it to the screens.
      const span = startSpan('desk route', {
        kind: SpanKind.CONSUMER,
        parent: contextFromHeaders(record.headers),
        attributes: { 'waspada.alert_id': alert.alertId, 'waspada.checkpoint': checkpoint },
      });
      out.push({
        topic: TOPICS.deskAlerts,
        key: checkpoint,
        value: record.value,
        headers: { 'waspada-alert-id': alert.alertId, ...traceHeaders(contextOf(span)) },
      });
      endSpan(span);
    }
    return out;
  }

  await copy.run();

  return {
    /** Resolves once the group gave this instance its partitions. */
    joined,
    close: () => copy.close(),
  };
}

/**
 * A new router group reads the alerts topic from its end, but KafkaJS keeps that end only in memory
 * until the first copy of a partition is committed: a router that died before would start again at
 * a later end and never route the alerts in between. So the end is committed for every partition
 * the group has no offset for, before the first member joins (the broker refuses while the group
 * has members: another instance started first and is reading from that end already).
 */
async function startAtEndOnce(options: DeskRouterOptions, logger: Logger): Promise<void> {
  try {
    const committed = await options.admin.groupOffsets(options.groupId, TOPICS.alerts);
    const has = new Set(
      committed.filter((entry) => BigInt(entry.offset) >= 0n).map((entry) => entry.partition),
    );
    const ends = (await options.admin.topicOffsets(TOPICS.alerts)).filter(
      (entry) => !has.has(entry.partition),
    );
    if (ends.length === 0) return;
    await options.admin.setGroupOffsets(
      options.groupId,
      TOPICS.alerts,
      ends.map((entry) => ({ partition: entry.partition, offset: entry.high })),
    );
    logger.info({ partitions: ends.length }, 'router group starts at the end of the alerts topic');
  } catch (error) {
    logger.info(
      { reason: (error as Error).message },
      'start of the router group not recorded (another instance is reading already)',
    );
  }
}

/** Resolves on the first rebalance that gives the consumer partitions. */
export function firstAssignment(consumer: KafkaConsumer): Promise<void> {
  return new Promise((resolve) => {
    consumer.onRebalance((assigned) => {
      if (assigned.length > 0) resolve();
    });
  });
}

function deadLetter(
  io: NotifierIo,
  partition: number,
  offset: string,
  key: Buffer | null,
  value: Buffer | null,
  reason: string,
): OutgoingRecord {
  return {
    topic: TOPICS.deadLetter,
    key: `${TOPICS.alerts}:${partition}`,
    value: io.deadLetterCodec.encode({
      deadLetterId: deadLetterUuid(`${TOPICS.alerts}:${partition}:${offset}:notifier`),
      failedAt: Date.now(),
      service: 'notifier',
      stage: 'DECODE',
      sourceTopic: TOPICS.alerts,
      sourcePartition: partition,
      sourceOffset: Number(offset),
      sourceKey: key,
      errors: [{ field: '(record)', reason }],
      originalPayload: value,
    }),
  };
}
