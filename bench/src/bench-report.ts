import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** What every benchmark shares about its report, so each names its testbed and files the same way. */

/** The repository root: bench/dist → ../.. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** Where each benchmark writes its figures; `npm run bench` gathers them there into one report. */
export const BENCH_DIR = join(REPO_ROOT, '.waspada', 'bench');

export interface Testbed {
  readonly machine: { readonly cpus: number; readonly cpu: string; readonly memoryGiB: number };
  readonly versions: { readonly node: string; readonly kafka: string; readonly kafkajs: string };
}

/**
 * The machine and versions a run measured on: figures from another machine are not comparable.
 * Kafka's is the version the local stack pins (VERSIONS in infra), which the benchmarks run against.
 */
export function testbed(): Testbed {
  return {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
    },
    versions: { node: process.version, kafka: '4.3.1', kafkajs: '2.2.4' },
  };
}

/** The testbed as the second line of every benchmark's printout. */
export function testbedLine({ machine, versions }: Testbed): string {
  return `machine: ${machine.cpus} x ${machine.cpu}, ${machine.memoryGiB} GiB; Node ${versions.node}, Kafka ${versions.kafka}, KafkaJS ${versions.kafkajs}`;
}

/** Writes a benchmark's figures to .waspada/bench/<name>-<day>.json, where `npm run bench` reads them. */
export function writeFigures(name: string, report: { readonly date: string }): void {
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(
    join(BENCH_DIR, `${name}-${report.date.slice(0, 10)}.json`),
    `${JSON.stringify(report, null, 2)}\n`,
  );
}

/**
 * Runs a benchmark to its end and exits: 0 when it finished, 1 with the error on stderr. The exit is
 * explicit because a client that failed half-way may leave a socket or timer that keeps Node alive.
 */
export function runBench(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
