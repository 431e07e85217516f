import { spawn } from 'node:child_process';
import {
  compileAvroType,
  createAvroDecoder,
  createKafkaClient,
  createLogger,
  createRedis,
  createSchemaRegistryClient,
  endOffsets,
  NATIVE_MEMORY_ENV,
  TOPICS,
  type KafkaAdmin,
} from '@waspada/common';
import { derivedEventId, openInProcessAgencies } from '@waspada/producer-kit';
import { FlapCounter } from '@waspada/risk-rules';
import { PERSON_TOPICS } from '@waspada/risk-store';
import { CONTRACTS, type RiskAlert } from '@waspada/schemas';
import { recordingWaves, simulatedEvents, simulatedFeed, type SimEvent } from '@waspada/simulator';
import { runBench, testbed, testbedLine, writeFigures } from './bench-report';
import { bareRoundTrip, recordsBetween } from './round-trip-floor';
import {
  benchConnections,
  histogramOf,
  metricOf,
  processCpuSeconds,
  processMemoryMiB,
  sendAtRate,
  stopService,
  summariseLatencies,
  timesFloor,
  untilIdle,
  windowStagesBetween,
  windowStagesText,
} from './measure';

/**
 * The risk processor's figures on a running stack (npm run stack -- up), the processor running as
 * its own process with its own Redis database:
 *
 *   1. replay: a new processor group reads every agency topic from the start (topped up with
 *      simulated history to at least REPLAY_EVENTS) and catches up; events/s for one instance;
 *   2. latency: with the processor caught up, the simulator's cases go through the producers at a
 *      steady RATE events/s for SECONDS; for every departure alert, the time from the scan being
 *      handed to the producer to the alert being appended to the alerts topic. WARMUP seconds of
 *      other cases at the same rate go first, not counted: the processor's first live windows (its
 *      first transactions with alerts, the first sends to each output partition) wait longer,
 *      p50 85 ms in the first two seconds against 35 ms from the tenth on. They get a line of
 *      their own.
 *
 * Prints the figures with the machine and versions, and writes them to .waspada/bench/.
 */
const REPLAY_EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 200_000);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const REDIS_DB = 9;
const PORT = 28130;

const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The agency topics: what the replay reads and is timed on. The processor's own re-judge topic is
 * left out of the count, since it is written in transactions and ends in a commit marker no
 * consumer's committed offset ever passes.
 */
const AGENCY_TOPICS = Object.keys(PERSON_TOPICS).filter((topic) => topic !== TOPICS.rejudge);

async function committedTotal(admin: KafkaAdmin, groupId: string): Promise<bigint> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      let total = 0n;
      for (const topic of AGENCY_TOPICS) {
        for (const { offset } of await admin.groupOffsets(groupId, topic))
          total += BigInt(Math.max(0, Number(offset)));
      }
      return total;
    } catch (error) {
      // On a stack just started the group coordinator may still be loading its partition.
      if (!(error as { retriable?: boolean }).retriable || attempt === 20) throw error;
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
    }
  }
}

