import { performance } from 'node:perf_hooks';
import {
  createKafkaClient,
  createLogger,
  type KafkaAdmin,
  type KafkaClient,
  type OutgoingRecord,
} from '@waspada/common';
import {
  BORDER_CROSSING_AGENCY,
  createChunkPipeline,
  startProducerService,
  type Submission,
} from '@waspada/producer-kit';
import { runBench, testbed, testbedLine, writeFigures } from './bench-report';
import { benchConnections, percentile } from './measure';

/**
 * Producer throughput on a running stack (npm run stack -- up), through the real intake,
 * validation, Avro encoding and acks=all publishing:
 *
 *   1. in-process submit in chunks of 1,000, two in flight (the file-import path)
 *   2. the HTTP batch API, with 8 concurrent clients posting 500 records each
 *
 * Prints events/s, per-request latency percentiles and memory, with the machine and versions.
 */
const RECORDS = Number(process.argv[2] ?? 200_000);
const WARMUP_RECORDS = Math.max(5_000, Math.floor(RECORDS / 2));

function crossing(index: number) {
  const day = String((index % 28) + 1).padStart(2, '0');
  return {
    nik: `610305${day}0803${String((index % 9999) + 1).padStart(4, '0')}`,
    eventTime: Date.now() - 60_000,
    direction: 'DEPARTURE',
    stage: 'PRE_CLEARANCE_SCAN',
    checkpointCode: 'PLBN-ENTIKONG',
    checkpointType: 'LAND',
    documentType: 'PASSPORT',
    documentNumber: `E${String(1_000_000 + (index % 8_999_999))}`,
    fullName: 'Bench Traveller',
    birthDate: `2003-08-${day}`,
    sex: 'MALE',
    countryCode: 'MY',
    declaredPurpose: 'TOURISM',
    bookingReference: `BENCH${index}`,
  };
}

async function main(): Promise<void> {
  const logger = createLogger({ service: 'producer-bench', level: 'warn' });
  const connections = benchConnections('producer-bench', process.env);
  const kafka = createKafkaClient(connections.kafka, logger);
  const admin = kafka.admin();
  await admin.connect();
  const topic = BORDER_CROSSING_AGENCY.contract.topic;
  const service = await startProducerService(
    BORDER_CROSSING_AGENCY,
    { connections, host: '127.0.0.1', port: 0 },
    logger,
    {
      listen: false,
    },
  );
  const bed = testbed();
  process.stdout.write(`${testbedLine(bed)}; Kafka single node on the same machine\n`);

  // Warm-up: this process's JIT, registry caches and connections, and the broker's own JIT. On a
  // freshly started broker (as `npm run bench` starts it) the first 200,000 records went a fifth
  // slower than the next 200,000 whatever sent them, so whichever of Waspada and the floor came
  // first was measured against a colder broker (42.5% of the floor on a fresh stack, 56.7% in the
  // very next run). Half the measured records through the intake warm both.
  for (let index = 0; index < WARMUP_RECORDS; index += 1_000) {
    await service.intake.submit(
      Array.from({ length: 1_000 }, (_, item) => {
        const raw = crossing(index + item);
        return { raw, original: Buffer.from(JSON.stringify(raw)), sourceName: null };
      }),
      'SIMULATOR',
      'application/json',
    );
  }

  // The records are made before the clock starts, as the floor's are: what is timed is the intake
  // (checks, ids, encoding, publishing), not this benchmark's making of records.
  const chunks = Array.from({ length: Math.ceil(RECORDS / 1_000) }, (_, chunk) =>
    Array.from({ length: Math.min(1_000, RECORDS - chunk * 1_000) }, (_, item) => {
      const raw = crossing(chunk * 1_000 + item);
      return { raw, original: Buffer.from(JSON.stringify(raw)), sourceName: null };
    }),
  );
  const chunkLatencies: number[] = [];
  const before = await admin.topicOffsets(topic);
  let start = performance.now();
  // As the file import submits: a chunk checked and encoded while the one before it is sent.
  const began = new Map<unknown, number>();
  const pipeline = createChunkPipeline(
    (chunk: readonly Submission[]) => {
      began.set(chunk, performance.now());
      return service.intake.submit(chunk, 'SIMULATOR', 'application/json');
    },
    (_results, chunk) => chunkLatencies.push(performance.now() - (began.get(chunk) ?? 0)),
  );
  for (const chunk of chunks) await pipeline.add(chunk);
  await pipeline.drain();
  let seconds = (performance.now() - start) / 1000;
  chunkLatencies.sort((a, b) => a - b);
  const inProcess = {
    events: RECORDS,
    seconds: Number(seconds.toFixed(1)),
    eventsPerSecond: Math.round(RECORDS / seconds),
    chunkP50Ms: Number(percentile(chunkLatencies, 50).toFixed(1)),
    chunkP99Ms: Number(percentile(chunkLatencies, 99).toFixed(1)),
  };
  process.stdout.write(
    `in-process submit, chunks of 1000, two in flight: ${RECORDS} events in ${seconds.toFixed(1)} s = ${Math.round(RECORDS / seconds)} events/s; ` +
      `chunk latency (submitted to its results, after the chunk before) p50 ${percentile(chunkLatencies, 50).toFixed(1)} ms, p99 ${percentile(chunkLatencies, 99).toFixed(1)} ms\n`,
  );

  // The floor under it, in the same run: the very records it wrote (read back), sent again by a
  // bare idempotent KafkaJS producer with acks=all to a topic of the same shape, in the same chunks.
  const floor = await bareProduce(kafka, admin, await recordsWritten(kafka, topic, before));
  process.stdout.write(
    `floor, bare KafkaJS idempotent producer (acks=all) of the same encoded records: ${floor.events} events in ${floor.seconds.toFixed(1)} s = ${floor.eventsPerSecond} events/s; Waspada's in-process submit is ${((inProcess.eventsPerSecond / floor.eventsPerSecond) * 100).toFixed(1)}% of it\n`,
  );

  await service.ops.start();
  const url = `${service.ops.address()}/v1/records/batch`;
  const httpRecords = Math.floor(RECORDS / 2);
  const perRequest = 500;
  const requests = Math.ceil(httpRecords / perRequest);
  const latencies: number[] = [];
  let next = 0;
  start = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < requests) {
        const request = next++;
        const body = JSON.stringify(
          Array.from({ length: perRequest }, (_, item) => crossing(request * perRequest + item)),
        );
        const began = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await response.arrayBuffer();
        if (response.status !== 202) throw new Error(`HTTP ${response.status}`);
        latencies.push(performance.now() - began);
      }
    }),
  );
  seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const sent = requests * perRequest;
  process.stdout.write(
    `HTTP batch API, 8 clients x 500 records/request: ${sent} events in ${seconds.toFixed(1)} s = ${Math.round(sent / seconds)} events/s; ` +
      `request latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms\n`,
  );
  const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  process.stdout.write(`memory: rss ${rssMiB} MiB\n`);
  const report = {
    date: new Date().toISOString(),
    ...bed,
    inProcess: {
      ...inProcess,
      floorEventsPerSecond: floor.eventsPerSecond,
      shareOfFloor: Number((inProcess.eventsPerSecond / floor.eventsPerSecond).toFixed(3)),
    },
    http: {
      events: sent,
      seconds: Number(seconds.toFixed(1)),
      eventsPerSecond: Math.round(sent / seconds),
      requestP50Ms: Number(percentile(latencies, 50).toFixed(1)),
      requestP99Ms: Number(percentile(latencies, 99).toFixed(1)),
    },
    memoryMiB: { rss: rssMiB },
  };
  writeFigures('producer', report);
  await service.close();
  await admin.disconnect();
}

