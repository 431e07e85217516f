import { createRedis, type Redis } from '@waspada/common';
import { StackError } from '../stack';
import { sleep } from './processes';

/** Redis Cluster's hash slots, each served by one master. */
const SLOTS = 16_384;

/** A direct connection to one node, which gives up at once instead of waiting for it. */
async function withNode<T>(port: number, work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = createRedis(`redis://127.0.0.1:${port}`, { retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

/** `CLUSTER INFO` as fields. */
export async function clusterInfo(redis: Redis): Promise<Map<string, string>> {
  const text = String(await redis.call('CLUSTER', 'INFO'));
  return new Map(
    text
      .split(/\r?\n/)
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

/**
 * Healthy for a node of the local cluster: it answers, and either the cluster is not formed yet
 * (no slot assigned: `up` forms it next) or the node sees the whole cluster serving. A master that
 * restarts with its data remembers the cluster (nodes.conf) and is healthy once it has rejoined.
 */
export async function redisClusterNodeHealthy(port: number): Promise<boolean> {
  try {
    return await withNode(port, async (redis) => {
      const info = await clusterInfo(redis);
      return info.get('cluster_slots_assigned') === '0' || info.get('cluster_state') === 'ok';
    });
  } catch {
    return false;
  }
}

/** Slots [first, last] of master `index` of `masters`, in equal shares as redis-cli gives them. */
export function slotRange(index: number, masters: number): [number, number] {
  const share = SLOTS / masters;
  return [Math.round(index * share), Math.round((index + 1) * share) - 1];
}

/**
 * Forms the cluster once: each master takes its share of the slots, the first meets the others, and
 * the call returns when every node sees the cluster serving all slots. A formed cluster is left as
 * it is, so this runs on every `up`.
 */
export async function formRedisCluster(ports: readonly number[], log: (line: string) => void): Promise<void> {
  const formed = async () =>
    (
      await Promise.all(
        ports.map((port) =>
          withNode(port, clusterInfo).then(
            (info) =>
              info.get('cluster_state') === 'ok' &&
              info.get('cluster_slots_assigned') === String(SLOTS) &&
              info.get('cluster_known_nodes') === String(ports.length),
            () => false,
          ),
        ),
      )
    ).every(Boolean);
  if (await formed()) return;
  log(`forming a Redis Cluster of ${ports.length} masters on ports ${ports.join(', ')}`);
  await Promise.all(
    ports.map((port, index) =>
      withNode(port, async (redis) => {
        const myself = String(await redis.call('CLUSTER', 'NODES'))
          .split('\n')
          .find((line) => line.includes('myself'));
        // Fields after the ninth are the slots this node serves; a node that has some keeps them.
        if ((myself?.split(' ').length ?? 0) > 8) return;
        const [first, last] = slotRange(index, ports.length);
        // Distinct epochs from the start, as redis-cli gives them, so no two masters claim a slot.
        await redis.call('CLUSTER', 'SET-CONFIG-EPOCH', index + 1).catch(() => undefined);
        await redis.call('CLUSTER', 'ADDSLOTSRANGE', first, last);
      }),
    ),
  );
  await withNode(ports[0] as number, async (redis) => {
    for (const port of ports.slice(1)) await redis.call('CLUSTER', 'MEET', '127.0.0.1', port);
  });
  const deadline = Date.now() + 60_000;
  while (!(await formed())) {
    if (Date.now() > deadline)
      throw new StackError(
        'WSP_STACK_START_FAILED',
        `the Redis Cluster on ports ${ports.join(', ')} did not form within 60 s: read the redis logs (npm run stack logs), or reset the stack (npm run stack reset)`,
      );
    await sleep(250);
  }
}
