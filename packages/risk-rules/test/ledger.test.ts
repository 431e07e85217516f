import { referenceData } from '@waspada/domain';
import {
  alertOf,
  applyEvent,
  changeFor,
  departureKey,
  evaluateSituation,
  firstAlertIdOf,
  followUpIdOf,
  overstayKey,
  recordChange,
  situationsAfter,
  type AlertChange,
  type Decision,
  type PersonState,
  type Situation,
} from '../src';
import {
  contextWith,
  crossingEvent,
  DAY,
  daysAgo,
  departureOf,
  HOUR,
  identityEvent,
  nikFor,
  NOW,
  passportEvent,
  placementSteps,
  resetEventIds,
  ruleSet,
  stateWith,
} from './support/builders';

const BUDI = nikFor({ regency: '3578', birthDate: '1995-03-12', sex: 'MALE' });
const context = contextWith();
const judge = (state: PersonState, situation: Situation): Decision | null =>
  evaluateSituation(state, situation, context);

beforeEach(resetEventIds);

/** A one-way "tourist" to Malaysia: R01 alone, score 40. */
function oneWayTourist(): PersonState {
  return stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI, { returnDate: null })]);
}

describe('the alert ledger', () => {
  it('gives the first alert of a situation an id derived from the NIK and the situation', () => {
    const state = oneWayTourist();
    const situation = departureOf(state);
    const change = changeFor(state, situation, judge(state, situation));

    expect(situation.key).toBe('departure:CGK:2026-11-20');
    expect(change).toMatchObject({
      kind: 'NEW',
      revision: 0,
      alertId: firstAlertIdOf(BUDI, 'departure:CGK:2026-11-20'),
      firstAlertId: firstAlertIdOf(BUDI, 'departure:CGK:2026-11-20'),
    });

    resetEventIds();
    const replayed = oneWayTourist();
    const again = changeFor(replayed, departureOf(replayed), judge(replayed, departureOf(replayed)));
    expect(again?.alertId).toBe(change?.alertId);
  });

  it('says nothing new when the same judgement comes again', () => {
    const state = oneWayTourist();
    const situation = departureOf(state);
    recordChange(state, changeFor(state, situation, judge(state, situation))!);

    expect(changeFor(state, situation, judge(state, situation))).toBeNull();
  });

  it('escalates, under a new id referring to the first, when the score rises', () => {
    const state = oneWayTourist();
    const situation = departureOf(state);
    const first = changeFor(state, situation, judge(state, situation))!;
    recordChange(state, first);

    applyEvent(state, passportEvent(BUDI, { eventTime: NOW - 10 * DAY, applicationId: 'APP-2' }));
    const decision = judge(state, situation);
    const change = changeFor(state, situation, decision);

    expect(decision?.score).toBeGreaterThan(40);
    expect(change).toMatchObject({
      kind: 'ESCALATED',
      revision: 1,
      firstAlertId: first.alertId,
      alertId: followUpIdOf(first.alertId, 1),
    });
    expect(change?.alertId).not.toBe(first.alertId);
  });

  it('downgrades when a replay under a milder rule set scores lower', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI, { eventTime: NOW - 10 * DAY }),
      crossingEvent(BUDI, { returnDate: null }),
    ]);
    const situation = departureOf(state);
    recordChange(state, changeFor(state, situation, judge(state, situation))!);

    const milder = structuredClone(ruleSet());
    milder.rules.R01.params.extraSignalScore = 0;
    const decision = evaluateSituation(state, situation, contextWith({ ruleSet: milder }));
    expect(state.ledger[situation.key]?.score).toBe(50);
    expect(decision?.score).toBe(40);
    expect(changeFor(state, situation, decision)).toMatchObject({ kind: 'DOWNGRADED', revision: 1 });
  });

  it('resolves an alert once nothing fires any more, and only once', () => {
    const state = oneWayTourist();
    const situation = departureOf(state);
    const first = changeFor(state, situation, judge(state, situation))!;
    recordChange(state, first);

    const resolved = changeFor(state, situation, null);
    expect(resolved).toMatchObject({ kind: 'RESOLVED', revision: 1, firstAlertId: first.alertId });
    recordChange(state, resolved!);
    expect(state.ledger[situation.key]).toMatchObject({ resolved: true, score: 0, ruleIds: [] });
    expect(changeFor(state, situation, null)).toBeNull();
  });

  it('publishes nothing for a situation that never alerted', () => {
    const state = stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI)]);
    const situation = departureOf(state);
    expect(judge(state, situation)).toBeNull();
    expect(changeFor(state, situation, null)).toBeNull();
  });

  it('resolves an R01 alert when the placement record arrives late', () => {
    const state = oneWayTourist();
    const departure = departureOf(state);
    const first = changeFor(state, departure, judge(state, departure))!;
    recordChange(state, first);

    // KP2MI sends the placement a day after the departure; its steps happened before it.
    const late = placementSteps(BUDI, { departure: NOW, country: 'MY', checkpoint: 'CGK' });
    for (const event of late) expect(applyEvent(state, event)).toBe(true);
    const situations = situationsAfter(state, late, {
      ruleSet: ruleSet(),
      lateAlertWindowMs: HOUR,
      newest: NOW + DAY,
    });

    expect(situations.map((situation) => situation.key)).toEqual([departure.key]);
    const change = changeFor(state, departure, judge(state, situations[0]!));
    expect(change).toMatchObject({
      kind: 'RESOLVED',
      revision: 1,
      firstAlertId: first.alertId,
      decision: null,
    });
  });

  it('does not re-judge an old departure that never alerted when a late record arrives', () => {
    const state = stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI, { eventTime: daysAgo(20) })]);
    const late = identityEvent(BUDI, { eventTime: daysAgo(25) });
    applyEvent(state, late);

    const situations = situationsAfter(state, [late], {
      ruleSet: ruleSet(),
      lateAlertWindowMs: 7 * DAY,
      newest: NOW,
    });
    expect(situations.map((situation) => situation.kind)).toEqual(['documents']);
  });
});

