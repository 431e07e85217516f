import type { CompanionFlag, LinkedPerson, LinkKey, LinkWrite, PersonState } from '@waspada/risk-rules';
import type { PersonStore } from '../batch-processor';
import type { DueTimer } from '../state-store';

/** The same horizon and limit as the Redis store's link reads (state-store.ts), so rules see the same people. */
const LINK_HORIZON_MS = 400 * 86_400_000;
const LINK_LIMIT = 500;

/**
 * The person store of a backtest: the Redis layout of state-store.ts kept in this process's memory,
 * so a backtest never reads or writes the live state. Sorted sets become maps from member to score
 * and are read in Redis's order (score, then member). States are kept as objects, not JSON: a
 * backtest owns them alone, so there is nothing to copy.
 */
export function createMemoryStore() {
  const people = new Map<string, PersonState>();
  const flags = new Map<string, Map<string, CompanionFlag>>();
  const links = new Map<LinkKey, Map<string, number>>();
  const timers = new Map<number, Map<string, number>>();
  const watermarks = new Map<number, number>();

  const bySortedSetOrder = (a: [string, number], b: [string, number]) =>
    a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

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

    savePeople(states) {
      for (const state of states) people.set(state.nik, state);
      return Promise.resolve();
    },

    addLinks(writes: readonly LinkWrite[]) {
      for (const { key, member } of writes) {
        const set = links.get(key) ?? new Map<string, number>();
        set.set(`${member.nik}|${member.placement ? 1 : 0}`, member.time);
        links.set(key, set);
      }
      return Promise.resolve();
    },

    readLinks(keys, around) {
      const found = new Map<LinkKey, LinkedPerson[]>();
      for (const key of keys) {
        const within = [...(links.get(key) ?? [])].filter(
          ([, time]) => time >= around - LINK_HORIZON_MS && time <= around + LINK_HORIZON_MS,
        );
        if (within.length > 1) within.sort(bySortedSetOrder);
        found.set(
          key,
          within.slice(0, LINK_LIMIT).map(([member, time]) => {
            const [nik = '', placement] = member.split('|');
            return { nik, time, placement: placement === '1' };
          }),
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
      const set = timers.get(partition) ?? new Map<string, number>();
      for (const timer of due) set.set(`${timer.nik}|${timer.departureEventId}`, timer.due);
      timers.set(partition, set);
      return Promise.resolve();
    },

    dueTimers(partition, until) {
      const due = [...(timers.get(partition) ?? [])].filter(([, time]) => time <= until);
      due.sort(bySortedSetOrder);
      return Promise.resolve(
        due.map(([member, time]) => {
          const [nik = '', departureEventId = ''] = member.split('|');
          return { nik, departureEventId, due: time };
        }),
      );
    },

    removeTimers(partition, due) {
      const set = timers.get(partition);
      for (const timer of due) set?.delete(`${timer.nik}|${timer.departureEventId}`);
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
