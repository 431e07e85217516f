import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createKafkaClient,
  createLogger,
  createSchemaRegistryClient,
  limitHeapGrowth,
  registerCodec,
  TOPICS,
  type OutgoingRecord,
} from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { AGENCIES, createIntake } from '@waspada/producer-kit';
import { loadRuleSet } from '@waspada/risk-rules';
import {
  buildReport,
  createProgressBar,
  DEFAULT_REVIEW_THRESHOLDS,
  LIVE_HISTORY_TOPICS,
  readGroundTruth,
  runBacktest,
  type HistoryTopics,
} from '@waspada/risk-processor';
import { CASE_LEAD_MS, generateCases } from '@waspada/simulator';
import { runBench, testbed, testbedLine, writeFigures } from './bench-report';
import { benchConnections, processMemoryMiB } from './measure';

/**
 * Backtest throughput on a running stack (npm run stack -- up):
 *
 *   1. BENCH_BACKTEST_EVENTS (1,000,000) events of the simulator's cases are validated by the
 *      producers' own intake and written as Avro to agency topics of the benchmark's own (six
 *      partitions each, like the live ones; deleted afterwards), with the ground truth beside them;
 *   2. a fresh process backtests the shipped rule set over the whole history, reading those topics
 *      from Kafka and scoring against the ground truth, and reports its time and memory.
 *
 * The live agency topics are left alone: a million events there would slow every processor that
 * reads them from the start. Prints the figures with the machine and versions, and writes them to
 * .waspada/bench/backtest-<day>.json.
 */
const EVENTS = Number(process.env.BENCH_BACKTEST_EVENTS ?? 1_000_000);
const CHILD_FLAG = '--backtest-child';
/** Node options for the backtest process only, such as `--cpu-prof` to see where its time goes. */
const CHILD_NODE_ARGS = (process.env.BENCH_BACKTEST_NODE_ARGS ?? '').split(' ').filter(Boolean);
const AGENCY_TOPICS = Object.keys(LIVE_HISTORY_TOPICS.agencies);

const say = (line: string) => process.stderr.write(`${line}\n`);

/** The agency a simulated record is for → the live topic its events go to. */
const LIVE_TOPIC_OF: Record<string, string> = {
  passport: TOPICS.passport,
  borderCrossing: TOPICS.borderCrossing,
  placement: TOPICS.placement,
  identity: TOPICS.identity,
  citizenAbroad: TOPICS.citizenAbroad,
};

interface ChildFigures {
  readonly records: number;
  readonly seconds: { read: number; judge: number; total: number };
  readonly eventsPerSecond: number;
  readonly situations: number;
  readonly alerted: number;
  readonly groundTruth: { precision: number | null; recall: number | null } | null;
  readonly memoryMiB: { rss: number; peak: number; heapUsed: number };
  /**
   * CPU time the backtest process used (user + system) and events per CPU second: on cores shared
   * with other work the wall time says as much about the neighbours as about the backtest.
   */
  readonly cpuSeconds: number;
  readonly eventsPerCpuSecond: number;
  /** The machine's one-minute load average when the backtest ended. */
  readonly loadAverage: number;
}

