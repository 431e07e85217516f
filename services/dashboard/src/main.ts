import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, relative } from 'node:path';
import { z } from 'zod';
import {
  checkConnectionSettings,
  connectionSettings,
  createLogger,
  httpUrl,
  logLevel,
  onShutdown,
  runMain,
  parseEnvConfig,
  portSetting,
  rateLimitSettings,
  toConnections,
  toRateLimit,
} from '@waspada/common';
import { loadAnalysts, LOCAL_ANALYSTS_FILE } from '@waspada/analysts';
import { DEFAULT_BACKTESTS_DIR } from './analyst/backtest-reports';
import { DASHBOARD_GROUP_PREFIX, DASHBOARD_RATE_LIMIT, startDashboard } from './dashboard';
import { SERVICE } from './dashboard-metrics';
import { metricsTargetsSetting } from './metrics-targets';

/**
 * The dashboard's entry: `node dist/main.js` serves the ops page, the desk pages and the analyst
 * pages until SIGTERM; `node dist/main.js init-secrets` creates the analysts' missing token files.
 */
async function main(argv: readonly string[]): Promise<void> {
  const schema = z
    .object({
      ...connectionSettings,
      WASPADA_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
      WASPADA_HTTP_PORT: portSetting(18140),
      /** The notifier's desk API as officers' browsers reach it (not necessarily as this server would). */
      WASPADA_NOTIFIER_PUBLIC_URL: httpUrl.default('http://127.0.0.1:18130'),
      /** Who may use the analyst pages, with their roles and where their tokens are. */
      WASPADA_ANALYSTS_FILE: z.string().min(1).default(LOCAL_ANALYSTS_FILE),
      /** Where the risk processor's `backtest` command writes reports, for /analyst/backtests. */
      WASPADA_BACKTESTS_DIR: z.string().min(1).default(DEFAULT_BACKTESTS_DIR),
      /** The topic of backtests and shadow runs asked for from the pages (the job worker reads it). */
      WASPADA_RULE_JOBS_TOPIC: z.string().min(1).optional(),
      /** The analyst index's consumer group; by default named after the Redis database it fills. */
      WASPADA_ANALYST_INDEX_GROUP: z.string().min(1).optional(),
      /** Where a new analyst index starts (an ISO time): an index of the last months, not of all history. */
      WASPADA_ANALYST_INDEX_START: z.iso
        .datetime({ offset: true, message: 'an ISO time such as 2026-01-01T00:00:00Z' })
        .transform((value) => Date.parse(value))
        .optional(),
      /** The case projection's consumer group; by default named after the Redis database and prefix it fills. */
      WASPADA_CASES_GROUP: z.string().min(1).optional(),
      /** Where the case projection is kept in Redis: another prefix rebuilds it from the case topic beside the live one. */
      WASPADA_CASES_PREFIX: z
        .string()
        .regex(
          /^waspada:cases[a-z0-9-]*:$/,
          'waspada:cases, optionally more letters, digits or dashes, then a colon',
        )
        .optional(),
      /** The case opener's consumer group: one per cluster (waspada-case-opener by default). */
      WASPADA_CASE_OPENER_GROUP: z.string().min(1).optional(),
      /** name=url of each service whose /health/ready and /metrics the ops page shows. */
      WASPADA_METRICS_TARGETS: metricsTargetsSetting,
      WASPADA_SAMPLE_INTERVAL_MS: z.coerce
        .number({ message: 'expected a number of milliseconds' })
        .int()
        .min(1_000, 'at least 1000: every poll asks the brokers about every topic and group')
        .max(60_000)
        .default(5_000),
      WASPADA_ALERT_HISTORY_HOURS: z.coerce
        .number({ message: 'expected a number of hours' })
        .int()
        .min(1)
        .max(48, 'at most 48: the history is kept in memory and read again at every start')
        .default(6),
      /**
       * Where a trace is shown, `{traceId}` standing for its id (for example
       * https://jaeger.example/trace/{traceId}): the pages link each live alert's trace id there.
       */
      WASPADA_TRACE_URL_TEMPLATE: httpUrl
        .refine(
          (value) => value.includes('{traceId}'),
          'expected a URL with {traceId} where the trace id goes',
        )
        .optional(),
      ...rateLimitSettings(DASHBOARD_RATE_LIMIT.max),
      LOG_LEVEL: logLevel,
    })
    .superRefine(checkConnectionSettings);
  const config = parseEnvConfig(schema, process.env, { service: SERVICE });
  const [command = 'serve'] = argv;
  if (command === 'init-secrets') return initSecrets(config.WASPADA_ANALYSTS_FILE);
  if (command !== 'serve') throw new Error(`unknown command ${command}: use serve or init-secrets`);
  const analysts = loadAnalysts(config.WASPADA_ANALYSTS_FILE, process.env);
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const dashboard = await startDashboard(
    {
      connections: toConnections(config, SERVICE),
      host: config.WASPADA_HTTP_HOST,
      port: config.WASPADA_HTTP_PORT,
      notifierPublicUrl: config.WASPADA_NOTIFIER_PUBLIC_URL,
      traceUrlTemplate: config.WASPADA_TRACE_URL_TEMPLATE ?? null,
      analysts,
      backtestsDir: config.WASPADA_BACKTESTS_DIR,
      ...(config.WASPADA_RULE_JOBS_TOPIC && { ruleJobsTopic: config.WASPADA_RULE_JOBS_TOPIC }),
      ...(config.WASPADA_ANALYST_INDEX_GROUP && { analystIndexGroupId: config.WASPADA_ANALYST_INDEX_GROUP }),
      ...(config.WASPADA_ANALYST_INDEX_START !== undefined && {
        analystIndexStart: config.WASPADA_ANALYST_INDEX_START,
      }),
      cases: {
        ...(config.WASPADA_CASES_GROUP && { projectionGroupId: config.WASPADA_CASES_GROUP }),
        ...(config.WASPADA_CASES_PREFIX && { prefix: config.WASPADA_CASES_PREFIX }),
        ...(config.WASPADA_CASE_OPENER_GROUP && { openerGroupId: config.WASPADA_CASE_OPENER_GROUP }),
      },
      metricsTargets: config.WASPADA_METRICS_TARGETS,
      groupId: `${DASHBOARD_GROUP_PREFIX}${hostname()}-${process.pid}`,
      sampleIntervalMs: config.WASPADA_SAMPLE_INTERVAL_MS,
      alertHistoryMs: config.WASPADA_ALERT_HISTORY_HOURS * 3_600_000,
      chartRetentionMs: 30 * 60_000,
      rateLimit: toRateLimit(config),
    },
    logger,
  );
  onShutdown(() => dashboard.close(), logger);
}

/** Creates each analyst token file the analysts file names and that does not exist yet. */
function initSecrets(analystsFile: string): void {
  const { tokenFiles } = loadAnalysts(analystsFile, {}, { readSecrets: false });
  let created = 0;
  for (const file of tokenFiles) {
    if (existsSync(file)) continue;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    created += 1;
  }
  const where = [...new Set(tokenFiles.map((file) => relative(process.cwd(), dirname(file))))];
  process.stdout.write(
    created > 0
      ? `created ${created} analyst token files under ${where.join(', ')}\n`
      : `all ${tokenFiles.length} analyst token files exist (${where.join(', ')})\n`,
  );
}

runMain(SERVICE, () => main(process.argv.slice(2)));
