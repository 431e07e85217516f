import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageText } from '@waspada/messages';
import { RULE_IDS, type RuleSet } from '@waspada/risk-rules';
import {
  evaluateAgainstDesks,
  evaluateAgainstTruth,
  reviewList,
  ruleActivity,
  scenarioOutcomes,
  type Confusion,
  type Evaluation,
  type ReviewItem,
  type ReviewThresholds,
  type ScenarioOutcome,
  type TruthLabel,
} from './metrics';
import type { BacktestOutcome } from './run-backtest';

/** Bumped when a field changes meaning; the dashboard reads reports of this format. */
export const REPORT_FORMAT = 'waspada-backtest/1';

export interface RuleFigures {
  readonly ruleId: string;
  readonly title: string;
  readonly enabled: boolean;
  /** Situations of the period with an alert on which the rule fired. */
  readonly alerted: number;
  readonly fireShare: number;
  readonly desk: Confusion;
  readonly groundTruth: Confusion | null;
}

/** The JSON report, as written beside the markdown and served to the dashboard's backtest page. */
export interface BacktestReport {
  readonly format: typeof REPORT_FORMAT;
  readonly id: string;
  readonly createdAt: string;
  readonly ruleSet: { readonly version: string; readonly file: string };
  readonly period: { readonly from: string; readonly to: string };
  readonly groundTruthFile: string | null;
  readonly thresholds: ReviewThresholds;
  readonly input: BacktestOutcome['input'] & { readonly groundTruthPeople: number };
  readonly throughput: {
    readonly seconds: BacktestOutcome['seconds'];
    /** Agency records read and judged per second of the whole run. */
    readonly eventsPerSecond: number;
  };
  readonly situations: { readonly judged: number; readonly alerted: number };
  readonly alertsByKind: Readonly<Record<string, number>>;
  readonly desk: Omit<Evaluation, 'rules'>;
  readonly groundTruth: (Omit<Evaluation, 'rules'> & { readonly scenarios: ScenarioOutcome[] }) | null;
  readonly rules: readonly RuleFigures[];
  readonly review: readonly ReviewItem[];
}

export function buildReport(
  outcome: BacktestOutcome,
  options: {
    readonly ruleSet: RuleSet;
    readonly ruleSetFile: string;
    readonly from: number;
    readonly to: number;
    readonly thresholds: ReviewThresholds;
    readonly groundTruth?: { readonly file: string; readonly labels: ReadonlyMap<string, TruthLabel> };
    readonly createdAt?: Date;
    /** The report's name; by default the version and the time it was made. */
    readonly id?: string;
  },
): BacktestReport {
  const createdAt = options.createdAt ?? new Date();
  const { situations } = outcome;
  const desk = evaluateAgainstDesks(situations, outcome.deskLabels, RULE_IDS);
  const truth = options.groundTruth
    ? evaluateAgainstTruth(situations, options.groundTruth.labels, RULE_IDS)
    : undefined;
  const activity = ruleActivity(situations, RULE_IDS);
  const from = new Date(options.from).toISOString();
  const to = new Date(options.to).toISOString();
  const stamp = createdAt.toISOString().replace(/[:.]/g, '-');
  return {
    format: REPORT_FORMAT,
    id: options.id ?? `backtest-${options.ruleSet.version}-${stamp}`,
    createdAt: createdAt.toISOString(),
    ruleSet: { version: options.ruleSet.version, file: options.ruleSetFile },
    period: { from, to },
    groundTruthFile: options.groundTruth?.file ?? null,
    thresholds: options.thresholds,
    input: { ...outcome.input, groundTruthPeople: options.groundTruth?.labels.size ?? 0 },
    throughput: {
      seconds: outcome.seconds,
      eventsPerSecond: Math.round(outcome.input.records / Math.max(0.001, outcome.seconds.total)),
    },
    situations: { judged: situations.length, alerted: situations.filter((s) => s.alerted).length },
    alertsByKind: outcome.alertsByKind,
    desk: { labelled: desk.labelled, alertedUnlabelled: desk.alertedUnlabelled, overall: desk.overall },
    groundTruth:
      truth && options.groundTruth
        ? {
            labelled: truth.labelled,
            alertedUnlabelled: truth.alertedUnlabelled,
            overall: truth.overall,
            scenarios: scenarioOutcomes(situations, options.groundTruth.labels),
          }
        : null,
    rules: activity.map(({ ruleId, fired, fireShare }) => {
      const config = options.ruleSet.rules[ruleId as keyof RuleSet['rules']];
      return {
        ruleId,
        title: config.title,
        enabled: config.enabled,
        alerted: fired,
        fireShare,
        desk: desk.rules[ruleId] as Confusion,
        groundTruth: truth ? (truth.rules[ruleId] as Confusion) : null,
      };
    }),
    review: reviewList(activity, desk, options.thresholds),
  };
}

const ratio = (value: number | null) => (value === null ? '–' : value.toFixed(2));
const share = (value: number) => `${(value * 100).toFixed(1)}%`;
const count = (value: number) => value.toLocaleString('en-US');