describe('the alert record', () => {
  it('tells the desk who stands there, why, and on what evidence', () => {
    const crossing = crossingEvent(BUDI, { returnDate: null });
    const state = stateWith(BUDI, [identityEvent(BUDI), passportEvent(BUDI), crossing]);
    const situation = departureOf(state);
    const change = changeFor(state, situation, judge(state, situation))!;
    const alert = alertOf(state, change, {
      ruleSetVersion: ruleSet().version,
      triggerEventId: crossing.eventId,
      alertTime: NOW + 400,
      reference: referenceData(),
    });

    expect(alert).toEqual({
      alertId: change.alertId,
      firstAlertId: change.alertId,
      revision: 0,
      kind: 'NEW',
      situation: 'departure:CGK:2026-11-20',
      person: {
        nik: BUDI,
        fullName: 'BUDI SANTOSO',
        birthDate: '1995-03-12',
        sex: 'MALE',
        ageYears: 31,
        originRegencyCode: '3578',
        originRegencyName: 'Kota Surabaya',
      },
      target: { checkpointCode: 'CGK', counterId: 'CGK-T3-07', regencyCode: '3578' },
      severity: 'MEDIUM',
      score: 40,
      rules: [
        {
          ruleId: 'R01',
          title: 'Worker leaving as a tourist or pilgrim',
          severity: 'MEDIUM',
          score: 40,
          reasons: [
            {
              // The text for recipients that do not render keys, in Bahasa Indonesia; pages render the key.
              text: 'tiket sekali jalan ke Malaysia: tidak ada tiket pulang',
              evidence: [crossing.eventId],
              messageKey: 'R01.oneWay',
              params: { country: 'MY' },
            },
          ],
        },
      ],
      recommendedActions: ['REFER_SECONDARY_INSPECTION', 'INTERVIEW'],
      ruleSetVersion: ruleSet().version,
      triggerEventId: crossing.eventId,
      eventTime: NOW,
      alertTime: NOW + 400,
      procedureVersion: null,
      exemptedRules: [],
    });
  });

  it('says a resolved alert is resolved, with no rules left', () => {
    const state = oneWayTourist();
    const situation = departureOf(state);
    recordChange(state, changeFor(state, situation, judge(state, situation))!);
    const change = changeFor(state, situation, null)!;
    const alert = alertOf(state, change, {
      ruleSetVersion: '2026.12.1',
      triggerEventId: 'e-late',
      alertTime: NOW + DAY,
      reference: referenceData(),
    });

    expect(alert).toMatchObject({
      kind: 'RESOLVED',
      revision: 1,
      rules: [],
      recommendedActions: [],
      score: 0,
    });
    expect(alert.firstAlertId).toBe(firstAlertIdOf(BUDI, situation.key));
  });
});

