import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createKafkaClient,
  createSchemaRegistryClient,
  limitHeapGrowth,
  WaspadaError,
  type Connections,
  type Logger,
} from '@waspada/common';
import { ruleSetOf } from '../rules-command';
import { LIVE_HISTORY_TOPICS } from './history';
import { readGroundTruth } from './labels';
import { DEFAULT_REVIEW_THRESHOLDS, type ReviewThresholds } from './metrics';
import { createProgressBar } from './progress-bar';
import { buildReport, writeReport } from './report';
import { runBacktest } from './run-backtest';

/** Where reports go unless --out says otherwise: the repository's `.waspada/backtests`, where the dashboard looks. */
export const DEFAULT_BACKTEST_DIR = resolve(__dirname, '..', '..', '..', '..', '.waspada', 'backtests');

export const BACKTEST_USAGE = `usage: node services/risk-processor/dist/main.js backtest --ruleset <file|version> --from <iso> --to <iso>
         [--ground-truth <file>] [--out <dir>] [--max-fire-share 0.1] [--max-dismiss-share 0.5] [--min-desk-labelled 3]`;

/** A rule-set version as the rule-changes topic names it. */
const RULE_SET_VERSION = /^\d{4}\.\d{2}\.\d+$/;

export interface BacktestArgs {
  /** A rule-set file (resolved), or a version to take from the rule-changes topic. */
  readonly ruleSet: string;
  readonly from: number;
  readonly to: number;
  readonly groundTruthFile?: string;
  readonly outDir: string;
  readonly thresholds: ReviewThresholds;
}

/** A command line that cannot be run: the message names the option and what is wrong with it. */
export class BacktestUsageError extends WaspadaError {
  constructor(message: string) {
    super('WSP_BACKTEST_USAGE', `${message}\n${BACKTEST_USAGE}`);
    this.name = 'BacktestUsageError';
  }
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function isoTime(option: string, value: string | undefined): number {
  if (value === undefined) throw new BacktestUsageError(`--${option} is required`);
  const time = Date.parse(value);
  if (!ISO_TIME.test(value) || Number.isNaN(time)) {
    throw new BacktestUsageError(
      `--${option} ${value}: not an ISO time; give a date (2026-11-01) or a time with its zone (2026-11-01T00:00:00Z)`,
    );
  }
  return time;
}

function shareOf(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const share = Number(value);
  if (value.trim() === '' || !Number.isFinite(share) || share < 0 || share > 1)
    throw new BacktestUsageError(`--${option} ${value}: must be a share between 0 and 1`);
  return share;
}

/** Reads the backtest's command line; every refusal names the option and the reason. */
export function parseBacktestArgs(argv: readonly string[], cwd: string = process.cwd()): BacktestArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        ruleset: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'ground-truth': { type: 'string' },
        out: { type: 'string' },
        'max-fire-share': { type: 'string' },
        'max-dismiss-share': { type: 'string' },
        'min-desk-labelled': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    throw new BacktestUsageError((error as Error).message);
  }
  const ruleSetSource = values.ruleset;
  if (!ruleSetSource)
    throw new BacktestUsageError(
      '--ruleset is required: a rule-set file such as packages/risk-rules/rulesets/waspada-2026.11.1.json, or a version on the rule-changes topic',
    );
  const from = isoTime('from', values.from);
  const to = isoTime('to', values.to);
  if (from >= to) throw new BacktestUsageError(`--from ${values.from} must be before --to ${values.to}`);
  const minLabelled = values['min-desk-labelled'];
  const minDeskLabelled =
    minLabelled === undefined ? DEFAULT_REVIEW_THRESHOLDS.minDeskLabelled : Number(minLabelled);
  if (!Number.isInteger(minDeskLabelled) || minDeskLabelled < 1)
    throw new BacktestUsageError(`--min-desk-labelled ${minLabelled}: must be a whole number of at least 1`);
  return {
    ruleSet:
      RULE_SET_VERSION.test(ruleSetSource) && !existsSync(resolve(cwd, ruleSetSource))
        ? ruleSetSource
        : resolve(cwd, ruleSetSource),
    from,
    to,
    ...(values['ground-truth'] !== undefined && { groundTruthFile: resolve(cwd, values['ground-truth']) }),
    outDir: values.out === undefined ? DEFAULT_BACKTEST_DIR : resolve(cwd, values.out),
    thresholds: {
      maxFireShare: shareOf(
        'max-fire-share',
        values['max-fire-share'],
        DEFAULT_REVIEW_THRESHOLDS.maxFireShare,
      ),
      maxDismissShare: shareOf(
        'max-dismiss-share',
        values['max-dismiss-share'],
        DEFAULT_REVIEW_THRESHOLDS.maxDismissShare,
      ),
      minDeskLabelled,
    },
  };
}

/**
 * `main.js backtest …`: runs the backtest with a progress bar on stderr, writes the report as
 * markdown and JSON, and prints where it went with the headline figures. Needs Kafka and the
 * schema registry only: a backtest never opens Redis.
 */
export async function backtestCommand(
  argv: readonly string[],
  context: { readonly connections: Connections; readonly logger: Logger; readonly lateAlertWindowMs: number },
): Promise<void> {
  const args = parseBacktestArgs(argv);
  // This process runs the backtest alone: its memory counts more than a few seconds of collection.
  limitHeapGrowth();
  // A file, or a version proposed on the rule-changes topic (the same lookup as a shadow run's).
  const ruleSet = await ruleSetOf(args.ruleSet, {
    connections: context.connections,
    logger: context.logger,
    analystsFile: '',
  });
  const groundTruth = args.groundTruthFile
    ? { file: args.groundTruthFile, labels: readGroundTruth(args.groundTruthFile) }
    : undefined;
  const registry = createSchemaRegistryClient(context.connections.registry);
  await registry.ping();
  const kafka = createKafkaClient({ ...context.connections.kafka }, context.logger);
  const bar = createProgressBar();
  const outcome = await runBacktest(
    { kafka, registry, logger: context.logger },
    {
      from: args.from,
      to: args.to,
      ruleSet,
      topics: LIVE_HISTORY_TOPICS,
      lateAlertWindowMs: context.lateAlertWindowMs,
      onProgress: (phase, done, total) => bar.update(phase, done, total),
    },
  );
  bar.stop();
  const report = buildReport(outcome, {
    ruleSet,
    ruleSetFile: RULE_SET_VERSION.test(args.ruleSet)
      ? `${args.ruleSet} on the rule-changes topic`
      : args.ruleSet,
    from: args.from,
    to: args.to,
    thresholds: args.thresholds,
    ...(groundTruth && { groundTruth }),
  });
  const written = writeReport(report, args.outDir);
  const figure = (value: number | null) => (value === null ? '–' : value.toFixed(2));
  const truth = report.groundTruth?.overall;
  process.stdout.write(
    [
      `backtest of ${ruleSet.version}: ${report.input.records} records in ${report.throughput.seconds.total.toFixed(1)} s (${report.throughput.eventsPerSecond} events/s)`,
      `${report.situations.judged} situations judged in the period, ${report.situations.alerted} alerted`,
      `desk outcomes: precision ${figure(report.desk.overall.precision)}, recall ${figure(report.desk.overall.recall)} (${report.desk.labelled} labelled)`,
      ...(truth
        ? [`ground truth: precision ${figure(truth.precision)}, recall ${figure(truth.recall)}`]
        : []),
      `rules for review: ${report.review.map((item) => item.ruleId).join(', ') || 'none'}`,
      `report: ${written.markdown}`,
      `        ${written.json}`,
      '',
    ].join('\n'),
  );
}
