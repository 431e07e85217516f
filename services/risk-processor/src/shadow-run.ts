import { createRedis, connectRedis, redactUrl, TOPICS, type Connections, type Logger } from '@waspada/common';
import type { RuleSet } from '@waspada/risk-rules';
import { createStateStore, shadowGroupOf } from '@waspada/risk-store';
import { quit, startRiskProcessor, type RiskProcessor } from './risk-processor';

/** Which version the shadow database's state belongs to; another version starts from empty. */
const SHADOW_VERSION_KEY = 'waspada:{shadow}:version';

export interface ShadowRunConfig {
  readonly connections: Connections;
  /** The shadow's own Redis database: its person state, ledgers and outboxes never touch the live ones. */
  readonly shadowRedisUrl: string;
  readonly ruleSet: RuleSet;
  readonly instanceId: string;
  readonly host: string;
  readonly port: number;
  readonly lateAlertWindowMs: number;
  readonly windowMs: number;
  /** The shadow alerts topic; a test gives one of its own. */
  readonly alertsTopic?: string;
  /** The live processors' consumer group, whose re-judge requests the shadow takes. */
  readonly liveGroupId: string;
}

/** Whether two Redis URLs name one database (`redis://h:p` is database 0, as `redis://h:p/0`). */
export function sameRedisDatabase(a: string, b: string): boolean {
  const place = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}/${parsed.pathname.replace(/^\//, '') || '0'}`;
  };
  return place(a) === place(b);
}

/**
 * A proposed rule set running beside the live one on the live stream: the same processor with its
 * own consumer group, its own transactional id, its own Redis database, and its alerts on the shadow
 * topic, which no desk router and no webhook subscriber reads (they read only the alerts topic).
 */
export async function startShadowRun(config: ShadowRunConfig, logger: Logger): Promise<RiskProcessor> {
  const alertsTopic = config.alertsTopic ?? TOPICS.shadowAlerts;
  if (alertsTopic === TOPICS.alerts || alertsTopic === TOPICS.deskAlerts) {
    throw new Error(`a shadow run never publishes to ${alertsTopic}`);
  }
  if (sameRedisDatabase(config.shadowRedisUrl, config.connections.redisUrl)) {
    throw new Error(
      `WASPADA_SHADOW_REDIS_URL: ${redactUrl(config.shadowRedisUrl)} is the live Redis; give the shadow run a database of its own`,
    );
  }
  const version = config.ruleSet.version;
  const redis = createRedis(config.shadowRedisUrl);
  await connectRedis(redis, config.shadowRedisUrl);
  try {
    const previous = await redis.get(SHADOW_VERSION_KEY);
    if (previous !== version) {
      // The state, ledgers and outboxes left there are another version's: judging this one against
      // them would withhold alerts that version had already raised.
      const removed = await createStateStore(redis).clear();
      await redis.set(SHADOW_VERSION_KEY, version);
      if (previous !== null)
        logger.info({ previous, version, removed }, 'shadow state of another version cleared');
    }
  } finally {
    await quit(redis);
  }
  return startRiskProcessor(
    {
      connections: { ...config.connections, redisUrl: config.shadowRedisUrl },
      host: config.host,
      port: config.port,
      groupId: shadowGroupOf(version),
      instanceId: `shadow-${version}-${config.instanceId}`,
      ruleSet: config.ruleSet,
      lateAlertWindowMs: config.lateAlertWindowMs,
      windowMs: config.windowMs,
      alertsTopic,
      publishDeadLetters: false,
      publishRejudge: false,
      // Publishing none, the shadow takes the live group's requests: the same questions the live path asked.
      rejudgeFrom: config.liveGroupId,
    },
    logger,
  );
}
