import { referenceData } from '@waspada/domain';
import {
  alertOf,
  changeFor,
  companionRequests,
  evaluateSituation,
  knownAtOf,
  lateFamilyRequests,
  linkWritesFor,
  watchlistRequests,
  type PersonEvent,
} from '../src';
import {
  contextWith,
  crossingEvent,
  DAY,
  departureOf,
  HOUR,
  identityEvent,
  nikFor,
  NOW,
  passportEvent,
  resetEventIds,
  stateWith,
  watchlistEntry,
} from './support/builders';

const CHILD = nikFor({ regency: '6101', birthDate: '2014-02-02', sex: 'FEMALE' });
const MOTHER = nikFor({ regency: '6101', birthDate: '1986-06-06', sex: 'FEMALE' });
const BUDI = nikFor({ regency: '3578', birthDate: '1995-03-12', sex: 'MALE' });
const CARD = '6101010101100002';

beforeEach(resetEventIds);

const rejudge = (nik: string, at: number, from: number): PersonEvent => ({
  kind: 'rejudge',
  eventId: `rejudge-${at}`,
  eventTime: at,
  nik,
  cause: 'WATCHLIST_CHANGED',
  causeEventId: 'w-1',
  situationsFrom: from,
});

describe('companions asked to be judged again', () => {
  it("asks the child's partition when the mother reaches the counter after her, and not for people days apart", () => {
    const mother = stateWith(MOTHER, [
      identityEvent(MOTHER, { familyCardNumber: CARD, eventTime: NOW - 900 * DAY }),
      crossingEvent(MOTHER, { checkpointCode: 'PLBN-ARUK', checkpointType: 'LAND', eventTime: NOW }),
    ]);
    const familyTrips = new Map([
      [
        CARD,
        [
          { nik: CHILD, time: NOW - 30_000, placement: false, familyCard: CARD },
          { nik: MOTHER, time: NOW, placement: false, familyCard: CARD },
          { nik: BUDI, time: NOW - 5 * DAY, placement: false, familyCard: CARD },
        ],
      ],
    ]);
    const requests = companionRequests(
      mother,
      departureOf(mother),
      contextWith({ links: { familyTrips } }).links,
    );
    expect(requests).toEqual([
      expect.objectContaining({
        nik: CHILD,
        cause: 'COMPANION_SCANNED',
        situationsFrom: NOW - 30_000,
        eventTime: NOW,
      }),
    ]);
    // The same scan judged twice asks the same question, with the same id.
    expect(
      companionRequests(mother, departureOf(mother), contextWith({ links: { familyTrips } }).links),
    ).toEqual(requests);
  });

  it("lists a parent's earlier departures on the family card when Dukcapil's record arrives after them, and asks the child's partition", () => {
    const departure = crossingEvent(MOTHER, {
      checkpointCode: 'KNO',
      checkpointType: 'AIR',
      stage: 'CLEARED',
      eventTime: NOW - 300 * DAY,
    });
    const identity = identityEvent(MOTHER, { familyCardNumber: CARD, eventTime: NOW - 900 * DAY });
    // The crossing was applied first; the identity record, dated years before it, lands now.
    const mother = stateWith(MOTHER, [departure, identity]);
    expect(linkWritesFor(mother, identity)).toEqual(
      expect.arrayContaining([
        { key: `family:${CARD}`, member: expect.objectContaining({ nik: MOTHER }) },
        {
          key: `family-trip:${CARD}`,
          member: { nik: MOTHER, time: NOW - 300 * DAY, placement: false, familyCard: CARD },
        },
      ]),
    );
    const familyTrips = new Map([
      [
        CARD,
        [
          { nik: CHILD, time: NOW - 300 * DAY - 60_000, placement: false, familyCard: CARD },
          { nik: CHILD, time: NOW - 120 * DAY, placement: false, familyCard: CARD },
        ],
      ],
    ]);
    const requests = lateFamilyRequests(
      mother,
      identity.eventId,
      contextWith({ links: { familyTrips } }).links,
    );
    expect(requests).toEqual([
      expect.objectContaining({
        nik: CHILD,
        cause: 'COMPANION_SCANNED',
        causeEventId: departure.eventId,
        situationsFrom: NOW - 300 * DAY - 60_000,
        eventTime: NOW - 300 * DAY,
      }),
    ]);
    // The request is the one the departure itself would have made, so both together ask once.
    expect(requests[0]?.eventId).toBe(
      companionRequests(mother, departureOf(mother), contextWith({ links: { familyTrips } }).links)[0]
        ?.eventId,
    );
  });

  it('asks nothing for an identity record without a family card', () => {
    const identity = identityEvent(MOTHER, { familyCardNumber: null, eventTime: NOW - 900 * DAY });
    const mother = stateWith(MOTHER, [crossingEvent(MOTHER, { eventTime: NOW - 300 * DAY }), identity]);
    expect(lateFamilyRequests(mother, identity.eventId, contextWith({}).links)).toEqual([]);
  });

  it('asks the people seen with a newly listed phone in the last 30 days, as of the entry', () => {
    const entry = watchlistEntry({
      entryId: 'WL-P',
      eventId: 'w-1',
      entryType: 'PHONE_NUMBER',
      name: null,
      aliases: [],
      identifier: '+62 812-9988-7766',
      eventTime: NOW,
    });
    const found = new Map([
      [
        'phone:6281299887766',
        [
          { nik: BUDI, time: NOW - 3 * DAY, placement: false },
          { nik: CHILD, time: NOW - 40 * DAY, placement: false },
        ],
      ],
    ]);
    expect(watchlistRequests(entry, found)).toEqual([
      expect.objectContaining({ nik: BUDI, situationsFrom: NOW - 3 * DAY, eventTime: NOW }),
    ]);
  });
});

describe('a departure judged again after the traveller left', () => {
  it('is judged as of the new knowledge, and its alert goes to the origin regency, not the desk', () => {
    const scan = crossingEvent(BUDI, { sponsor: 'Haji Rudi Hartono', eventTime: NOW - 3 * DAY });
    const state = stateWith(BUDI, [passportEvent(BUDI), scan, rejudge(BUDI, NOW, NOW - 3 * DAY)]);
    const situation = departureOf(state);
    expect(knownAtOf(state, situation)).toBe(NOW);
    const listed = watchlistEntry({ eventTime: NOW - HOUR, name: 'H. Rudi Hartono' });
    const decision = evaluateSituation(state, situation, contextWith({ watchlist: [listed] }));
    expect(decision?.rules.map((rule) => rule.ruleId)).toContain('R09');
    expect(decision?.actions).toContain('NOTIFY_ORIGIN_REGENCY');
    expect(decision?.actions).not.toContain('REFER_SECONDARY_INSPECTION');
    const change = changeFor(state, situation, decision);
    const alert = alertOf(state, change!, {
      ruleSetVersion: 'test',
      triggerEventId: scan.eventId,
      alertTime: NOW,
      reference: referenceData(),
    });
    expect(alert.target).toMatchObject({ checkpointCode: null, counterId: null, regencyCode: '3578' });
    // Without the request, the entry listed after the departure does not match it.
    const before = stateWith(BUDI, [passportEvent(BUDI), scan]);
    expect(
      evaluateSituation(before, departureOf(before), contextWith({ watchlist: [listed] }))?.rules.map(
        (rule) => rule.ruleId,
      ) ?? [],
    ).not.toContain('R09');
  });
});
