import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadAnalysts } from '@waspada/analysts';
import {
  createKafkaClient,
  createSchemaRegistryClient,
  maskNik,
  onShutdown,
  type Connections,
  type Logger,
} from '@waspada/common';
import {
  liveRuleSet,
  loadRuleSet,
  RuleChangeRefused,
  versionRuleSet,
  type RuleChangeActor,
  type RuleChangeFold,
  type RuleSet,
} from '@waspada/risk-rules';
import {
  openRuleChangeLog,
  shadowDiff,
  type RuleChangeLog,
  type ShadowDiffReport,
} from '@waspada/risk-store';
import { SERVICE } from './risk-processor';
import { startShadowRun } from './shadow-run';

export interface RulesContext {
  readonly connections: Connections;
  readonly logger: Logger;
  readonly analystsFile: string;
  readonly out?: (line: string) => void;
}

/**
 * The roles of an analyst account, from the analysts file the dashboard authenticates against,
 * checked by the same code; the tokens are not read, only who holds which role.
 */
export function actorFrom(file: string, id: string): RuleChangeActor {
  const entry = loadAnalysts(file, {}, { readSecrets: false }).analysts.find((analyst) => analyst.id === id);
  if (!entry) throw new Error(`--by: ${id} is not an analyst in ${file}`);
  return { id: entry.id, roles: entry.roles };
}

async function withLog<T>(
  context: RulesContext & { readonly topic?: string },
  work: (log: RuleChangeLog) => Promise<T>,
): Promise<T> {
  const kafka = createKafkaClient(
    { ...context.connections.kafka, clientId: `${SERVICE}-rules` },
    context.logger,
  );
  const registry = createSchemaRegistryClient(context.connections.registry);
  const log = await openRuleChangeLog(kafka, registry, {
    logger: context.logger,
    ...(context.topic !== undefined && { topic: context.topic }),
  });
  try {
    return await work(log);
  } finally {
    await log.close();
  }
}

/** The rule set processors run under WASPADA_RULESET=live: the latest version put live. */
export async function loadLiveRuleSet(
  connections: Connections,
  logger: Logger,
  topic?: string,
): Promise<RuleSet> {
  return withLog(
    { connections, logger, analystsFile: '', ...(topic !== undefined && { topic }) },
    async (log) => {
      const ruleSet = liveRuleSet(await log.current());
      if (!ruleSet)
        throw new Error('WASPADA_RULESET=live, but no rule-set version was ever put live (rules live)');
      return ruleSet;
    },
  );
}

export function formatVersions(fold: RuleChangeFold): string[] {
  const lines: string[] = [];
  for (const state of fold.versions.values()) {
    lines.push(`${state.version}  ${state.status}  sha256 ${state.contentSha256.slice(0, 12)}`);
    for (const step of state.steps) {
      lines.push(
        `  ${new Date(step.stepTime).toISOString()}  ${step.step.padEnd(8)}  ${step.actorId}${step.comment ? `: ${step.comment}` : ''}`,
      );
    }
  }
  if (lines.length === 0) lines.push('no rule-set version proposed yet');
  return lines;
}

export function formatDiff(report: ShadowDiffReport): string[] {
  const side = (entry: { nik: string; situation: string; severity: string; rules: readonly string[] }) =>
    `${maskNik(entry.nik)}  ${entry.situation}  ${entry.severity}  ${entry.rules.join(',')}`;
  return [
    `shadow ${report.version} against live ${report.liveVersions.join(', ') || '(no alerts)'}, situations ${new Date(report.from).toISOString()} to ${new Date(report.to).toISOString()}`,
    `live alerts ${report.liveAlerts}, shadow alerts ${report.shadowAlerts}, unchanged ${report.unchanged}`,
    report.shadowBehind === null
      ? `no shadow run of ${report.version} has committed: start one with shadow --ruleset ${report.version}`
      : `shadow run of ${report.version}: ${report.shadowBehind} agency records still to judge`,
    ...(report.shadowAlerts === 0
      ? [
          `no shadow alerts of ${report.version} in the period: has \`shadow --ruleset ${report.version}\` run over it?`,
        ]
      : []),
    `only the new version (${report.onlyNew.length}):`,
    ...report.onlyNew.map((entry) => `  + ${side(entry)}`),
    `dropped by the new version (${report.dropped.length}):`,
    ...report.dropped.map((entry) => `  - ${side(entry)}`),
    `severity changed (${report.severityChanged.length}):`,
    ...report.severityChanged.map(
      (change) => `  ~ ${side(change.live)} -> ${change.shadow.severity} ${change.shadow.rules.join(',')}`,
    ),
  ];
}

const USAGE = `rules propose <file> --by <id> [--comment <text>]
rules approve <version> --by <id> [--sha256 <hex of the content reviewed>] [--comment <text>]
rules reject <version> --by <id> --reason <text>
rules live <version> --by <id>
rules list
rules diff <version> [--from <ISO time>] [--to <ISO time>]   (default: the last 7 days)`;

