import type { Redis } from '@waspada/common';
import { nameBlockKeys, namesMatch, normalizedName } from '@waspada/risk-rules';
import type { WatchlistEvent } from '@waspada/schemas';
import {
  entityIdOf,
  kindOf,
  matchingEntity,
  watchlistTargets,
  type EntityKind,
  type EntityMention,
} from './case-links';
import type { ActionLine, AlertLine } from './person-records';

/**
 * The analyst index in Redis, written by the index consumer from the streams and read by the
 * analyst APIs. Every write is a set or sorted-set add, or a compare-then-write on a revision or
 * event time, so reading the streams again from an earlier offset changes nothing. Keys start with
 * `waspada:analyst:`, never `waspada:{`, so a risk-processor rebuild does not touch them:
 *
 *   person:<nik>:alerts          hash alertId → AlertLine (every revision)
 *   person:<nik>:actions         hash actionId → ActionLine
 *   person:<nik>:situations      zset firstAlertId, by the situation's event time
 *   person:<nik>:entities        zset entity id, by the first event time that linked them
 *   alert:<alertId>              string: the NIK of the alert (for the network of an alert)
 *   situation:<firstAlertId>     hash nik, line (the latest revision's AlertLine)
 *   entity:<id>                  hash kind, label
 *   entity:<id>:names            set: every spelling seen of a named entity
 *   entity:<id>:people           zset NIK, by first event time
 *   entity:<id>:alerts           zset firstAlertId, by the situation's event time
 *   entity:<id>:watchlist        set: watchlist entry ids that match the entity
 *   name:<kind>:<folded name>    string: the entity a folded spelling resolved to
 *   block:<kind>:<key>           set: named entities with this blocking key (nameBlockKeys)
 *   watchlist                    hash entryId → latest WatchlistEvent (JSON)
 *   alerted-entities             set: entities linked to at least one alert
 *
 * An alert is linked to every entity of its person, whichever of the two arrives first: a person's
 * new entity picks up the person's alerts and a new alert picks up the person's entities.
 */
const P = 'waspada:analyst:';
const K = {
  personAlerts: (nik: string) => `${P}person:${nik}:alerts`,
  personActions: (nik: string) => `${P}person:${nik}:actions`,
  personSituations: (nik: string) => `${P}person:${nik}:situations`,
  personEntities: (nik: string) => `${P}person:${nik}:entities`,
  alert: (alertId: string) => `${P}alert:${alertId}`,
  situation: (firstAlertId: string) => `${P}situation:${firstAlertId}`,
  entity: (id: string) => `${P}entity:${id}`,
  entityNames: (id: string) => `${P}entity:${id}:names`,
  entityPeople: (id: string) => `${P}entity:${id}:people`,
  entityAlerts: (id: string) => `${P}entity:${id}:alerts`,
  entityWatchlist: (id: string) => `${P}entity:${id}:watchlist`,
  name: (kind: EntityKind, folded: string) => `${P}name:${kind}:${folded}`,
  block: (kind: EntityKind, key: string) => `${P}block:${kind}:${key}`,
  watchlist: `${P}watchlist`,
  alertedEntities: `${P}alerted-entities`,
};

/** Tolerant kinds the watchlist entry types point at, for marking a newly seen name. */
const WATCHLIST_KINDS: Readonly<Record<WatchlistEvent['entryType'], EntityKind | undefined>> = {
  RECRUITER: 'sponsor',
  SPONSOR: 'sponsor',
  PLACEMENT_COMPANY: 'company',
  PHONE_NUMBER: undefined,
  SOCIAL_MEDIA_ACCOUNT: undefined,
};

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

export function createAnalystStore(redis: Redis) {
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

export type AnalystStore = ReturnType<typeof createAnalystStore>;

/** ZRANGE ... WITHSCORES answers [member, score, member, score, ...]. */
function pairs(flat: readonly string[]): [string, number][] {
  const result: [string, number][] = [];
  for (let index = 0; index + 1 < flat.length; index += 2)
    result.push([flat[index] as string, Number(flat[index + 1])]);
  return result;
}
