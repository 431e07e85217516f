import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Logger } from '../logging/logger';
import { limitRequests, type RateLimitOptions } from './rate-limit';

export type HealthCheck = () => Promise<void>;

/**
 * The readiness checks of the servers a service uses: Kafka answers a metadata request, Redis a
 * PING, the registry its root. Give only what the service connects to.
 */
export function dependencyChecks(dependencies: {
  readonly kafka?: { describeCluster(): Promise<unknown> };
  readonly redis?: { ping(): Promise<unknown> };
  readonly registry?: { ping(): Promise<void> };
}): Record<string, HealthCheck> {
  const { kafka, redis, registry } = dependencies;
  return {
    ...(kafka && {
      kafka: async () => {
        await kafka.describeCluster();
      },
    }),
    ...(redis && {
      redis: async () => {
        await redis.ping();
      },
    }),
    ...(registry && { registry: () => registry.ping() }),
  };
}

export interface OpsServerOptions {
  readonly service: string;
  readonly host: string;
  readonly port: number;
  readonly metrics: Registry;
  /** Named readiness checks: each throws when its dependency is not usable. */
  readonly readiness: Readonly<Record<string, HealthCheck>>;
  readonly logger: Logger;
  /**
   * A per-client limit on every route the service adds (its API, its pages); the health and
   * metrics endpoints here are never limited. Without it nothing is limited.
   */
  readonly rateLimit?: RateLimitOptions;
  /**
   * The longest path parameter a route matches (Fastify's default is 100); a longer one is
   * answered 404 as no route.
   */
  readonly maxParamLength?: number;
}

/** Probes and scrapers must always get an answer, whatever a client of the API does. */
const OPS_ROUTES: ReadonlySet<string> = new Set(['/health/live', '/health/ready', '/metrics']);

export interface OpsServer {
  readonly app: FastifyInstance;
  /** The address it listens on, once started (port 0 picks a free one). */
  address(): string;
  start(): Promise<void>;
  /** Marks the service as draining: readiness fails so load balancers stop sending work. */
  drain(): void;
  close(): Promise<void>;
}

/**
 * Liveness (`/health/live`: the process answers), readiness (`/health/ready`: every dependency
 * answers, each check named in the reply) and Prometheus metrics (`/metrics`).
 */
export function createOpsServer(options: OpsServerOptions): OpsServer {
  const app = Fastify({
    logger: false,
    ...(options.maxParamLength !== undefined && {
      routerOptions: { maxParamLength: options.maxParamLength },
    }),
  });
  let draining = false;
  if (options.rateLimit)
    limitRequests(app, { ...options.rateLimit, metrics: options.metrics, exempt: OPS_ROUTES });

  app.get('/health/live', async () => ({ status: 'ok', service: options.service }));

  app.get('/health/ready', async (_request, reply) => {
    const results = await Promise.all(
      Object.entries(options.readiness).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 3_000, name);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : String(error)] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const ready = !draining && results.every(([, result]) => result === 'ok');
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : draining ? 'draining' : 'not-ready',
      service: options.service,
      checks,
    });
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(options.metrics.contentType).send(await options.metrics.metrics());
  });

  return {
    app,
    address() {
      const address = app.server.address();
      if (address === null || typeof address === 'string') return String(address);
      return `http://${options.host}:${address.port}`;
    },
    async start() {
      await app.listen({ host: options.host, port: options.port });
      options.logger.info({ listen: this.address() }, 'ops endpoints: /health/live /health/ready /metrics');
    },
    drain() {
      draining = true;
    },
    close: () => app.close(),
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