function matrixTable(matrix: Confusion, unit: string, positive: string, negative: string): string[] {
  return [
    `| ${unit} | ${positive} | ${negative} |`,
    '| --- | --- | --- |',
    `| alerted | ${count(matrix.truePositives)} (TP) | ${count(matrix.falsePositives)} (FP) |`,
    `| not alerted | ${count(matrix.falseNegatives)} (FN) | ${count(matrix.trueNegatives)} (TN) |`,
    '',
    `Precision ${ratio(matrix.precision)}, recall ${ratio(matrix.recall)}.`,
  ];
}

/** The report for people: what was run, the matrices, the rules and the review list. */
export function reportMarkdown(report: BacktestReport): string {
  const { input } = report;
  const lines = [
    `# Backtest of rule set ${report.ruleSet.version}`,
    '',
    `Period ${report.period.from} to ${report.period.to} (situations whose trigger time lies in it), run ${report.createdAt}.`,
    `Rule set \`${report.ruleSet.file}\`${report.groundTruthFile ? `; ground truth \`${report.groundTruthFile}\`` : ''}.`,
    '',
    `Read ${count(input.records)} agency records (${count(input.refused)} refused as the live processor would, ${count(input.afterPeriod)} after the period${input.unread > 0 ? `, ${count(input.unread)} offsets unreadable` : ''}), applied ${count(input.eventsApplied)} events (${count(input.eventsInPeriod)} in the period) for ${count(input.people)} people, in ${report.throughput.seconds.total.toFixed(1)} s (${count(report.throughput.eventsPerSecond)} events/s). ${count(input.deskActions)} desk actions, ${count(input.caseOutcomes)} case outcomes, ${count(input.watchlistEntries)} watchlist records${input.ruleFailures > 0 ? `, ${count(input.ruleFailures)} situations whose rules failed (left out)` : ''}.`,
    '',
    `Judged ${count(report.situations.judged)} situations, ${count(report.situations.alerted)} with an alert. Alerts that would have been published: ${
      Object.entries(report.alertsByKind)
        .map(([kind, n]) => `${count(n)} ${kind}`)
        .join(', ') || 'none'
    }.`,
    '',
    '## Against desk outcomes',
    '',
    `Unit: a situation (person + departure, report or documents). Referred = positive, dismissed = negative; ${count(report.desk.labelled)} situations labelled, ${count(report.desk.alertedUnlabelled)} alerted ones only acknowledged or not acted on (unlabelled).`,
    '',
    ...matrixTable(report.desk.overall, 'situations', 'referred', 'dismissed'),
    '',
  ];
  if (report.groundTruth) {
    lines.push(
      '## Against the simulator’s ground truth',
      '',
      `Unit: a person judged in the period. ${count(report.groundTruth.labelled)} people in the ground truth, ${count(report.groundTruth.alertedUnlabelled)} alerted people outside it.`,
      '',
      ...matrixTable(report.groundTruth.overall, 'people', 'trafficking case', 'not a case'),
      '',
      '| scenario | case | people | alerted |',
      '| --- | --- | --- | --- |',
      ...report.groundTruth.scenarios.map(
        (s) =>
          `| ${s.scenario} | ${s.trafficking ? 'yes' : 'no'} | ${count(s.people)} | ${count(s.alerted)} |`,
      ),
      '',
    );
  }
  lines.push(
    '## Per rule',
    '',
    `A rule is "predicted positive" where it fired; its recall is the share of all positives it caught by itself.`,
    '',
    '| rule | title | alerted situations | share of judged | desk TP/FP/FN/TN | desk precision | desk recall | truth TP/FP/FN/TN | truth precision | truth recall |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.rules.map((rule) => {
      const d = rule.desk;
      const t = rule.groundTruth;
      return `| ${rule.ruleId}${rule.enabled ? '' : ' (off)'} | ${rule.title} | ${count(rule.alerted)} | ${share(rule.fireShare)} | ${d.truePositives}/${d.falsePositives}/${d.falseNegatives}/${d.trueNegatives} | ${ratio(d.precision)} | ${ratio(d.recall)} | ${
        t ? `${t.truePositives}/${t.falsePositives}/${t.falseNegatives}/${t.trueNegatives}` : '–'
      } | ${ratio(t?.precision ?? null)} | ${ratio(t?.recall ?? null)} |`;
    }),
    '',
    '## Rules for review',
    '',
    `Listed when a rule fires on more than ${share(report.thresholds.maxFireShare)} of judged situations, or desks dismissed more than ${share(report.thresholds.maxDismissShare)} of its labelled alerts (at least ${report.thresholds.minDeskLabelled}).`,
    '',
    ...(report.review.length === 0
      ? ['None.']
      : report.review.map(
          (item) =>
            `- **${item.ruleId}**: ${item.reasonParts.map((part) => messageText([part], 'en')).join('; ')}.`,
        )),
    '',
  );
  return lines.join('\n');
}

/** Writes `<id>.json` and `<id>.md` into the directory; returns their paths. */
export function writeReport(report: BacktestReport, directory: string): { json: string; markdown: string } {
  mkdirSync(directory, { recursive: true });
  const json = join(directory, `${report.id}.json`);
  const markdown = join(directory, `${report.id}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, reportMarkdown(report));
  return { json, markdown };
}
