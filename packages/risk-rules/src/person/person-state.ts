import type {
  AlertTypes,
  BorderCrossingEvent,
  CitizenAbroadEvent,
  IdentityEvent,
  PassportEvent,
  PlacementEvent,
  RejudgeRequest,
} from '@waspada/schemas';

/** An agency event as kept in a person's history, tagged with the stream it came from. */
export type PersonEvent =
  | ({ kind: 'passport' } & PassportEvent)
  | ({ kind: 'crossing' } & BorderCrossingEvent)
  | ({ kind: 'placement' } & PlacementEvent)
  | ({ kind: 'identity' } & IdentityEvent)
  | ({ kind: 'abroad' } & CitizenAbroadEvent)
  /** Knowledge that came through another person's record: see rejudge.ts. */
  | ({ kind: 'rejudge' } & RejudgeRequest);

export type PersonEventKind = PersonEvent['kind'];

export type Severity = AlertTypes.AlertSeverity;

/** Severities from the least to the most urgent: the one order every comparison uses. */
export const SEVERITY_ORDER = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const satisfies readonly Severity[];

export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

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
 * Events in history order (event time, then event id), the newest MAX_HISTORY kept: the history
 * applyEvent builds from the same events, whatever order they come in. For a store that keeps a
 * person's events one by one rather than as one list.
 */
export function historyOf(events: readonly PersonEvent[]): PersonEvent[] {
  const ordered = [...events].sort((a, b) => (comesBefore(a, b) ? -1 : comesBefore(b, a) ? 1 : 0));
  return ordered.length > MAX_HISTORY ? ordered.slice(ordered.length - MAX_HISTORY) : ordered;
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
export function historyUntil(state: PersonState, time: number): readonly PersonEvent[] {
  return eventsUntil(state.history, time);
}

/**
 * The events at or before a moment. Most judgements are of a person's newest event, so this is
 * usually the history itself rather than a copy (a catch-up judges thousands of people a second):
 * never to be changed.
 */
export function eventsUntil(events: readonly PersonEvent[], time: number): readonly PersonEvent[] {
  for (const event of events) {
    if (event.eventTime > time) return events.filter((known) => known.eventTime <= time);
  }
  return events;
}

export type IdentityStatus = 'ACTIVE' | 'DECEASED' | 'DEACTIVATED' | 'DUPLICATE_FLAGGED';

/** Dukcapil's record of the person at a moment: snapshots, then changes, then status events. */
export interface IdentityRecord {
  readonly fullName: string | null;
  readonly birthDate: string | null;
  readonly sex: 'MALE' | 'FEMALE' | null;
  readonly addressRegencyCode: string | null;
  /** The Kartu Keluarga the person is listed on: family members share it. */
  readonly familyCardNumber: string | null;
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
      familyCardNumber: null,
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
        // A snapshot from before the field existed says nothing about it: keep what was known.
        familyCardNumber: event.familyCardNumber ?? base.familyCardNumber,
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
  readonly scheme: PlacementEvent['scheme'];
  readonly employer: string | null;
  readonly jobTitle: string | null;
  /** When the work contract ends (YYYY-MM-DD), if KP2MI recorded it. */
  readonly contractEndDate: string | null;
  readonly cancelled: boolean;
  /** Event time of the DEPARTED step, once recorded. */
  readonly departedAt: number | null;
  readonly eventIds: readonly string[];
}

export function placementsAt(events: readonly PersonEvent[]): PlacementRecord[] {
  // Built in place: a record is new to this call until it is returned.
  const byId = new Map<
    string,
    { -readonly [K in keyof PlacementRecord]: PlacementRecord[K] } & {
      steps: Set<PlacementEvent['eventType']>;
      eventIds: string[];
    }
  >();
  for (const event of events) {
    if (event.kind !== 'placement') continue;
    const known = byId.get(event.placementId);
    if (!known) {
      byId.set(event.placementId, {
        placementId: event.placementId,
        steps: new Set([event.eventType]),
        destinationCountry: event.destinationCountry,
        departureCheckpointCode: event.departureCheckpointCode ?? null,
        scheduledDepartureDate: event.scheduledDepartureDate ?? null,
        p3miId: event.p3miId,
        p3miName: event.p3miName,
        licenceStatus: event.p3miLicenceStatus,
        scheme: event.scheme ?? null,
        employer: event.employer ?? null,
        jobTitle: event.jobTitle ?? null,
        contractEndDate: event.contractEndDate ?? null,
        cancelled: event.eventType === 'PLACEMENT_CANCELLED',
        departedAt: event.eventType === 'DEPARTED' ? event.eventTime : null,
        eventIds: [event.eventId],
      });
      continue;
    }
    known.steps.add(event.eventType);
    known.destinationCountry = event.destinationCountry;
    known.departureCheckpointCode = event.departureCheckpointCode ?? known.departureCheckpointCode;
    known.scheduledDepartureDate = event.scheduledDepartureDate ?? known.scheduledDepartureDate;
    known.p3miId = event.p3miId;
    known.p3miName = event.p3miName;
    known.licenceStatus = event.p3miLicenceStatus;
    // Older records carry none of these (Avro reads them as null): keep what an earlier step said.
    known.scheme = event.scheme ?? known.scheme;
    known.employer = event.employer ?? known.employer;
    known.jobTitle = event.jobTitle ?? known.jobTitle;
    known.contractEndDate = event.contractEndDate ?? known.contractEndDate;
    known.cancelled ||= event.eventType === 'PLACEMENT_CANCELLED';
    if (event.eventType === 'DEPARTED') known.departedAt = event.eventTime;
    known.eventIds.push(event.eventId);
  }
  return [...byId.values()];
}

/**
 * A placement still under way at a moment: not cancelled, and either not yet departed, departed a
 * few days before (KP2MI may record the departure step just before or after the crossing itself),
 * or departed with the contract still running. The last is a worker home on leave (cuti) going back
 * to the employer: the system's success, not its suspect.
 */
export function activePlacements(events: readonly PersonEvent[], at: number): PlacementRecord[] {
  return placementsUnderWay(placementsAt(events), at);
}

/** Of a person's placements, those under way at a moment (see activePlacements). */
export function placementsUnderWay(placements: readonly PlacementRecord[], at: number): PlacementRecord[] {
  return placements.filter(
    (placement) =>
      !placement.cancelled && (isFirstDeparture(placement, at) || contractRunning(placement, at)),
  );
}

/** The placement's first departure is still to come, or happened in the last few days. */
export function isFirstDeparture(placement: PlacementRecord, at: number): boolean {
  return placement.departedAt === null || at - placement.departedAt <= DEPARTED_GRACE_MS;
}

/**
 * The worker left under this placement and the contract still runs at `at`: until its end date, or,
 * where KP2MI recorded none, for the two years most placement contracts last.
 */
export function contractRunning(placement: PlacementRecord, at: number): boolean {
  if (placement.departedAt === null || placement.cancelled) return false;
  const end =
    placement.contractEndDate !== null
      ? Date.parse(`${placement.contractEndDate}T23:59:59Z`)
      : placement.departedAt + DEFAULT_CONTRACT_MS;
  return at <= end;
}

const DEPARTED_GRACE_MS = 3 * 86_400_000;
const DEFAULT_CONTRACT_MS = 2 * 365 * 86_400_000;
