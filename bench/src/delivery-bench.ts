import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  compileAvroType,
  createAvroDecoder,
  createKafkaClient,
  createLogger,
  createSchemaRegistryClient,
  endOffsets,
  NATIVE_MEMORY_ENV,
  readTopics,
  TOPICS,
  type KafkaAdmin,
  type KafkaClient,
  type StopOffsets,
} from '@waspada/common';
import { LOCAL_DELIVERY_FILE, newStandardSecret, standardSecretProblem } from '@waspada/delivery';
import { referenceData } from '@waspada/domain';
import { openInProcessAgencies } from '@waspada/producer-kit';
import { CONTRACTS, type RiskAlert } from '@waspada/schemas';
import { simulatedEvents } from '@waspada/simulator';
import { BENCH_DIR, runBench, testbed, testbedLine, writeFigures } from './bench-report';
import {
  benchConnections,
  histogramOf,
  processMemoryMiB,
  sendAtRate,
  stopService,
  summariseLatencies,
  timesFloor,
  untilIdle,
  windowStagesBetween,
  windowStagesText,
  type HistogramReading,
  type LatencySummary,
} from './measure';
import { bareRoundTrip, recordsBetween } from './round-trip-floor';
import { openSseStream, type SseConnection } from '@waspada/notifier';

/**
 * Alert delivery figures on a running stack (npm run stack -- up): the risk processor and the
 * notifier each run as their own process, as deployed; this process produces a simulated feed at a
 * steady RATE events/s for SECONDS, holds a live desk screen open for every checkpoint and is a
 * webhook subscriber receiving every alert. For each departure alert it measures the time from the
 * pre-clearance scan being handed to the producer to the alert arriving on the desk screen, and to
 * the signed webhook arriving at the subscriber.
 *
 * The feed runs WARMUP seconds at the same rate before the measured SECONDS: the processor and the
 * notifier start cold (JIT, the first transactions of each task, the first sends to each topic),
 * and in their first few seconds a desk waits 0.5 to 1.5 s where it later waits 0.1 s. That start
 * is reported on a line of its own, not mixed into the steady figures.
 *
 * Its processor group and Redis database (10) are kept between runs, so only the first run on a
 * stack replays the history. Prints the figures with the machine and versions, writes them to
 * .waspada/bench/.
 */
