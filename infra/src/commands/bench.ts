import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientEnv, down, openStack, say, up } from './stack-commands';
import { REPO_ROOT } from '../stack/stack-config';

/**
 * The benchmarks `npm run bench` runs, each a script of the bench workspace that writes
 * .waspada/bench/<name>-<day>.json. The processor's comes first: on a fresh stack it writes the
 * simulator's mixed history and replays that, where after the producer's it would replay the
 * producer's 300,000 single scans (no joins, no alerts) and write no history of its own.
 */
const BENCHES = [
  { name: 'risk-processor', script: 'bench/dist/processor-bench.js' },
  { name: 'producer', script: 'bench/dist/producer-bench.js' },
  { name: 'delivery', script: 'bench/dist/delivery-bench.js' },
  { name: 'backtest', script: 'bench/dist/backtest-bench.js' },
] as const;

type Json = Record<string, unknown>;
/** A figure as the report prints it: numbers with thousands separators, a dash for a missing one. */
const text = (value: unknown): string =>
  typeof value === 'number' ? value.toLocaleString('en') : typeof value === 'string' ? value : '–';
const at = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value);

/**
 * `npm run bench`: brings the stack up (and down again if it started it), runs every service's
 * benchmark one after another so none shares the cores with another, and writes one report,
 * .waspada/bench/report-<day>.md and .json, from the figures each benchmark wrote.
 */
