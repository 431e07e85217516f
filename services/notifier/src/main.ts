import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
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
  rateLimitSettings,
  startTracing,
  toConnections,
  toRateLimit,
  tracingSettings,
} from '@waspada/common';
import {
  loadDeliveryConfig,
  LOCAL_DELIVERY_FILE,
  newStandardSecret,
  standardSecretProblem,
} from '@waspada/delivery';
import { DESK_API_RATE_LIMIT } from './desk-api';
import { startNotifier } from './notifier';
import { openNotifierIo } from './notifier-io';
import { notifierMetrics, SERVICE } from './notifier-metrics';
import { redeliver } from './redeliver';

/**
 * The notifier's entry:
 *
 *   node dist/main.js                          run the roles in WASPADA_NOTIFIER_ROLES until SIGTERM
 *   node dist/main.js redeliver <subscriber>   send a subscriber's dead-lettered alerts again
 *   node dist/main.js init-secrets             create the secret files the delivery config names and lacks
 */
async function main(argv: readonly string[]): Promise<void> {
  const roles = ['router', 'desks', 'webhooks'] as const;
  const schema = z
    .object({
      ...connectionSettings,
      WASPADA_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
      WASPADA_HTTP_PORT: portSetting(18130),
      WASPADA_DELIVERY_FILE: z.string().min(1).default(LOCAL_DELIVERY_FILE),
      WASPADA_NOTIFIER_ROLES: z
        .string()
        .default(roles.join(','))
        .transform((value) => value.split(',').map((role) => role.trim()))
        .pipe(z.array(z.enum(roles, { message: `each role is one of ${roles.join(', ')}` })).min(1)),
      /** Unique among running instances and stable across restarts of one instance. */
      WASPADA_INSTANCE_ID: z
        .string()
        .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only')
        .optional(),
      WASPADA_NOTIFIER_GROUP: z.string().min(1).default('waspada-notifier-router'),
      /** Origins of the pages allowed to call the desk API from a browser (the dashboard). */
      WASPADA_CORS_ORIGINS: z
        .string()
        .default('http://127.0.0.1:18140,http://localhost:18140')
        .transform((value) =>
          value
            .split(',')
            .map((origin) => origin.trim())
            .filter(Boolean),
        ),
      WASPADA_DESK_BACKLOG: positiveIntSetting(50),
      WASPADA_DESK_HISTORY_HOURS: positiveIntSetting(24),
      WASPADA_DESK_CAPACITY: positiveIntSetting(5_000),
      ...rateLimitSettings(DESK_API_RATE_LIMIT.max),
      ...tracingSettings(SERVICE),
      LOG_LEVEL: logLevel,
    })
    .superRefine(checkConnectionSettings);
  const config = parseEnvConfig(schema, process.env, { service: SERVICE });
  const [command = 'serve', ...rest] = argv;
  const progress = (line: string) => process.stderr.write(`${line}\n`);

  if (command === 'init-secrets') return initSecrets(config.WASPADA_DELIVERY_FILE);

  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const delivery = loadDeliveryConfig(config.WASPADA_DELIVERY_FILE, process.env);
  const connections = toConnections(config, SERVICE);
  const instanceId = config.WASPADA_INSTANCE_ID ?? `${hostname()}-${config.WASPADA_HTTP_PORT}`;

  if (command === 'redeliver') {
    const [subscriberId] = rest;
    const subscriber = delivery.subscribers.find((candidate) => candidate.id === subscriberId);
    if (!subscriber)
      throw new Error(
        `redeliver needs a subscriber id: one of ${delivery.subscribers.map((candidate) => candidate.id).join(', ') || '(none configured)'}`,
      );
    const io = await openNotifierIo(connections, logger, `${SERVICE}-redeliver`);
    const producer = io.kafka.producer();
    await producer.connect();
    try {
      const summary = await redeliver(io, subscriber, {
        producer,
        metrics: notifierMetrics(),
        logger,
        progress,
      });
      process.stdout.write(
        `${subscriber.id}: ${summary.read} dead-lettered alerts read, ${summary.delivered} delivered, ` +
          `${summary.alreadyDelivered} had been delivered already, ${summary.failedAgain} failed again (kept on the dead-letter topic)\n`,
      );
      if (summary.failedAgain > 0) process.exitCode = 2;
    } finally {
      await producer.disconnect();
      await io.redis.quit().catch(() => io.redis.disconnect());
    }
    return;
  }
  if (command !== 'serve')
    throw new Error(`unknown command ${command}: use serve, redeliver <subscriber> or init-secrets`);

  const tracing = startTracing(config, { logger });
  const notifier = await startNotifier(
    {
      connections,
      host: config.WASPADA_HTTP_HOST,
      port: config.WASPADA_HTTP_PORT,
      delivery,
      instanceId,
      roles: config.WASPADA_NOTIFIER_ROLES,
      corsOrigins: config.WASPADA_CORS_ORIGINS,
      deskBacklog: config.WASPADA_DESK_BACKLOG,
      deskHistoryMs: config.WASPADA_DESK_HISTORY_HOURS * 3_600_000,
      deskCapacity: config.WASPADA_DESK_CAPACITY,
      routerGroup: config.WASPADA_NOTIFIER_GROUP,
      rateLimit: toRateLimit(config),
    },
    logger,
  );
  onShutdown([() => notifier.close(), () => tracing.shutdown()], logger);
}

/**
 * Creates each secret file the delivery file names and that does not exist yet: a desk token, or a
 * webhook secret in its subscriber's format (`whsec_<base64>` for Standard Webhooks). A webhook
 * secret file in the earlier format is replaced only for the repository's local file, whose only
 * receiver is the local agency inbox; anywhere else the secret is shared with an agency, so the
 * operator is told what to do instead.
 */
function initSecrets(deliveryFile: string): void {
  const delivery = loadDeliveryConfig(deliveryFile, process.env, { readSecrets: false });
  const standard = new Set(delivery.standardSecretFiles);
  const write = (file: string, value: string) => {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${value}\n`, { mode: 0o600 });
  };
  let created = 0;
  let replaced = 0;
  const outdated: string[] = [];
  for (const file of delivery.secretFiles) {
    if (!existsSync(file)) {
      write(file, standard.has(file) ? newStandardSecret() : randomBytes(32).toString('base64url'));
      created += 1;
    } else if (standard.has(file) && standardSecretProblem(readFileSync(file, 'utf8').trim())) {
      if (resolve(deliveryFile) !== LOCAL_DELIVERY_FILE) outdated.push(file);
      else {
        write(file, newStandardSecret());
        replaced += 1;
      }
    }
  }
  const where = [...new Set(delivery.secretFiles.map((file) => relative(process.cwd(), dirname(file))))];
  process.stdout.write(
    created > 0
      ? `created ${created} secret files (desk tokens, webhook secrets) under ${where.join(', ')}\n`
      : `all ${delivery.secretFiles.length} secret files exist (${where.join(', ')})\n`,
  );
  if (replaced > 0)
    process.stdout.write(
      `replaced ${replaced} local webhook secrets of the earlier format with Standard Webhooks secrets (whsec_...)\n`,
    );
  if (outdated.length > 0)
    throw new Error(
      `these webhook secrets are not Standard Webhooks secrets (whsec_ and the base64 of 24 to 64 random bytes): ${outdated.join(', ')}. ` +
        'Either keep the subscriber on "signing": "waspada-v0" until its receiver verifies Standard Webhooks, ' +
        'or move each file away, run init-secrets again and hand the new secret to the agency',
    );
}

runMain(SERVICE, () => main(process.argv.slice(2)));
