import { createConnection } from 'node:net';
import Redis from 'ioredis';
import { createKafkaClient, createLogger } from '@waspada/common';

/** True when something accepts TCP connections on 127.0.0.1:port. */
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

/** The broker answers a metadata request on its client listener and knows its controller. */
export async function kafkaHealthy(brokers: readonly string[]): Promise<boolean> {
  const admin = createKafkaClient({ brokers, clientId: 'waspada-stack-health' }, quiet, {
    retries: 0,
    connectionTimeoutMs: 1_000,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controllerId !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** The registry answers its Confluent-compatible subjects listing. */
export async function registryHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function redisHealthy(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
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
