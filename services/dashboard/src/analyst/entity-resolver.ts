import type { Redis } from '@waspada/common';
import { nameBlockKeys, namesMatch, normalizedName } from '@waspada/risk-rules';
import type { WatchlistEvent } from '@waspada/schemas';
import type { AnalystKeys } from './analyst-keys';
import { entityIdOf, matchingEntity, type EntityKind } from './case-links';

/** Tolerant kinds the watchlist entry types point at, for marking a newly seen name. */
const WATCHLIST_KINDS: Readonly<Record<WatchlistEvent['entryType'], EntityKind | undefined>> = {
  RECRUITER: 'sponsor',
  SPONSOR: 'sponsor',
  PLACEMENT_COMPANY: 'company',
  PHONE_NUMBER: undefined,
  SOCIAL_MEDIA_ACCOUNT: undefined,
};

/**
 * Who a name is: sponsors and companies are written many ways by the agencies, and the network
 * needs one entity per real party. Spellings are resolved once and kept, so every reader and every
 * replay agrees; a spelling seen for the first time is checked against the watchlist.
 */
export function createEntityResolver(redis: Redis, K: AnalystKeys) {
  /** Folded spelling → entity id, for names seen again (sponsors repeat); bounded. */
  const resolved = new Map<string, string>();
  const RESOLVED_LIMIT = 50_000;

  /**
   * The entity a name belongs to: the one it was resolved to before, else a known entity of the
   * kind one of whose spellings matches it (namesMatch, among those sharing a blocking key), else a
   * new entity keyed by the folded name. The first resolution of a spelling is kept, so a replay
   * resolves every spelling the same way.
   */
  async function resolveName(
    kind: EntityKind,
    name: string,
  ): Promise<{ id: string; isNewSpelling: boolean }> {
    const folded = normalizedName(name);
    const memo = resolved.get(`${kind}:${folded}`);
    if (memo) return { id: memo, isNewSpelling: false };
    const known = await redis.get(K.name(kind, folded));
    if (known) {
      remember(kind, folded, known);
      return { id: known, isNewSpelling: false };
    }
    const blocks = nameBlockKeys(name);
    const candidates = [
      ...new Set((await Promise.all(blocks.map((key) => redis.smembers(K.block(kind, key))))).flat()),
    ];
    const spellings = await Promise.all(candidates.map((id) => redis.smembers(K.entityNames(id))));
    let id =
      matchingEntity(
        name,
        candidates.map((candidate, index) => ({ id: candidate, names: spellings[index] ?? [] })),
      ) ?? entityIdOf(kind, folded);
    // Another instance may have resolved this spelling meanwhile: the first answer stands.
    if ((await redis.set(K.name(kind, folded), id, 'NX')) === null)
      id = (await redis.get(K.name(kind, folded))) ?? id;
    await Promise.all([
      redis.hsetnx(K.entity(id), 'kind', kind),
      redis.hsetnx(K.entity(id), 'label', name),
      redis.sadd(K.entityNames(id), name),
      ...blocks.map((key) => redis.sadd(K.block(kind, key), id)),
    ]);
    remember(kind, folded, id);
    return { id, isNewSpelling: true };
  }

  function remember(kind: EntityKind, folded: string, id: string) {
    if (resolved.size >= RESOLVED_LIMIT) resolved.clear();
    resolved.set(`${kind}:${folded}`, id);
  }

  async function watchlistEntries(): Promise<WatchlistEvent[]> {
    return Object.values(await redis.hgetall(K.watchlist)).map((json) => JSON.parse(json) as WatchlistEvent);
  }

  /** A spelling seen for the first time is checked against the whole (small) watchlist. */
  async function markIfWatchlisted(kind: EntityKind, id: string, name: string): Promise<void> {
    const matches = (await watchlistEntries()).filter(
      (entry) =>
        entry.active &&
        WATCHLIST_KINDS[entry.entryType] === kind &&
        [entry.name, ...entry.aliases].some((listed) => !!listed && namesMatch(listed, name)),
    );
    await Promise.all(matches.map((entry) => redis.sadd(K.entityWatchlist(id), entry.entryId)));
  }

  return { resolveName, markIfWatchlisted, watchlistEntries };
}

export type EntityResolver = ReturnType<typeof createEntityResolver>;
