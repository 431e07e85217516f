import {
  applyTopics,
  contextFromHeaders,
  contextOf,
  deliveryDeadLetterSpec,
  deliveryDeadLetterTopic,
  type IncomingRecord,
  type KafkaConsumer,
  type KafkaProducer,
  type Logger,
  maskNik,
  endSpan,
  SpanKind,
  startSpan,
  TOPICS,
  traceHeaders,
} from '@waspada/common';
import { matchesFilter, type Subscriber } from '@waspada/delivery';
import type { RiskAlert } from '@waspada/schemas';
import type { AccessTrail } from './access-trail';
import { firstAssignment } from './desk-router';
import type { NotifierIo } from './notifier-io';
import type { NotifierMetrics } from './notifier-metrics';
import { deliverAlert, type DeliveryOutcome } from './webhook-delivery';

const SENT_TTL_SECONDS = 30 * 86_400;
export const sentKey = (subscriberId: string, alertId: string) =>
  `waspada:{webhook:${subscriberId}}:sent:${alertId}`;
export const webhookGroup = (subscriberId: string) => `waspada-webhook-${subscriberId}`;

/** Creates each subscriber's dead-letter topic if it is missing. */
export async function ensureDeadLetterTopics(io: NotifierIo, subscribers: readonly Subscriber[]) {
  if (subscribers.length === 0) return;
  const admin = io.kafka.admin();
  await admin.connect();
  try {
    const brokers = (await admin.describeCluster()).brokers.length;
    await applyTopics(
      admin,
      subscribers.map((subscriber) => deliveryDeadLetterSpec(subscriber.id)),
      { replicationFactor: Math.min(3, brokers) },
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * One consumer group per subscriber on the alerts topic, so a subscriber that is down or slow holds
 * back only its own deliveries. Offsets are committed after every alert of a batch is delivered or
 * dead-lettered: a crash sends some alerts again, with the same idempotency key, and an alert
 * already delivered (recorded in Redis) is not sent again.
 */
export async function startWebhookDispatcher(
  io: NotifierIo,
  subscribers: readonly Subscriber[],
  deps: { producer: KafkaProducer; access: AccessTrail; metrics: NotifierMetrics; logger: Logger },
) {
  await ensureDeadLetterTopics(io, subscribers);
  const consumers: KafkaConsumer[] = [];
  const joins: Promise<void>[] = [];
  let stopping = false;
  for (const subscriber of subscribers) {
    const consumer = io.kafka.consumer({ groupId: webhookGroup(subscriber.id), isolation: 'read_committed' });
    joins.push(firstAssignment(consumer));
    await consumer.connect();
    // A new subscriber receives alerts from the moment it is added; one restarted resumes where it was.
    await consumer.subscribe([TOPICS.alerts], { fromBeginning: false });
    await consumer.run(async (batch, control) => {
      const keepGoing = async () => {
        if (stopping || !control.isActive()) return false;
        await control.heartbeat().catch(() => undefined);
        return true;
      };
      // An interrupted delivery (DeliveryInterrupted) fails the batch, so none of it is committed
      // and the next owner of the partition delivers what was left.
      const due = await dueDeliveries(io, subscriber, batch.records, deps.metrics);
      // One access-trail write for the batch, before any of its data leaves.
      if (subscriber.profile.nik !== 'omit' || subscriber.profile.name)
        await deps.access.record(
          due.map(({ alert }) => ({
            actorKind: 'SUBSCRIBER' as const,
            actorId: subscriber.id,
            officerId: null,
            operation: 'RECEIVE_ALERT' as const,
            nik: alert.person.nik,
            alertId: alert.alertId,
            purpose: `webhook to ${subscriber.agency} under profile ${subscriber.profileName}`,
          })),
        );
      await inPool(due, subscriber.concurrency, async ({ record, alert }) => {
        // In the alert's trace; the request carries this span's context as `traceparent`, so a
        // receiver that traces continues the same trace.
        const span = startSpan(`webhook ${subscriber.id}`, {
          kind: SpanKind.CLIENT,
          parent: contextFromHeaders(record.headers),
          attributes: { 'waspada.alert_id': alert.alertId, 'waspada.subscriber': subscriber.id },
        });
        let outcome: DeliveryOutcome;
        try {
          outcome = await deliverAlert(subscriber, alert, {
            ...deps,
            keepGoing,
            traceHeaders: traceHeaders(contextOf(span)),
          });
        } catch (error) {
          endSpan(span, error);
          throw error;
        }
        span.setAttribute('waspada.attempts', outcome.attempts);
        endSpan(span, outcome.ok ? undefined : outcome.lastError);
        await settle(io, subscriber, record, alert, outcome, deps);
      });
    });
    consumers.push(consumer);
    deps.logger.info(
      { subscriber: subscriber.id, url: subscriber.url, profile: subscriber.profileName },
      'webhook subscriber started',
    );
  }
  return {
    /** Resolves once every subscriber's consumer has its partitions. */
    joined: Promise.all(joins).then(() => undefined),
    async close() {
      stopping = true;
      await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    },
  };
}

/**
 * The batch's alerts this subscriber takes and has not had yet. The Redis lookups are issued
 * together (ioredis pipelines them), not one round trip per alert.
 */
async function dueDeliveries(
  io: NotifierIo,
  subscriber: Subscriber,
  records: readonly IncomingRecord[],
  metrics: NotifierMetrics,
): Promise<{ record: IncomingRecord; alert: RiskAlert }[]> {
  const checked = await Promise.all(
    records.map(async (record) => {
      let alert: RiskAlert;
      try {
        alert = (await io.decodeAlert(record.value)).value;
      } catch {
        // The desk router dead-letters unreadable alerts once; every subscriber skipping them is enough.
        return { outcome: 'unreadable' } as const;
      }
      if (!matchesFilter(alert, subscriber.filter)) return { outcome: 'filtered' } as const;
      if ((await io.redis.exists(sentKey(subscriber.id, alert.alertId))) === 1)
        return { outcome: 'duplicate' } as const;
      return { outcome: 'due', record, alert } as const;
    }),
  );
  const due: { record: IncomingRecord; alert: RiskAlert }[] = [];
  // The same alert twice in one batch (a copy on the alerts topic) is checked before either is sent.
  const taken = new Set<string>();
  for (const entry of checked) {
    if (entry.outcome === 'due' && !taken.has(entry.alert.alertId)) {
      taken.add(entry.alert.alertId);
      due.push({ record: entry.record, alert: entry.alert });
    } else {
      metrics.deliveries.inc({
        subscriber: subscriber.id,
        outcome: entry.outcome === 'due' ? 'duplicate' : entry.outcome,
      });
    }
  }
  return due;
}

/** Records the end of one alert's delivery: sent, or kept on the subscriber's dead-letter topic. */
export async function settle(
  io: NotifierIo,
  subscriber: Subscriber,
  source: { topic: string; partition: number; offset: string; value: Buffer | null },
  alert: RiskAlert,
  outcome: DeliveryOutcome,
  deps: { producer: KafkaProducer; metrics: NotifierMetrics; logger: Logger },
): Promise<void> {
  if (!outcome.ok) {
    await deps.producer.send([
      {
        topic: deliveryDeadLetterTopic(subscriber.id),
        key: alert.alertId,
        value: io.deliveryDeadLetterCodec.encode({
          subscriberId: subscriber.id,
          alertId: alert.alertId,
          attempts: outcome.attempts,
          firstAttemptAt: outcome.firstAttemptAt,
          lastAttemptAt: Date.now(),
          lastStatus: outcome.lastStatus,
          lastError: outcome.lastError,
          sourceTopic: source.topic,
          sourcePartition: source.partition,
          sourceOffset: Number(source.offset),
          originalPayload: source.value ?? Buffer.alloc(0),
        }),
      },
    ]);
    deps.metrics.deliveries.inc({ subscriber: subscriber.id, outcome: 'dead_letter' });
    deps.logger.warn(
      {
        subscriber: subscriber.id,
        alertId: alert.alertId,
        nik: maskNik(alert.person.nik),
        attempts: outcome.attempts,
        error: outcome.lastError,
      },
      'webhook gave up: alert kept on the dead-letter topic',
    );
    return;
  }
  await io.redis.set(sentKey(subscriber.id, alert.alertId), '1', 'EX', SENT_TTL_SECONDS);
  deps.metrics.deliveries.inc({ subscriber: subscriber.id, outcome: 'delivered' });
}

/** Runs the work with at most `limit` at once; the first failure fails the whole (after the rest stop). */
async function inPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  });
  await Promise.all(runners);
  if (failure !== undefined)
    throw failure instanceof Error ? failure : new Error('delivery failed', { cause: failure });
}
