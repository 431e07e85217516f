import { deliveryDeadLetterTopic, type KafkaProducer, type Logger } from '@waspada/common';
import type { Subscriber } from '@waspada/delivery';
import type { NotifierIo } from './notifier-io';
import type { NotifierMetrics } from './notifier-metrics';
import { deliverAlert } from './webhook-delivery';
import { sentKey, settle, webhookGroup } from './webhook-dispatcher';

export interface RedeliverySummary {
  readonly read: number;
  readonly delivered: number;
  readonly alreadyDelivered: number;
  /** Failed again: written back to the dead-letter topic with the new attempt count. */
  readonly failedAgain: number;
}

/**
 * `redeliver <subscriber>`: sends every alert on the subscriber's dead-letter topic again, under the
 * subscriber's current profile and secret, up to the topic's end as it was when the command started.
 * Progress is committed (group waspada-webhook-<id>-redelivery), so running it twice does not send
 * twice, and an alert that fails again goes back on the topic for the next run.
 */
export async function redeliver(
  io: NotifierIo,
  subscriber: Subscriber,
  deps: {
    producer: KafkaProducer;
    metrics: NotifierMetrics;
    logger: Logger;
    progress: (line: string) => void;
  },
): Promise<RedeliverySummary> {
  const topic = deliveryDeadLetterTopic(subscriber.id);
  const groupId = `${webhookGroup(subscriber.id)}-redelivery`;
  const admin = io.kafka.admin();
  await admin.connect();
  const offsets = await admin.topicOffsets(topic);
  const ends = new Map(offsets.map((entry) => [entry.partition, BigInt(entry.high)]));
  const lows = new Map(offsets.map((entry) => [entry.partition, BigInt(entry.low)]));
  const committed = new Map(
    (await admin.groupOffsets(groupId, topic)).map((entry) => [entry.partition, BigInt(entry.offset)]),
  );
  await admin.disconnect();
  const remaining = new Map<number, bigint>();
  let total = 0;
  for (const [partition, end] of ends) {
    const done = committed.get(partition);
    const start = done !== undefined && done >= 0n ? done : (lows.get(partition) ?? 0n);
    if (end > start) {
      remaining.set(partition, end);
      total += Number(end - start);
    }
  }
  const summary = { read: 0, delivered: 0, alreadyDelivered: 0, failedAgain: 0 };
  if (remaining.size === 0) return summary;
  deps.progress(`redelivering up to ${total} alerts from ${topic}`);

  const consumer = io.kafka.consumer({ groupId, isolation: 'read_committed', autoCommit: false });
  await consumer.connect();
  await consumer.subscribe([topic], { fromBeginning: true });
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  await consumer.run(async (batch, control) => {
    for (const record of batch.records) {
      const end = remaining.get(batch.partition);
      if (end === undefined || BigInt(record.offset) >= end) break;
      const letter = (await io.decodeDeliveryDeadLetter(record.value)).value;
      const alert = (await io.decodeAlert(letter.originalPayload)).value;
      summary.read += 1;
      if ((await io.redis.exists(sentKey(subscriber.id, alert.alertId))) === 1) {
        summary.alreadyDelivered += 1;
      } else {
        const outcome = await deliverAlert(subscriber, alert, {
          metrics: deps.metrics,
          keepGoing: async () => {
            await control.heartbeat().catch(() => undefined);
            return control.isActive();
          },
        });
        await settle(
          io,
          subscriber,
          {
            topic: letter.sourceTopic,
            partition: letter.sourcePartition,
            offset: String(letter.sourceOffset),
            value: letter.originalPayload,
          },
          alert,
          outcome,
          deps,
        );
        if (outcome.ok) summary.delivered += 1;
        else summary.failedAgain += 1;
      }
      control.markProcessed(record);
      await consumer.commit([record]);
      if (summary.read % 100 === 0) deps.progress(`  ${summary.read}/${total}`);
      if (BigInt(record.offset) + 1n >= end) remaining.delete(batch.partition);
    }
    if (remaining.size === 0) finish();
  });
  await done;
  await consumer.disconnect();
  return summary;
}
