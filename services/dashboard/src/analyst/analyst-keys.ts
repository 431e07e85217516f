import type { EntityKind } from './case-links';

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
export function analystKeys(prefix = 'waspada:analyst:') {
  const P = prefix;
  return {
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
}

export type AnalystKeys = ReturnType<typeof analystKeys>;

/** ZRANGE ... WITHSCORES answers [member, score, member, score, ...]. */
export function pairs(flat: readonly string[]): [string, number][] {
  const result: [string, number][] = [];
  for (let index = 0; index + 1 < flat.length; index += 2)
    result.push([flat[index] as string, Number(flat[index + 1])]);
  return result;
}
