import type { Redis } from '@waspada/common';
import type { CaseEvent } from '@waspada/schemas';
import { applyCaseEvent, type CaseView } from './case-fold';

/**
 * The case projection in Redis: the fold of the case topic (applyCaseEvent), written by the case
 * projector and read by the case API. Keys start with the prefix (`waspada:cases:` live; a rebuild
 * beside it takes another):
 *
 *   case:<caseId>   string: { view, offset }: the case and the offset of the last event applied
 *   all             zset caseId, by the time the case was opened
 *
 * A case's events all carry the person's NIK as key, so they are in one partition in topic order;
 * an event at or below the stored offset was applied already and is skipped. Reading the topic
 * again from any earlier offset, or twice at once, therefore leaves every case as it was.
 *
 * A work queue reads every case and filters in memory (case-queue.ts): thousands of open follow-ups
 * are a few megabytes; an index per regency and assignee is the step when they become millions.
 */
export const LIVE_CASES_PREFIX = 'waspada:cases:';

interface Stored {
  readonly view: CaseView;
  readonly offset: string;
}

export function createCaseStore(redis: Redis, prefix: string = LIVE_CASES_PREFIX) {
  const caseKey = (caseId: string) => `${prefix}case:${caseId}`;
  const allKey = `${prefix}all`;

  const read = async (caseId: string): Promise<Stored | undefined> => {
    const raw = await redis.get(caseKey(caseId));
    return raw === null ? undefined : (JSON.parse(raw) as Stored);
  };

  return {
    prefix,

    /** Folds one event read at `offset` of its partition; false when it was applied already or changes nothing. */
    async apply(event: CaseEvent, offset: string): Promise<boolean> {
      const stored = await read(event.caseId);
      if (stored && BigInt(stored.offset) >= BigInt(offset)) return false;
      const view = applyCaseEvent(stored?.view, event);
      if (!view) return false;
      // Two keys in different slots of a cluster, so no MULTI: each write is idempotent on its own.
      // The list first: a crash between the two reads the event again (its offset is not stored
      // yet) rather than leaving a stored case that no work queue lists.
      await redis.zadd(allKey, view.openedAt, view.caseId);
      await redis.set(caseKey(view.caseId), JSON.stringify({ view, offset } satisfies Stored));
      return true;
    },

    async get(caseId: string): Promise<CaseView | undefined> {
      return (await read(caseId))?.view;
    },

    /** Every case, oldest first. */
    async all(): Promise<CaseView[]> {
      const ids = await redis.zrange(allKey, 0, -1);
      const views: CaseView[] = [];
      // In slices, one GET per key (a cluster spreads them over slots, so no MGET).
      for (let start = 0; start < ids.length; start += 500) {
        const raws = await Promise.all(ids.slice(start, start + 500).map((id) => redis.get(caseKey(id))));
        for (const raw of raws) if (raw !== null) views.push((JSON.parse(raw) as Stored).view);
      }
      return views;
    },
  };
}

export type CaseStore = ReturnType<typeof createCaseStore>;
