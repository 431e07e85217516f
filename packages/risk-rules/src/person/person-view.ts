import { ageOn, decodeNik, type DecodedNik, type ReferenceData } from '@waspada/domain';
import { knownAtOf } from '../rejudge';
import type { Situation } from '../situations';
import {
  historyUntil,
  identityAt,
  placementsAt,
  placementsUnderWay,
  type IdentityRecord,
  type PersonEvent,
  type PersonState,
  type PlacementRecord,
} from './person-state';

/**
 * A person as known at the moment of one situation: only events at or before it count, so a late
 * record is judged where it belongs in time, and a replay judges each situation the same way.
 */
export interface PersonView {
  readonly nik: string;
  readonly situation: Situation;
  readonly time: number;
  readonly events: readonly PersonEvent[];
  readonly nikFacts: DecodedNik | undefined;
  readonly identity: IdentityRecord | undefined;
  /** Birth date from Dukcapil, else from the NIK. */
  readonly birthDate: string | undefined;
  readonly sex: 'MALE' | 'FEMALE' | undefined;
  readonly ageYears: number | undefined;
  readonly originRegencyCode: string;
  /** Where the person lives now: Dukcapil's address, else the regency the NIK was issued in. */
  readonly residenceRegencyCode: string;
  readonly placements: readonly PlacementRecord[];
  readonly activePlacements: readonly PlacementRecord[];
  /**
   * For a departure: when the person came home after it, if they have (the first arrival after
   * it, whenever that record came in). What happened later, so never a reason to raise an alert,
   * only to stand one down: a trip that ended in a week was not one-way.
   */
  readonly returnedAt: number | null;
  /**
   * What the situation is judged as of for what other people's records and the watchlist say: its
   * own time, or later when a companion's scan or a watchlist entry asked for it (rejudge.ts).
   */
  readonly knownAt: number;
}

export function viewOf(state: PersonState, situation: Situation, reference: ReferenceData): PersonView {
  const events = historyUntil(state, situation.time);
  const decoded = decodeNik(state.nik, { regencies: reference.regencies, today: new Date(situation.time) });
  const nikFacts = decoded.ok ? decoded.value : undefined;
  const identity = identityAt(events);
  const birthDate = identity?.birthDate ?? nikFacts?.birthDate;
  const placements = placementsAt(events);
  return {
    nik: state.nik,
    knownAt: knownAtOf(state, situation),
    situation,
    time: situation.time,
    events,
    nikFacts,
    identity,
    birthDate,
    sex: identity?.sex ?? nikFacts?.sex,
    ageYears: birthDate === undefined ? undefined : ageOn(birthDate, new Date(situation.time)),
    originRegencyCode: state.nik.slice(0, 4),
    residenceRegencyCode: identity?.addressRegencyCode ?? state.nik.slice(0, 4),
    placements,
    activePlacements: placementsUnderWay(placements, situation.time),
    returnedAt:
      situation.kind === 'departure'
        ? (state.history.find(
            (event) =>
              event.kind === 'crossing' && event.direction === 'ARRIVAL' && event.eventTime > situation.time,
          )?.eventTime ?? null)
        : null,
  };
}

export function within(range: { min: number; max: number }, value: number | undefined): boolean {
  return value !== undefined && value >= range.min && value <= range.max;
}
