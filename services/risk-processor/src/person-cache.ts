import type { CompanionFlag, PersonState } from '@waspada/risk-rules';
import type { PersonStore } from './batch-processor';

/**
 * People kept in memory from one window to the next, so a person whose records arrive over many
 * windows (a catch-up hands records over in the order Kafka appended them, topic by topic) is read
 * from Redis and parsed once, not in every window that touches them. Measured on a replay of the
 * simulator's history: 84,000 person loads for 110,000 events, each a whole JSON state of 4.4 KB.
 *
 * Why memory may stand in for Redis: an instance holding a task is the only writer of its people's
 * states (the task's Kafka transactional id and its Redis epoch are fenced for it, see
 * createStateStore), and a window's states are what it saved. So a state is kept only once its
 * window committed, and everything is forgotten when that reasoning may no longer hold:
 *
 *   - a window failed (its batches may have half-changed states in memory that Redis never got);
 *   - the instance took a task (again): another instance may have changed its people meanwhile;
 *   - the Redis state was lost and rebuilt (a failed window comes first, so the first rule covers it).
 *
 * The marks other people's reports leave on a person (R11) are written from every task, so they are
 * read from Redis every time, for cached people too.
 *
 * Bounded: the least recently used people go first, so memory stays flat however many people the
 * topics hold.
 */
/** About 10 KB of memory a person: some 100 MB at most. */
export const DEFAULT_PERSON_CACHE_SIZE = 10_000;

export function createPersonCache(capacity: number) {
  const people = new Map<string, PersonState>();
  // Counts forget(): a window judged before the last forget() keeps nothing when it commits (a
  // task taken again while it committed may have had another writer meanwhile).
  let generation = 0;

  function touch(nik: string, state: PersonState): void {
    people.delete(nik);
    people.set(nik, state);
  }

  return {
    /** The store the windows read people through: cached states, fresh marks; Redis for the rest. */
    reading<T extends Pick<PersonStore, 'loadPeople' | 'loadFlags'>>(store: T): T {
      if (capacity === 0) return store;
      return {
        ...store,
        async loadPeople(niks: readonly string[]) {
          const cached = niks.filter((nik) => people.has(nik));
          const missing = cached.length === 0 ? niks : niks.filter((nik) => !people.has(nik));
          const [loaded, flags] = await Promise.all([
            store.loadPeople(missing),
            cached.length > 0 ? store.loadFlags(cached) : new Map<string, CompanionFlag[]>(),
          ]);
          for (const nik of cached) {
            const state = people.get(nik);
            if (state) {
              touch(nik, state);
              loaded.set(nik, { state, flags: flags.get(nik) ?? [] });
            }
          }
          return loaded;
        },
      };
    },

    /**
     * A window committed: the states it held are what Redis holds now, unless the cache was emptied
     * since the window was judged (`judgedIn`, what generation() said then).
     */
    keep(states: Iterable<PersonState>, judgedIn: number): void {
      if (capacity === 0 || judgedIn !== generation) return;
      for (const state of states) touch(state.nik, state);
      for (const nik of people.keys()) {
        if (people.size <= capacity) break;
        people.delete(nik);
      }
    },

    forget(): void {
      people.clear();
      generation += 1;
    },

    generation: () => generation,

    size: () => people.size,
  };
}

export type PersonCache = ReturnType<typeof createPersonCache>;
