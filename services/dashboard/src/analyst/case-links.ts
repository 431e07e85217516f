import { nameBlockKeys, namesMatch, normalizedName } from '@waspada/risk-rules';
import type { BorderCrossingEvent, PlacementEvent, WatchlistEvent } from '@waspada/schemas';

/**
 * What links people into a network of cases, as the agency events name it:
 *
 *   sponsor    the sponsor or guarantor named at a departure (recruiters appear here), by name
 *   company    the placement company (P3MI) of a placement, by licence id; its name for the watchlist
 *   booking    a booking reference (PNR) shared by travellers
 *   phone      a phone number written in a sponsor field, in +62 form
 *   organiser  the licence of a travel organiser (PPIU) of a group
 *
 * Names are matched tolerantly (see resolveName in analyst-store.ts), the rest exactly after
 * normalising. An entity's id is `<kind>:<key>`.
 */
export const ENTITY_KINDS = ['sponsor', 'company', 'booking', 'phone', 'organiser'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Kinds whose key is a name, resolved tolerantly against the names seen before. */
export const NAMED_KINDS: readonly EntityKind[] = ['sponsor', 'company'];

export interface EntityMention {
  readonly kind: EntityKind;
  /** The exact key (booking reference, phone, licence); for named kinds the name as written. */
  readonly key: string;
  /** What the page shows. */
  readonly label: string;
}

/**
 * Indonesian phone numbers in one form: `+62` then the number without its trunk 0, so
 * "0812-3456-7890", "62 812 3456 7890" and "+6281234567890" are one number. Other countries'
 * numbers keep their `+` form. Undefined for anything that is not 8 to 15 digits.
 */
export function normalizePhone(raw: string): string | undefined {
  const compact = raw.replace(/[\s().-]/g, '');
  if (!/^\+?\d{8,15}$/.test(compact)) return undefined;
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('62')) return `+${compact}`;
  if (compact.startsWith('0')) return `+62${compact.slice(1)}`;
  return undefined;
}

/** Phone numbers written in free text (a sponsor field that gives a contact number). */
export function phonesIn(text: string): string[] {
  const found = text.match(/(?:\+|\b)\d[\d\s().-]{6,18}\d/g) ?? [];
  return [...new Set(found.map(normalizePhone).filter((phone): phone is string => phone !== undefined))];
}

/** A sponsor field without its phone numbers, for name matching. */
const nameWithoutPhones = (text: string) => text.replace(/(?:\+|\b)\d[\d\s().-]{6,18}\d/g, ' ').trim();

export function crossingMentions(event: BorderCrossingEvent): EntityMention[] {
  const mentions: EntityMention[] = [];
  if (event.sponsor) {
    const name = nameWithoutPhones(event.sponsor);
    if (normalizedName(name) !== '') mentions.push({ kind: 'sponsor', key: name, label: name });
    for (const phone of phonesIn(event.sponsor)) mentions.push({ kind: 'phone', key: phone, label: phone });
  }
  const booking = event.bookingReference?.trim().toUpperCase();
  if (booking) mentions.push({ kind: 'booking', key: booking, label: booking });
  const organiser = event.travelOrganizerLicence?.trim().toUpperCase();
  if (organiser) mentions.push({ kind: 'organiser', key: organiser, label: organiser });
  return mentions;
}

export function placementMentions(event: PlacementEvent): EntityMention[] {
  const licence = event.p3miId.trim().toUpperCase();
  return licence ? [{ kind: 'company', key: licence, label: event.p3miName }] : [];
}

/** Where a watchlist entry points: names to match tolerantly and exact entity ids. */
export interface WatchlistTargets {
  readonly names: readonly { kind: EntityKind; name: string }[];
  readonly entityIds: readonly string[];
}

export function watchlistTargets(entry: WatchlistEvent): WatchlistTargets {
  const names = [entry.name, ...entry.aliases].filter((name): name is string => !!name && name.trim() !== '');
  switch (entry.entryType) {
    case 'RECRUITER':
    case 'SPONSOR': {
      const phone = entry.identifier ? normalizePhone(entry.identifier) : undefined;
      return {
        names: names.map((name) => ({ kind: 'sponsor' as const, name })),
        entityIds: phone ? [entityIdOf('phone', phone)] : [],
      };
    }
    case 'PLACEMENT_COMPANY':
      return {
        names: names.map((name) => ({ kind: 'company' as const, name })),
        entityIds: entry.identifier ? [entityIdOf('company', entry.identifier.trim().toUpperCase())] : [],
      };
    case 'PHONE_NUMBER': {
      const phone = entry.identifier ? normalizePhone(entry.identifier) : undefined;
      return { names: [], entityIds: phone ? [entityIdOf('phone', phone)] : [] };
    }
    case 'SOCIAL_MEDIA_ACCOUNT':
      // No agency event names an account, so there is nothing in the network to mark.
      return { names: [], entityIds: [] };
  }
}

export const entityIdOf = (kind: EntityKind, key: string) => `${kind}:${key}`;

export function kindOf(entityId: string): EntityKind | undefined {
  const kind = entityId.slice(0, entityId.indexOf(':'));
  return (ENTITY_KINDS as readonly string[]).includes(kind) ? (kind as EntityKind) : undefined;
}

/**
 * The known entity a name belongs to: the first, by id, one of whose spellings matches it
 * (namesMatch: titles dropped, old spellings folded, one slip per token, single names only against
 * single names). Candidates are the entities sharing a blocking key with the name (nameBlockKeys).
 */
export function matchingEntity(
  name: string,
  candidates: readonly { readonly id: string; readonly names: readonly string[] }[],
): string | undefined {
  return [...candidates]
    .sort((a, b) => a.id.localeCompare(b.id))
    .find((candidate) => candidate.names.some((known) => namesMatch(known, name)))?.id;
}

/** Whether two spellings would be compared at all: they share a blocking key. */
export const shareBlock = (a: string, b: string) => {
  const keys = new Set(nameBlockKeys(a));
  return nameBlockKeys(b).some((key) => keys.has(key));
};
