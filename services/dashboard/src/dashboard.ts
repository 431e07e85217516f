import { readFileSync } from 'node:fs';
import {
  bearerToken,
  contextFromHeaders,
  createKafkaClient,
  registerCodec,
  createOpsServer,
  dependencyChecks,
  openServiceClients,
  rateLimitMessage,
  TOPICS,
  traceIdOf,
  type Connections,
  type Logger,
  type OpsServer,
  type RateLimitSettings,
} from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { DEFAULT_RULESET_FILE } from '@waspada/risk-rules';
import {
  createStateStore,
  openExemptionLog,
  openRuleChangeLog,
  openRuleJobLog,
  shadowDiff,
} from '@waspada/risk-store';
import {
  CONTRACTS,
  createAccessTrail,
  type AccessRecord,
  type BorderCrossingEvent,
  type RiskAlert,
} from '@waspada/schemas';
import { startHistoryFeed } from './history-feed';
import { type AnalystDirectory } from '@waspada/analysts';
import { MAX_ENTITY_ID_LENGTH, registerAnalystApi } from './analyst/analyst-api';
import { DEFAULT_BACKTESTS_DIR, registerBacktestApi } from './analyst/backtest-reports';
import { registerRuleJobsApi } from './analyst/rule-jobs-api';
import { registerExemptionsApi } from './analyst/exemptions-api';
import { analystIndexGroup, startAnalystIndexer } from './analyst/analyst-indexer';
import { createAnalystStore } from './analyst/analyst-store';
import { registerRulesApi } from './analyst/rules-api';
import { startCases, type CasesConfig } from './cases/start-cases';
import { alertFacts, AlertStats } from './alert-stats';
import { registerDashboardApi } from './dashboard-api';
import { dashboardMetrics, SERVICE } from './dashboard-metrics';
import { LiveAlerts, opsEntry } from './live-alerts';
import type { MetricsTarget } from './metrics-targets';
import { createOffsetsSampler } from './offsets-sampler';
import { createServiceHealth } from './service-health';

/** Consumer groups of dashboards: they never commit, so they have no lag to chart. */
export const DASHBOARD_GROUP_PREFIX = 'waspada-dashboard-';

export interface DashboardConfig {
  readonly connections: Connections;
  readonly host: string;
  readonly port: number;
  /** The notifier's desk API as an officer's browser reaches it. */
  readonly notifierPublicUrl: string;
  /** A URL with `{traceId}`, where the pages link an alert's trace; null shows the id as text. */
  readonly traceUrlTemplate?: string | null;
  /** Who may use the analyst pages and APIs (WASPADA_ANALYSTS_FILE). */
  readonly analysts: AnalystDirectory;
  /** Where the risk processor's backtest command writes its reports (WASPADA_BACKTESTS_DIR). */
  readonly backtestsDir?: string;
  /** The rule-jobs topic (WASPADA_RULE_JOBS_TOPIC); a test gives one of its own. */
  readonly ruleJobsTopic?: string;
  readonly metricsTargets: readonly MetricsTarget[];
  /** Unique per process: each dashboard reads the alerts topic for itself. */
  readonly groupId: string;
  /** Shared by the dashboards of one Redis, so the analyst index is kept once (default: named after the Redis database). */
  readonly analystIndexGroupId?: string;
  /** Where a new analyst index starts reading, in record time; the beginning of every topic when absent. */
  readonly analystIndexStart?: number;
  /** The consumer groups of case management (cases/start-cases.ts); defaults when absent. */
  readonly cases?: Omit<CasesConfig, 'redisUrl'>;
  readonly sampleIntervalMs: number;
  /** How far back alert charts reach (and how much of the alerts topic is read at start). */
  readonly alertHistoryMs: number;
  /** How far back rate, lag and health charts reach. */
  readonly chartRetentionMs: number;
  /** Per analyst token, or per address without a valid one; DASHBOARD_RATE_LIMIT when absent. */
  readonly rateLimit?: RateLimitSettings;
}

/**
 * Requests per minute from one analyst token (or, without a valid one, from one address): an ops
 * page polls a handful of endpoints every 5 s, and several screens in one room share an address.
 */
export const DASHBOARD_RATE_LIMIT: RateLimitSettings = { max: 3_000, windowMs: 60_000 };

export interface Dashboard {
  readonly ops: OpsServer;
  close(): Promise<void>;
}

