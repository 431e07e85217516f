import { evaluateSituation, severityOf, type Decision, type FiredRule, type PersonState } from '../src';
import {
  contextWith,
  crossingEvent,
  dateOf,
  daysAgo,
  departureOf,
  HOUR,
  identityEvent,
  nikFor,
  NOW,
  passportEvent,
  placementSteps,
  placementEvent,
  resetEventIds,
  stateWith,
  watchlistEntry,
} from './support/builders';

/**
 * The people who look like a case at the counter and are not, and the records that tell them
 * apart; then the same signals on a real case, so each exemption is shown to be narrow.
 */
const SITI = nikFor({ regency: '6103', birthDate: '2003-08-17', sex: 'FEMALE' });
const BUDI = nikFor({ regency: '3578', birthDate: '1995-03-12', sex: 'MALE' });
const CHILD = nikFor({ regency: '3204', birthDate: '2016-07-02', sex: 'MALE' });

beforeEach(resetEventIds);

const judge = (state: PersonState, context = contextWith()): Decision | null =>
  evaluateSituation(state, departureOf(state), context);
const ruleIds = (decision: Decision | null) => decision?.rules.map((rule) => rule.ruleId) ?? [];

describe('one departure, several records', () => {
  it('judges a sparse clearance on what the scan established, so it neither raises one-way nor closes a case', () => {
    const scan = crossingEvent(BUDI, { countryCode: 'KH', returnDate: dateOf(NOW + 6 * 86_400_000) });
    const clearance = crossingEvent(BUDI, {
      eventTime: NOW + 20 * 60_000,
      stage: 'CLEARED',
      countryCode: 'KH',
      counterId: null,
      declaredPurpose: null,
      returnDate: null,
      carrier: null,
      flightOrVessel: null,
    });
    const atScan = judge(stateWith(BUDI, [passportEvent(BUDI), scan]));
    const atClearance = judge(stateWith(BUDI, [passportEvent(BUDI), scan, clearance]));

    expect(ruleIds(atClearance)).toEqual(ruleIds(atScan));
    expect(atClearance?.score).toBe(atScan?.score);
    expect(departureOf(stateWith(BUDI, [scan, clearance])).trigger).toMatchObject({
      eventId: clearance.eventId,
      stage: 'CLEARED',
      counterId: scan.counterId,
      returnDate: scan.returnDate,
    });
  });
});

describe('families', () => {
  it('leaves a child alone when the airline lists an adult on the booking, before the parent reaches the counter', () => {
    const scan = crossingEvent(CHILD, {
      bookingReference: 'PNR-FAM01',
      bookingPartySize: 2,
      bookingParty: [
        { fullName: 'SITI ROHMAH', documentNumber: 'E7101234', birthDate: '1988-03-14', nik: null },
      ],
    });
    expect(ruleIds(judge(stateWith(CHILD, [scan])))).not.toContain('R07');
  });

  it("leaves a child alone while the adult on the booking has no family card known yet, and asks for consent once the adult's card is known to be another", () => {
    const card = '3578010101100001';
    const adult = nikFor({ regency: '3578', birthDate: '1980-07-07', sex: 'FEMALE', serial: 7 });
    const state = stateWith(CHILD, [
      identityEvent(CHILD, { familyCardNumber: card, eventTime: daysAgo(300) }),
      crossingEvent(CHILD, {
        bookingReference: 'PNR-FAM03',
        bookingParty: [{ fullName: 'RATNA DEWI', documentNumber: null, birthDate: '1980-07-07', nik: adult }],
      }),
    ]);
    // The adult's Dukcapil record has not reached the processor: she may be the mother.
    expect(ruleIds(judge(state))).not.toContain('R07');
    // Her scan's link carries her own card, another family's: ask for the parents' consent.
    const byBooking = new Map([
      ['PNR-FAM03', [{ nik: adult, time: NOW - 60_000, placement: false, familyCard: '3578010101100999' }]],
    ]);
    expect(ruleIds(judge(state, contextWith({ links: { byBooking } })))).toContain('R07');
  });

  it('still alerts on a child whose booking lists only other children', () => {
    const scan = crossingEvent(CHILD, {
      bookingReference: 'PNR-FAM02',
      bookingParty: [{ fullName: 'ADIK', documentNumber: null, birthDate: '2014-01-01', nik: null }],
    });
    expect(ruleIds(judge(stateWith(CHILD, [scan])))).toContain('R07');
  });

  it('counts a family on one booking as one party, not a recruited group', () => {
    const card = '5203010101100001';
    const mother = nikFor({ regency: '5203', birthDate: '1985-02-02', sex: 'FEMALE' });
    const sons = [1, 2].map((serial) =>
      nikFor({ regency: '5203', birthDate: '2004-05-05', sex: 'MALE', serial }),
    );
    const state = stateWith(mother, [
      identityEvent(mother, { familyCardNumber: card, eventTime: daysAgo(300) }),
      crossingEvent(mother, { bookingReference: 'PNR-LOP990', returnDate: null }),
    ]);
    const byBooking = new Map([
      [
        'PNR-LOP990',
        [mother, ...sons].map((nik) => ({ nik, time: NOW - HOUR, placement: false, familyCard: card })),
      ],
    ]);
    expect(ruleIds(judge(state, contextWith({ links: { byBooking } })))).not.toContain('R08');
    const strangers = new Map([
      [
        'PNR-LOP990',
        [mother, ...sons].map((nik) => ({ nik, time: NOW - HOUR, placement: false, familyCard: null })),
      ],
    ]);
    expect(ruleIds(judge(state, contextWith({ links: { byBooking: strangers } })))).toContain('R08');
  });
});

