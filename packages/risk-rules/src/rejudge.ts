import { nameUuid } from '@waspada/common';
import type { RejudgeRequest, RuleExemption } from '@waspada/schemas';
import { identifierKey, type LinkedPerson, type Links, type WatchlistEntry } from './context';
import { departuresOnCard, type LinkKey } from './links';
import { normalizedName } from './names/name-match';
import { identityAt, type PersonState } from './person/person-state';
import type { Situation } from './situations';

/**
 * Knowledge about one person often arrives through someone else's record: the parent scanned a
 * minute after the child, the third member of a group reaching the counter, a watchlist entry
 * naming the sponsor people travelled with last week. The people concerned sit on other
 * partitions, so the processor that learns it writes a RejudgeRequest keyed by each person's NIK in
 * its window's transaction, and the processor owning that person judges their recent departures
 * again with that knowledge (`knownAt` in the person view). Requests are pure functions of what was
 * learnt, with deterministic ids, so a window judged twice asks the same questions once.
 */
const REJUDGE_NAMESPACE = '4b1d2a66-7c1e-5f3a-9b0e-3d5c2e8f1a77';
const rejudgeUuid = nameUuid(REJUDGE_NAMESPACE);

/** How long after someone's departure a companion's scan still bears on it. */
export const COMPANION_HORIZON_MS = 48 * 3_600_000;
/** How far back a new watchlist entry re-screens departures and people abroad. */
export const WATCHLIST_HORIZON_MS = 30 * 86_400_000;

function request(
  nik: string,
  cause: RejudgeRequest['cause'],
  causeEventId: string,
  eventTime: number,
  situationsFrom: number,
): RejudgeRequest {
  return {
    eventId: rejudgeUuid(`${cause}|${causeEventId}|${nik}`),
    eventTime,
    nik,
    cause,
    causeEventId,
    situationsFrom,
  };
}

/**
 * After a departure is judged on a new record: the people who shared its booking, sponsor or family
 * card and reached a counter within the horizon, whose own judgement this scan may change (a parent
 * for a child judged alone, a third member for the first two of a group). Later scans count too:
 * people on other partitions are handled in no fixed order, so a companion scanned after this one
 * may have been judged before this scan was known.
 */
export function companionRequests(state: PersonState, situation: Situation, links: Links): RejudgeRequest[] {
  if (situation.kind !== 'departure') return [];
  const crossing = situation.trigger;
  const companions = new Map<string, LinkedPerson>();
  const consider = (members: readonly LinkedPerson[] | undefined) => {
    for (const member of members ?? []) {
      if (member.nik === state.nik) continue;
      if (Math.abs(crossing.eventTime - member.time) > COMPANION_HORIZON_MS) continue;
      const known = companions.get(member.nik);
      if (!known || known.time > member.time) companions.set(member.nik, member);
    }
  };
  if (crossing.bookingReference) consider(links.byBooking.get(crossing.bookingReference));
  if (crossing.sponsor) consider(links.bySponsor.get(normalizedName(crossing.sponsor)));
  const card = identityAt(
    state.history.filter((event) => event.eventTime <= situation.time),
  )?.familyCardNumber;
  if (card) consider(links.familyTrips.get(card));
  return [...companions.values()].map((member) =>
    request(
      member.nik,
      'COMPANION_SCANNED',
      crossing.eventId,
      Math.max(crossing.eventTime, member.time),
      Math.min(crossing.eventTime, member.time),
    ),
  );
}

/**
 * After an identity record put departures already in a person's history on a family card (it
 * arrived after them: see laterTripsOnCard): the card's people who reached a counter within the
 * horizon of each, since no judgement of theirs could see this person on the card. The requests
 * carry the departure as their cause, so they are the very requests the departure would have made.
 */
export function lateFamilyRequests(
  state: PersonState,
  identityEventId: string,
  links: Links,
): RejudgeRequest[] {
  const identity = state.history.find((event) => event.eventId === identityEventId);
  const card = identity?.kind === 'identity' ? identity.familyCardNumber : null;
  if (!identity || !card) return [];
  const requests = new Map<string, RejudgeRequest>();
  for (const { departure } of departuresOnCard(state, card, identity.eventTime)) {
    for (const member of links.familyTrips.get(card) ?? []) {
      if (member.nik === state.nik || Math.abs(member.time - departure.eventTime) > COMPANION_HORIZON_MS)
        continue;
      const asked = request(
        member.nik,
        'COMPANION_SCANNED',
        departure.eventId,
        Math.max(departure.eventTime, member.time),
        Math.min(departure.eventTime, member.time),
      );
      requests.set(asked.eventId, asked);
    }
  }
  return [...requests.values()];
}

/** The link indexes a watchlist entry may name: sponsors and agencies by folded name, phones by number. */
export function watchlistLinkKeys(entry: WatchlistEntry): LinkKey[] {
  if (!entry.active) return [];
  const keys: LinkKey[] = [];
  for (const name of [entry.name, ...entry.aliases]) {
    if (!name) continue;
    keys.push(`sponsor:${normalizedName(name)}`, `agency:${normalizedName(name)}`);
  }
  if (entry.identifier && entry.entryType === 'PHONE_NUMBER')
    keys.push(`phone:${identifierKey(entry.identifier)}`);
  return [...new Set(keys)];
}

/** The people a new watchlist entry re-screens: those seen on its names or numbers in the horizon before it. */
export function watchlistRequests(
  entry: WatchlistEntry,
  found: ReadonlyMap<LinkKey, readonly LinkedPerson[]>,
): RejudgeRequest[] {
  const people = new Map<string, number>();
  for (const key of watchlistLinkKeys(entry)) {
    for (const member of found.get(key) ?? []) {
      if (member.time > entry.eventTime || entry.eventTime - member.time > WATCHLIST_HORIZON_MS) continue;
      people.set(member.nik, Math.min(people.get(member.nik) ?? member.time, member.time));
    }
  }
  return [...people].map(([nik, since]) =>
    request(nik, 'WATCHLIST_CHANGED', entry.eventId, entry.eventTime, since),
  );
}

/**
 * What a situation is judged as of: its own time, or later when a request brought knowledge about
 * it (the latest request covering it). Rules that read other people's records or the watchlist use
 * this; the person's own history stays as it was at the situation's time.
 */
export function knownAtOf(state: PersonState, situation: Situation): number {
  let knownAt = situation.time;
  for (const event of state.history) {
    if (event.kind !== 'rejudge') continue;
    if (event.situationsFrom <= situation.time && event.eventTime >= situation.time)
      knownAt = Math.max(knownAt, event.eventTime);
  }
  return knownAt;
}

/**
 * An exemption approved or revoked: the person's departures in its period are judged again, so an
 * open alert loses (or regains) the rule now, not at the person's next record. Written with the
 * step, in one transaction (openExemptionLog); judged once the processor's copy holds the step.
 */
export function exemptionRequest(step: RuleExemption): RejudgeRequest {
  return request(step.nik, 'EXEMPTION_CHANGED', step.eventId, step.stepTime, step.validFrom);
}
