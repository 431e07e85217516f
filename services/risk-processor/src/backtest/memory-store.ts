import {
  isTimelessLink,
  linkMember,
  parseLinkMember,
  type CompanionFlag,
  type LinkedPerson,
  type LinkKey,
  type LinkWrite,
  type PersonState,
} from '@waspada/risk-rules';
import type { DueTimer } from '@waspada/risk-store';
import type { PersonStore } from '../batch-processor';

/**
 * The same horizon and limit as the Redis store's link reads (state-store.ts in @waspada/risk-store),
 * so rules see the same people.
 */
const LINK_HORIZON_MS = 400 * 86_400_000;
const LINK_LIMIT = 500;

/** A Redis sorted set: members ordered by score, then by member, as ZRANGEBYSCORE returns them. */
interface SortedSet {
  readonly scores: Map<string, number>;
  /** Kept in order; history arrives in event-time order, so a new entry almost always goes last. */
  readonly entries: { score: number; member: string }[];
}

const before = (a: { score: number; member: string }, b: { score: number; member: string }) =>
  a.score < b.score || (a.score === b.score && a.member < b.member);

/** The first position whose entry is not before the given one. */
function lowerBound(entries: SortedSet['entries'], entry: { score: number; member: string }): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(entries[middle] as { score: number; member: string }, entry)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function add(set: SortedSet, member: string, score: number): void {
  const known = set.scores.get(member);
  if (known === score) return;
  if (known !== undefined) set.entries.splice(lowerBound(set.entries, { score: known, member }), 1);
  set.scores.set(member, score);
  const entry = { score, member };
  const last = set.entries[set.entries.length - 1];
  if (!last || before(last, entry)) set.entries.push(entry);
  else set.entries.splice(lowerBound(set.entries, entry), 0, entry);
}

/** ZRANGEBYSCORE min max LIMIT 0 limit: a binary search to the range, then at most `limit` entries. */
function range(set: SortedSet | undefined, min: number, max: number, limit: number) {
  const found: { score: number; member: string }[] = [];
  if (!set) return found;
  for (let index = lowerBound(set.entries, { score: min, member: '' }); index < set.entries.length; index++) {
    const entry = set.entries[index] as { score: number; member: string };
    if (entry.score > max || found.length === limit) break;
    found.push(entry);
  }
  return found;
}

const emptySet = (): SortedSet => ({ scores: new Map(), entries: [] });

/**
 * The person store of a backtest: the Redis layout of @waspada/risk-store's state-store.ts kept in
 * this process's memory, so a backtest never reads or writes the live state. Sorted sets keep
 * Redis's order and limits, so a rule sees the same linked people as live (and a popular sponsor
 * costs a binary search, not a scan). States are kept as objects, not JSON: a backtest owns them
 * alone, so there is nothing to copy.
 */
export function createMemoryStore() {
  const people = new Map<string, PersonState>();
  const flags = new Map<string, Map<string, CompanionFlag>>();
  const links = new Map<LinkKey, SortedSet>();
  const timers = new Map<number, SortedSet>();
  const watermarks = new Map<number, number>();

  const store: PersonStore = {
    loadPeople(niks) {
      return Promise.resolve(
        new Map(
          niks.map((nik) => {
            const state = people.get(nik);
            const personFlags = [...(flags.get(nik)?.values() ?? [])];
            return [nik, state ? { state, flags: personFlags } : { flags: personFlags }] as const;
          }),
        ),
      );
    },

    loadFlags(niks) {
      return Promise.resolve(
        new Map(niks.map((nik) => [nik, [...(flags.get(nik)?.values() ?? [])]] as const)),
      );
    },

    savePeople(states) {
      for (const state of states) people.set(state.nik, state);
      return Promise.resolve();
    },

    addLinks(writes: readonly LinkWrite[]) {
      for (const { key, member } of writes) {
        let set = links.get(key);
        if (!set) links.set(key, (set = emptySet()));
        add(set, linkMember(member), member.time);
      }
      return Promise.resolve();
    },

    readLinks(keys, around) {
      const found = new Map<LinkKey, LinkedPerson[]>();
      for (const key of keys) {
        const timeless = isTimelessLink(key);
        const within = range(
          links.get(key),
          timeless ? Number.NEGATIVE_INFINITY : around - LINK_HORIZON_MS,
          timeless ? Number.POSITIVE_INFINITY : around + LINK_HORIZON_MS,
          LINK_LIMIT,
        );
        found.set(
          key,
          within.map(({ member, score }) => parseLinkMember(member, score)),
        );
      }
      return Promise.resolve(found);
    },

    addFlags(entries) {
      for (const { nik, flag } of entries) {
        const personFlags = flags.get(nik) ?? new Map<string, CompanionFlag>();
        personFlags.set(`${flag.reportId}|${flag.via}`, flag);
        flags.set(nik, personFlags);
      }
      return Promise.resolve();
    },

    scheduleTimers(partition, due: readonly DueTimer[]) {
      if (due.length === 0) return Promise.resolve();
      let set = timers.get(partition);
      if (!set) timers.set(partition, (set = emptySet()));
      for (const timer of due) add(set, `${timer.nik}|${timer.departureEventId}`, timer.due);
      return Promise.resolve();
    },

    dueTimers(partition, until) {
      return Promise.resolve(
        range(timers.get(partition), Number.NEGATIVE_INFINITY, until, Number.POSITIVE_INFINITY).map(
          ({ member, score }) => {
            const [nik = '', departureEventId = ''] = member.split('|');
            return { nik, departureEventId, due: score };
          },
        ),
      );
    },

    removeTimers(partition, due) {
      const set = timers.get(partition);
      if (!set || due.length === 0) return Promise.resolve();
      const gone = new Set(due.map((timer) => `${timer.nik}|${timer.departureEventId}`));
      for (const member of gone) set.scores.delete(member);
      // One compaction for the lot: fired timers are the front of the set, often thousands at once.
      let kept = 0;
      for (const entry of set.entries) if (!gone.has(entry.member)) set.entries[kept++] = entry;
      set.entries.length = kept;
      return Promise.resolve();
    },

    watermark(partition) {
      return Promise.resolve(watermarks.get(partition) ?? 0);
    },

    setWatermark(partition, time) {
      watermarks.set(partition, time);
      return Promise.resolve();
    },

    // A backtest publishes nothing, so there is no window to take alerts again from.
    setOutbox() {
      return Promise.resolve();
    },
  };
  return { ...store, people: () => people.size };
}

export type MemoryStore = ReturnType<typeof createMemoryStore>;