/** The records on the topic after the given offsets, as they were written (key, value, headers). */
async function recordsWritten(
  kafka: KafkaClient,
  topic: string,
  before: readonly { partition: number; high: string }[],
): Promise<OutgoingRecord[]> {
  const from = new Map(before.map(({ partition, high }) => [partition, BigInt(high)]));
  const records: OutgoingRecord[] = [];
  const consumer = kafka.consumer({ groupId: `waspada-bench-readback-${Date.now()}`, autoCommit: false });
  let last = Date.now();
  await consumer.connect();
  try {
    await consumer.subscribe([topic], { fromBeginning: true });
    await consumer.run(async (batch) => {
      for (const record of batch.records) {
        if (BigInt(record.offset) < (from.get(record.partition) ?? 0n)) continue;
        records.push({
          topic,
          key: record.key,
          value: record.value,
          headers: Object.fromEntries(
            Object.entries(record.headers).filter(
              (entry): entry is [string, Buffer] => entry[1] !== undefined,
            ),
          ),
        });
      }
      last = Date.now();
      return Promise.resolve();
    });
    while (records.length < RECORDS || Date.now() - last < 2_000)
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
  } finally {
    await consumer.disconnect();
  }
  return records.slice(0, RECORDS);
}

async function bareProduce(
  kafka: KafkaClient,
  admin: KafkaAdmin,
  records: readonly OutgoingRecord[],
): Promise<{ events: number; seconds: number; eventsPerSecond: number }> {
  const floorTopic = `waspada.bench.produce-floor-${Date.now()}`;
  const [shape] = await admin.describeTopics([BORDER_CROSSING_AGENCY.contract.topic], []);
  await admin.createTopics([
    {
      name: floorTopic,
      partitions: shape?.partitions ?? 6,
      replicationFactor: shape?.replicationFactor ?? 1,
      configs: {},
    },
  ]);
  const producer = kafka.producer();
  await producer.connect();
  try {
    const moved = records.map((record) => ({ ...record, topic: floorTopic }));
    const started = performance.now();
    for (let index = 0; index < moved.length; index += 1_000)
      await producer.send(moved.slice(index, index + 1_000));
    const seconds = (performance.now() - started) / 1000;
    return { events: records.length, seconds, eventsPerSecond: Math.round(records.length / seconds) };
  } finally {
    await producer.disconnect();
    await admin.deleteTopics([floorTopic]);
  }
}

runBench('producer-bench', main);
