import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { benchConnections, createLogger, percentile } from '@waspada/common';
import { BORDER_CROSSING_AGENCY } from '../agencies';
import { startProducerService } from '../producer-service';

/**
 * Producer throughput on a running stack (npm run stack -- up), through the real intake,
 * validation, Avro encoding and acks=all publishing:
 *
 *   1. in-process submit in chunks of 1,000 (the file-import path)
 *   2. the HTTP batch API, with 8 concurrent clients posting 500 records each
 *
 * Prints events/s, per-request latency percentiles and memory, with the machine and versions.
 */
const RECORDS = Number(process.argv[2] ?? 200_000);

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
  const service = await startProducerService(
    BORDER_CROSSING_AGENCY,
    { connections: benchConnections('producer-bench', process.env), host: '127.0.0.1', port: 0 },
    logger,
    {
      listen: false,
    },
  );
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `machine: ${cpus().length} x ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; Kafka 4.3.1 single node on the same machine\n`,
  );

  // Warm-up: JIT, registry caches, broker connections.
  for (let index = 0; index < 5_000; index += 1_000) {
    await service.intake.submit(
      Array.from({ length: 1_000 }, (_, item) => {
        const raw = crossing(index + item);
        return { raw, original: Buffer.from(JSON.stringify(raw)), sourceName: null };
      }),
      'SIMULATOR',
      'application/json',
    );
  }

  const chunkLatencies: number[] = [];
  let start = performance.now();
  for (let index = 0; index < RECORDS; index += 1_000) {
    const chunk = Array.from({ length: Math.min(1_000, RECORDS - index) }, (_, item) => {
      const raw = crossing(index + item);
      return { raw, original: Buffer.from(JSON.stringify(raw)), sourceName: null };
    });
    const began = performance.now();
    await service.intake.submit(chunk, 'SIMULATOR', 'application/json');
    chunkLatencies.push(performance.now() - began);
  }
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
    `in-process submit, chunks of 1000: ${RECORDS} events in ${seconds.toFixed(1)} s = ${Math.round(RECORDS / seconds)} events/s; ` +
      `chunk latency p50 ${percentile(chunkLatencies, 50).toFixed(1)} ms, p99 ${percentile(chunkLatencies, 99).toFixed(1)} ms\n`,
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
    machine: { cpus: cpus().length, cpu, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    versions: { node: process.version, kafka: '4.3.1', kafkajs: '2.2.4' },
    inProcess,
    http: {
      events: sent,
      seconds: Number(seconds.toFixed(1)),
      eventsPerSecond: Math.round(sent / seconds),
      requestP50Ms: Number(percentile(latencies, 50).toFixed(1)),
      requestP99Ms: Number(percentile(latencies, 99).toFixed(1)),
    },
    memoryMiB: { rss: rssMiB },
  };
  const dir = resolve(__dirname, '..', '..', '..', '..', '.waspada', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `producer-${report.date.slice(0, 10)}.json`),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  await service.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`producer bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
