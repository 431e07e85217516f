import IORedis, { Cluster } from 'ioredis';
import { WaspadaError } from '../errors';

/**
 * A connection to one Redis server or to a Redis Cluster. Both answer the same commands; what
 * differs (SCAN runs per master in a cluster) goes through the helpers below.
 */
export type Redis = IORedis | Cluster;

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

const CLUSTER_SCHEME = 'redis-cluster:';

export interface RedisAddress {
  readonly cluster: boolean;
  readonly tls: boolean;
  readonly nodes: readonly { host: string; port: number }[];
  readonly username?: string;
  readonly password?: string;
  readonly db?: number;
}

/**
 * Reads REDIS_URL: `redis://` or `rediss://` for one server, `redis-cluster://` (or
 * `rediss-cluster://` with TLS) followed by seed nodes separated by commas for a cluster, such as
 * `redis-cluster://:secret@10.0.0.1:6379,10.0.0.2:6379`. The client learns the other nodes and
 * which slots they serve from any one seed.
 */
export function parseRedisUrl(url: string): RedisAddress {
  const match = /^(rediss?)(-cluster)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)(?:\/(\d+))?\/?$/.exec(url);
  if (!match)
    throw new Error(`expected redis://host:port, rediss://host:port or redis-cluster://host:port,host:port`);
  const [, scheme, cluster, username, password, hosts = '', db] = match;
  const nodes = hosts.split(',').map((hostPort) => {
    const at = hostPort.lastIndexOf(':');
    const host = at > 0 ? hostPort.slice(0, at) : hostPort;
    const port = at > 0 ? Number(hostPort.slice(at + 1)) : 6379;
    if (host === '' || !Number.isInteger(port) || port < 1 || port > 65_535)
      throw new Error(`"${hostPort}" is not host:port`);
    return { host, port };
  });
  if (!cluster && nodes.length > 1)
    throw new Error('several hosts need the redis-cluster:// scheme (a Redis Cluster)');
  if (cluster && db !== undefined && db !== '0') throw new Error('a Redis Cluster has only database 0');
  return {
    cluster: cluster !== undefined,
    tls: scheme === 'rediss',
    nodes,
    ...(username && { username: decodeURIComponent(username) }),
    ...(password && { password: decodeURIComponent(password) }),
    ...(!cluster && db !== undefined && { db: Number(db) }),
  };
}

export function createRedis(url: string, tuning: RedisTuning = {}): Redis {
  if (url.startsWith(CLUSTER_SCHEME) || url.startsWith('rediss-cluster:')) {
    const address = parseRedisUrl(url);
    return new Cluster([...address.nodes], {
      lazyConnect: true,
      enableAutoPipelining: true,
      // A master that is away (restarting, failing over) is waited for, as one server is below.
      retryDelayOnClusterDown: 300,
      retryDelayOnFailover: 200,
      clusterRetryStrategy: tuning.retryStrategy ?? ((attempt) => Math.min(attempt * 200, 2_000)),
      redisOptions: {
        maxRetriesPerRequest: 20,
        connectionName: 'waspada',
        ...(address.username && { username: address.username }),
        ...(address.password && { password: address.password }),
        ...(address.tls && { tls: {} }),
        ...(tuning.retryStrategy && { retryStrategy: tuning.retryStrategy }),
      },
    });
  }
  return new IORedis(url, {
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

/** The servers that hold the data: the masters of a cluster, or the one server. */
export function dataServers(redis: Redis): IORedis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

/**
 * Every key matching a pattern, in pages, with SCAN so Redis keeps serving meanwhile. A cluster's
 * SCAN covers one node, so each master is scanned in turn.
 */
export async function* scanKeys(redis: Redis, pattern: string, count = 1000): AsyncGenerator<string[]> {
  for (const server of dataServers(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}

/**
 * Deletes keys one command each: in a cluster a multi-key UNLINK must stay within one hash slot,
 * and auto-pipelining sends these together anyway.
 */
export async function unlinkKeys(redis: Redis, keys: readonly string[]): Promise<number> {
  const removed = await Promise.all(keys.map((key) => redis.unlink(key)));
  return removed.reduce((sum, count) => sum + count, 0);
}

/** A URL fit for logs: the password, if any, replaced. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
}