const RATE = Number(process.env.BENCH_RATE ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const REDIS_DB = 10;
const PROCESSOR_PORT = 28121;
const NOTIFIER_PORT = 28131;

const say = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

async function lagOf(admin: KafkaAdmin, groupId: string, topics: readonly string[]): Promise<bigint> {
  let lag = 0n;
  for (const topic of topics) {
    const committed = new Map(
      (await admin.groupOffsets(groupId, topic)).map((entry) => [entry.partition, BigInt(entry.offset)]),
    );
    for (const { partition, high, low } of await admin.topicOffsets(topic)) {
      const done = committed.get(partition) ?? -1n;
      lag += BigInt(high) - (done >= 0n ? done : BigInt(low));
    }
  }
  return lag;
}

/** A desk screen: the SSE stream of one checkpoint, noting when each alert arrives. */
async function openScreen(
  base: string,
  checkpoint: string,
  token: string,
  onAlert: (alert: { triggerEventId: string; kind: string; situation: string }) => void,
) {
  const screen = await openSseStream(
    `${base}/desks/${checkpoint}/stream`,
    { authorization: `Bearer ${token}` },
    (message) => {
      if (message.event === 'alert')
        onAlert(message.data as { triggerEventId: string; kind: string; situation: string });
    },
  );
  if (screen.status !== 200) throw new Error(`desk ${checkpoint}: HTTP ${screen.status}`);
  return screen;
}

/**
 * When the processor sent each departure alert it raised (its record's timestamp on the alerts
 * topic), by the scan that raised it: the desk's figure splits there into the processor's part
 * (scan to alert sent) and delivery's (alert sent to desk: the transaction's commit, the router,
 * the desk feed and the SSE flush).
 */
async function alertsSent(
  kafka: KafkaClient,
  connections: ReturnType<typeof benchConnections>,
  decidedBy: string,
  from: StopOffsets,
  to: StopOffsets,
): Promise<Map<string, number>> {
  const decode = createAvroDecoder<RiskAlert>(
    createSchemaRegistryClient(connections.registry),
    compileAvroType(CONTRACTS.alert.schema),
  );
  const sent = new Map<string, number>();
  await readTopics(kafka, {
    topics: [TOPICS.alerts],
    startAt: from,
    stopAt: to,
    onBatch: async (batch) => {
      for (const record of batch.records) {
        if (record.headers['waspada-decided-by']?.toString() !== decidedBy) continue;
        const alert = (await decode(record.value)).value;
        if (
          alert.kind === 'NEW' &&
          alert.situation.startsWith('departure:') &&
          !sent.has(alert.triggerEventId)
        )
          sent.set(alert.triggerEventId, record.timestamp);
      }
    },
  });
  return sent;
}

function localProfiles(): unknown {
  return (JSON.parse(readFileSync(LOCAL_DELIVERY_FILE, 'utf8')) as { profiles: unknown }).profiles;
}

async function main(): Promise<void> {
  const connections = benchConnections('delivery-bench', process.env, REDIS_DB);
  const logger = createLogger({ service: 'delivery-bench', level: 'warn' });
  const kafka = createKafkaClient(connections.kafka, logger);
  const admin = kafka.admin();
  await admin.connect();

  // The webhook subscriber: this process, answering 200 to everything.
  const webhookArrived = new Map<string, number>();
  const sink = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        triggerEventId?: string;
        kind: string;
      };
      if (body.triggerEventId && body.kind === 'NEW' && !webhookArrived.has(body.triggerEventId))
        webhookArrived.set(body.triggerEventId, Date.now());
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolvePromise) => sink.listen(0, '127.0.0.1', resolvePromise));
  const sinkPort = (sink.address() as AddressInfo).port;

  // Desks for every checkpoint and one subscriber, with their secrets, kept between runs.
  const dir = join(BENCH_DIR, 'delivery');
  mkdirSync(dir, { recursive: true });
  const secretFile = (name: string, make = () => randomBytes(32).toString('base64url')) => {
    const file = join(dir, `${name}.secret`);
    if (!existsSync(file)) writeFileSync(file, make(), { mode: 0o600 });
    return readFileSync(file, 'utf8');
  };
  const checkpoints = [...referenceData().checkpoints.keys()];
  const tokens = new Map(checkpoints.map((code) => [code, secretFile(`desk-${code}`)]));
  // A Standard Webhooks secret; one an earlier run left in the old format is replaced.
  if (standardSecretProblem(secretFile('webhook-bench-sink', newStandardSecret)))
    writeFileSync(join(dir, 'webhook-bench-sink.secret'), newStandardSecret(), { mode: 0o600 });
  const configFile = join(dir, 'delivery.json');
  writeFileSync(
    configFile,
    JSON.stringify(
      {
        // The profiles the local pipeline reviewed; the benchmark's subscriber takes enforcement's.
        profiles: localProfiles(),
        desks: checkpoints.map((code) => ({
          deskId: `${code.toLowerCase()}-bench`,
          checkpointCode: code,
          token: { file: `desk-${code}.secret` },
        })),
        subscribers: [
          {
            id: 'bench-sink',
            agency: 'benchmark',
            url: `http://127.0.0.1:${sinkPort}/hook`,
            secret: { file: 'webhook-bench-sink.secret' },
            profile: 'enforcement',
          },
        ],
      },
      null,
      2,
    ),
  );

  const common = {
    ...NATIVE_MEMORY_ENV,
    PATH: process.env.PATH,
    KAFKA_BROKERS: connections.kafka.brokers.join(','),
    SCHEMA_REGISTRY_URL: connections.registry.url,
    REDIS_URL: connections.redisUrl,
    LOG_LEVEL: 'warn',
  };
  const processorGroup = 'waspada-delivery-bench-processor';
  const processor = spawn(process.execPath, [require.resolve('@waspada/risk-processor/dist/main.js')], {
    env: {
      ...common,
      WASPADA_HTTP_PORT: String(PROCESSOR_PORT),
      WASPADA_PROCESSOR_GROUP: processorGroup,
      WASPADA_INSTANCE_ID: 'delivery-bench',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const notifier = spawn(process.execPath, [require.resolve('@waspada/notifier/dist/main.js')], {
    env: {
      ...common,
      WASPADA_HTTP_PORT: String(NOTIFIER_PORT),
      WASPADA_DELIVERY_FILE: configFile,
      WASPADA_NOTIFIER_GROUP: 'waspada-delivery-bench-router',
      WASPADA_INSTANCE_ID: 'delivery-bench',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (const [name, child] of [
    ['risk processor', processor],
    ['notifier', notifier],
  ] as const)
    child.once('exit', (code) => {
      say(`delivery-bench: the ${name} exited (code ${code}) during the run; see its output above`);
      process.exit(1);
    });
  const agencies = await openInProcessAgencies(connections, logger);
  const screens: SseConnection[] = [];
  try {
    const base = `http://127.0.0.1:${NOTIFIER_PORT}`;
    for (;;) {
      const ready = await fetch(`${base}/health/ready`).then(
        (reply) => reply.ok,
        () => false,
      );
      if (ready) break;
      await sleep(500);
    }
    const personTopics = [
      TOPICS.passport,
      TOPICS.borderCrossing,
      TOPICS.placement,
      TOPICS.identity,
      TOPICS.citizenAbroad,
    ];
    for (let lag = await lagOf(admin, processorGroup, personTopics); lag > 0n;) {
      say(`waiting for the processor to catch up with the history: ${lag} events to go`);
      await sleep(3_000);
      lag = await lagOf(admin, processorGroup, personTopics);
    }
    const settled = await untilIdle(`http://127.0.0.1:${PROCESSOR_PORT}/metrics`);
    say(`the processor was idle ${settled.seconds.toFixed(1)} s later, after ${settled.batches} batches`);

    const deskArrived = new Map<string, number>();
    for (const code of checkpoints)
      screens.push(
        await openScreen(base, code, tokens.get(code) as string, (alert) => {
          if (
            alert.kind === 'NEW' &&
            alert.situation.startsWith('departure:') &&
            !deskArrived.has(alert.triggerEventId)
          )
            deskArrived.set(alert.triggerEventId, Date.now());
        }),
      );
    say(
      `${checkpoints.length} desk screens connected; feeding ${RATE} events/s for ${WARMUP_SECONDS} s of warm-up, then ${SECONDS} s measured`,
    );

    const alertsFrom = await endOffsets(admin, [TOPICS.alerts]);
    const warmupEvents = RATE * WARMUP_SECONDS;
    const feed = simulatedEvents(Date.now() % 1_000_000, warmupEvents + RATE * SECONDS, 0.3);
    const scanSent = new Map<string, number>();
    const warmupScanSent = new Map<string, number>();
    let feedFrom = await endOffsets(admin, personTopics);
    // The commit windows' stages of the processor and of the desk router, over the measured part.
    const processorMetrics = `http://127.0.0.1:${PROCESSOR_PORT}/metrics`;
    const routerMetrics = `${base}/metrics`;
    const stageReadings = () =>
      Promise.all([
        histogramOf(processorMetrics, 'waspada_risk_window_stage_seconds', 'stage'),
        histogramOf(routerMetrics, 'waspada_notifier_router_window_stage_seconds', 'stage'),
      ]);
    let stagesBefore: Awaited<ReturnType<typeof stageReadings>> = [
      new Map<string, HistogramReading>(),
      new Map<string, HistogramReading>(),
    ];
    let measuredFrom = 0;
    let lastReport = Date.now();
    await sendAtRate(feed, RATE, async (slice, from) => {
      if (from >= warmupEvents && measuredFrom === 0) {
        measuredFrom = Date.now();
        feedFrom = await endOffsets(admin, personTopics);
        stagesBefore = await stageReadings();
      }
      const scans = slice.filter((event) => event.agency === 'borderCrossing');
      const others = slice.filter((event) => event.agency !== 'borderCrossing');
      const at = Date.now();
      const [scanIds] = await Promise.all([agencies.submit(scans), agencies.submit(others)]);
      for (const id of scanIds) (measuredFrom === 0 ? warmupScanSent : scanSent).set(id, at);
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        say(
          `  ${from + slice.length}/${feed.length} events, ${deskArrived.size} departure alerts on desks so far`,
        );
      }
    });
    const achieved = Math.round((feed.length - warmupEvents) / ((Date.now() - measuredFrom) / 1000));
    // Let the last alerts arrive.
    let seen = -1;
    while (seen !== deskArrived.size + webhookArrived.size) {
      seen = deskArrived.size + webhookArrived.size;
      await sleep(3_000);
    }
    const stagesAfter = await stageReadings();
    const windowStages = {
      processor: windowStagesBetween(stagesBefore[0], stagesAfter[0]),
      deskRouter: windowStagesBetween(stagesBefore[1], stagesAfter[1]),
    };
    const notifierMemory = processMemoryMiB(notifier.pid as number);
    const sentAt = await alertsSent(
      kafka,
      connections,
      'risk-processor-delivery-bench',
      alertsFrom,
      await endOffsets(admin, [TOPICS.alerts]),
    );

    // The floor: the feed's own records at the same rate, from a bare producer to a bare consumer.
    say('latency floor: the same records at the same rate, bare producer to bare consumer');
    const roundTrip = await bareRoundTrip(
      kafka,
      admin,
      await recordsBetween(kafka, personTopics, feedFrom, await endOffsets(admin, personTopics)),
      { rate: RATE, like: TOPICS.borderCrossing },
    );
    const latency = (arrived: Map<string, number>, sentFrom = scanSent) =>
      [...arrived].flatMap(([eventId, at]) => {
        const sentAt = sentFrom.get(eventId);
        return sentAt === undefined ? [] : [at - sentAt];
      });
    const report = {
      date: new Date().toISOString(),
      ...testbed(),
      feed: {
        targetRate: RATE,
        achievedRate: achieved,
        events: feed.length - warmupEvents,
        warmupEvents,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        desks: checkpoints.length,
      },
      scanToDesk: summariseLatencies(latency(deskArrived)),
      // The warm-up: the feed's first seconds, with the processor and the notifier just started.
      coldStartScanToDesk: summariseLatencies(latency(deskArrived, warmupScanSent)),
      scanToWebhook: summariseLatencies(latency(webhookArrived)),
      // Where the desk's time goes: until the processor sent the alert, and from there to the desk.
      scanToAlertSent: summariseLatencies(latency(sentAt)),
      alertSentToDesk: summariseLatencies(
        [...deskArrived].flatMap(([eventId, at]) => {
          const sent = sentAt.get(eventId);
          return sent === undefined || !scanSent.has(eventId) ? [] : [at - sent];
        }),
      ),
      windowStages,
      roundTripFloor: roundTrip,
      notifierMemoryMiB: { rss: Math.round(notifierMemory.rss), peak: Math.round(notifierMemory.peak) },
    };
    writeFigures('delivery', report);
    const line = (what: string, figures: LatencySummary, counted = 'departure alerts') =>
      `${what}, ${figures.count} ${counted}: p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms`;
    process.stdout.write(
      [
        `alert delivery benchmark, ${report.date}`,
        testbedLine(report),
        `feed: ${report.feed.achievedRate} events/s (target ${RATE}) for ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up, ${checkpoints.length} desk screens connected`,
        line('scan to desk screen', report.scanToDesk),
        line('  its first leg, scan to alert sent by the processor', report.scanToAlertSent),
        line(
          '  its second leg, alert sent to desk screen (commit, router, desk feed, SSE)',
          report.alertSentToDesk,
        ),
        `  the commit windows meanwhile, per stage (mean/p99 ms): processor ${windowStagesText(windowStages.processor)}; desk router ${windowStagesText(windowStages.deskRouter)}`,
        line('scan to signed webhook', report.scanToWebhook),
        line(
          `scan to desk screen in the warm-up (the feed's first ${WARMUP_SECONDS} s, services just started)`,
          report.coldStartScanToDesk,
        ),
        `${line(`bare round trip of the same records at ${roundTrip.achievedRate} events/s (producer to consumer, no Waspada)`, roundTrip, 'records')}; the desk's p99 is ${timesFloor(report.scanToDesk.p99Ms, roundTrip.p99Ms)} it`,
        `notifier memory: RSS ${report.notifierMemoryMiB.rss} MiB, peak ${report.notifierMemoryMiB.peak} MiB`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const screen of screens) screen.close();
    processor.removeAllListeners('exit');
    notifier.removeAllListeners('exit');
    await Promise.all([stopService(processor), stopService(notifier)]);
    await agencies.close();
    await admin.disconnect();
    sink.close();
  }
}

runBench('delivery-bench', main);