/**
 * `main.js rules ...`: the rule-set lifecycle from a shell, through the same module and checks as
 * the analyst API. A refused step prints why and exits 1, having written nothing.
 */
export async function rulesCommand(args: readonly string[], context: RulesContext): Promise<void> {
  const out = context.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      by: { type: 'string' },
      comment: { type: 'string' },
      reason: { type: 'string' },
      sha256: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  const [verb, target] = positionals;
  const need = (value: string | undefined, what: string): string => {
    if (!value) throw new Error(`${what} is required\nusage:\n${USAGE}`);
    return value;
  };
  if (verb === 'list') {
    await withLog(context, async (log) => formatVersions(await log.current()).forEach(out));
    return;
  }
  if (verb === 'diff') {
    const time = (value: string | undefined, fallback: number, name: string) => {
      if (value === undefined) return fallback;
      const parsed = Date.parse(value);
      if (Number.isNaN(parsed)) throw new Error(`--${name}: ${value} is not an ISO 8601 time`);
      return parsed;
    };
    const to = time(values.to, Date.now() + 60_000, 'to');
    const from = time(values.from, to - 7 * 86_400_000, 'from');
    const kafka = createKafkaClient(
      { ...context.connections.kafka, clientId: `${SERVICE}-rules` },
      context.logger,
    );
    const registry = createSchemaRegistryClient(context.connections.registry);
    const report = await shadowDiff(kafka, registry, { version: need(target, 'the version'), from, to });
    formatDiff(report).forEach(out);
    return;
  }
  if (verb !== 'propose' && verb !== 'approve' && verb !== 'reject' && verb !== 'live') {
    throw new Error(`unknown rules command ${verb ?? '(none)'}\nusage:\n${USAGE}`);
  }
  const actor = actorFrom(context.analystsFile, need(values.by, '--by <analyst id>'));
  await withLog(context, async (log) => {
    try {
      const decision =
        verb === 'propose'
          ? await log.take({
              step: 'PROPOSED',
              content: readFileSync(need(target, 'the rule-set file'), 'utf8'),
              actor,
              ...(values.comment !== undefined && { comment: values.comment }),
            })
          : await log.take({
              step: verb === 'approve' ? 'APPROVED' : verb === 'reject' ? 'REJECTED' : 'LIVE',
              version: need(target, 'the version'),
              actor,
              ...(values.sha256 !== undefined && { contentSha256: values.sha256 }),
              ...((values.reason ?? values.comment) !== undefined && {
                comment: values.reason ?? values.comment,
              }),
            });
      const { change } = decision;
      out(
        `${change.version} ${change.step} by ${change.actorId} (sha256 ${change.contentSha256})${decision.duplicate ? ': already recorded, nothing written' : ''}`,
      );
    } catch (error) {
      if (error instanceof RuleChangeRefused)
        throw new Error(`refused (${error.code}): ${error.message}`, { cause: error });
      throw error;
    }
  });
}

/** Where a shadow run's rule set comes from: a file, or a version on the rule-changes topic. */
export async function ruleSetOf(source: string, context: RulesContext): Promise<RuleSet> {
  if (existsSync(source)) return loadRuleSet(source);
  if (!/^\d{4}\.\d{2}\.\d+$/.test(source)) {
    throw new Error(`--ruleset: ${source} is neither a file nor a rule-set version such as 2026.11.2`);
  }
  return withLog(context, async (log) => {
    const state = (await log.current()).versions.get(source);
    if (!state) throw new Error(`--ruleset: version ${source} was never proposed (rules propose)`);
    return versionRuleSet(state);
  });
}

/** `main.js shadow --ruleset <file|version>`: runs until SIGTERM, like the processor. */
export async function shadowCommand(
  args: readonly string[],
  context: RulesContext & {
    readonly shadowRedisUrl: string;
    readonly instanceId: string;
    readonly host: string;
    readonly port: number;
    readonly lateAlertWindowMs: number;
    readonly windowMs: number;
    readonly liveGroupId: string;
  },
): Promise<void> {
  const { values } = parseArgs({ args: [...args], options: { ruleset: { type: 'string' } } });
  if (!values.ruleset) throw new Error('shadow --ruleset <file|version> is required');
  const ruleSet = await ruleSetOf(values.ruleset, context);
  const shadow = await startShadowRun(
    {
      connections: context.connections,
      shadowRedisUrl: context.shadowRedisUrl,
      ruleSet,
      instanceId: context.instanceId,
      host: context.host,
      port: context.port,
      lateAlertWindowMs: context.lateAlertWindowMs,
      windowMs: context.windowMs,
      liveGroupId: context.liveGroupId,
    },
    context.logger,
  );
  context.logger.info({ version: ruleSet.version }, 'shadow run started: alerts go to the shadow topic only');
  onShutdown(() => shadow.close(), context.logger);
}