describe('returning migrant workers', () => {
  it('leaves a worker going back to the employer after home leave alone, while the contract runs', () => {
    const departedLastYear = NOW - 300 * 86_400_000;
    const placement = [
      ...placementSteps(BUDI, { departure: departedLastYear, country: 'MY' }),
      placementEvent(BUDI, {
        eventType: 'DEPARTED',
        eventTime: departedLastYear,
        destinationCountry: 'MY',
        contractEndDate: dateOf(NOW + 400 * 86_400_000),
      }),
    ];
    const scan = crossingEvent(BUDI, { checkpointCode: 'SUB', returnDate: null, declaredPurpose: 'WORK' });
    expect(judge(stateWith(BUDI, [passportEvent(BUDI), ...placement, scan]))).toBeNull();
  });

  it('treats the worker as without placement once the contract has ended', () => {
    const departed = NOW - 800 * 86_400_000;
    const placement = [
      ...placementSteps(BUDI, { departure: departed, country: 'MY' }),
      placementEvent(BUDI, {
        eventType: 'DEPARTED',
        eventTime: departed,
        destinationCountry: 'MY',
        contractEndDate: dateOf(departed + 730 * 86_400_000),
      }),
    ];
    const scan = crossingEvent(BUDI, { returnDate: null, declaredPurpose: 'TOURISM' });
    expect(ruleIds(judge(stateWith(BUDI, [passportEvent(BUDI), ...placement, scan])))).toContain('R01');
  });
});

describe('border residents', () => {
  it('leaves a Sanggau resident crossing at Entikong on a PLB issued for Entikong alone', () => {
    const issued = passportEvent(SITI, {
      documentType: 'PLB',
      passportNumber: 'PLB610301',
      plbBorderPosts: ['PLBN-ENTIKONG'],
      plbAllowedStayDays: 30,
    });
    const scan = crossingEvent(SITI, {
      checkpointCode: 'PLBN-ENTIKONG',
      checkpointType: 'LAND',
      documentType: 'PLB',
      documentNumber: 'PLB610301',
      returnDate: null,
    });
    expect(judge(stateWith(SITI, [issued, scan]))).toBeNull();
  });

  it('alerts when the same PLB is used at another border', () => {
    const issued = passportEvent(SITI, {
      documentType: 'PLB',
      passportNumber: 'PLB610301',
      plbBorderPosts: ['PLBN-ENTIKONG'],
    });
    const scan = crossingEvent(SITI, {
      checkpointCode: 'PLBN-MOTAAIN',
      checkpointType: 'LAND',
      countryCode: 'TL',
      documentType: 'PLB',
      documentNumber: 'PLB610301',
    });
    expect(ruleIds(judge(stateWith(SITI, [issued, scan])))).toContain('R10');
  });

  it('ties residence to the post: a Sanggau resident on a PLB at Aruk is not at home there', () => {
    const scan = crossingEvent(SITI, {
      checkpointCode: 'PLBN-ARUK',
      checkpointType: 'LAND',
      documentType: 'PLB',
      documentNumber: 'PLB610302',
    });
    expect(ruleIds(judge(stateWith(SITI, [scan])))).toContain('R10');
  });
});

