import type { ReferenceData } from '@waspada/domain';
import type { WatchlistEvent } from '@waspada/schemas';
import type { RuleSet } from './ruleset/rule-set';

/** Another person seen on the same booking, sponsor or passport number, at an event time. */
export interface LinkedPerson {
  readonly nik: string;
  readonly time: number;
  /** Whether that person had a KP2MI placement under way when seen. */
  readonly placement: boolean;
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
  readonly companionFlags: readonly CompanionFlag[];
}

export const NO_LINKS: Links = {
  byBooking: new Map(),
  bySponsor: new Map(),
  sponsorAlerts: new Map(),
  passportHolders: new Map(),
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
  entriesAt(time: number): readonly WatchlistEntry[];
}

export function watchlistOf(events: readonly WatchlistEntry[]): Watchlist {
  const versions = new Map<string, WatchlistEntry[]>();
  for (const event of [...events].sort((a, b) => a.eventTime - b.eventTime)) {
    versions.set(event.entryId, [...(versions.get(event.entryId) ?? []), event]);
  }
  return {
    entriesAt(time) {
      const entries: WatchlistEntry[] = [];
      for (const history of versions.values()) {
        const current = history.filter((version) => version.eventTime <= time).pop();
        if (current?.active) entries.push(current);
      }
      return entries;
    },
  };
}

export interface RuleContext {
  readonly ruleSet: RuleSet;
  readonly reference: ReferenceData;
  readonly watchlist: Watchlist;
  readonly links: Links;
}