/** Fills the benchmark's topics with simulated history; returns the period it spans. */
async function writeHistory(
  connections: ReturnType<typeof benchConnections>,
  topics: HistoryTopics,
  truthFile: string,
): Promise<{ from: number; to: number; written: number }> {
  const logger = createLogger({ service: 'backtest-bench', level: 'warn' });
  const kafka = createKafkaClient(connections.kafka, logger);
  const registry = createSchemaRegistryClient(connections.registry);
  const reference = referenceData();
  const agencies = Object.entries(LIVE_TOPIC_OF).map(([agency, liveTopic]) => {
    const definition = AGENCIES[agency as keyof typeof AGENCIES];
    return { agency, liveTopic, definition, intake: createIntake(definition, reference) };
  });
  const codecs = new Map(
    await Promise.all(
      agencies.map(
        async ({ agency, definition }) =>
          [
            agency,
            await registerCodec<never>(
              registry,
              definition.contract.subject,
              definition.contract.schema as object,
            ),
          ] as const,
      ),
    ),
  );
  const byAgency = new Map(agencies.map((entry) => [entry.agency, entry]));
  const producer = kafka.producer();
  await producer.connect();
  const cases = generateCases({
    seed: 4242,
    reference,
    traffickingShare: 0.2,
    clock: () => Date.now() - CASE_LEAD_MS,
  });
  writeFileSync(truthFile, '');
  const truth: string[] = [];
  let written = 0;
  let from = Number.POSITIVE_INFINITY;
  let to = 0;
  const started = Date.now();
  try {
    while (written < EVENTS) {
      const records: OutgoingRecord[] = [];
      while (records.length < 20_000 && written + records.length < EVENTS) {
        const next = cases.next();
        if (next.done) break;
        for (const line of next.value.truth) truth.push(JSON.stringify(line));
        for (const event of next.value.events) {
          const entry = byAgency.get(event.agency);
          // Watchlist records belong to the watchlist topic every backtest reads as it is.
          if (!entry) continue;
          const result = entry.intake(event.record, new Date());
          if (!result.ok)
            throw new Error(
              `a simulated ${event.agency} record was refused: ${JSON.stringify(result.errors)}`,
            );
          const codec = codecs.get(entry.agency);
          records.push({
            topic: topics.agencies[entry.liveTopic] as string,
            key: result.key,
            value: (codec as { encode(value: unknown): Buffer }).encode(result.event),
          });
          from = Math.min(from, event.eventTime);
          to = Math.max(to, event.eventTime);
        }
      }
      if (records.length === 0) break;
      await producer.send(records);
      written += records.length;
      writeFileSync(truthFile, `${truth.join('\n')}\n`, { flag: 'a' });
      truth.length = 0;
      say(
        `history: ${written}/${EVENTS} events written (${Math.round(written / ((Date.now() - started) / 1000))} events/s)`,
      );
    }
  } finally {
    await producer.disconnect();
  }
  return { from, to: to + 1, written };
}

