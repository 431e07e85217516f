import type {
  AlertTypes,
  BorderCrossingEvent,
  CitizenAbroadEvent,
  IdentityEvent,
  PassportEvent,
  PlacementEvent,
} from '@waspada/schemas';

/** An agency event as kept in a person's history, tagged with the stream it came from. */
export type PersonEvent =
  | ({ kind: 'passport' } & PassportEvent)
  | ({ kind: 'crossing' } & BorderCrossingEvent)
  | ({ kind: 'placement' } & PlacementEvent)
  | ({ kind: 'identity' } & IdentityEvent)
  | ({ kind: 'abroad' } & CitizenAbroadEvent);

export type PersonEventKind = PersonEvent['kind'];

export type Severity = AlertTypes.AlertSeverity;

/** What was last published for one situation: the alert ledger a new evaluation is compared with. */
export interface LedgerEntry {
  readonly firstAlertId: string;
  readonly revision: number;
  readonly severity: Severity;
  readonly score: number;
  readonly ruleIds: readonly string[];
  readonly resolved: boolean;
}

/**
 * One person's joined record: every agency event about the NIK in event-time order, and the alert
 * ledger. Plain JSON, so it round-trips through Redis unchanged.
 */
export interface PersonState {
  readonly nik: string;
  history: PersonEvent[];
  ledger: Record<string, LedgerEntry>;
}

/**
 * A person's history is bounded: the rules look back a year at most, and a few hundred events is
 * far beyond any real person's year. The oldest events go first.
 */
export const MAX_HISTORY = 400;

export function emptyPersonState(nik: string): PersonState {
  return { nik, history: [], ledger: {} };
}

function comesBefore(a: PersonEvent, b: PersonEvent): boolean {
  return a.eventTime < b.eventTime || (a.eventTime === b.eventTime && a.eventId < b.eventId);
}

/**
 * Inserts the event at its event-time place. Returns false, changing nothing, when the event is
 * already there: a replay after a crash or a rebalance cannot count an event twice.
 */
export function applyEvent(state: PersonState, event: PersonEvent): boolean {
  const { history } = state;
  if (history.some((known) => known.eventId === event.eventId)) return false;
  let index = history.length;
  while (index > 0 && comesBefore(event, history[index - 1] as PersonEvent)) index -= 1;
  history.splice(index, 0, event);
  if (history.length > MAX_HISTORY) history.splice(0, history.length - MAX_HISTORY);
  return true;
}

/** The events known at a moment of event time: what an officer could have known then. */
export function historyUntil(state: PersonState, time: number): PersonEvent[] {
  return state.history.filter((event) => event.eventTime <= time);
}

export type IdentityStatus = 'ACTIVE' | 'DECEASED' | 'DEACTIVATED' | 'DUPLICATE_FLAGGED';

/** Dukcapil's record of the person at a moment: snapshots, then changes, then status events. */
export interface IdentityRecord {
  readonly fullName: string | null;
  readonly birthDate: string | null;
  readonly sex: 'MALE' | 'FEMALE' | null;
  readonly addressRegencyCode: string | null;
  readonly status: IdentityStatus;
  readonly statusEventId: string | null;
  readonly eventIds: readonly string[];
}

export function identityAt(events: readonly PersonEvent[]): IdentityRecord | undefined {
  let record: IdentityRecord | undefined;
  for (const event of events) {
    if (event.kind !== 'identity') continue;
    const base: IdentityRecord = record ?? {
      fullName: null,
      birthDate: null,
      sex: null,
      addressRegencyCode: null,
      status: 'ACTIVE',
      statusEventId: null,
      eventIds: [],
    };
    const eventIds = [...base.eventIds, event.eventId];
    if (event.eventType === 'SNAPSHOT' || event.eventType === 'CHANGED') {
      const replace = event.eventType === 'SNAPSHOT';
      record = {
        ...base,
        fullName: event.fullName ?? (replace ? null : base.fullName),
        birthDate: event.birthDate ?? (replace ? null : base.birthDate),
        sex: event.sex ?? (replace ? null : base.sex),
        addressRegencyCode: event.addressRegencyCode ?? (replace ? null : base.addressRegencyCode),
        eventIds,
      };
    } else {
      record = { ...base, status: event.eventType, statusEventId: event.eventId, eventIds };
    }
  }
  return record;
}

/** One SISKOP2MI placement as its steps stood at a moment. */
export interface PlacementRecord {
  readonly placementId: string;
  readonly steps: ReadonlySet<PlacementEvent['eventType']>;
  readonly destinationCountry: string;
  readonly departureCheckpointCode: string | null;
  readonly scheduledDepartureDate: string | null;
  readonly p3miId: string;
  readonly p3miName: string;
  readonly licenceStatus: PlacementEvent['p3miLicenceStatus'];
  readonly cancelled: boolean;
  /** Event time of the DEPARTED step, once recorded. */
  readonly departedAt: number | null;
  readonly eventIds: readonly string[];
}

export function placementsAt(events: readonly PersonEvent[]): PlacementRecord[] {
  const byId = new Map<string, PlacementRecord>();
  for (const event of events) {
    if (event.kind !== 'placement') continue;
    const known = byId.get(event.placementId);
    const steps = new Set(known?.steps ?? []);
    steps.add(event.eventType);
    byId.set(event.placementId, {
      placementId: event.placementId,
      steps,
      destinationCountry: event.destinationCountry,
      departureCheckpointCode: event.departureCheckpointCode ?? known?.departureCheckpointCode ?? null,
      scheduledDepartureDate: event.scheduledDepartureDate ?? known?.scheduledDepartureDate ?? null,
      p3miId: event.p3miId,
      p3miName: event.p3miName,
      licenceStatus: event.p3miLicenceStatus,
      cancelled: event.eventType === 'PLACEMENT_CANCELLED' || (known?.cancelled ?? false),
      departedAt: event.eventType === 'DEPARTED' ? event.eventTime : (known?.departedAt ?? null),
      eventIds: [...(known?.eventIds ?? []), event.eventId],
    });
  }
  return [...byId.values()];
}

/**
 * A placement still under way at a moment: not cancelled, and not departed more than a few days
 * before (KP2MI may record the departure step just before or after the crossing itself).
 */
export function activePlacements(events: readonly PersonEvent[], at: number): PlacementRecord[] {
  return placementsAt(events).filter(
    (placement) =>
      !placement.cancelled &&
      (placement.departedAt === null || at - placement.departedAt <= DEPARTED_GRACE_MS),
  );
}

const DEPARTED_GRACE_MS = 3 * 86_400_000;
