import { NIK_SHAPE } from '@waspada/domain';
import { identifierKey, type CompanionFlag, type LinkedPerson, type Links } from './context';
import { normalizedName } from './names/name-match';
import {
  activePlacements,
  eventsUntil,
  identityAt,
  type PersonEvent,
  type PersonState,
} from './person/person-state';
import type { AbroadEvent, Situation } from './situations';

/**
 * An index read whole, whatever its members' times: a family card lists a family for years, while
 * bookings, sponsors and passports are read around the situation's time.
 */
export function isTimelessLink(key: LinkKey): boolean {
  return key.startsWith('family:');
}

/**
 * Links between people live outside any one person's state, because the people sharing a booking
 * or a sponsor sit on other partitions. A link key names one index: `booking:<ref>`,
 * `sponsor:<folded name>`, `sponsor-alerts:<folded name>`, `passport:<number>`, `family:<card>`
 * (Dukcapil's listing), `family-trip:<card>` (departures of the card's people), `agency:<folded
 * name>` and `phone:<number>` (what a watchlist entry may name).
 */
export type LinkKey = string;

export interface LinkWrite {
  readonly key: LinkKey;
  readonly member: LinkedPerson;
}

/** The index entries an applied event adds: idempotent, so a replay adds nothing new. */
export function linkWritesFor(state: PersonState, event: PersonEvent): LinkWrite[] {
  const known = eventsUntil(state.history, event.eventTime);
  const placement = activePlacements(known, event.eventTime).length > 0;
  const familyCard = identityAt(known)?.familyCardNumber ?? null;
  const member: LinkedPerson = { nik: state.nik, time: event.eventTime, placement, familyCard };
  if (event.kind === 'identity' && event.familyCardNumber)
    return [
      { key: `family:${event.familyCardNumber}`, member },
      ...laterTripsOnCard(state, event.familyCardNumber, event.eventTime),
    ];
  if (event.kind === 'passport' && event.passportNumber)
    return [{ key: `passport:${event.passportNumber}`, member }];
  if (event.kind !== 'crossing' || event.direction !== 'DEPARTURE') return [];
  const writes: LinkWrite[] = [];
  if (event.bookingReference) writes.push({ key: `booking:${event.bookingReference}`, member });
  if (event.sponsor) writes.push({ key: `sponsor:${normalizedName(event.sponsor)}`, member });
  if (familyCard) writes.push({ key: `family-trip:${familyCard}`, member });
  if (event.travelAgencyName)
    writes.push({ key: `agency:${normalizedName(event.travelAgencyName)}`, member });
  for (const phone of new Set(event.contactPhones))
    writes.push({ key: `phone:${identifierKey(phone)}`, member });
  if (event.documentType === 'PASSPORT') writes.push({ key: `passport:${event.documentNumber}`, member });
  return writes;
}

/**
 * The departures in a history from `since` on that the person made while on a family card. Agency
 * topics are read in no common order, so Dukcapil's record of a family often lands after the
 * family's crossings (a replay, a late sync); the family-trip index must then still list those
 * crossings, or a child and the parent beside her would never be seen together.
 */
export function departuresOnCard(
  state: PersonState,
  card: string,
  since: number,
): { departure: PersonEvent; placement: boolean }[] {
  const found: { departure: PersonEvent; placement: boolean }[] = [];
  for (const departure of state.history) {
    if (departure.kind !== 'crossing' || departure.direction !== 'DEPARTURE' || departure.eventTime < since)
      continue;
    const known = eventsUntil(state.history, departure.eventTime);
    if (identityAt(known)?.familyCardNumber !== card) continue;
    found.push({ departure, placement: activePlacements(known, departure.eventTime).length > 0 });
  }
  return found;
}

function laterTripsOnCard(state: PersonState, card: string, since: number): LinkWrite[] {
  return departuresOnCard(state, card, since).map(({ departure, placement }) => ({
    key: `family-trip:${card}`,
    member: { nik: state.nik, time: departure.eventTime, placement, familyCard: card },
  }));
}

/** When an alert names a sponsor, later travellers naming the same sponsor learn of it (R08). */
export function alertLinkWrite(state: PersonState, situation: Situation): LinkWrite | undefined {
  if (situation.kind !== 'departure' || !situation.trigger.sponsor) return undefined;
  return {
    key: `sponsor-alerts:${normalizedName(situation.trigger.sponsor)}`,
    member: { nik: state.nik, time: situation.time, placement: false },
  };
}

