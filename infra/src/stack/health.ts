import { createConnection } from 'node:net';
import {
  connectRedis,
  createKafkaClient,
  createLogger,
  createRedis,
  createSchemaRegistryClient,
  type KafkaConnection,
  type RegistryConnection,
} from '@waspada/common';

/** True when something accepts TCP connections on host:port. */
export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host, port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolvePromise(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const quiet = createLogger({ service: 'waspada-stack', level: 'silent' });

/**
 * The health probes use the same clients, TLS and credentials as the services, so "healthy" means
 * a service configured the same way can connect.
 */
export async function kafkaHealthy(connection: KafkaConnection, nodeId?: number): Promise<boolean> {
  const admin = createKafkaClient(connection, quiet, { retries: 0, connectionTimeoutMs: 1_000 }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    const known = nodeId === undefined || cluster.brokers.some((broker) => broker.nodeId === nodeId);
    return known && cluster.brokers.length > 0 && cluster.controllerId !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function registryHealthy(connection: RegistryConnection): Promise<boolean> {
  try {
    await createSchemaRegistryClient(connection).ping();
    return true;
  } catch {
    return false;
  }
}

export async function redisHealthy(url: string): Promise<boolean> {
  const redis = createRedis(url, { retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await connectRedis(redis, url);
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export async function waitUntil(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; abort?: () => string | undefined },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check()) return { ok: true };
    const aborted = options.abort?.();
    if (aborted) return { ok: false, reason: aborted };
    if (Date.now() > deadline)
      return { ok: false, reason: `not healthy after ${Math.round(options.timeoutMs / 1000)} s` };
    await new Promise((resolvePromise) => setTimeout(resolvePromise, options.intervalMs ?? 250));
  }
}
