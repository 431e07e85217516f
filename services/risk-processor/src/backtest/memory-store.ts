import {
  isTimelessLink,
  linkMember,
  parseLinkMember,
  type CompanionFlag,
  type LinkedPerson,
  type LinkKey,
  type LinkWrite,
} from '@waspada/risk-rules';
import type { DueTimer } from '@waspada/risk-store';
import type { PersonStore } from '../batch-processor';
import { packPerson, unpackPerson, type EventPlaces } from './packed-events';

/**
 * The same horizon and limit as the Redis store's link reads (state-store.ts in @waspada/risk-store),
 * so rules see the same people.
 */
const LINK_HORIZON_MS = 400 * 86_400_000;
const LINK_LIMIT = 500;

/**
 * A Redis sorted set: members ordered by score, then by member, as ZRANGEBYSCORE returns them.
 * Two parallel arrays, not an object per member and a Map per set: a backtest holds hundreds of
 * thousands of sets (a booking, a passport, a sponsor each), almost all of one to three members.
 * A set that grows past a few dozen members gets an index to find a member's score.
 */
interface SortedSet {
  members: string[];
  scores: number[];
  index?: Map<string, number>;
}

/** Members a set is searched through one by one before it gets an index. */
const INDEX_FROM = 32;

const before = (scoreA: number, memberA: string, scoreB: number, memberB: string) =>
  scoreA < scoreB || (scoreA === scoreB && memberA < memberB);

/** The first position whose entry is not before (score, member). */
function lowerBound(set: SortedSet, score: number, member: string): number {
  let low = 0;
  let high = set.members.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(set.scores[middle] as number, set.members[middle] as string, score, member)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function scoreOf(set: SortedSet, member: string): number | undefined {
  if (set.index) return set.index.get(member);
  const position = set.members.indexOf(member);
  return position === -1 ? undefined : set.scores[position];
}

/**
 * Inserts (or with no value, removes) at a position of both arrays. A small set's arrays are made
 * anew at their exact length: a pushed-to array keeps half again and 16 slots spare, which for
 * hundreds of thousands of two-member sets was most of the memory they took.
 */
function spliceBoth(set: SortedSet, position: number, entry?: { member: string; score: number }): void {
  if (set.members.length >= INDEX_FROM) {
    if (entry) {
      set.members.splice(position, 0, entry.member);
      set.scores.splice(position, 0, entry.score);
    } else {
      set.members.splice(position, 1);
      set.scores.splice(position, 1);
    }
  } else if (entry) {
    set.members = set.members.toSpliced(position, 0, entry.member);
    set.scores = set.scores.toSpliced(position, 0, entry.score);
  } else {
    set.members = set.members.toSpliced(position, 1);
    set.scores = set.scores.toSpliced(position, 1);
  }
}

function add(set: SortedSet, member: string, score: number): void {
  const known = scoreOf(set, member);
  if (known === score) return;
  if (known !== undefined) spliceBoth(set, lowerBound(set, known, member));
  const last = set.members.length - 1;
  // History arrives in event-time order, so a new entry almost always goes last.
  const position =
    last < 0 || before(set.scores[last] as number, set.members[last] as string, score, member)
      ? last + 1
      : lowerBound(set, score, member);
  spliceBoth(set, position, { member, score });
  if (set.index) set.index.set(member, score);
  else if (set.members.length > INDEX_FROM)
    set.index = new Map(set.members.map((entry, index) => [entry, set.scores[index] as number]));
}

/** ZRANGEBYSCORE min max LIMIT 0 limit: a binary search to the range, then at most `limit` entries. */
function range(set: SortedSet | undefined, min: number, max: number, limit: number) {
  const found: { score: number; member: string }[] = [];
  if (!set) return found;
  for (let position = lowerBound(set, min, ''); position < set.members.length; position++) {
    const score = set.scores[position] as number;
    if (score > max || found.length === limit) break;
    found.push({ score, member: set.members[position] as string });
  }
  return found;
}

/** ZREM of many members at once: one pass over the set. */
function removeAll(set: SortedSet, gone: ReadonlySet<string>): void {
  let kept = 0;
  for (let position = 0; position < set.members.length; position++) {
    const member = set.members[position] as string;
    if (gone.has(member)) {
      set.index?.delete(member);
      continue;
    }
    set.members[kept] = member;
    set.scores[kept] = set.scores[position] as number;
    kept += 1;
  }
  set.members.length = kept;
  set.scores.length = kept;
}

const emptySet = (): SortedSet => ({ members: [], scores: [] });

/**
 * The person store of a backtest: the Redis layout of @waspada/risk-store's state-store.ts kept in
 * this process's memory, so a backtest never reads or writes the live state. Sorted sets keep
 * Redis's order and limits, so a rule sees the same linked people as live (and a popular sponsor
 * costs a binary search, not a scan). States are kept packed (packed-events.ts): a backtest of a
 * million events holds every person's history, which as objects took gigabytes. Like Redis, a load
 * gives a copy: a change counts once it is saved.
 */
export function createMemoryStore(options: { readonly places?: EventPlaces } = {}) {
  const { places } = options;
  // Each state's packed bytes as a one-byte string: it lives in the JavaScript heap, which the
  // collector compacts, where a Buffer per person is a small allocation outside it; with every
  // window replacing the states it touched, those left the process holding hundreds of megabytes
  // of freed fragments.
  const people = new Map<string, string>();
  const flags = new Map<string, Map<string, CompanionFlag>>();
  const links = new Map<LinkKey, SortedSet>();
  const timers = new Map<number, SortedSet>();
  const watermarks = new Map<number, number>();

  const store: PersonStore = {
    loadPeople(niks) {
      return Promise.resolve(
        new Map(
          niks.map((nik) => {
            const packed = people.get(nik);
            const personFlags = [...(flags.get(nik)?.values() ?? [])];
            return [
              nik,
              packed !== undefined
                ? { state: unpackPerson(nik, Buffer.from(packed, 'latin1'), places), flags: personFlags }
                : { flags: personFlags },
            ] as const;
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
      for (const state of states) people.set(state.nik, packPerson(state, places).toString('latin1'));
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
      // One pass for the lot: fired timers are the front of the set, often thousands at once.
      removeAll(set, new Set(due.map((timer) => `${timer.nik}|${timer.departureEventId}`)));
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