describe("a person's history", () => {
  it('ignores an event it already holds', () => {
    const crossing = crossingEvent(BUDI);
    const state = stateWith(BUDI, [passportEvent(BUDI), crossing]);
    const before = structuredClone(state.history);

    expect(applyEvent(state, { ...crossing })).toBe(false);
    expect(state.history).toEqual(before);
  });

  it('keeps events in event-time order whatever order they arrive in', () => {
    const scan = crossingEvent(BUDI, { eventTime: NOW });
    const issued = passportEvent(BUDI, { eventTime: daysAgo(400) });
    const cleared = crossingEvent(BUDI, { eventTime: NOW + 20 * 60_000, stage: 'CLEARED' });
    const application = passportEvent(BUDI, { eventType: 'APPLICATION_SUBMITTED', eventTime: daysAgo(420) });
    const state = stateWith(BUDI, [cleared, scan]);

    expect(applyEvent(state, issued)).toBe(true);
    expect(applyEvent(state, application)).toBe(true);
    expect(state.history.map((event) => event.eventId)).toEqual([
      application.eventId,
      issued.eventId,
      scan.eventId,
      cleared.eventId,
    ]);
  });

  it('judges a departure at its latest scan or clearance of the day', () => {
    const scan = crossingEvent(BUDI, { returnDate: null });
    const cleared = crossingEvent(BUDI, { eventTime: NOW + 20 * 60_000, stage: 'CLEARED', returnDate: null });
    const state = stateWith(BUDI, [passportEvent(BUDI), scan, cleared]);

    expect(departureOf(state)).toMatchObject({ key: 'departure:CGK:2026-11-20', trigger: cleared });
  });
});

describe("situation keys on the checkpoint's local day", () => {
  it('keeps a scan before midnight UTC and a clearance after it in one Jakarta-morning departure', () => {
    // 06:30 and 07:10 on 20 November in WIB (UTC+7), Soekarno-Hatta's time zone.
    const scan = crossingEvent(BUDI, { eventTime: Date.UTC(2026, 10, 19, 23, 30), returnDate: null });
    const cleared = crossingEvent(BUDI, {
      eventTime: Date.UTC(2026, 10, 20, 0, 10),
      stage: 'CLEARED',
      returnDate: null,
    });
    expect(departureKey(scan)).toBe('departure:CGK:2026-11-20');
    expect(departureKey(cleared)).toBe('departure:CGK:2026-11-20');

    // As the processor does: apply each event, judge the situations it opens, publish the changes.
    const state = stateWith(BUDI, [passportEvent(BUDI)]);
    const published: AlertChange[] = [];
    for (const event of [scan, cleared]) {
      expect(applyEvent(state, event)).toBe(true);
      const situations = situationsAfter(state, [event], {
        ruleSet: ruleSet(),
        lateAlertWindowMs: HOUR,
        newest: event.eventTime,
      });
      expect(situations.map((situation) => situation.key)).toEqual(['departure:CGK:2026-11-20']);
      for (const situation of situations) {
        const change = changeFor(state, situation, judge(state, situation));
        if (change) {
          recordChange(state, change);
          published.push(change);
        }
      }
    }

    expect(published.map((change) => [change.kind, change.situation.key])).toEqual([
      ['NEW', 'departure:CGK:2026-11-20'],
    ]);
    expect(Object.keys(state.ledger)).toEqual(['departure:CGK:2026-11-20']);
  });

  it.each([
    ['CGK', 'Banten, WIB, UTC+7', '2026-11-19T16:30Z', '2026-11-19'],
    ['CGK', 'Banten, WIB, UTC+7', '2026-11-19T17:00Z', '2026-11-20'],
    ['DPS', 'Bali, WITA, UTC+8', '2026-11-19T15:59Z', '2026-11-19'],
    ['DPS', 'Bali, WITA, UTC+8', '2026-11-19T16:30Z', '2026-11-20'],
    ['PLBN-SKOUW', 'Papua, WIT, UTC+9', '2026-11-19T14:59Z', '2026-11-19'],
    ['PLBN-SKOUW', 'Papua, WIT, UTC+9', '2026-11-19T15:00Z', '2026-11-20'],
  ])('dates a departure from %s (%s) at %s on %s', (checkpointCode, _zone, at, day) => {
    const crossing = crossingEvent(BUDI, { checkpointCode, eventTime: Date.parse(at) });
    expect(departureKey(crossing)).toBe(`departure:${checkpointCode}:${day}`);
    expect(overstayKey(crossing)).toBe(`overstay:${checkpointCode}:${day}`);
  });

  it('gives the overstay check of a land departure the same local day as the departure', () => {
    // 17:30 UTC on 19 November is 00:30 on 20 November at Entikong (West Kalimantan, WIB).
    const crossing = crossingEvent(BUDI, {
      checkpointCode: 'PLBN-ENTIKONG',
      checkpointType: 'LAND',
      counterId: null,
      stage: 'CLEARED',
      eventTime: Date.UTC(2026, 10, 19, 17, 30),
    });
    const state = stateWith(BUDI, [passportEvent(BUDI), crossing]);
    expect(departureOf(state).key).toBe('departure:PLBN-ENTIKONG:2026-11-20');
    expect(overstayKey(crossing)).toBe('overstay:PLBN-ENTIKONG:2026-11-20');
  });
});