/** The child: one backtest, figures as JSON on stdout, the progress bar on stderr. */
async function child(): Promise<void> {
  // As the backtest command does (backtest-command.ts in the risk processor).
  limitHeapGrowth();
  const connections = benchConnections('backtest-bench', process.env);
  const logger = createLogger({ service: 'backtest-bench', level: 'warn' });
  const topics = JSON.parse(process.env.BENCH_BACKTEST_TOPICS ?? '') as HistoryTopics;
  const from = Number(process.env.BENCH_BACKTEST_FROM);
  const to = Number(process.env.BENCH_BACKTEST_TO);
  const truthFile = process.env.BENCH_BACKTEST_TRUTH as string;
  const kafka = createKafkaClient(connections.kafka, logger);
  const registry = createSchemaRegistryClient(connections.registry);
  const ruleSet = loadRuleSet();
  const bar = createProgressBar();
  const outcome = await runBacktest(
    { kafka, registry, logger },
    {
      from,
      to,
      ruleSet,
      topics,
      lateAlertWindowMs: 6 * 3_600_000,
      onProgress: (phase, done, total) => bar.update(phase, done, total),
    },
  );
  bar.stop();
  const report = buildReport(outcome, {
    ruleSet,
    ruleSetFile: 'shipped',
    from,
    to,
    thresholds: DEFAULT_REVIEW_THRESHOLDS,
    groundTruth: { file: truthFile, labels: readGroundTruth(truthFile) },
  });
  const memory = processMemoryMiB(process.pid);
  const cpu = process.cpuUsage();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const figures: ChildFigures = {
    records: report.input.records,
    seconds: report.throughput.seconds,
    eventsPerSecond: report.throughput.eventsPerSecond,
    situations: report.situations.judged,
    alerted: report.situations.alerted,
    groundTruth: report.groundTruth
      ? { precision: report.groundTruth.overall.precision, recall: report.groundTruth.overall.recall }
      : null,
    memoryMiB: {
      rss: Math.round(memory.rss),
      peak: Math.round(memory.peak),
      heapUsed: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    },
    cpuSeconds: Number(cpuSeconds.toFixed(1)),
    eventsPerCpuSecond: Math.round(report.input.records / cpuSeconds),
    loadAverage: Number((loadavg()[0] ?? 0).toFixed(1)),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function main(): Promise<void> {
  const connections = benchConnections('backtest-bench', process.env);
  const logger = createLogger({ service: 'backtest-bench', level: 'warn' });
  const kafka = createKafkaClient(connections.kafka, logger);
  const admin = kafka.admin();
  await admin.connect();
  const stamp = Date.now();
  const topics: HistoryTopics = {
    agencies: Object.fromEntries(
      AGENCY_TOPICS.map((topic) => [
        topic,
        `waspada-bench-backtest-${stamp}.${topic.split('.').slice(1, -1).join('.')}`,
      ]),
    ),
    alertActions: `waspada-bench-backtest-${stamp}.desk.alert-actions`,
  };
  const created = [...Object.values(topics.agencies), topics.alertActions];
  const work = mkdtempSync(join(tmpdir(), 'waspada-backtest-bench-'));
  const truthFile = join(work, 'ground-truth.ndjson');
  try {
    await admin.createTopics(
      created.map((name) => ({ name, partitions: 6, replicationFactor: 1, configs: {} })),
    );
    const period = await writeHistory(connections, topics, truthFile);
    say(
      `backtest: ${period.written} events, ${new Date(period.from).toISOString()} to ${new Date(period.to).toISOString()}`,
    );
    const output = await new Promise<string>((resolvePromise, reject) => {
      const backtest = spawn(process.execPath, [...CHILD_NODE_ARGS, __filename, CHILD_FLAG], {
        env: {
          ...process.env,
          BENCH_BACKTEST_TOPICS: JSON.stringify(topics),
          BENCH_BACKTEST_FROM: String(period.from),
          BENCH_BACKTEST_TO: String(period.to),
          BENCH_BACKTEST_TRUTH: truthFile,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      backtest.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
      });
      backtest.on('error', reject);
      backtest.on('exit', (code) =>
        code === 0 ? resolvePromise(stdout) : reject(new Error(`the backtest process exited with ${code}`)),
      );
    });
    const figures = JSON.parse(output.trim().split('\n').pop() ?? '') as ChildFigures;
    const report = { date: new Date().toISOString(), ...testbed(), backtest: figures };
    writeFigures('backtest', report);
    const ratio = (value: number | null | undefined) =>
      value === null || value === undefined ? '–' : value.toFixed(2);
    process.stdout.write(
      [
        `backtest benchmark, ${report.date}`,
        testbedLine(report),
        `backtest of ${figures.records} events from Kafka: ${figures.seconds.total.toFixed(1)} s = ${figures.eventsPerSecond} events/s (reading ${figures.seconds.read.toFixed(1)} s, judging ${figures.seconds.judge.toFixed(1)} s); load average ${figures.loadAverage}`,
        `CPU time of the backtest process: ${figures.cpuSeconds} s = ${figures.eventsPerCpuSecond} events per CPU second`,
        `${figures.situations} situations judged, ${figures.alerted} alerted; against the ground truth precision ${ratio(figures.groundTruth?.precision)}, recall ${ratio(figures.groundTruth?.recall)}`,
        `backtest memory: RSS ${figures.memoryMiB.rss} MiB at the end, peak ${figures.memoryMiB.peak} MiB (heap ${figures.memoryMiB.heapUsed} MiB)`,
        '',
      ].join('\n'),
    );
  } finally {
    await admin.deleteTopics(created).catch(() => undefined);
    await admin.disconnect();
    rmSync(work, { recursive: true, force: true });
  }
}

runBench('backtest-bench', process.argv.includes(CHILD_FLAG) ? child : main);
