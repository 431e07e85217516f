import { hostname } from 'node:os';
import { z } from 'zod';
import {
  checkConnectionSettings,
  connectionSettings,
  createLogger,
  logLevel,
  onShutdown,
  runMain,
  parseEnvConfig,
  portSetting,
  positiveIntSetting,
  startMemoryRelease,
  startTracing,
  toConnections,
  tracingSettings,
} from '@waspada/common';
import { DEFAULT_RULESET_FILE, loadRuleSet } from '@waspada/risk-rules';
import { LOCAL_ANALYSTS_FILE } from '@waspada/analysts';
import { backtestCommand, DEFAULT_BACKTEST_DIR } from './backtest/backtest-command';
import { JOBS_SERVICE, jobsCommand } from './rule-jobs/jobs-command';
import { DEFAULT_PERSON_CACHE_SIZE } from './person-cache';
import { rebuildState } from './rebuild';
import { replayRules } from './replay';
import { loadLiveRuleSet, rulesCommand, shadowCommand } from './rules-command';
import { openProcessorIo, quit, SERVICE, startRiskProcessor } from './risk-processor';

/**
 * The risk processor's entry:
 *
 *   node dist/main.js            run: consume, judge, publish alerts, until SIGTERM
 *   node dist/main.js rebuild    rebuild the Redis state from Kafka alone (processors stopped)
 *   node dist/main.js replay     re-judge all history under the configured rule set (processors stopped)
 *   node dist/main.js rules ...  the rule-set lifecycle: propose, approve, reject, live, list, diff
 *   node dist/main.js shadow --ruleset <file|version>   a proposed rule set beside the live one
 *   node dist/main.js backtest   judge a period of history under a rule set in memory and report
 *                                precision and recall (see backtest/backtest-command.ts); touches nothing
 *   node dist/main.js jobs       the rule job worker: backtests and shadow runs analysts start from
 *                                the browser (rule-jobs/), until SIGTERM
 */
