import type { IncomingBatch, Logger } from '@waspada/common';
import { watchlistLinkKeys, watchlistRequests } from '@waspada/risk-rules';
import type { RejudgeRequest, WatchlistEvent } from '@waspada/schemas';
import type { ProcessorIo } from './processor-io';

/** What re-screening reads: the watchlist record, and the links of the people seen. */
export interface RescreenIo {
  readonly decodeWatchlist: ProcessorIo['decodeWatchlist'];
  readonly store: Pick<ProcessorIo['store'], 'readLinks'>;
}

/**
 * A watchlist batch: each new entry asks the partitions of the people seen, in the horizon before
 * it, with its names or numbers, to judge them again. Nothing is applied: the in-memory copy of the
 * watchlist is the watchlist feed's. A record that cannot be decoded is skipped with a warning, as the feed skips it.
 */
export async function rescreenRequests(
  io: RescreenIo,
  batch: IncomingBatch,
  logger: Logger,
): Promise<RejudgeRequest[]> {
  const requests: RejudgeRequest[] = [];
  for (const record of batch.records) {
    let entry: WatchlistEvent;
    try {
      entry = (await io.decodeWatchlist(record.value)).value;
    } catch (error) {
      logger.warn(
        { offset: record.offset, reason: (error as Error).message },
        'watchlist record not re-screened',
      );
      continue;
    }
    const keys = watchlistLinkKeys(entry);
    if (keys.length === 0) continue;
    requests.push(...watchlistRequests(entry, await io.store.readLinks(keys, entry.eventTime)));
  }
  return requests;
}
