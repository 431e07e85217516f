import {
  compileAvroType,
  createAvroDecoder,
  endOffsets,
  TOPICS,
  trackCatchUp,
  withAdmin,
  type KafkaClient,
  type Logger,
  type SchemaRegistryClient,
} from '@waspada/common';
import { watchlistOf, type Watchlist, type WatchlistEntry } from '@waspada/risk-rules';
import { CONTRACTS, type WatchlistEvent } from '@waspada/schemas';
import { v4 as uuidV4 } from 'uuid';

/**
 * Every instance keeps the whole watchlist in memory: it is small, it is needed for every departure,
 * and its topic is not keyed by NIK. Each instance reads the compacted topic from the start in a
 * group of its own, and reports ready once it has joined and caught up with the end it saw at start.
 */
export async function startWatchlistFeed(kafka: KafkaClient, registry: SchemaRegistryClient, logger: Logger) {
  const versions: WatchlistEntry[] = [];
  const seen = new Set<string>();
  let current: Watchlist = watchlistOf([]);
  const decode = createAvroDecoder<WatchlistEvent>(registry, compileAvroType(CONTRACTS.watchlist.schema));
  const ends = await withAdmin(kafka, (admin) => endOffsets(admin, [TOPICS.watchlist]));

  const consumer = kafka.consumer({ groupId: `waspada-risk-watchlist-${uuidV4()}`, autoCommit: false });
  const catchUp = trackCatchUp(consumer, ends);
  // Entries published from now on are read only once the consumer has joined its group, which
  // matters for an empty topic (nothing to catch up with): ready means it has joined too.
  let markJoined: () => void = () => undefined;
  const joined = new Promise<void>((resolve) => {
    markJoined = resolve;
  });
  consumer.onRebalance(() => markJoined());
  const ready = Promise.all([joined, catchUp.done]).then(() => undefined);
  await consumer.connect();
  await consumer.subscribe([TOPICS.watchlist], { fromBeginning: true });
  // The group commits nothing, so a consumer KafkaJS restarts after a broker outage reads the topic
  // from the start again: what was already read is skipped, not kept twice.
  const readUpTo = new Map<number, bigint>();
  await consumer.run(async (batch) => {
    let added = false;
    for (const record of batch.records) {
      const offset = BigInt(record.offset);
      if (offset < (readUpTo.get(record.partition) ?? 0n)) continue;
      readUpTo.set(record.partition, offset + 1n);
      added = true;
      try {
        const { value } = await decode(record.value);
        versions.push(value);
        seen.add(value.eventId);
      } catch (error) {
        logger.warn({ offset: record.offset, reason: (error as Error).message }, 'watchlist record skipped');
      }
    }
    if (added) current = watchlistOf(versions);
  });
  return {
    ready,
    watchlist: {
      candidates: (name: string, time: number) => current.candidates(name, time),
      withIdentifier: (identifier: string, time: number) => current.withIdentifier(identifier, time),
    } satisfies Watchlist,
    size: () => versions.length,
    /**
     * Waits until this instance's copy holds an entry version another instance acted on (a
     * re-screen request names it), or the time is up: the two read the same topic at their own pace.
     */
    async waitFor(eventIds: readonly string[], timeoutMs = 10_000): Promise<boolean> {
      const until = Date.now() + timeoutMs;
      while (eventIds.some((id) => !seen.has(id))) {
        if (Date.now() > until) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return true;
    },
    close: () => consumer.disconnect(),
  };
}

export type WatchlistFeed = Awaited<ReturnType<typeof startWatchlistFeed>>;