export async function runBenchmarks(): Promise<number> {
  const opened = await openStack();
  const { startedSomething } = await up(opened);
  const dir = join(REPO_ROOT, '.waspada', 'bench');
  mkdirSync(dir, { recursive: true });
  const figures: Record<string, Json> = {};
  let failed = false;
  try {
    for (const bench of BENCHES) {
      say(`benchmark: ${bench.name}`);
      const day = new Date().toISOString().slice(0, 10);
      const result = spawnSync(process.execPath, [join(REPO_ROOT, bench.script)], {
        cwd: REPO_ROOT,
        stdio: 'inherit',
        env: { ...process.env, ...clientEnv(opened.stack) },
      });
      const file = join(dir, `${bench.name}-${day}.json`);
      if (result.status !== 0 || !existsSync(file)) {
        say(
          `benchmark ${bench.name} failed (exit ${result.status ?? result.signal}); the report leaves it out`,
        );
        failed = true;
        continue;
      }
      figures[bench.name] = JSON.parse(readFileSync(file, 'utf8')) as Json;
    }
  } finally {
    if (startedSomething) await down(opened.stack);
  }
  const date = new Date().toISOString();
  const first = Object.values(figures)[0];
  const report = { date, machine: at(first, 'machine'), versions: at(first, 'versions'), figures };
  const day = date.slice(0, 10);
  writeFileSync(join(dir, `report-${day}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, `report-${day}.md`), markdown(report));
  say(`report: .waspada/bench/report-${day}.md and .json`);
  return failed ? 1 : 0;
}

/** A commit window's stages as the benchmarks keep them: `open 25.9/49.8, judge 12.7/48.1, ...`. */
function stagesText(stages: unknown): string | undefined {
  if (stages === null || typeof stages !== 'object') return undefined;
  return Object.entries(stages)
    .map(([stage, observed]) => `${stage} ${text(at(observed, 'meanMs'))}/${text(at(observed, 'p99Ms'))}`)
    .join(', ');
}

function markdown(report: {
  date: string;
  machine: unknown;
  versions: unknown;
  figures: Record<string, Json>;
}) {
  const { figures } = report;
  const machine = report.machine as { cpus?: number; cpu?: string; memoryGiB?: number } | undefined;
  const versions = report.versions as { node?: string; kafka?: string; kafkajs?: string } | undefined;
  const rows: [string, string, string][] = [];
  /** A figure, and where the benchmark measured one, the bare client's on the same data in the same run. */
  const add = (what: string, value: unknown, unit = '', floor?: unknown) => {
    if (value === undefined) return;
    const ratio =
      typeof floor === 'number' && typeof value === 'number' && floor > 0
        ? `${text(floor)}${unit} (${((value / floor) * 100).toFixed(1)}%)`
        : '';
    rows.push([what, `${text(value)}${unit}`, ratio]);
  };
  const percentiles = (node: unknown) =>
    `p50 ${text(at(node, 'p50Ms'))} ms, p95 ${text(at(node, 'p95Ms'))} ms, p99 ${text(at(node, 'p99Ms'))} ms, max ${text(at(node, 'maxMs'))} ms`;
  /** A latency, and where measured, a bare producer-to-consumer round trip of the same records at the same rate. */
  const latency = (what: string, node: unknown, floor?: unknown) => {
    if (node === undefined) return;
    const p99 = Number(at(node, 'p99Ms'));
    const floorP99 = Number(at(floor, 'p99Ms'));
    rows.push([
      what,
      percentiles(node),
      floor === undefined
        ? ''
        : `${percentiles(floor)} (Waspada's p99 ${(p99 / Math.max(1, floorP99)).toFixed(1)}× it)`,
    ]);
  };
  const producer = figures.producer;
  add(
    'producer, in-process (file import path)',
    at(producer, 'inProcess.eventsPerSecond'),
    ' events/s',
    at(producer, 'inProcess.floorEventsPerSecond'),
  );
  add('producer, HTTP batch API (8 clients)', at(producer, 'http.eventsPerSecond'), ' events/s');
  add('producer memory (RSS)', at(producer, 'memoryMiB.rss'), ' MiB');
  const processor = figures['risk-processor'];
  add(
    'processor replay, one instance',
    at(processor, 'replay.eventsPerSecond'),
    ' events/s',
    at(processor, 'replay.floorEventsPerSecond'),
  );
  add(
    'processor idle after the last agency commit of the replay (re-judge requests, timers)',
    at(processor, 'replay.settleSeconds') !== undefined
      ? `${text(at(processor, 'replay.settleSeconds'))} s, ${text(at(processor, 'replay.batchesAfterLastCommit'))} batches`
      : undefined,
  );
  latency(
    `produce-to-alert at ${text(at(processor, 'latency.achievedRate'))} events/s`,
    at(processor, 'latency'),
    at(processor, 'latency.floor'),
  );
  add(
    '  the processor meanwhile (share of a core, CPU per event)',
    at(processor, 'latency.cpuShareOfACore') !== undefined
      ? `${Math.round(Number(at(processor, 'latency.cpuShareOfACore')) * 100)}%, ${text(at(processor, 'latency.cpuMicrosecondsPerEvent'))} µs`
      : undefined,
  );
  add('  its commit windows per stage (mean/p99 ms)', stagesText(at(processor, 'latency.windowStages')));
  latency(
    `produce-to-alert in the warm-up (first ${text(at(processor, 'latency.warmupSeconds'))} s, not above)`,
    at(processor, 'latency.warmup'),
  );
  add(
    'processor memory (RSS after, once idle, peak)',
    at(processor, 'processorMemoryMiB') &&
      `${text(at(processor, 'processorMemoryMiB.rssAfter'))} / ${text(at(processor, 'processorMemoryMiB.rssIdle'))} / ${text(at(processor, 'processorMemoryMiB.peak'))}`,
    ' MiB',
  );
  const flapping = (phase: string) => {
    const node = at(processor, `flapping.${phase}`);
    return (
      node &&
      `${text(at(node, 'withdrawnWithinAMinute'))} of ${text(at(node, 'newAlerts'))} NEW alerts (${(Number(at(node, 'share')) * 100).toFixed(1)}%)`
    );
  };
  add('flapping in the replay (withdrawn within a minute)', flapping('replay'));
  add('flapping at the steady rate', flapping('live'));
  const budget = at(processor, 'alertBudget') as { checkpoint: string; perThousand: number }[] | undefined;
  add(
    'alert budget, NEW departure alerts per 1,000 scans (busiest checkpoints)',
    budget?.length
      ? budget
          .slice(0, 6)
          .map((entry) => `${entry.checkpoint} ${entry.perThousand}`)
          .join(', ')
      : undefined,
  );
  const delivery = figures.delivery;
  latency(
    `scan to desk screen at ${text(at(delivery, 'feed.achievedRate'))} events/s`,
    at(delivery, 'scanToDesk'),
    at(delivery, 'roundTripFloor'),
  );
  latency('  its first leg, scan to alert sent by the processor', at(delivery, 'scanToAlertSent'));
  latency('  its second leg, alert sent to desk screen', at(delivery, 'alertSentToDesk'));
  add(
    '  the commit windows meanwhile (mean/p99 ms): processor; desk router',
    at(delivery, 'windowStages') !== undefined
      ? `${stagesText(at(delivery, 'windowStages.processor'))}; ${stagesText(at(delivery, 'windowStages.deskRouter'))}`
      : undefined,
  );
  latency(
    `scan to desk screen in the warm-up (first ${text(at(delivery, 'feed.warmupSeconds'))} s, not above)`,
    at(delivery, 'coldStartScanToDesk'),
  );
  latency('scan to signed webhook', at(delivery, 'scanToWebhook'));
  add('notifier memory (RSS)', at(delivery, 'notifierMemoryMiB.rss'), ' MiB');
  const backtest = figures.backtest;
  add(
    `backtest from Kafka (${text(at(backtest, 'backtest.records'))} events)`,
    at(backtest, 'backtest.eventsPerSecond'),
    ' events/s',
  );
  add('backtest, events per CPU second', at(backtest, 'backtest.eventsPerCpuSecond'));
  add('backtest memory (peak RSS)', at(backtest, 'backtest.memoryMiB.peak'), ' MiB');
  return [
    `# Waspada benchmarks, ${report.date}`,
    '',
    `Machine: ${machine?.cpus ?? '?'} × ${machine?.cpu ?? '?'}, ${machine?.memoryGiB ?? '?'} GiB. Node ${versions?.node ?? '?'}, Kafka ${versions?.kafka ?? '?'}, KafkaJS ${versions?.kafkajs ?? '?'}. Kafka, the schema registry and Redis run on the same machine.`,
    '',
    '| figure | value | bare client on the same data, same run (Waspada as % of it) |',
    '| --- | --- | --- |',
    ...rows.map(([what, value, floor]) => `| ${what} | ${value} | ${floor} |`),
    '',
    `Missing from this run: ${
      BENCHES.filter((bench) => !figures[bench.name])
        .map((bench) => bench.name)
        .join(', ') || 'nothing'
    }.`,
    '',
  ].join('\n');
}
