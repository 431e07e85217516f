import {
  compileAvroType,
  createAvroDecoder,
  isWaspadaError,
  TOPICS,
  type IncomingRecord,
  type KafkaAdmin,
  type KafkaClient,
  type Logger,
  type SchemaRegistryClient,
} from '@waspada/common';
import {
  CONTRACTS,
  type AlertAction,
  type BorderCrossingEvent,
  type PlacementEvent,
  type RiskAlert,
  type WatchlistEvent,
} from '@waspada/schemas';
import type { AnalystStore } from './analyst-store';
import { crossingMentions, placementMentions } from './case-links';
import { actionLineOf, alertLineOf } from './person-records';

/**
 * Keeps the analyst index (analyst-store.ts) from the streams: alerts and desk actions for each
 * person's timeline, and crossings, placements, alerts and the watchlist for the network of
 * cases. One consumer group for every dashboard that shares a Redis, committing as it goes: each
 * write is idempotent, so a restart that reads a batch again, or a reset to earlier offsets,
 * leaves the index as it was. It runs inside the dashboard because the dashboard is the only
 * reader of the index and already holds the Kafka and registry clients; a separate service would
 * add a deployable and nothing else.
 */
export const ANALYST_INDEX_GROUP = 'waspada-analyst-index';

/**
 * The index lives in one Redis database, and the group's offsets say how far that database is
 * kept: two databases (a test's and the pipeline's) on one Kafka must not share offsets.
 */
