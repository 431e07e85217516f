import Redis from 'ioredis';
import { WaspadaError } from '../errors';

export type { Redis } from 'ioredis';

/**
 * One person's keys share a Redis Cluster hash slot through the `{nik}` hash tag, so a pipeline or
 * transaction over one person's state never spans nodes.
 */
export function personKey(nik: string, part: string): string {
  return `waspada:{${nik}}:${part}`;
}

/** Overrides for probes and tests; services use the defaults. */
export interface RedisTuning {
  /** Milliseconds before the next reconnect attempt, or null to give up. */
  readonly retryStrategy?: (attempt: number) => number | null;
}

export function createRedis(url: string, tuning: RedisTuning = {}): Redis {
  return new Redis(url, {
    lazyConnect: true,
    // Commands wait in the offline queue across a short outage instead of failing at once.
    maxRetriesPerRequest: 20,
    enableAutoPipelining: true,
    connectionName: 'waspada',
    ...(tuning.retryStrategy && { retryStrategy: tuning.retryStrategy }),
  });
}

export async function connectRedis(redis: Redis, url: string): Promise<void> {
  try {
    if (redis.status === 'wait') await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new WaspadaError(
      'WSP_REDIS_UNREACHABLE',
      `Redis at ${redactUrl(url)} did not answer PING: start the stack (npm run stack up) or fix REDIS_URL`,
      { cause: error },
    );
  }
}

/** A URL fit for logs: the password, if any, replaced. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
}
