import { createRequire } from 'node:module';

/** The part of KafkaJS's internal Cluster class this module replaces (kafkajs/src/cluster). */
interface ClusterPrototype {
  findGroupCoordinator: (
    this: object,
    args: { groupId: string; coordinatorType?: number },
  ) => Promise<unknown>;
  refreshMetadata: (this: object, ...args: unknown[]) => Promise<unknown>;
}

/**
 * How long a coordinator found stays in use without asking again. Short, since nothing else tells
 * the cache that a coordinator moved (a broker died, a partition of the transaction or offsets log
 * changed leader): for up to this long a request may go to the old one, fail, and be retried, as
 * KafkaJS's own retries and a failed window already do.
 */
export const COORDINATOR_TTL_MS = 1_000;

interface Known {
  readonly coordinator: unknown;
  readonly at: number;
}

const installed = Symbol.for('waspada.kafkajs.coordinatorCache');

/**
 * KafkaJS 2.2.4 asks a broker where the coordinator is (FindCoordinator) before every transactional
 * request: for the transactional id before AddPartitionsToTxn, AddOffsetsToTxn and EndTxn, and for
 * the consumer group before TxnOffsetCommit; the Java client keeps the answer until a request says
 * the coordinator moved. With one transaction per partition task per 25 ms window, that was 257
 * lookups a second at a steady 500 events/s, 42% of the processor's requests to Kafka, each one
 * more request for the broker, the busiest process on the machine at that rate (one run each: Kafka
 * 104% of a core with every lookup, 80% with this cache; the processor 38% and 33%). Each client's
 * cluster here keeps a coordinator for COORDINATOR_TTL_MS and forgets all it keeps whenever KafkaJS
 * refreshes its metadata (which it does on a broker that cannot be reached or is not known). A
 * failed transaction renews its producer (openTransactionalProducer), and with it the cache.
 *
 * Installed once per process, on KafkaJS's Cluster class: KafkaJS offers no option for it.
 */
export function cacheCoordinatorLookups(): void {
  const require = createRequire(__filename);
  const Cluster = require('kafkajs/src/cluster/index.js') as { prototype: ClusterPrototype };
  const prototype = Cluster.prototype as ClusterPrototype & { [installed]?: true };
  if (prototype[installed]) return;
  prototype[installed] = true;
  const lookup = prototype.findGroupCoordinator;
  const refresh = prototype.refreshMetadata;
  const caches = new WeakMap<object, Map<string, Known>>();
  prototype.findGroupCoordinator = async function (args) {
    const cache = caches.get(this) ?? new Map<string, Known>();
    caches.set(this, cache);
    const key = `${args.coordinatorType ?? 0} ${args.groupId}`;
    const known = cache.get(key);
    if (known && Date.now() - known.at < COORDINATOR_TTL_MS) return known.coordinator;
    const coordinator = await lookup.call(this, args);
    cache.set(key, { coordinator, at: Date.now() });
    return coordinator;
  };
  prototype.refreshMetadata = function (...args) {
    caches.delete(this);
    return refresh.apply(this, args);
  };
}
