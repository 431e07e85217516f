import fastifyCors from '@fastify/cors';
import {
  bearerToken,
  createOpsServer,
  dependencyChecks,
  type Connections,
  type Logger,
  type OpsServer,
  type RateLimitSettings,
} from '@waspada/common';
import type { DeliveryConfig } from '@waspada/delivery';
import { createAccessTrail } from './access-trail';
import { DESK_API_RATE_LIMIT, deskApiRateLimitBody, registerDeskApi } from './desk-api';
import { deskOfToken } from './desk-auth';
import { startDeskFeed } from './desk-feed';
import { startDeskRouter } from './desk-router';
import { openNotifierIo } from './notifier-io';
import { notifierMetrics, SERVICE } from './notifier-metrics';
import { startWebhookDispatcher } from './webhook-dispatcher';

export type NotifierRole = 'router' | 'desks' | 'webhooks';

export interface NotifierConfig {
  readonly connections: Connections;
  readonly host: string;
  readonly port: number;
  readonly delivery: DeliveryConfig;
  /** Stable per instance: the router's transactional id fences an earlier run of the same instance. */
  readonly instanceId: string;
  readonly roles: readonly NotifierRole[];
  readonly corsOrigins: readonly string[];
  readonly deskBacklog: number;
  readonly deskHistoryMs: number;
  readonly deskCapacity: number;
  readonly routerGroup: string;
  /** Per desk token, or per address without a valid one; DESK_API_RATE_LIMIT when absent. */
  readonly rateLimit?: RateLimitSettings;
}

export interface Notifier {
  readonly ops: OpsServer;
  /** Resolves once every role is live: consumers joined, desk history read. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * The notification workers. Each role can run in its own process (WASPADA_NOTIFIER_ROLES) or all in
 * one, as the local pipeline does:
 *
 * - router: alerts topic -> desk feed, exactly once (desk-router.ts)
 * - desks: the desk API, live and resumable, over the desk feed (desk-feed.ts, desk-api.ts)
 * - webhooks: one consumer group per subscriber, signed, retried, dead-lettered (webhook-dispatcher.ts)
 */
export async function startNotifier(config: NotifierConfig, logger: Logger): Promise<Notifier> {
  const io = await openNotifierIo(config.connections, logger, `${SERVICE}-${config.instanceId}`);
  const metrics = notifierMetrics();
  const producer = io.kafka.producer();
  await producer.connect();
  const access = createAccessTrail(io, producer, metrics);
  const admin = io.kafka.admin();
  await admin.connect();

  let live = false;
  const ops = createOpsServer({
    service: SERVICE,
    host: config.host,
    port: config.port,
    metrics: metrics.registry,
    logger,
    readiness: {
      ...dependencyChecks({ kafka: admin, redis: io.redis, registry: io.registry }),
      roles: async () => {
        if (!live) throw new Error('joining consumer groups and reading the desk history');
      },
    },
    rateLimit: {
      ...(config.rateLimit ?? DESK_API_RATE_LIMIT),
      holderOf: (request) => deskOfToken(config.delivery.desks, bearerToken(request))?.deskId,
      refusalBody: deskApiRateLimitBody,
    },
  });
  await ops.app.register(fastifyCors, {
    origin: [...config.corsOrigins],
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'last-event-id',
      'idempotency-key',
      'x-waspada-officer',
    ],
    maxAge: 600,
  });

  const closers: (() => Promise<void>)[] = [];
  const waits: Promise<void>[] = [];
  if (config.roles.includes('router')) {
    const router = await startDeskRouter(
      io,
      { groupId: config.routerGroup, transactionalIdPrefix: `waspada-${SERVICE}-router`, admin },
      metrics,
      logger,
    );
    closers.push(() => router.close());
    waits.push(router.joined);
  }
  let closeStreams: () => void = () => undefined;
  if (config.roles.includes('desks')) {
    const feed = await startDeskFeed(
      io,
      {
        instanceId: config.instanceId,
        historyMs: config.deskHistoryMs,
        capacityPerDesk: config.deskCapacity,
      },
      logger,
    );
    const api = registerDeskApi(
      ops.app,
      { io, feed, producer, access, metrics, logger },
      { desks: config.delivery.desks, backlog: config.deskBacklog },
    );
    closeStreams = () => api.closeStreams();
    closers.push(() => feed.close());
    waits.push(feed.loaded);
  }
  if (config.roles.includes('webhooks')) {
    const dispatcher = await startWebhookDispatcher(io, config.delivery.subscribers, {
      producer,
      access,
      metrics,
      logger,
    });
    closers.push(() => dispatcher.close());
    waits.push(dispatcher.joined);
  }
  await ops.start();
  logger.info(
    {
      roles: config.roles,
      desks: config.delivery.desks.length,
      subscribers: config.delivery.subscribers.length,
    },
    'notifier running',
  );

  const ready = Promise.all(waits).then(() => {
    live = true;
    logger.info('notifier ready');
  });
  return {
    ops,
    ready,
    async close() {
      ops.drain();
      closeStreams();
      for (const close of closers.reverse())
        await close().catch((error: unknown) => logger.warn({ err: error }, 'close failed'));
      await ops.close();
      await producer.disconnect();
      await admin.disconnect();
      await io.redis.quit().catch(() => io.redis.disconnect());
    },
  };
}