async function main(): Promise<void> {
  const connections = benchConnections('processor-bench', process.env, REDIS_DB);
  const logger = createLogger({ service: 'processor-bench', level: 'warn' });
  const kafka = createKafkaClient(connections.kafka, logger);
  const admin = kafka.admin();
  await admin.connect();
  const agencies = await openInProcessAgencies(connections, logger);
  const redis = createRedis(connections.redisUrl);
  await redis.connect();
  await redis.flushdb();

  // 1. Replay.
  const existing = [...(await endOffsets(admin, AGENCY_TOPICS)).values()].reduce((sum, end) => sum + end, 0n);
  if (existing < BigInt(REPLAY_EVENTS)) {
    const missing = REPLAY_EVENTS - Number(existing);
    say(`replay: adding ${missing} simulated events of history`);
    // In the order the agencies recorded them: every case's history before the scans of today.
    const history = recordingWaves(simulatedEvents(Date.now() % 1_000_000, missing, 0.2)).flat();
    for (let index = 0; index < history.length; index += 5_000) {
      await agencies.submit(history.slice(index, index + 5_000));
      say(`replay: ${Math.min(history.length, index + 5_000)}/${history.length} events written`);
    }
  }
  const ends = await endOffsets(admin, AGENCY_TOPICS);
  const total = [...ends.values()].reduce((sum, end) => sum + end, 0n);
  const groupId = `waspada-bench-${Date.now()}`;
  const instanceId = `bench-${Date.now()}`;
  say(`replay: a new group reads ${total} events from the start`);
  const started = Date.now();
  // BENCH_PROCESSOR_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the processor's run.
  const nodeArgs = (process.env.BENCH_PROCESSOR_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const processorMain = require.resolve('@waspada/risk-processor/dist/main.js');
  const child = spawn(process.execPath, [...nodeArgs, processorMain], {
    env: {
      // As npm start starts it (NATIVE_MEMORY_ENV=off runs it without, to compare).
      ...(process.env.NATIVE_MEMORY_ENV !== 'off' && NATIVE_MEMORY_ENV),
      PATH: process.env.PATH,
      KAFKA_BROKERS: connections.kafka.brokers.join(','),
      SCHEMA_REGISTRY_URL: connections.registry.url,
      REDIS_URL: connections.redisUrl,
      WASPADA_HTTP_PORT: String(PORT),
      WASPADA_PROCESSOR_GROUP: groupId,
      WASPADA_INSTANCE_ID: instanceId,
      // The processor's own settings, when a run compares them (WASPADA_WINDOW_MS=50 npm run ...).
      ...Object.fromEntries(
        [
          'WASPADA_TOPIC_ALIGNMENT_MS',
          'WASPADA_WINDOW_MS',
          'WASPADA_MEMORY_RELEASE',
          'WASPADA_PERSON_CACHE_SIZE',
        ]
          .filter((name) => process.env[name] !== undefined)
          .map((name) => [name, process.env[name] as string]),
      ),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let peakRss = 0;
  try {
    let done = 0n;
    let lastReport = Date.now();
    // From the first commit on: the rate once started, beside the rate with start-up.
    let firstCommit: { at: number; done: bigint } | undefined;
    while (done < total) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
      done = await committedTotal(admin, groupId);
      if (!firstCommit && done > 0n) firstCommit = { at: Date.now(), done };
      peakRss = Math.max(peakRss, processMemoryMiB(child.pid as number).peak);
      if (Date.now() - lastReport > 3_000) {
        lastReport = Date.now();
        say(
          `replay: ${done}/${total} (${Math.round(Number(done) / ((Date.now() - started) / 1000))} events/s)`,
        );
      }
    }
    const replaySeconds = (Date.now() - started) / 1000;
    const replayCpuSeconds = processCpuSeconds(child.pid as number);
    const replayRate = Math.round(Number(total) / replaySeconds);
    const steadyRate = firstCommit
      ? Math.round(Number(total - firstCommit.done) / Math.max(0.001, (Date.now() - firstCommit.at) / 1000))
      : replayRate;
    say(
      `replay: ${total} events in ${replaySeconds.toFixed(1)} s = ${replayRate} events/s (including start-up)`,
    );

    // Every agency record is committed, but the re-judge requests the replay asked may still be
    // under way: the floor and the latency phase start once the processor has been idle for a while,
    // so neither shares the cores with the replay's tail.
    const metricsUrl = `http://127.0.0.1:${PORT}/metrics`;
    const settled = await untilIdle(metricsUrl);
    // Windows not committed and done again: each costs its records a second pass and the latency a spike.
    const replayWindowsFailed = await metricOf(metricsUrl, 'waspada_risk_windows_failed_total');
    say(
      `replay: the processor was idle ${settled.seconds.toFixed(1)} s after the last agency commit, after ${settled.batches} more batches (re-judge requests, timers)${settled.idle ? '' : '; NOT idle after 300 s, going on'}`,
    );

    // Quiet for 5 s, the processor gives back the memory the replay left (memory-release.ts): that
    // collection's pause should not share the cores with the floor either.
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 7_000));

    // The floor under the replay: a bare consumer of the same topics in the same run, decoding
    // every record with the same Avro schemas, and nothing else (no state, no rules, no Redis).
    const floorCpuBefore = process.cpuUsage();
    const floor = await bareReplay(kafka, connections, total);
    const floorCpu = process.cpuUsage(floorCpuBefore);
    const floorCpuSeconds = (floorCpu.user + floorCpu.system) / 1e6;
    say(
      `replay floor (bare KafkaJS consumer + Avro decode, same topics): ${floor.events} events in ${floor.seconds.toFixed(1)} s = ${floor.eventsPerSecond} events/s`,
    );

    // 2. Latency at a steady rate, after a warm-up at the same rate with other people.
    const seed = Date.now() % 1_000_000;
    const warmup = simulatedFeed(seed + 2, RATE * WARMUP_SECONDS, 0.3).events;
    const { events: feed, legitimate } = simulatedFeed(seed + 1, RATE * SECONDS, 0.3);
    // When each record of a feed was sent, by its event id (what an alert names as its trigger),
    // and when each person's first crossing record was: an alert is timed from the record that
    // raised it, or, raised by a re-judge (a companion's record, a watchlist entry), from the scan.
    const sentById = new Map<string, number>();
    const firstScanSent = new Map<string, number>();
    const warmupSentById = new Map<string, number>();
    const warmupPeople = new Set<string>();
    const warmupStarted = Date.now();
    say(`latency: ${warmup.length} events of warm-up at ${RATE} events/s`);
    await feedAtRate(agencies, warmup, (slice, now) => {
      for (const { record } of slice) {
        warmupSentById.set(typeof record.eventId === 'string' ? record.eventId : derivedEventId(record), now);
        warmupPeople.add(String(record.nik));
      }
    });
    const feedFrom = await endOffsets(admin, AGENCY_TOPICS);
    const stagesBefore = await histogramOf(metricsUrl, 'waspada_risk_window_stage_seconds', 'stage');
    say(`latency: ${feed.length} events at ${RATE} events/s`);
    const feedStarted = Date.now();
    const feedCpuFrom = processCpuSeconds(child.pid as number);
    await feedAtRate(agencies, feed, (slice, now) => {
      for (const { agency, record } of slice) {
        sentById.set(typeof record.eventId === 'string' ? record.eventId : derivedEventId(record), now);
        if (agency === 'borderCrossing' && !firstScanSent.has(String(record.nik)))
          firstScanSent.set(String(record.nik), now);
      }
    });
    const achieved = Math.round(feed.length / ((Date.now() - feedStarted) / 1000));
    // The processor's CPU while fed at the steady rate, as a share of one core.
    const feedCpuShare =
      (processCpuSeconds(child.pid as number) - feedCpuFrom) / ((Date.now() - feedStarted) / 1000);
    const lastEnds = await endOffsets(admin, AGENCY_TOPICS);
    const lastTotal = [...lastEnds.values()].reduce((sum, end) => sum + end, 0n);
    while ((await committedTotal(admin, groupId)) < lastTotal) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
    }
    const windowStages = windowStagesBetween(
      stagesBefore,
      await histogramOf(metricsUrl, 'waspada_risk_window_stage_seconds', 'stage'),
    );
    peakRss = Math.max(peakRss, processMemoryMiB(child.pid as number).peak);
    const rssNow = processMemoryMiB(child.pid as number).rss;
    const rssReadAt = Date.now();
    const liveWindowsFailed =
      (await metricOf(metricsUrl, 'waspada_risk_windows_failed_total')) - replayWindowsFailed;

    const registry = createSchemaRegistryClient(connections.registry);
    const decode = createAvroDecoder<RiskAlert>(registry, compileAvroType(CONTRACTS.alert.schema));
    const latencies: number[] = [];
    const warmupLatencies: number[] = [];
    const rejudgedLatencies: number[] = [];
    // Flapping (NEW alerts withdrawn within a minute) in the replay and at the steady rate, and
    // the alert budget: NEW departure alerts per checkpoint against the departures scanned there,
    // for everyone and for the travellers of the simulator's legitimate cases (false alerts).
    const flaps = { replay: new FlapCounter(), live: new FlapCounter() };
    const alertedAt = new Map<string, number>();
    const falselyAlertedAt = new Map<string, number>();
    const ours = `risk-processor-${instanceId}`;
    const reader = kafka.consumer({ groupId: `${groupId}-reader`, autoCommit: false });
    let lastRead = Date.now();
    await reader.connect();
    await reader.subscribe([TOPICS.alerts], { fromBeginning: true });
    await reader.run(async (batch) => {
      for (const record of batch.records) {
        if (record.headers['waspada-decided-by']?.toString() !== ours) continue;
        const alert = (await decode(record.value)).value;
        const key = record.key?.toString() ?? '';
        if (alert.alertTime >= warmupStarted && warmupPeople.has(key)) {
          const warmupSent = warmupSentById.get(alert.triggerEventId);
          if (alert.kind === 'NEW' && alert.situation.startsWith('departure:') && warmupSent !== undefined)
            warmupLatencies.push(record.timestamp - warmupSent);
          continue;
        }
        (alert.alertTime < warmupStarted ? flaps.replay : flaps.live).observe(alert);
        const scanned = firstScanSent.get(key);
        if (scanned === undefined || alert.alertTime < feedStarted) continue;
        if (alert.kind === 'NEW' && alert.situation.startsWith('departure:')) {
          const triggerSent = sentById.get(alert.triggerEventId);
          if (triggerSent !== undefined) latencies.push(record.timestamp - triggerSent);
          else rejudgedLatencies.push(record.timestamp - scanned);
          const checkpoint = alert.target.checkpointCode ?? '(regency)';
          alertedAt.set(checkpoint, (alertedAt.get(checkpoint) ?? 0) + 1);
          if (legitimate.has(alert.person.nik))
            falselyAlertedAt.set(checkpoint, (falselyAlertedAt.get(checkpoint) ?? 0) + 1);
        }
      }
      lastRead = Date.now();
    });
    while (Date.now() - lastRead < 3_000)
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
    await reader.disconnect();

    // 3. The floor under the latency: the feed's own records, from a bare producer to a bare consumer.
    say('latency floor: the same records at the same rate, bare producer to bare consumer');
    const roundTrip = await bareRoundTrip(
      kafka,
      admin,
      await recordsBetween(kafka, AGENCY_TOPICS, feedFrom, lastEnds),
      {
        rate: RATE,
        like: TOPICS.borderCrossing,
      },
    );
    // The processor has had nothing to do while the floor ran (10 s and more): what it holds once
    // idle, after it gave back what the run's collections left (memory-release.ts).
    const rssIdle = processMemoryMiB(child.pid as number).rss;
    const idleSeconds = Math.round((Date.now() - rssReadAt) / 1000);

    const scannedAt = new Map<string, number>();
    const legitimateScannedAt = new Map<string, number>();
    for (const event of feed) {
      if (event.agency !== 'borderCrossing') continue;
      const record = event.record as {
        nik?: string;
        direction?: string;
        stage?: string;
        checkpointCode?: string;
      };
      if (record.direction !== 'DEPARTURE' || record.stage !== 'PRE_CLEARANCE_SCAN') continue;
      const checkpoint = record.checkpointCode ?? '?';
      scannedAt.set(checkpoint, (scannedAt.get(checkpoint) ?? 0) + 1);
      if (legitimate.has(record.nik ?? ''))
        legitimateScannedAt.set(checkpoint, (legitimateScannedAt.get(checkpoint) ?? 0) + 1);
    }
    const perThousand = (part: number, whole: number) =>
      whole === 0 ? 0 : Number(((part / whole) * 1000).toFixed(1));
    const budget = [...scannedAt]
      .map(([checkpoint, scanned]) => {
        const alerted = alertedAt.get(checkpoint) ?? 0;
        const legitimateScanned = legitimateScannedAt.get(checkpoint) ?? 0;
        const legitimateAlerted = falselyAlertedAt.get(checkpoint) ?? 0;
        return {
          checkpoint,
          scanned,
          alerted,
          perThousand: perThousand(alerted, scanned),
          legitimateScanned,
          legitimateAlerted,
          legitimatePerThousand: perThousand(legitimateAlerted, legitimateScanned),
        };
      })
      .sort((a, b) => b.scanned - a.scanned);
    const flapping = (counter: FlapCounter) => ({
      newAlerts: counter.newAlerts,
      withdrawnWithinAMinute: counter.flapped,
      share: Number(counter.share.toFixed(4)),
    });

    const report = {
      date: new Date().toISOString(),
      ...testbed(),
      replay: {
        events: Number(total),
        seconds: Number(replaySeconds.toFixed(1)),
        eventsPerSecond: replayRate,
        steadyEventsPerSecond: steadyRate,
        floorEventsPerSecond: floor.eventsPerSecond,
        floorSteadyEventsPerSecond: floor.steadyEventsPerSecond,
        shareOfFloor: Number((steadyRate / floor.steadyEventsPerSecond).toFixed(3)),
        // CPU per event, start-up included: the processor's process, and the bare consumer's (this one).
        cpuMicrosecondsPerEvent: Math.round((replayCpuSeconds * 1e6) / Number(total)),
        floorCpuMicrosecondsPerEvent: Math.round((floorCpuSeconds * 1e6) / Number(total)),
        // After the last agency commit: how long until the processor was idle, and the batches meanwhile.
        settleSeconds: Number(settled.seconds.toFixed(1)),
        batchesAfterLastCommit: settled.batches,
        windowsFailed: replayWindowsFailed,
      },
      latency: {
        targetRate: RATE,
        achievedRate: achieved,
        events: feed.length,
        ...summariseLatencies(latencies),
        // Departure alerts a re-judge raised: from the person's first scan, so the wait is included.
        rejudged: summariseLatencies(rejudgedLatencies),
        // The warm-up's own departure alerts: the processor's first live seconds.
        warmupSeconds: WARMUP_SECONDS,
        warmup: summariseLatencies(warmupLatencies),
        floor: roundTrip,
        windowsFailed: liveWindowsFailed,
        // Where a window's time went at the steady rate (the processor's own histogram).
        windowStages,
        cpuShareOfACore: Number(feedCpuShare.toFixed(2)),
        cpuMicrosecondsPerEvent: Math.round((feedCpuShare * 1e6) / achieved),
      },
      processorMemoryMiB: {
        rssAfter: Math.round(rssNow),
        rssIdle: Math.round(rssIdle),
        idleSeconds,
        peak: Math.round(peakRss),
      },
      flapping: { replay: flapping(flaps.replay), live: flapping(flaps.live) },
      alertBudget: budget,
    };
    writeFigures('risk-processor', report);
    process.stdout.write(
      [
        `risk processor benchmark, ${report.date}`,
        testbedLine(report),
        `replay (one instance, from the start of every agency topic): ${report.replay.events} events in ${report.replay.seconds} s = ${report.replay.eventsPerSecond} events/s with start-up, ${report.replay.steadyEventsPerSecond} events/s from the first commit; bare consumer + decode on the same topics in this run: ${report.replay.floorEventsPerSecond} events/s with start-up, ${report.replay.floorSteadyEventsPerSecond} from the first batch; ratio from the start of work ${(report.replay.shareOfFloor * 100).toFixed(1)}%; CPU per event ${report.replay.cpuMicrosecondsPerEvent} µs, the bare consumer's ${report.replay.floorCpuMicrosecondsPerEvent} µs; idle ${report.replay.settleSeconds} s after the last agency commit, ${report.replay.batchesAfterLastCommit} batches later; windows not committed and done again: ${report.replay.windowsFailed}`,
        `produce-to-alert at ${report.latency.achievedRate} events/s (target ${RATE}) for ${SECONDS} s, ${report.latency.count} departure alerts, from the record that raised them: p50 ${report.latency.p50Ms} ms, p95 ${report.latency.p95Ms} ms, p99 ${report.latency.p99Ms} ms, max ${report.latency.maxMs} ms; windows not committed and done again: ${report.latency.windowsFailed}`,
        `  the processor meanwhile: ${Math.round(report.latency.cpuShareOfACore * 100)}% of a core (${report.latency.cpuMicrosecondsPerEvent} µs CPU per event); its windows per stage (mean/p99 ms): ${windowStagesText(report.latency.windowStages)}`,
        `  in the warm-up before it (${WARMUP_SECONDS} s, other people, not counted above), ${report.latency.warmup.count} departure alerts: p50 ${report.latency.warmup.p50Ms} ms, p95 ${report.latency.warmup.p95Ms} ms, p99 ${report.latency.warmup.p99Ms} ms, max ${report.latency.warmup.maxMs} ms`,
        `  and ${report.latency.rejudged.count} departure alerts raised by a re-judge (a companion's record, a watchlist entry), from the person's first scan: p50 ${report.latency.rejudged.p50Ms} ms, p99 ${report.latency.rejudged.p99Ms} ms`,
        `bare round trip of the same records at ${roundTrip.achievedRate} events/s (producer to consumer, no Waspada): p50 ${roundTrip.p50Ms} ms, p95 ${roundTrip.p95Ms} ms, p99 ${roundTrip.p99Ms} ms, max ${roundTrip.maxMs} ms; Waspada's p99 is ${timesFloor(report.latency.p99Ms, roundTrip.p99Ms)} it`,
        `processor memory: RSS ${report.processorMemoryMiB.rssAfter} MiB after the run, ${report.processorMemoryMiB.rssIdle} MiB once idle (${report.processorMemoryMiB.idleSeconds} s later), peak ${report.processorMemoryMiB.peak} MiB`,
        `flapping (NEW alerts withdrawn within a minute): replay ${report.flapping.replay.withdrawnWithinAMinute} of ${report.flapping.replay.newAlerts} (${(report.flapping.replay.share * 100).toFixed(1)}%), steady rate ${report.flapping.live.withdrawnWithinAMinute} of ${report.flapping.live.newAlerts} (${(report.flapping.live.share * 100).toFixed(1)}%)`,
        `alert budget at the steady rate, per checkpoint (departures scanned, NEW departure alerts, per 1,000 scans; then the travellers of the simulator's legitimate cases alone: false alerts per 1,000):`,
        ...budget
          .slice(0, 12)
          .map(
            (entry) =>
              `  ${entry.checkpoint}: ${entry.scanned} scanned, ${entry.alerted} alerted, ${entry.perThousand} per 1,000; legitimate ${entry.legitimateScanned} scanned, ${entry.legitimateAlerted} alerted, ${entry.legitimatePerThousand} per 1,000`,
          ),
        '',
      ].join('\n'),
    );
  } finally {
    await stopService(child);
    await agencies.close();
    await admin.disconnect();
    await redis.quit();
  }
}