export async function startDashboard(config: DashboardConfig, logger: Logger): Promise<Dashboard> {
  const clock = () => Date.now();
  const metrics = dashboardMetrics();
  const reference = referenceData();
  // The analyst index and the processor's person state are in the pipeline's Redis.
  const { registry, redis, kafka } = await openServiceClients(config.connections, logger);
  const admin = kafka.admin();
  await admin.connect();
  if (!(await admin.listTopics()).includes(TOPICS.alerts))
    throw new Error(`topic ${TOPICS.alerts} does not exist: apply the topics (npm run stack -- up) first`);

  const analystStore = createAnalystStore(redis);
  const personStates = createStateStore(redis);
  const accessCodec = await registerCodec<AccessRecord>(
    registry,
    CONTRACTS.access.subject,
    CONTRACTS.access.schema,
  );
  const accessProducer = kafka.producer();
  await accessProducer.connect();
  const indexer = await startAnalystIndexer({
    kafka,
    admin,
    registry,
    ...(config.analystIndexStart !== undefined && { startTime: config.analystIndexStart }),
    store: analystStore,
    groupId: config.analystIndexGroupId ?? analystIndexGroup(config.connections.redisUrl),
    logger,
    onRecord: (topic, outcome) => metrics.analystIndexed.inc({ topic, outcome }),
  });

  const access = createAccessTrail({ producer: accessProducer, codec: accessCodec, service: SERVICE });
  const cases = await startCases(
    {
      kafka,
      admin,
      registry,
      redis,
      producer: accessProducer,
      access,
      analysts: config.analysts,
      alerts: analystStore,
      reference,
      clock,
      logger,
    },
    { redisUrl: config.connections.redisUrl, ...config.cases },
  );

  // Rule-set versions and their steps, folded from the rule-changes topic.
  const ruleChanges = await openRuleChangeLog(kafka, registry, { logger });
  // Exemptions of a rule for a person, proposed and approved from the pages.
  const exemptions = await openExemptionLog(kafka, registry, {
    logger,
    // An approval or a revocation goes out with the person's re-judge request, in one transaction.
    transactionalId: `${config.groupId}-exemptions`,
  });
  // Backtests and shadow runs asked for from the pages, and how far the job worker is with them.
  const ruleJobs = await openRuleJobLog(kafka, registry, {
    logger,
    ...(config.ruleJobsTopic && { topic: config.ruleJobsTopic }),
  });

  const stats = new AlertStats(config.alertHistoryMs);
  const live = new LiveAlerts(200);
  const checkpointName = (code: string) => reference.checkpoints.get(code)?.name;
  const feed = await startHistoryFeed<RiskAlert>({
    kafka,
    admin,
    registry,
    groupId: config.groupId,
    topic: TOPICS.alerts,
    schema: CONTRACTS.alert.schema,
    historyMs: config.alertHistoryMs,
    logger,
    clock,
    onRecord: (alert, headers) => {
      const outcome = stats.record(alertFacts(alert), clock());
      metrics.alertsRead.inc({ outcome });
      if (outcome === 'counted') metrics.flappingShare.set(stats.flappingShare());
      if (outcome === 'counted')
        live.publish(opsEntry(alert, checkpointName, traceIdOf(contextFromHeaders(headers)) ?? null));
    },
    onSkipped: (outcome) => metrics.alertsRead.inc({ outcome }),
  });
  // Departures scanned per checkpoint, for the alert budget (alerts per 1,000 departures). Only the
  // direction, stage, checkpoint and time are kept; the rest of the record is dropped on reading.
  const crossings = await startHistoryFeed<BorderCrossingEvent>({
    kafka,
    admin,
    registry,
    groupId: `${config.groupId}-crossings`,
    topic: TOPICS.borderCrossing,
    schema: CONTRACTS.borderCrossing.schema,
    historyMs: config.alertHistoryMs,
    logger,
    clock,
    onRecord: ({ direction, stage, checkpointCode, eventTime }) => {
      stats.recordCrossing({ direction, stage, checkpointCode, eventTime }, clock());
    },
    onSkipped: () => undefined,
  });

  // Polls give up fast and try again at the next tick, rather than ride out trouble with retries.
  const pollingKafka = createKafkaClient({ ...config.connections.kafka }, logger, {
    retries: 1,
    connectionTimeoutMs: 3_000,
  });
  const sampler = createOffsetsSampler(() => pollingKafka.admin(), {
    retentionMs: config.chartRetentionMs,
    timeoutMs: Math.max(10_000, 3 * config.sampleIntervalMs),
    ownGroupPrefix: DASHBOARD_GROUP_PREFIX,
    logger,
    metrics,
  });
  const health = createServiceHealth(config.metricsTargets, {
    retentionMs: config.chartRetentionMs,
    timeoutMs: Math.min(2_000, config.sampleIntervalMs),
    onScrape: (target, state) => metrics.scrapes.inc({ target, state }),
  });
  let scraping = false;
  const tick = () => {
    const now = clock();
    stats.prune(now);
    for (const entry of stats.budget())
      metrics.alertBudget.set({ checkpoint: entry.checkpoint }, entry.perThousand);
    void sampler.poll(now);
    if (scraping) return;
    scraping = true;
    health
      .scrape(now)
      .catch((error: unknown) => logger.warn({ reason: (error as Error).message }, 'service checks failed'))
      .finally(() => {
        scraping = false;
      });
  };
  tick();
  const ticker = setInterval(tick, config.sampleIntervalMs);

  const ops = createOpsServer({
    service: SERVICE,
    host: config.host,
    port: config.port,
    metrics: metrics.registry,
    logger,
    readiness: dependencyChecks({ kafka: admin, registry, redis }),
    // An entity id in a path is its kind and its key: a sponsor's name as written can be long.
    maxParamLength: MAX_ENTITY_ID_LENGTH,
    rateLimit: {
      ...(config.rateLimit ?? DASHBOARD_RATE_LIMIT),
      holderOf: (request) => config.analysts.authenticate(bearerToken(request))?.id,
      // The analyst API's `{ error }` shape; the ops JSON and the pages answer the same.
      refusalBody: (refusal) => ({ error: rateLimitMessage(refusal) }),
    },
  });
  const api = await registerDashboardApi(ops.app, {
    sampler,
    stats,
    live,
    health,
    metrics,
    checkpoints: reference.checkpoints,
    regencyName: (code) => reference.regencies.get(code)?.name,
    alertsLoading: () => feed.loading() || crossings.loading(),
    analysts: config.analysts,
    clock,
    settings: {
      notifierUrl: config.notifierPublicUrl,
      traceUrlTemplate: config.traceUrlTemplate ?? null,
      sampleIntervalMs: config.sampleIntervalMs,
      historyMinutes: Math.round(config.alertHistoryMs / 60_000),
    },
  });
  registerAnalystApi(ops.app, {
    analysts: config.analysts,
    store: analystStore,
    loadPerson: async (nik) => (await personStates.loadPeople([nik])).get(nik)?.state,
    access,
    clock,
    onAnswer: (status) => metrics.analystRequests.inc({ status: String(status) }),
  });
  cases.register(ops.app);
  registerBacktestApi(ops.app, {
    analysts: config.analysts,
    directory: config.backtestsDir ?? DEFAULT_BACKTESTS_DIR,
  });
  registerRuleJobsApi(ops.app, { analysts: config.analysts, jobs: ruleJobs, ruleChanges });
  registerExemptionsApi(ops.app, { analysts: config.analysts, log: exemptions, access, clock });
  registerRulesApi(ops.app, {
    analysts: config.analysts,
    log: ruleChanges,
    diff: (version, from, to) => shadowDiff(kafka, registry, { version, from, to }),
    clock,
    fileRuleSet: readFileSync(DEFAULT_RULESET_FILE, 'utf8'),
    countryGroups: Object.fromEntries(
      Object.entries(reference.countryGroups).map(([name, codes]) => [name, [...codes].sort()]),
    ),
  });
  await ops.start();
  logger.info(
    { listen: ops.address(), group: config.groupId, targets: config.metricsTargets.length },
    'dashboard running: ops page at /, desk pages at /desk/<checkpoint>, analyst pages at /analyst/person, /analyst/network and /analyst/backtests',
  );

  return {
    ops,
    async close() {
      ops.drain();
      clearInterval(ticker);
      api.closeStreams();
      for (const reader of [feed, crossings])
        await reader
          .close()
          .catch((error: unknown) =>
            logger.warn({ reason: (error as Error).message }, 'history reader did not stop cleanly'),
          );
      await indexer
        .close()
        .catch((error: unknown) =>
          logger.warn({ reason: (error as Error).message }, 'analyst index reader did not stop cleanly'),
        );
      await cases.close();
      await Promise.all([
        sampler.close(),
        admin.disconnect().catch(() => undefined),
        accessProducer.disconnect().catch(() => undefined),
        ruleChanges.close(),
        ruleJobs.close(),
        exemptions.close(),
      ]);
      await redis.quit().catch(() => redis.disconnect());
      await ops.close();
    },
  };
}
