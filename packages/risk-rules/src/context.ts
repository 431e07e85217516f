import type { ReferenceData } from '@waspada/domain';
import type { WatchlistEvent } from '@waspada/schemas';
import { nameBlockKeys } from './names/name-match';
import type { Exemptions } from './ruleset/exemptions';
import type { RuleSet } from './ruleset/rule-set';

/** Another person seen on the same booking, sponsor or passport number, at an event time. */
export interface LinkedPerson {
  readonly nik: string;
  readonly time: number;
  /** Whether that person had a KP2MI placement under way when seen. */
  readonly placement: boolean;
  /** That person's family card (Kartu Keluarga) when Dukcapil had reported it; absent in older links. */
  readonly familyCard?: string | null;
}

/** A mark left on a person by someone else's report abroad: "travelled with a victim". */
export interface CompanionFlag {
  readonly reportId: string;
  readonly eventId: string;
  readonly eventTime: number;
  readonly category: string;
  /** How the link was made: named in the report, or shared the victim's booking or sponsor. */
  readonly via: 'named' | 'booking' | 'sponsor' | 'passport';
}

/**
 * What other people's streams say about this person's situation. The processor looks these up in
 * Redis before evaluating (the lookups each rule needs are listed by linkLookups); tests build them
 * by hand.
 */
export interface Links {
  readonly byBooking: ReadonlyMap<string, readonly LinkedPerson[]>;
  readonly bySponsor: ReadonlyMap<string, readonly LinkedPerson[]>;
  /** People with an alert who named this sponsor, keyed by the folded sponsor name. */
  readonly sponsorAlerts: ReadonlyMap<string, readonly LinkedPerson[]>;
  readonly passportHolders: ReadonlyMap<string, readonly LinkedPerson[]>;
  /** People Dukcapil lists on a family card, by card number. */
  readonly familyMembers: ReadonlyMap<string, readonly LinkedPerson[]>;
  /** Departures of people on a family card, by card number, at their scan times. */
  readonly familyTrips: ReadonlyMap<string, readonly LinkedPerson[]>;
  readonly companionFlags: readonly CompanionFlag[];
}

export const NO_LINKS: Links = {
  byBooking: new Map(),
  bySponsor: new Map(),
  sponsorAlerts: new Map(),
  passportHolders: new Map(),
  familyMembers: new Map(),
  familyTrips: new Map(),
  companionFlags: [],
};

export type WatchlistEntry = Pick<
  WatchlistEvent,
  | 'entryId'
  | 'eventId'
  | 'eventTime'
  | 'entryType'
  | 'name'
  | 'aliases'
  | 'identifier'
  | 'licenceStatus'
  | 'reason'
  | 'active'
>;

/**
 * The watchlist as it stood at a moment of event time: the latest version of each entry at or
 * before that moment, so replaying history judges each departure by the list of its day.
 */
export interface Watchlist {
  /**
   * Entries active at `time` whose name or an alias may match `name`: those sharing a folded
   * token's first or last three letters with it. The caller decides with namesMatch. A true match
   * is missed only if every token of the name has a slip in its middle letter (five-letter tokens).
   */
  candidates(name: string, time: number): readonly WatchlistEntry[];
  /** Entries active at `time` listing this identifier (licence number, phone, account). */
  withIdentifier(identifier: string, time: number): readonly WatchlistEntry[];
}

/**
 * Identifiers as the watchlist and the booking may each write them: a phone as +62 812-..., 0812...
 * or 62812... is one number; anything else is compared as written, in capitals.
 */
export function identifierKey(identifier: string): string {
  const trimmed = identifier.trim();
  if (/^\+?[\d\s().-]{7,}$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
  }
  return trimmed.toUpperCase();
}

export function watchlistOf(events: readonly WatchlistEntry[]): Watchlist {
  // Each entry's versions in event-time order.
  const versions = new Map<string, WatchlistEntry[]>();
  const byKey = new Map<string, Set<string>>();
  const index = (key: string, entryId: string) => {
    const ids = byKey.get(key) ?? new Set<string>();
    ids.add(entryId);
    byKey.set(key, ids);
  };
  for (const event of [...events].sort((a, b) => a.eventTime - b.eventTime)) {
    versions.set(event.entryId, [...(versions.get(event.entryId) ?? []), event]);
    for (const name of [event.name, ...event.aliases]) {
      if (name) for (const key of nameBlockKeys(name)) index(key, event.entryId);
    }
    if (event.identifier) index(`#${identifierKey(event.identifier)}`, event.entryId);
  }
  const activeAt = (ids: Iterable<string>, time: number) => {
    const entries: WatchlistEntry[] = [];
    for (const id of ids) {
      const entryVersions = versions.get(id) ?? [];
      let index = entryVersions.length - 1;
      while (index >= 0 && (entryVersions[index] as WatchlistEntry).eventTime > time) index -= 1;
      const current = entryVersions[index];
      if (current?.active) entries.push(current);
    }
    return entries;
  };
  // The entries that share a blocking key with a name, by name: sponsors and agencies repeat, and
  // this list does not change (a new entry makes a new list).
  const idsByName = new Map<string, readonly string[]>();
  const candidateIds = (name: string) => {
    let ids = idsByName.get(name);
    if (!ids) {
      const found = new Set<string>();
      for (const key of nameBlockKeys(name)) for (const id of byKey.get(key) ?? []) found.add(id);
      ids = [...found];
      if (idsByName.size >= 20_000) idsByName.clear();
      idsByName.set(name, ids);
    }
    return ids;
  };
  return {
    candidates: (name, time) => activeAt(candidateIds(name), time),
    withIdentifier: (identifier, time) => activeAt(byKey.get(`#${identifierKey(identifier)}`) ?? [], time),
  };
}

export interface RuleContext {
  readonly ruleSet: RuleSet;
  readonly reference: ReferenceData;
  readonly watchlist: Watchlist;
  readonly links: Links;
  /** Approved exemptions (exemptions.ts); none when absent, as in a backtest. */
  readonly exemptions?: Exemptions;
}