/**
 * Hands a feed to the producers at RATE events/s in 20 ms ticks, in the order agencies record it,
 * telling `onSent` what each tick sent and when.
 */
async function feedAtRate(
  agencies: Awaited<ReturnType<typeof openInProcessAgencies>>,
  feed: readonly SimEvent[],
  onSent: (slice: readonly SimEvent[], at: number) => void,
): Promise<void> {
  await sendAtRate(feed, RATE, async (slice) => {
    onSent(slice, Date.now());
    for (const wave of recordingWaves(slice)) await agencies.submit(wave);
  });
}

/** A new group reads every agency topic from the start and decodes each record; events/s. */
async function bareReplay(
  kafka: ReturnType<typeof createKafkaClient>,
  connections: ReturnType<typeof benchConnections>,
  total: bigint,
): Promise<{ events: number; seconds: number; eventsPerSecond: number; steadyEventsPerSecond: number }> {
  const registry = createSchemaRegistryClient(connections.registry);
  const decoders = new Map(
    Object.entries(PERSON_TOPICS)
      .filter(([topic]) => AGENCY_TOPICS.includes(topic))
      .map(([topic, { schema }]) => [topic, createAvroDecoder(registry, compileAvroType(schema))]),
  );
  const consumer = kafka.consumer({ groupId: `waspada-bench-floor-${Date.now()}`, autoCommit: false });
  let events = 0;
  let firstBatchAt = 0;
  const started = Date.now();
  await consumer.connect();
  try {
    await consumer.subscribe(AGENCY_TOPICS, { fromBeginning: true });
    await consumer.run(async (batch) => {
      firstBatchAt ||= Date.now();
      const decode = decoders.get(batch.topic);
      for (const record of batch.records) {
        // A record the processor would dead-letter costs the floor its decode attempt too.
        await decode?.(record.value).catch(() => undefined);
        events += 1;
      }
    });
    while (BigInt(events) < total) await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  } finally {
    await consumer.disconnect();
  }
  const ended = Date.now();
  const seconds = (ended - started) / 1000;
  return {
    events,
    seconds,
    eventsPerSecond: Math.round(events / seconds),
    steadyEventsPerSecond: Math.round(events / Math.max(0.001, (ended - firstBatchAt) / 1000)),
  };
}

runBench('processor-bench', main);
