import {
  compileAvroType,
  createAvroDecoder,
  isWaspadaError,
  TOPICS,
  type IncomingRecord,
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

export interface AnalystIndexer {
  /** Records indexed since start, and records skipped because they do not decode. */
  counts(): { indexed: number; skipped: number };
  close(): Promise<void>;
}

export async function startAnalystIndexer(deps: {
  kafka: KafkaClient;
  registry: SchemaRegistryClient;
  store: AnalystStore;
  groupId: string;
  logger: Logger;
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
  await consumer.run(async (batch, control) => {
    const handle = handlers[batch.topic];
    if (!handle) return;
    for (const record of batch.records) {
      if (!control.isActive()) return;
      // A compacted watchlist's tombstone, or a record with no value: nothing to index.
      if (record.value === null) continue;
      try {
        await handle(record);
        indexed += 1;
      } catch (error) {
        // A registry or Redis that does not answer is not the record's fault: the batch comes again.
        if (!isWaspadaError(error, 'WSP_DECODE_FAILED')) throw error;
        skipped += 1;
        logger.warn(
          { topic: record.topic, partition: record.partition, offset: record.offset, reason: error.message },
          'analyst index: record skipped, it does not decode',
        );
      }
      control.markProcessed(record);
    }
  });
  logger.info({ group: deps.groupId, topics: ANALYST_INDEX_TOPICS.length }, 'analyst index reading');
  return {
    counts: () => ({ indexed, skipped }),
    close: () => consumer.disconnect(),
  };
}
