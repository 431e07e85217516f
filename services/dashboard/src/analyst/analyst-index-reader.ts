import type { Redis } from '@waspada/common';
import { pairs, type AnalystKeys } from './analyst-keys';
import { kindOf, type EntityKind } from './case-links';
import type { EntityResolver } from './entity-resolver';
import type { AlertLine, ActionLine } from './person-records';

export interface EntityInfo {
  readonly id: string;
  readonly kind: EntityKind;
  readonly label: string;
  readonly names: readonly string[];
  readonly watchlist: readonly { entryId: string; entryType: string; name: string | null; reason: string }[];
}

export interface SituationInfo {
  readonly nik: string;
  readonly line: AlertLine;
}

/** What the analyst APIs read: a person's timeline, the network of an entity, the ranked entities. */
export function createAnalystIndexReader(
  redis: Redis,
  K: AnalystKeys,
  names: Pick<EntityResolver, 'watchlistEntries'>,
) {
  const { watchlistEntries } = names;
  return {
    async personAlerts(nik: string): Promise<AlertLine[]> {
      return Object.values(await redis.hgetall(K.personAlerts(nik))).map(
        (json) => JSON.parse(json) as AlertLine,
      );
    },

    async personActions(nik: string): Promise<ActionLine[]> {
      return Object.values(await redis.hgetall(K.personActions(nik))).map(
        (json) => JSON.parse(json) as ActionLine,
      );
    },

    /** The NIK an alert (or follow-up) is about, if the index has read it. */
    nikOfAlert: (alertId: string) => redis.get(K.alert(alertId)),

    async personEntities(nik: string): Promise<string[]> {
      return redis.zrange(K.personEntities(nik), 0, -1);
    },

    /** The entities of a person, each with the earliest event time that linked them. */
    async personEntityLinks(nik: string): Promise<{ id: string; time: number }[]> {
      return pairs(await redis.zrange(K.personEntities(nik), 0, -1, 'WITHSCORES')).map(([id, time]) => ({
        id,
        time,
      }));
    },

    /** How many people the index links to each entity. */
    async entityPeopleCounts(ids: readonly string[]): Promise<number[]> {
      return Promise.all(ids.map((id) => redis.zcard(K.entityPeople(id))));
    },

    async entityPeople(id: string, limit: number): Promise<{ nik: string; time: number }[]> {
      return pairs(await redis.zrange(K.entityPeople(id), 0, limit - 1, 'WITHSCORES')).map(([nik, time]) => ({
        nik,
        time,
      }));
    },

    async entityAlertIds(id: string, limit: number): Promise<string[]> {
      return redis.zrange(K.entityAlerts(id), 0, limit - 1);
    },

    async situations(firstAlertIds: readonly string[]): Promise<Map<string, SituationInfo>> {
      const found = await Promise.all(firstAlertIds.map((id) => redis.hmget(K.situation(id), 'nik', 'line')));
      const result = new Map<string, SituationInfo>();
      found.forEach(([nik, line], index) => {
        const id = firstAlertIds[index];
        if (id && nik && line) result.set(id, { nik, line: JSON.parse(line) as AlertLine });
      });
      return result;
    },

    /** Whether the index has seen an entity (a person was ever linked to it). */
    async entityKnown(id: string): Promise<boolean> {
      return (await redis.exists(K.entityPeople(id))) === 1;
    },

    async entities(ids: readonly string[]): Promise<EntityInfo[]> {
      const watchlist = new Map((await watchlistEntries()).map((entry) => [entry.entryId, entry]));
      return Promise.all(
        ids.map(async (id) => {
          const [fields, names, marks] = await Promise.all([
            redis.hgetall(K.entity(id)),
            redis.smembers(K.entityNames(id)),
            redis.smembers(K.entityWatchlist(id)),
          ]);
          return {
            id,
            kind: kindOf(id) ?? 'sponsor',
            label: fields.label ?? id.slice(id.indexOf(':') + 1),
            names: names.sort(),
            watchlist: marks.sort().flatMap((entryId) => {
              const entry = watchlist.get(entryId);
              return entry?.active
                ? [{ entryId, entryType: entry.entryType, name: entry.name, reason: entry.reason }]
                : [];
            }),
          };
        }),
      );
    },

    /**
     * Entities by the number of distinct alerts (situations) linked to them whose event time lies
     * in [from, to]: one ZCOUNT per entity that has any alert, in one pipelined round trip.
     */
    async topEntities(
      from: number,
      to: number,
      limit: number,
    ): Promise<{ id: string; alerts: number; people: number }[]> {
      const ids = await redis.smembers(K.alertedEntities);
      const counts = await Promise.all(ids.map((id) => redis.zcount(K.entityAlerts(id), from, to)));
      const ranked = ids
        .map((id, index) => ({ id, alerts: counts[index] ?? 0 }))
        .filter((entry) => entry.alerts > 0)
        .sort((a, b) => b.alerts - a.alerts || a.id.localeCompare(b.id))
        .slice(0, limit);
      const people = await Promise.all(ranked.map(({ id }) => redis.zcard(K.entityPeople(id))));
      return ranked.map((entry, index) => ({ ...entry, people: people[index] ?? 0 }));
    },
  };
}