describe('tours, pilgrims and the itinerary', () => {
  it("leaves a licensed organiser's short group tour to Cambodia alone", () => {
    const scan = crossingEvent(BUDI, {
      countryCode: 'KH',
      groupReference: 'TOUR-SR-12',
      travelOrganizerLicence: 'TDUP-3578-0091',
      returnDate: dateOf(NOW + 5 * 86_400_000),
      ticketPaidBy: 'TRAVEL_AGENCY',
    });
    expect(ruleIds(judge(stateWith(BUDI, [passportEvent(BUDI), scan])))).not.toContain('R02');
  });

  it('sees a scam hub at the end of an itinerary whose first stop is Kuala Lumpur', () => {
    const scan = crossingEvent(BUDI, { countryCode: 'MY', finalDestinationCountry: 'KH' });
    expect(ruleIds(judge(stateWith(BUDI, [passportEvent(BUDI), scan])))).toContain('R02');
  });

  it('reads a ticket paid by a sponsor for a traveller without placement as a sign of work', () => {
    const scan = crossingEvent(BUDI, { ticketPaidBy: 'SPONSOR', sponsor: 'Pak Rudi' });
    expect(ruleIds(judge(stateWith(BUDI, [passportEvent(BUDI), scan])))).toEqual(['R01']);
  });

  it('leaves a student with a student visa and no return alone', () => {
    const scan = crossingEvent(BUDI, {
      countryCode: 'MY',
      declaredPurpose: 'STUDY',
      visaType: 'STUDENT',
      returnDate: null,
    });
    expect(judge(stateWith(BUDI, [passportEvent(BUDI), scan]))).toBeNull();
  });
});

describe('knowledge from other records', () => {
  it('matches a watchlisted phone on the booking', () => {
    const scan = crossingEvent(BUDI, { contactPhones: ['6281299887766'] });
    const phone = watchlistEntry({
      entryId: 'WL-PHONE-1',
      entryType: 'PHONE_NUMBER',
      name: null,
      aliases: [],
      identifier: '6281299887766',
      reason: 'recruiter number in a Bareskrim case',
    });
    expect(
      ruleIds(judge(stateWith(BUDI, [passportEvent(BUDI), scan]), contextWith({ watchlist: [phone] }))),
    ).toContain('R09');
  });

  it('reads a deportation recorded on arrival as the start of the repeat-departure window', () => {
    const arrival = crossingEvent(BUDI, {
      eventTime: daysAgo(90),
      direction: 'ARRIVAL',
      stage: 'CLEARED',
      arrivalCategory: 'DEPORTED',
    });
    const scan = crossingEvent(BUDI);
    expect(ruleIds(judge(stateWith(BUDI, [passportEvent(BUDI), arrival, scan])))).toContain('R12');
  });
});

describe('severity', () => {
  const rule = (ruleId: FiredRule['ruleId'], severity: FiredRule['severity'], score: number): FiredRule => ({
    ruleId,
    title: ruleId,
    severity,
    score,
    reasons: [],
  });
  const bands = { MEDIUM: 30, HIGH: 55, CRITICAL: 80 };

  it.each([
    [
      'one MEDIUM rule with the origin bonus',
      [rule('R01', 'MEDIUM', 70), rule('ORIGIN', 'LOW', 10)],
      80,
      'MEDIUM',
    ],
    ['one HIGH rule, however high its score', [rule('R02', 'HIGH', 95)], 95, 'HIGH'],
    [
      'two MEDIUM rules reaching the HIGH band',
      [rule('R01', 'MEDIUM', 40), rule('R05', 'MEDIUM', 35)],
      75,
      'HIGH',
    ],
    [
      'two MEDIUM rules below the HIGH band',
      [rule('R01', 'MEDIUM', 20), rule('R05', 'MEDIUM', 20)],
      40,
      'MEDIUM',
    ],
    [
      'a HIGH rule corroborated to the CRITICAL band',
      [rule('R02', 'HIGH', 60), rule('R01', 'MEDIUM', 40)],
      100,
      'CRITICAL',
    ],
    ['a CRITICAL rule alone', [rule('R11', 'CRITICAL', 80)], 80, 'CRITICAL'],
  ] as const)('%s is %s', (_what, fired, score, expected) => {
    expect(severityOf(fired, score, bands)).toBe(expected);
  });
});
