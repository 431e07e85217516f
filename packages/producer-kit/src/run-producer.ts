import { z } from 'zod';
import {
  checkConnectionSettings,
  brokerOnlySettings,
  createLogger,
  logLevel,
  onShutdown,
  runMain,
  parseEnvConfig,
  portSetting,
  rateLimitSettings,
  startTracing,
  toBrokerConnections,
  tracingSettings,
  toRateLimit,
} from '@waspada/common';
import { importFile } from './file-import';
import { INTAKE_RATE_LIMIT } from './http-api';
import type { AgencyDefinition } from './intake';
import { startProducerService } from './producer-service';

/**
 * The entry of every producer service:
 *
 *   node dist/main.js                 serve the HTTP API until SIGTERM
 *   node dist/main.js import <file>   import a CSV or NDJSON export, print a summary, exit
 *
 * Configuration comes from the environment, validated once here.
 */
export async function runProducer<T>(
  definition: AgencyDefinition<T>,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const schema = z
    .object({
      ...brokerOnlySettings,
      WASPADA_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
      WASPADA_HTTP_PORT: portSetting(definition.defaultPort),
      ...rateLimitSettings(INTAKE_RATE_LIMIT.max),
      ...tracingSettings(definition.service),
      LOG_LEVEL: logLevel,
    })
    .superRefine(checkConnectionSettings);
  const config = parseEnvConfig(schema, env, { service: definition.service });
  const logger = createLogger({ service: definition.service, level: config.LOG_LEVEL });
  const connections = toBrokerConnections(config, definition.service);
  const [command, file] = argv;
  const tracing = startTracing(config, { logger });

  if (command === 'import') {
    if (!file) throw new Error(`usage: ${definition.service} import <file.csv|file.ndjson>`);
    const service = await startProducerService(
      definition,
      { connections, host: config.WASPADA_HTTP_HOST, port: 0 },
      logger,
      {
        listen: false,
      },
    );
    try {
      const summary = await importFile(file, service.intake, (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(
        `${summary.file}: ${summary.rows} rows, ${summary.accepted} accepted, ${summary.refused} refused (kept on the rejected topic) in ${summary.seconds.toFixed(1)} s\n`,
      );
      for (const refusal of summary.firstRefusals)
        process.stdout.write(`  line ${refusal.line}: ${refusal.reason}\n`);
    } finally {
      await service.close();
      await tracing.shutdown();
    }
    return;
  }
  if (command !== undefined && command !== 'serve')
    throw new Error(`unknown command ${command}: use serve or import <file>`);

  const service = await startProducerService(
    definition,
    {
      connections,
      host: config.WASPADA_HTTP_HOST,
      port: config.WASPADA_HTTP_PORT,
      rateLimit: toRateLimit(config),
    },
    logger,
  );
  onShutdown([() => service.close(), () => tracing.shutdown()], logger);
}

/**
 * For a service's main.ts, which hands over the process's arguments and environment: run, and
 * turn a start-up failure into one clear line and exit code 1.
 */
export function main<T>(
  definition: AgencyDefinition<T>,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): void {
  runMain(definition.service, () => runProducer(definition, argv.slice(2), env));
}
