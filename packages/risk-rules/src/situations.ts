import { referenceData } from '@waspada/domain';
import type { PersonEvent, PersonState } from './person/person-state';
import type { RuleSet } from './ruleset/rule-set';

const DAY_MS = 86_400_000;

/**
 * What an alert is about. One person gets at most one open alert per situation: a departure
 * (checkpoint and day), a report abroad, the run of passport and identity records, or the absence
 * of a return after a land departure. Follow-ups of the same situation update that alert.
 */
export type Situation =
  | {
      readonly kind: 'departure';
      readonly key: string;
      readonly time: number;
      /** The merge of the departure's records (see mergeCrossing). */
      readonly trigger: CrossingEvent;
      /**
       * Whether a pre-clearance scan is among them: the scan carries the trip (return, booking,
       * purpose); a departure known only from its clearance stamp says nothing about a return.
       */
      readonly scanned: boolean;
    }
  | { readonly kind: 'report'; readonly key: string; readonly time: number; readonly trigger: AbroadEvent }
  | { readonly kind: 'documents'; readonly key: string; readonly time: number; readonly trigger: PersonEvent }
  | {
      readonly kind: 'overstay';
      readonly key: string;
      readonly time: number;
      readonly trigger: CrossingEvent;
    };

export type CrossingEvent = Extract<PersonEvent, { kind: 'crossing' }>;
export type AbroadEvent = Extract<PersonEvent, { kind: 'abroad' }>;

/**
 * Indonesia's three time zones by province code: WIB (UTC+7) in the west, WITA (UTC+8) in the
 * centre, WIT (UTC+9) in Maluku and Papua.
 */
function utcOffsetHours(provinceCode: string): number {
  const code = Number(provinceCode);
  if (code >= 81) return 9;
  if ([51, 52, 53, 63, 64, 65].includes(code) || (code >= 71 && code <= 76)) return 8;
  return 7;
}

/** The checkpoint's local calendar day: a 23:30 UTC scan and a 00:10 UTC clearance are one morning departure. */
export function localDay(event: CrossingEvent): string {
  const province = referenceData().checkpoints.get(event.checkpointCode)?.province ?? '31';
  return new Date(event.eventTime + utcOffsetHours(province) * 3_600_000).toISOString().slice(0, 10);
}

export function departureKey(event: CrossingEvent): string {
  return `departure:${event.checkpointCode}:${localDay(event)}`;
}

export function overstayKey(event: CrossingEvent): string {
  return `overstay:${event.checkpointCode}:${localDay(event)}`;
}

function isDeparture(event: PersonEvent): event is CrossingEvent {
  return event.kind === 'crossing' && event.direction === 'DEPARTURE' && event.stage !== 'DENIED';
}

/**
 * One departure is several records: the pre-clearance scan carries the trip (return, booking,
 * sponsor, purpose, the airline's itinerary), while a second scan or the clearance stamp that
 * follows is often sparse. The departure is judged on their merge: each field as the latest record
 * that carried it says, so a field once known is never forgotten by a later record that does not
 * carry it, and a sparse clearance neither raises "one-way" nor closes a case. The merge keeps the
 * latest record's id, time, stage and counter: where the traveller stands now.
 */
export function mergeCrossing(known: CrossingEvent, next: CrossingEvent): CrossingEvent {
  const merged: Record<string, unknown> = { ...known };
  for (const [field, value] of Object.entries(next)) {
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    merged[field] = value;
  }
  return merged as unknown as CrossingEvent;
}

/** The departure situations in a history, each judged at its latest scan or clearance on all its records. */
function departures(state: PersonState): Map<string, Situation> {
  const found = new Map<string, Situation>();
  for (const event of state.history) {
    if (!isDeparture(event)) continue;
    const key = departureKey(event);
    const known = found.get(key);
    const trigger = known?.kind === 'departure' ? mergeCrossing(known.trigger, event) : event;
    const scanned = (known?.kind === 'departure' && known.scanned) || event.stage === 'PRE_CLEARANCE_SCAN';
    found.set(key, { kind: 'departure', key, time: event.eventTime, trigger, scanned });
  }
  return found;
}

function documents(state: PersonState): Situation | undefined {
  const last = state.history.filter((event) => event.kind === 'passport' || event.kind === 'identity').pop();
  return last && { kind: 'documents', key: 'documents', time: last.eventTime, trigger: last };
}

