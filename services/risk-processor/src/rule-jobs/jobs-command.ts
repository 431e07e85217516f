import {
  createKafkaClient,
  createMetricsRegistry,
  createOpsServer,
  createSchemaRegistryClient,
  dependencyChecks,
  onShutdown,
  type Connections,
  type Logger,
} from '@waspada/common';
import { openRuleChangeLog, openRuleJobLog } from '@waspada/risk-store';
import { LIVE_HISTORY_TOPICS } from '../backtest/history';
import { startRuleJobWorker, type RuleJobWorkerConfig } from './rule-job-worker';

/** The job worker's name on its health answer, its metrics and its Kafka client. */
export const JOBS_SERVICE = 'rule-job-worker';

/**
 * `main.js jobs`: the rule job worker with its health and metrics, until SIGTERM. Started by
 * `npm start` beside the processor, in a process of its own.
 */
export async function jobsCommand(
  context: {
    readonly connections: Connections;
    readonly logger: Logger;
    readonly host: string;
    readonly port: number;
  } & Omit<RuleJobWorkerConfig, 'connections' | 'historyTopics'>,
): Promise<void> {
  const { connections, logger } = context;
  const registry = createSchemaRegistryClient(connections.registry);
  const kafka = createKafkaClient(connections.kafka, logger);
  const admin = kafka.admin();
  await admin.connect();
  const jobs = await openRuleJobLog(kafka, registry, { logger });
  const ruleChanges = await openRuleChangeLog(kafka, registry, { logger });
  const metrics = createMetricsRegistry(JOBS_SERVICE);
  const worker = startRuleJobWorker(
    { ...context, historyTopics: LIVE_HISTORY_TOPICS },
    { kafka, registry, jobs, ruleChanges, metrics, logger },
  );
  const ops = createOpsServer({
    service: JOBS_SERVICE,
    host: context.host,
    port: context.port,
    metrics,
    logger,
    readiness: dependencyChecks({ kafka: admin, registry }),
  });
  await ops.start();
  logger.info(
    { address: ops.address() },
    'rule job worker running: backtests and shadow runs asked for on the rule-jobs topic',
  );
  onShutdown(
    [
      async () => ops.drain(),
      () => worker.close(),
      () => Promise.allSettled([jobs.close(), ruleChanges.close(), admin.disconnect()]).then(() => undefined),
      () => ops.close(),
    ],
    logger,
  );
}
