import type { Redis } from '@waspada/common';
import { nameBlockKeys, namesMatch } from '@waspada/risk-rules';
import type { WatchlistEvent } from '@waspada/schemas';
import { pairs, type AnalystKeys } from './analyst-keys';
import { entityIdOf, watchlistTargets, type EntityKind, type EntityMention } from './case-links';
import type { EntityResolver } from './entity-resolver';
import type { ActionLine, AlertLine } from './person-records';

/**
 * The index consumer's writes. Every write is a set or sorted-set add, or a compare-then-write on
 * a revision or event time, so reading the streams again from an earlier offset changes nothing.
 */
export function createAnalystIndexWriter(redis: Redis, K: AnalystKeys, names: EntityResolver) {
  const { resolveName, markIfWatchlisted } = names;

  async function linkEntityToPerson(id: string, kind: EntityKind, label: string, nik: string, time: number) {
    const situations = await redis.zrange(K.personSituations(nik), 0, -1, 'WITHSCORES');
    await Promise.all([
      redis.hsetnx(K.entity(id), 'kind', kind),
      redis.hsetnx(K.entity(id), 'label', label),
      // LT: the earliest time wins whatever the order records come in.
      redis.zadd(K.personEntities(nik), 'LT', time, id),
      redis.zadd(K.entityPeople(id), 'LT', time, nik),
      ...pairs(situations).map(([firstAlertId, score]) =>
        redis.zadd(K.entityAlerts(id), 'LT', score, firstAlertId),
      ),
      ...(situations.length > 0 ? [redis.sadd(K.alertedEntities, id)] : []),
    ]);
  }

  return {
    /** Links a person to the entities an agency event names. */
    async addMentions(nik: string, time: number, mentions: readonly EntityMention[]): Promise<void> {
      for (const mention of mentions) {
        if (mention.kind === 'sponsor') {
          const { id, isNewSpelling } = await resolveName('sponsor', mention.key);
          if (isNewSpelling) await markIfWatchlisted('sponsor', id, mention.key);
          await linkEntityToPerson(id, 'sponsor', mention.label, nik, time);
          continue;
        }
        const id = entityIdOf(mention.kind, mention.key);
        if (mention.kind === 'company') {
          // The licence decides who the company is; its name is kept for watchlist matching.
          const fresh = (await redis.sadd(K.entityNames(id), mention.label)) === 1;
          if (fresh) {
            await Promise.all(
              nameBlockKeys(mention.label).map((key) => redis.sadd(K.block('company', key), id)),
            );
            await markIfWatchlisted('company', id, mention.label);
          }
        }
        await linkEntityToPerson(id, mention.kind, mention.label, nik, time);
      }
    },

    /** Indexes an alert or follow-up for its person's timeline and the network. */
    async addAlert(nik: string, line: AlertLine): Promise<void> {
      const [known, latest, , , entities] = await Promise.all([
        redis.hget(K.personAlerts(nik), line.alertId),
        redis.hget(K.situation(line.firstAlertId), 'line'),
        redis.set(K.alert(line.alertId), nik),
        redis.zadd(K.personSituations(nik), 'LT', line.eventTime, line.firstAlertId),
        redis.zrange(K.personEntities(nik), 0, -1),
      ]);
      // An alert id is deterministic, and a processor that retries a window publishes it again
      // with a later decision time: the first decision is the one kept, whatever the order read.
      const first = (stored: string | null) => {
        const previous = stored ? (JSON.parse(stored) as AlertLine) : undefined;
        return (
          !previous ||
          previous.revision < line.revision ||
          (previous.revision === line.revision && line.alertTime < previous.alertTime)
        );
      };
      await Promise.all([
        ...(first(known) ? [redis.hset(K.personAlerts(nik), line.alertId, JSON.stringify(line))] : []),
        ...(first(latest)
          ? [redis.hset(K.situation(line.firstAlertId), 'nik', nik, 'line', JSON.stringify(line))]
          : []),
        ...entities.map((id) => redis.zadd(K.entityAlerts(id), 'LT', line.eventTime, line.firstAlertId)),
        ...(entities.length > 0 ? [redis.sadd(K.alertedEntities, ...entities)] : []),
      ]);
    },

    async addAction(nik: string, line: ActionLine): Promise<void> {
      await redis.hset(K.personActions(nik), line.actionId, JSON.stringify(line));
    },

    /**
     * Keeps the latest version of a watchlist entry and marks the entities it matches (or unmarks
     * them once it is withdrawn). An older version read again changes nothing.
     */
    async addWatchlistEntry(entry: WatchlistEvent): Promise<void> {
      const stored = await redis.hget(K.watchlist, entry.entryId);
      const previous = stored ? (JSON.parse(stored) as WatchlistEvent) : undefined;
      if (previous && previous.eventTime > entry.eventTime) return;
      await redis.hset(K.watchlist, entry.entryId, JSON.stringify(entry));
      const targets = watchlistTargets(entry);
      const ids = new Set(targets.entityIds);
      for (const { kind, name } of targets.names) {
        const candidates = [
          ...new Set(
            (await Promise.all(nameBlockKeys(name).map((key) => redis.smembers(K.block(kind, key))))).flat(),
          ),
        ];
        const spellings = await Promise.all(candidates.map((id) => redis.smembers(K.entityNames(id))));
        candidates.forEach((id, index) => {
          if (spellings[index]?.some((known) => namesMatch(name, known))) ids.add(id);
        });
      }
      await Promise.all(
        [...ids].map((id) =>
          entry.active
            ? redis.sadd(K.entityWatchlist(id), entry.entryId)
            : redis.srem(K.entityWatchlist(id), entry.entryId),
        ),
      );
    },
  };
}