function reports(state: PersonState): Map<string, Situation> {
  const found = new Map<string, Situation>();
  for (const event of state.history) {
    if (event.kind === 'abroad') {
      const key = `report:${event.reportId}`;
      found.set(key, { kind: 'report', key, time: event.eventTime, trigger: event });
    }
  }
  return found;
}

/** The overstay situation of a land departure, judged when its allowed stay runs out. */
export function overstaySituation(departure: CrossingEvent, ruleSet: RuleSet): Situation {
  return {
    kind: 'overstay',
    key: overstayKey(departure),
    time: departure.eventTime + ruleSet.rules.R10.params.allowedStayDays * DAY_MS,
    trigger: departure,
  };
}

/**
 * Which situations to judge after new events were applied: the ones the events start, and, for a
 * late event (one that happened before something already judged), the earlier situations it may
 * change. Those are re-judged when they already have an alert (to escalate, downgrade or resolve
 * it) or when they are recent enough that an alert is still useful (`lateAlertWindowMs`).
 */
export function situationsAfter(
  state: PersonState,
  applied: readonly PersonEvent[],
  options: { readonly ruleSet: RuleSet; readonly lateAlertWindowMs: number; readonly newest: number },
): Situation[] {
  if (applied.length === 0) return [];
  const chosen = new Map<string, Situation>();
  const allDepartures = departures(state);
  const allReports = reports(state);
  const earliest = Math.min(...applied.map((event) => event.eventTime));
  for (const event of applied) {
    if (event.kind === 'rejudge') {
      // Knowledge from someone else's record: the departures it covers are judged again, however
      // old the late-alert window would call them, since the request itself is new.
      for (const departure of allDepartures.values()) {
        if (departure.time >= event.situationsFrom && departure.time <= event.eventTime)
          chosen.set(departure.key, departure);
      }
    } else if (event.kind === 'crossing' && event.direction === 'ARRIVAL') {
      // Coming home is news for the trip it ends: an alert on that departure is judged again.
      const left = [...allDepartures.values()].filter((departure) => departure.time < event.eventTime).pop();
      if (left && state.ledger[left.key]) chosen.set(left.key, left);
    } else if (isDeparture(event)) {
      const situation = allDepartures.get(departureKey(event));
      if (situation) chosen.set(situation.key, situation);
    } else if (event.kind === 'abroad') {
      const situation = allReports.get(`report:${event.reportId}`);
      if (situation) chosen.set(situation.key, situation);
    } else if (event.kind === 'passport' || event.kind === 'identity') {
      const situation = documents(state);
      if (situation) chosen.set(situation.key, situation);
    }
  }
  const candidates: Situation[] = [...allDepartures.values(), ...allReports.values()];
  const docs = documents(state);
  if (docs) candidates.push(docs);
  for (const departure of allDepartures.values()) {
    if (departure.kind === 'departure' && state.ledger[overstayKey(departure.trigger)]) {
      candidates.push(overstaySituation(departure.trigger, options.ruleSet));
    }
  }
  for (const situation of candidates) {
    if (chosen.has(situation.key) || situation.time < earliest) continue;
    const alerted = state.ledger[situation.key] !== undefined;
    const recent = options.newest - situation.time <= options.lateAlertWindowMs;
    if (alerted || recent) chosen.set(situation.key, situation);
  }
  return [...chosen.values()];
}

/** A land departure whose return is checked later, in event time, by rule R10. */
export function needsReturnCheck(event: PersonEvent): event is CrossingEvent {
  return isDeparture(event) && event.checkpointType === 'LAND';
}

/**
 * Every situation of a person's history, for a replay under a new rule set: each departure and
 * report, the passport and identity record, and the overstays already judged.
 */
export function allSituations(state: PersonState, ruleSet: RuleSet): Situation[] {
  const all: Situation[] = [...departures(state).values(), ...reports(state).values()];
  const docs = documents(state);
  if (docs) all.push(docs);
  for (const departure of departures(state).values()) {
    if (departure.kind === 'departure' && state.ledger[overstayKey(departure.trigger)]) {
      all.push(overstaySituation(departure.trigger, ruleSet));
    }
  }
  return all;
}