/** The indexes a situation's judgement reads. */
export function linkLookupsFor(state: PersonState, situation: Situation): LinkKey[] {
  const keys: LinkKey[] = [];
  for (const event of state.history) {
    if (event.kind === 'passport' && event.passportNumber && event.eventTime <= situation.time) {
      keys.push(`passport:${event.passportNumber}`);
    }
  }
  if (situation.kind === 'departure') {
    const crossing = situation.trigger;
    const card = identityAt(eventsUntil(state.history, situation.time))?.familyCardNumber;
    if (card) keys.push(`family:${card}`, `family-trip:${card}`);
    if (crossing.bookingReference) keys.push(`booking:${crossing.bookingReference}`);
    // The passengers the airline lists, by passport: Immigration's records say whose each is.
    for (const passenger of crossing.bookingParty)
      if (passenger.documentNumber) keys.push(`passport:${passenger.documentNumber}`);
    if (crossing.sponsor) {
      const sponsor = normalizedName(crossing.sponsor);
      keys.push(`sponsor:${sponsor}`, `sponsor-alerts:${sponsor}`);
    }
    if (crossing.documentType === 'PASSPORT') keys.push(`passport:${crossing.documentNumber}`);
  }
  return [...new Set(keys)];
}

export function linksFrom(
  found: ReadonlyMap<LinkKey, readonly LinkedPerson[]>,
  flags: readonly CompanionFlag[],
): Links {
  const byIndex = {
    booking: new Map<string, readonly LinkedPerson[]>(),
    sponsor: new Map<string, readonly LinkedPerson[]>(),
    'sponsor-alerts': new Map<string, readonly LinkedPerson[]>(),
    passport: new Map<string, readonly LinkedPerson[]>(),
    family: new Map<string, readonly LinkedPerson[]>(),
    'family-trip': new Map<string, readonly LinkedPerson[]>(),
  };
  // One pass: a window's lookups are read once and shared by every person it judges.
  for (const [key, members] of found) {
    const cut = key.indexOf(':');
    if (cut < 0) continue;
    const index = key.slice(0, cut);
    if (Object.hasOwn(byIndex, index))
      byIndex[index as keyof typeof byIndex].set(key.slice(cut + 1), members);
  }
  return {
    byBooking: byIndex.booking,
    bySponsor: byIndex.sponsor,
    sponsorAlerts: byIndex['sponsor-alerts'],
    passportHolders: byIndex.passport,
    familyMembers: byIndex.family,
    familyTrips: byIndex['family-trip'],
    companionFlags: flags,
  };
}

/**
 * Who a distress report points at besides the victim: companions named by NIK, companions named
 * by passport number (resolved through the passport index), and the people who shared the
 * victim's last booking or sponsor. The processor flags each of them (R11 at their next crossing).
 */
export function companionSources(
  state: PersonState,
  report: AbroadEvent,
): {
  readonly named: readonly string[];
  /** Index lookups; `around` limits a booking or sponsor lookup to people seen near the victim's departure. */
  readonly lookups: readonly { key: LinkKey; via: CompanionFlag['via']; around?: number }[];
} {
  const named = report.companions.filter((companion) => NIK_SHAPE.test(companion) && companion !== state.nik);
  const lookups: { key: LinkKey; via: CompanionFlag['via']; around?: number }[] = report.companions
    .filter((companion) => !NIK_SHAPE.test(companion))
    .map((number) => ({ key: `passport:${number}`, via: 'passport' as const }));
  const lastDeparture = state.history
    .filter(
      (event): event is Extract<PersonEvent, { kind: 'crossing' }> =>
        event.kind === 'crossing' && event.direction === 'DEPARTURE' && event.eventTime <= report.eventTime,
    )
    .pop();
  if (lastDeparture?.bookingReference) {
    lookups.push({
      key: `booking:${lastDeparture.bookingReference}`,
      via: 'booking',
      around: lastDeparture.eventTime,
    });
  }
  if (lastDeparture?.sponsor) {
    lookups.push({
      key: `sponsor:${normalizedName(lastDeparture.sponsor)}`,
      via: 'sponsor',
      around: lastDeparture.eventTime,
    });
  }
  return { named, lookups };
}

/** The flag a report leaves on a companion. */
export function companionFlagOf(report: AbroadEvent, via: CompanionFlag['via']): CompanionFlag {
  return {
    reportId: report.reportId,
    eventId: report.eventId,
    eventTime: report.eventTime,
    category: report.category,
    via,
  };
}

/**
 * A linked person as a sorted-set member (its time is the score): `nik|placement|card|time`. The
 * time is in the member too, so one person's trips on one index (a family's holidays, a sponsor's
 * recruits over months) stay apart instead of the latest overwriting the earlier ones. Members
 * written before have two parts (`nik|placement`) or three (`|card`); they read the same.
 */
export function linkMember(member: LinkedPerson): string {
  return `${member.nik}|${member.placement ? 1 : 0}|${member.familyCard ?? ''}|${member.time}`;
}

export function parseLinkMember(member: string, time: number): LinkedPerson {
  const [nik = '', placement, familyCard] = member.split('|');
  const linked = { nik, time, placement: placement === '1' };
  return familyCard ? { ...linked, familyCard } : linked;
}
