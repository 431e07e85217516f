import {
  readTopics,
  type KafkaAdmin,
  type KafkaClient,
  type OutgoingRecord,
  type StopOffsets,
} from '@waspada/common';
import { sendAtRate, summariseLatencies, type LatencySummary } from './measure';

/**
 * The floor under a latency figure, measured in the same run: the records a latency phase wrote,
 * sent again at the same rate in the same 20 ms ticks by a bare producer (idempotent, acks=all) to
 * a fresh topic of the same partitions, and read by a bare consumer; for each record, the time from
 * handing it to the producer to the consumer getting it. A Waspada figure makes that trip at least
 * twice (scan to the processor, alert to the reader or desk) with the work between, so it cannot go
 * below this; the ratio says how much of it is Waspada's.
 */
export interface RoundTripFloor extends LatencySummary {
  readonly achievedRate: number;
}

const SENT_AT = 'bench-sent-at';
const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

/** What the topics gained between two sets of end offsets (keys as `tpOf`), in timestamp order. */
export async function recordsBetween(
  kafka: KafkaClient,
  topics: readonly string[],
  from: StopOffsets,
  to: StopOffsets,
): Promise<OutgoingRecord[]> {
  const records: { record: OutgoingRecord; at: number }[] = [];
  await readTopics(kafka, {
    topics,
    startAt: from,
    stopAt: to,
    onBatch: async (batch) => {
      for (const record of batch.records)
        records.push({
          record: { topic: batch.topic, key: record.key, value: record.value },
          at: record.timestamp,
        });
      return Promise.resolve();
    },
  });
  return records.sort((a, b) => a.at - b.at).map(({ record }) => record);
}

export async function bareRoundTrip(
  kafka: KafkaClient,
  admin: KafkaAdmin,
  records: readonly OutgoingRecord[],
  /** The rate to send at, and the topic whose partitions and replication the floor's topic copies. */
  options: { readonly rate: number; readonly like: string },
): Promise<RoundTripFloor> {
  const topic = `waspada.bench.round-trip-floor-${Date.now()}`;
  const [shape] = await admin.describeTopics([options.like], []);
  await admin.createTopics([
    {
      name: topic,
      partitions: shape?.partitions ?? 6,
      replicationFactor: shape?.replicationFactor ?? 1,
      configs: {},
    },
  ]);
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `waspada-bench-round-trip-${Date.now()}`, autoCommit: false });
  const latencies: number[] = [];
  let assigned = false;
  consumer.onRebalance((partitions) => {
    assigned ||= partitions.length > 0;
  });
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe([topic], { fromBeginning: true });
    await consumer.run(async (batch) => {
      const now = Date.now();
      for (const record of batch.records) latencies.push(now - Number(record.headers[SENT_AT]?.toString()));
      return Promise.resolve();
    });
    // Timed from the first record on: the group's join is not part of a round trip.
    while (!assigned) await sleep(50);
    const started = Date.now();
    await sendAtRate(records, options.rate, async (slice) => {
      const at = String(Date.now());
      if (slice.length > 0)
        await producer.send(
          slice.map((record) => ({
            topic,
            key: record.key,
            value: record.value,
            headers: { [SENT_AT]: at },
          })),
        );
    });
    const achievedRate = Math.round(records.length / ((Date.now() - started) / 1000));
    const waitUntil = Date.now() + 30_000;
    while (latencies.length < records.length && Date.now() < waitUntil) await sleep(100);
    if (latencies.length < records.length)
      throw new Error(`round-trip floor: ${latencies.length} of ${records.length} records came back in 30 s`);
    return { achievedRate, ...summariseLatencies(latencies) };
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics([topic]);
  }
}