export function analystIndexGroup(redisUrl: string): string {
  const url = new URL(redisUrl);
  const db = url.pathname.replace(/^\//, '') || '0';
  return `${ANALYST_INDEX_GROUP}.${url.hostname}-${url.port || '6379'}-${db}`;
}

export const ANALYST_INDEX_TOPICS = [
  TOPICS.watchlist,
  TOPICS.placement,
  TOPICS.borderCrossing,
  TOPICS.alerts,
  TOPICS.alertActions,
] as const;

type Handler = (record: IncomingRecord) => Promise<void>;

/**
 * Topics whose records are indexed concurrently across keys (NIKs). Crossings and the watchlist
 * stay in order: a new sponsor spelling is resolved against the names seen before it, and two
 * variants resolved at once could each start an entity of their own.
 */
const CONCURRENT_BY_KEY: ReadonlySet<string> = new Set([
  TOPICS.alerts,
  TOPICS.alertActions,
  TOPICS.placement,
]);

export interface AnalystIndexer {
  /** Records indexed since start, and records skipped because they do not decode. */
  counts(): { indexed: number; skipped: number };
  close(): Promise<void>;
}

export async function startAnalystIndexer(deps: {
  kafka: KafkaClient;
  admin: KafkaAdmin;
  registry: SchemaRegistryClient;
  store: AnalystStore;
  groupId: string;
  /**
   * Where a new group starts, in record time (epoch ms): the beginning of every topic when absent.
   * Ignored once the group has committed offsets, so a restart resumes where it stopped.
   */
  startTime?: number;
  logger: Logger;
  /** Called for each record read, for metrics. */
  onRecord?: (topic: string, outcome: 'indexed' | 'undecodable') => void;
}): Promise<AnalystIndexer> {
  const { store, logger } = deps;
  const decoder = <T>(schema: object) => createAvroDecoder<T>(deps.registry, compileAvroType(schema));
  const decodeCrossing = decoder<BorderCrossingEvent>(CONTRACTS.borderCrossing.schema);
  const decodePlacement = decoder<PlacementEvent>(CONTRACTS.placement.schema);
  const decodeWatchlist = decoder<WatchlistEvent>(CONTRACTS.watchlist.schema);
  const decodeAlert = decoder<RiskAlert>(CONTRACTS.alert.schema);
  const decodeAction = decoder<AlertAction>(CONTRACTS.alertAction.schema);

  const handlers: Record<string, Handler> = {
    [TOPICS.borderCrossing]: async (record) => {
      const event = (await decodeCrossing(record.value)).value;
      await store.addMentions(event.nik, event.eventTime, crossingMentions(event));
    },
    [TOPICS.placement]: async (record) => {
      const event = (await decodePlacement(record.value)).value;
      await store.addMentions(event.nik, event.eventTime, placementMentions(event));
    },
    [TOPICS.watchlist]: async (record) => {
      await store.addWatchlistEntry((await decodeWatchlist(record.value)).value);
    },
    [TOPICS.alerts]: async (record) => {
      const alert = (await decodeAlert(record.value)).value;
      await store.addAlert(alert.person.nik, alertLineOf(alert));
    },
    [TOPICS.alertActions]: async (record) => {
      const action = (await decodeAction(record.value)).value;
      await store.addAction(action.nik, actionLineOf(action));
    },
  };

  let indexed = 0;
  let skipped = 0;
  const consumer = deps.kafka.consumer({ groupId: deps.groupId, isolation: 'read_committed' });
  await consumer.connect();
  await consumer.subscribe(ANALYST_INDEX_TOPICS, { fromBeginning: true });
  const starts =
    deps.startTime === undefined ? [] : await startPositions(deps.admin, deps.groupId, deps.startTime);
  const indexOne = async (record: IncomingRecord, handle: Handler) => {
    // A compacted watchlist's tombstone, or a record with no value: nothing to index.
    if (record.value === null) return;
    try {
      await handle(record);
      indexed += 1;
      deps.onRecord?.(record.topic, 'indexed');
    } catch (error) {
      // A registry or Redis that does not answer is not the record's fault: the batch comes again.
      if (!isWaspadaError(error, 'WSP_DECODE_FAILED')) throw error;
      skipped += 1;
      deps.onRecord?.(record.topic, 'undecodable');
      logger.warn(
        { topic: record.topic, partition: record.partition, offset: record.offset, reason: error.message },
        'analyst index: record skipped, it does not decode',
      );
    }
  };
  await consumer.run(async (batch, control) => {
    const handle = handlers[batch.topic];
    if (!handle) return;
    if (!CONCURRENT_BY_KEY.has(batch.topic)) {
      for (const record of batch.records) {
        if (!control.isActive()) return;
        await indexOne(record, handle);
        control.markProcessed(record);
      }
      return;
    }
    // One person's records in order, different people at once: their writes touch different keys
    // (and the entity sets they share only take idempotent adds). The batch counts as processed
    // only when all of it is done.
    const byKey = new Map<string, IncomingRecord[]>();
    for (const record of batch.records) {
      const key = record.key?.toString('utf8') ?? '';
      byKey.set(key, [...(byKey.get(key) ?? []), record]);
    }
    await Promise.all(
      [...byKey.values()].map(async (records) => {
        for (const record of records) await indexOne(record, handle);
      }),
    );
  });
  for (const position of starts) consumer.seek(position);
  logger.info(
    {
      group: deps.groupId,
      topics: ANALYST_INDEX_TOPICS.length,
      from:
        starts.length > 0
          ? new Date(deps.startTime ?? 0).toISOString()
          : 'the committed offsets or the beginning',
    },
    'analyst index reading',
  );
  return {
    counts: () => ({ indexed, skipped }),
    close: () => consumer.disconnect(),
  };
}

/** For a group that has committed nothing yet: each partition's first offset at or after the time. */
async function startPositions(admin: KafkaAdmin, groupId: string, time: number) {
  const positions: { topic: string; partition: number; offset: string }[] = [];
  for (const topic of ANALYST_INDEX_TOPICS) {
    const committed = await admin.groupOffsets(groupId, topic);
    if (committed.some((entry) => BigInt(entry.offset) >= 0n)) return [];
    for (const { partition, offset } of await admin.offsetsForTime(topic, time))
      positions.push({ topic, partition, offset });
  }
  return positions;
}