async function main(argv: readonly string[]): Promise<void> {
  const schema = z
    .object({
      ...connectionSettings,
      WASPADA_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
      WASPADA_HTTP_PORT: portSetting(18120),
      WASPADA_RULESET_FILE: z.string().min(1).default(DEFAULT_RULESET_FILE),
      /** file: WASPADA_RULESET_FILE; live: the version last put live on the rule-changes topic. */
      WASPADA_RULESET: z.enum(['file', 'live']).default('file'),
      /** Where `rules ... --by <id>` finds the analyst's roles (the file the dashboard authenticates against). */
      WASPADA_ANALYSTS_FILE: z.string().min(1).default(LOCAL_ANALYSTS_FILE),
      /** A shadow run's own Redis database, never the live one (redis://host:port/<db>). */
      WASPADA_SHADOW_REDIS_URL: z
        .string()
        .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), 'expected redis://host:port/db')
        .optional(),
      /** Where `jobs` writes backtest reports: the directory the dashboard lists. */
      WASPADA_BACKTESTS_DIR: z.string().min(1).default(DEFAULT_BACKTEST_DIR),
      /** The HTTP port of a shadow run that `jobs` starts (its health and metrics). */
      WASPADA_SHADOW_HTTP_PORT: portSetting(18122),
      WASPADA_PROCESSOR_GROUP: z.string().min(1).default('waspada-risk-processor'),
      /** Unique among running instances and stable across restarts of one instance. */
      WASPADA_INSTANCE_ID: z
        .string()
        .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only')
        .optional(),
      WASPADA_LATE_ALERT_WINDOW_HOURS: positiveIntSetting(6),
      /** How long records gather before they are judged and committed together. */
      WASPADA_WINDOW_MS: z.coerce.number().int().min(1).max(1_000).default(25),
      /**
       * While behind, how far ahead (ms of Kafka time) an agency topic may run of another of its
       * partition still being read before it is paused; 0 reads every topic as fast as it comes.
       */
      WASPADA_TOPIC_ALIGNMENT_MS: z.coerce.number().int().min(0).max(3_600_000).default(1_000),
      /** People kept in memory between windows (person-cache.ts); 0 reads every window's people from Redis. */
      WASPADA_PERSON_CACHE_SIZE: z.coerce
        .number()
        .int()
        .min(0)
        .max(1_000_000)
        .default(DEFAULT_PERSON_CACHE_SIZE),
      /** Give memory back to the machine when quiet after heavy work (memory-release.ts in common). */
      WASPADA_MEMORY_RELEASE: z.enum(['on', 'off']).default('on'),
      ...tracingSettings(SERVICE),
      LOG_LEVEL: logLevel,
    })
    .superRefine(checkConnectionSettings);
  const config = parseEnvConfig(schema, process.env, { service: SERVICE });
  const [command = 'serve'] = argv;
  // The job worker is a service of its own on the ops page and in the logs.
  const service = command === 'jobs' ? JOBS_SERVICE : SERVICE;
  const logger = createLogger({ service, level: config.LOG_LEVEL });
  const connections = toConnections(config, service);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const instanceId = config.WASPADA_INSTANCE_ID ?? `${hostname()}-${config.WASPADA_HTTP_PORT}`;

  if (command === 'rules') {
    await rulesCommand(argv.slice(1), { connections, logger, analystsFile: config.WASPADA_ANALYSTS_FILE });
    return;
  }
  if (command === 'shadow') {
    if (!config.WASPADA_SHADOW_REDIS_URL) {
      throw new Error(
        'WASPADA_SHADOW_REDIS_URL is required: the shadow run keeps its state in a Redis database of its own',
      );
    }
    await shadowCommand(argv.slice(1), {
      connections,
      logger,
      analystsFile: config.WASPADA_ANALYSTS_FILE,
      shadowRedisUrl: config.WASPADA_SHADOW_REDIS_URL,
      instanceId,
      host: config.WASPADA_HTTP_HOST,
      port: config.WASPADA_HTTP_PORT,
      lateAlertWindowMs: config.WASPADA_LATE_ALERT_WINDOW_HOURS * 3_600_000,
      windowMs: config.WASPADA_WINDOW_MS,
      liveGroupId: config.WASPADA_PROCESSOR_GROUP,
    });
    return;
  }

  if (command === 'jobs') {
    const lateAlertWindowMs = config.WASPADA_LATE_ALERT_WINDOW_HOURS * 3_600_000;
    await jobsCommand({
      connections,
      logger,
      host: config.WASPADA_HTTP_HOST,
      port: config.WASPADA_HTTP_PORT,
      instanceId,
      reportsDir: config.WASPADA_BACKTESTS_DIR,
      lateAlertWindowMs,
      ...(config.WASPADA_SHADOW_REDIS_URL && {
        shadow: {
          shadowRedisUrl: config.WASPADA_SHADOW_REDIS_URL,
          instanceId,
          host: config.WASPADA_HTTP_HOST,
          port: config.WASPADA_SHADOW_HTTP_PORT,
          lateAlertWindowMs,
          windowMs: config.WASPADA_WINDOW_MS,
          liveGroupId: config.WASPADA_PROCESSOR_GROUP,
        },
      }),
    });
    return;
  }
  if (command === 'backtest') {
    await backtestCommand(argv.slice(1), {
      connections,
      logger,
      lateAlertWindowMs: config.WASPADA_LATE_ALERT_WINDOW_HOURS * 3_600_000,
    });
    return;
  }
  // A new live version reaches the processors by a restart (and a replay): a running processor never
  // switches, so no window or outbox mixes two versions.
  const ruleSet =
    config.WASPADA_RULESET === 'live'
      ? await loadLiveRuleSet(connections, logger)
      : loadRuleSet(config.WASPADA_RULESET_FILE);
  if (command === 'rebuild' || command === 'replay') {
    const io = await openProcessorIo(connections, logger, `${SERVICE}-${command}`);
    try {
      if (command === 'rebuild') {
        const summary = await rebuildState(io, {
          groupId: config.WASPADA_PROCESSOR_GROUP,
          ruleSet,
          by: `${SERVICE}-rebuild`,
          progress,
        });
        process.stdout.write(
          `rebuilt ${summary.people} people from ${summary.events} events and ${summary.ledgerEntries} published alerts in ${summary.seconds.toFixed(1)} s\n`,
        );
      } else {
        const summary = await replayRules(io, { ruleSet, logger, progress });
        process.stdout.write(
          `replayed ${summary.people} people under rule set ${ruleSet.version}: ${summary.alerts} alerts published\n`,
        );
      }
    } finally {
      await quit(io.redis);
    }
    return;
  }
  if (command !== 'serve')
    throw new Error(
      `unknown command ${command}: use serve, rebuild, replay, rules, shadow, backtest or jobs`,
    );

  // Only the live path is traced: a rebuild, replay or backtest would make spans of history.
  const tracing = startTracing(config, { logger });
  const processor = await startRiskProcessor(
    {
      connections,
      host: config.WASPADA_HTTP_HOST,
      port: config.WASPADA_HTTP_PORT,
      groupId: config.WASPADA_PROCESSOR_GROUP,
      instanceId,
      ruleSet,
      lateAlertWindowMs: config.WASPADA_LATE_ALERT_WINDOW_HOURS * 3_600_000,
      windowMs: config.WASPADA_WINDOW_MS,
      topicAlignmentMs: config.WASPADA_TOPIC_ALIGNMENT_MS,
      personCacheSize: config.WASPADA_PERSON_CACHE_SIZE,
    },
    logger,
  );
  const stopMemoryRelease =
    config.WASPADA_MEMORY_RELEASE === 'on' ? startMemoryRelease({ logger }) : () => undefined;
  onShutdown([async () => stopMemoryRelease(), () => processor.close(), () => tracing.shutdown()], logger);
}

runMain(SERVICE, () => main(process.argv.slice(2)));
