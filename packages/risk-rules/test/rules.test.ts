import {
  evaluateSituation,
  normalizedName,
  type CompanionFlag,
  type Decision,
  type FiredRule,
  type LinkedPerson,
  type PersonState,
  type RuleContext,
  type Situation,
} from '../src';
import {
  abroadEvent,
  contextWith,
  crossingEvent,
  dateOf,
  daysAgo,
  daysFromNow,
  departureOf,
  documentsOf,
  HOUR,
  identityEvent,
  nikFor,
  NOW,
  overstayOf,
  passportEvent,
  placementEvent,
  placementSteps,
  reportOf,
  resetEventIds,
  ruleSet,
  stateWith,
  watchlistEntry,
} from './support/builders';
import { readInEnglish } from './support/in-english';

/** A man of 31 from Surabaya: working age, and from a region that is not a hotspot. */
const BUDI = nikFor({ regency: '3578', birthDate: '1995-03-12', sex: 'MALE' });

beforeEach(resetEventIds);

function judge(
  state: PersonState,
  context: RuleContext = contextWith(),
  situation: Situation = departureOf(state),
): Decision | null {
  return evaluateSituation(state, situation, context);
}

const ruleIds = (decision: Decision | null): string[] => decision?.rules.map((rule) => rule.ruleId) ?? [];

/** The rule that fired, its reasons rendered in English from their message keys. */
function fired(decision: Decision | null, ruleId: FiredRule['ruleId']) {
  const rule = decision?.rules.find((candidate) => candidate.ruleId === ruleId);
  if (!rule)
    throw new Error(`expected ${ruleId} to fire; fired: ${ruleIds(decision).join(', ') || 'nothing'}`);
  return readInEnglish(rule);
}

const linked = (nik: string, time: number, placement = false): LinkedPerson => ({ nik, time, placement });

describe('R01 worker leaving as a tourist or pilgrim', () => {
  it('stays silent for a tourist with a return booking to Malaysia and an old passport', () => {
    const state = stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI)]);
    expect(judge(state)).toBeNull();
  });

  it('stays silent for a pilgrim in a PPIU group with a return booking', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI, { declaredPurpose: 'UMRAH' }),
      crossingEvent(BUDI, {
        countryCode: 'SA',
        declaredPurpose: 'UMRAH',
        returnDate: dateOf(daysFromNow(12)),
        groupReference: 'UMR-2026-118',
        travelOrganizerLicence: 'PPIU-U.123/2019',
      }),
    ]);
    expect(judge(state)).toBeNull();
  });

  it('stays silent for a procedural worker whose departure matches the placement', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI, { declaredPurpose: 'WORK' }),
      ...placementSteps(BUDI, { departure: NOW, country: 'MY', checkpoint: 'CGK' }),
      crossingEvent(BUDI, { declaredPurpose: 'WORK', returnDate: null }),
    ]);
    expect(judge(state)).toBeNull();
  });

  it.each([
    ['a 60-year-old visiting family one-way (outside working age)', '1966-02-01', 'MY', 'VISIT_FAMILY'],
    ['a one-way tourist to Australia (not a labour destination)', '1995-03-12', 'AU', 'TOURISM'],
    ['a student leaving one-way for Japan', '2004-09-01', 'JP', 'STUDY'],
  ] as const)('stays silent for %s', (_case, birthDate, countryCode, declaredPurpose) => {
    const nik = nikFor({ regency: '3578', birthDate, sex: 'MALE' });
    const state = stateWith(nik, [
      passportEvent(nik),
      crossingEvent(nik, { countryCode, declaredPurpose, returnDate: null }),
    ]);
    expect(judge(state)).toBeNull();
  });

  it('fires on a one-way "tourist" to Malaysia, citing the crossing', () => {
    const crossing = crossingEvent(BUDI, { returnDate: null });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossing]));

    expect(ruleIds(decision)).toEqual(['R01']);
    expect(fired(decision, 'R01').reasons).toEqual([
      { text: 'one-way to Malaysia: no return booking shown', evidence: [crossing.eventId] },
    ]);
    expect(decision).toMatchObject({ score: 40, severity: 'MEDIUM' });
    expect(decision?.actions).toEqual(['REFER_SECONDARY_INSPECTION', 'INTERVIEW']);
  });

  it('adds every further sign of work to the score', () => {
    const application = passportEvent(BUDI, {
      eventType: 'APPLICATION_SUBMITTED',
      eventTime: daysAgo(40),
      declaredPurpose: 'WORK',
    });
    const issued = passportEvent(BUDI, { eventTime: daysAgo(10), declaredPurpose: null });
    const crossing = crossingEvent(BUDI, { returnDate: '2027-01-19' });
    const decision = judge(stateWith(BUDI, [application, issued, crossing]));

    const { reasons, score } = fired(decision, 'R01');
    expect(reasons).toEqual([
      // Calendar days from the day of the scan to the return date.
      { text: 'return booked 60 days out, beyond a 30-day visit', evidence: [crossing.eventId] },
      {
        text: 'told the passport office the purpose was work, declares tourism at the counter',
        evidence: [application.eventId, crossing.eventId],
      },
      // Weight only: a fresh passport is also every first holiday.
      {
        text: `passport issued 10 days before departure (${dateOf(daysAgo(10))})`,
        evidence: [issued.eventId],
      },
    ]);
    expect(score).toBe(40 + 2 * 10);
  });

  it.each([
    ['2026-12-20', 'a 30-day visit', []],
    ['2026-12-21', 'a stay beyond 30 days', ['R01']],
    ['2026-12-22', 'a stay beyond 30 days', ['R01']],
  ])('reads a return on %s as %s', (returnDate, _reading, expected) => {
    const state = stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI, { returnDate })]);
    expect(ruleIds(judge(state))).toEqual(expected);
  });

  it('counts the stay in calendar days from the day of the scan, whatever its hour', () => {
    // Scanned at 08:00 UTC on 20 November: 21 December is 31 calendar days later, though fewer
    // than 31 times 24 hours after the scan.
    const crossing = crossingEvent(BUDI, { returnDate: '2026-12-21' });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossing]));

    expect(fired(decision, 'R01').reasons).toEqual([
      { text: 'return booked 31 days out, beyond a 30-day visit', evidence: [crossing.eventId] },
    ]);
  });

  it('leaves an independent umrah with a return alone: lawful since UU 14/2025', () => {
    const crossing = crossingEvent(BUDI, {
      countryCode: 'SA',
      declaredPurpose: 'UMRAH',
      returnDate: dateOf(daysFromNow(12)),
    });
    expect(ruleIds(judge(stateWith(BUDI, [passportEvent(BUDI), crossing])))).toEqual([]);
  });

  it('adds the umrah score to a real sign of work when the umrah is outside a PPIU group', () => {
    const crossing = crossingEvent(BUDI, { countryCode: 'SA', declaredPurpose: 'UMRAH', returnDate: null });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossing]));

    expect(fired(decision, 'R01')).toMatchObject({
      score: 40 + 10,
      reasons: [
        { text: 'one-way to Saudi Arabia: no return booking shown', evidence: [crossing.eventId] },
        { text: 'umrah outside a registered travel organiser (PPIU) group', evidence: [crossing.eventId] },
      ],
    });
  });

  it('leaves a first holiday on a new passport with a return alone', () => {
    const issued = passportEvent(BUDI, { eventTime: daysAgo(5) });
    const crossing = crossingEvent(BUDI);
    expect(ruleIds(judge(stateWith(BUDI, [issued, crossing])))).toEqual([]);
  });

  it('fires on umrah declared on a flight to Malaysia', () => {
    const crossing = crossingEvent(BUDI, {
      declaredPurpose: 'UMRAH',
      groupReference: 'UMR-2026-118',
      travelOrganizerLicence: 'PPIU-U.123/2019',
    });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossing]));

    expect(fired(decision, 'R01').reasons).toEqual([
      { text: 'declares umrah but the trip ends in Malaysia', evidence: [crossing.eventId] },
    ]);
  });

  it('fires on declared work without a KP2MI placement', () => {
    const crossing = crossingEvent(BUDI, { declaredPurpose: 'WORK', returnDate: null });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossing]));

    expect(fired(decision, 'R01').reasons.map((reason) => reason.text)).toEqual([
      'declares work in Malaysia but has no KP2MI placement',
      'one-way to Malaysia: no return booking shown',
    ]);
  });

  it('does not treat a cancelled placement as cover', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      placementEvent(BUDI, { eventTime: daysAgo(60) }),
      placementEvent(BUDI, {
        eventType: 'PLACEMENT_CANCELLED',
        eventTime: daysAgo(20),
        cancellationReason: 'worker withdrew',
      }),
      crossingEvent(BUDI, { returnDate: null }),
    ]);
    expect(ruleIds(judge(state))).toEqual(['R01']);
  });

  it('stays silent for a working-age Sambas resident crossing at Aruk on a border pass with no return booking', () => {
    const sambas = nikFor({ regency: '6101', birthDate: '1996-04-18', sex: 'MALE' });
    expect(ruleSet().borderRegencies).toContain('6101');
    const state = stateWith(sambas, [
      crossingEvent(sambas, {
        checkpointCode: 'PLBN-ARUK',
        checkpointType: 'LAND',
        counterId: 'ARUK-02',
        documentType: 'PLB',
        documentNumber: 'PLB-6101-0042',
        returnDate: null,
      }),
    ]);
    // Neither R01 nor R10's border-pass check: a border resident crossing by land is daily life.
    expect(judge(state)).toBeNull();
  });

  it('still fires for a Sambas resident flying one-way to Malaysia', () => {
    const sambas = nikFor({ regency: '6101', birthDate: '1996-04-18', sex: 'MALE' });
    const crossing = crossingEvent(sambas, { checkpointCode: 'PNK', counterId: 'PNK-01', returnDate: null });
    expect(ruleIds(judge(stateWith(sambas, [passportEvent(sambas), crossing])))).toEqual(['R01', 'ORIGIN']);
  });

  it('still fires for a Bogor resident leaving one-way by land to Malaysia', () => {
    const bogor = nikFor({ regency: '3201', birthDate: '1995-03-12', sex: 'MALE' });
    expect(ruleSet().borderRegencies).not.toContain('3201');
    const crossing = crossingEvent(bogor, {
      checkpointCode: 'PLBN-ENTIKONG',
      checkpointType: 'LAND',
      counterId: null,
      returnDate: null,
    });
    const decision = judge(stateWith(bogor, [passportEvent(bogor), crossing]));

    expect(ruleIds(decision)).toEqual(['R01', 'ORIGIN']);
    expect(fired(decision, 'R01').reasons).toEqual([
      { text: 'one-way to Malaysia: no return booking shown', evidence: [crossing.eventId] },
    ]);
  });

  it('fires nothing once the rule is disabled in the rule set', () => {
    const disabled = structuredClone(ruleSet());
    disabled.rules.R01.enabled = false;
    const state = stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI, { returnDate: null })]);
    expect(judge(state, contextWith({ ruleSet: disabled }))).toBeNull();
  });
});

describe('R02 online-scam hub destination', () => {
  const DEWI = nikFor({ regency: '3578', birthDate: '2002-06-15', sex: 'FEMALE' });

  it('fires on a young adult flying to Cambodia without a placement', () => {
    const crossing = crossingEvent(DEWI, { fullName: 'DEWI LESTARI', countryCode: 'KH' });
    const decision = judge(stateWith(DEWI, [passportEvent(DEWI, { fullName: 'DEWI LESTARI' }), crossing]));

    expect(ruleIds(decision)).toEqual(['R02']);
    expect(fired(decision, 'R02').reasons).toEqual([
      {
        text: 'destination Cambodia, where online-scam compounds hold trafficked Indonesians; aged 24, no placement',
        evidence: [crossing.eventId],
      },
    ]);
    expect(decision).toMatchObject({ score: 60, severity: 'HIGH' });
  });

  it('fires on a route through a scam hub', () => {
    const crossing = crossingEvent(DEWI, { countryCode: 'VN', transitCountries: ['KH'] });
    const decision = judge(stateWith(DEWI, [passportEvent(DEWI), crossing]));

    expect(fired(decision, 'R02').reasons).toEqual([
      { text: 'route through Cambodia, a scam-compound area', evidence: [crossing.eventId] },
    ]);
  });

  it('stays silent for a 52-year-old on holiday in Cambodia', () => {
    const nik = nikFor({ regency: '3578', birthDate: '1974-05-02', sex: 'MALE' });
    const state = stateWith(nik, [passportEvent(nik), crossingEvent(nik, { countryCode: 'KH' })]);
    expect(judge(state)).toBeNull();
  });

  it('stays silent for a young adult on holiday in Thailand', () => {
    const state = stateWith(DEWI, [passportEvent(DEWI), crossingEvent(DEWI, { countryCode: 'TH' })]);
    expect(judge(state)).toBeNull();
  });
});

describe('R03 departure after a passport refusal', () => {
  it('fires when a border resident refused for suspected work crosses on a border pass', () => {
    const sambas = nikFor({ regency: '6101', birthDate: '1999-01-20', sex: 'MALE' });
    const refusal = passportEvent(sambas, {
      eventType: 'REFUSED',
      eventTime: Date.UTC(2026, 8, 21, 3, 0),
      officeCode: 'KANIM-SAMBAS',
      officeRegencyCode: '6101',
      decisionReason: 'SUSPECTED_NON_PROCEDURAL_WORK',
    });
    const crossing = crossingEvent(sambas, {
      checkpointCode: 'PLBN-ARUK',
      checkpointType: 'LAND',
      counterId: 'ARUK-02',
      documentType: 'PLB',
      documentNumber: 'PLB-610101-0042',
    });
    const decision = judge(stateWith(sambas, [refusal, crossing]));

    expect(ruleIds(decision)).toEqual(['R03', 'ORIGIN']);
    expect(fired(decision, 'R03').reasons).toEqual([
      {
        text: 'passport refused on 2026-09-21 at KANIM-SAMBAS for suspected non-procedural work; now departing on a border pass (PLB)',
        evidence: [refusal.eventId, crossing.eventId],
      },
    ]);
    expect(decision).toMatchObject({ score: 55 + 10, severity: 'HIGH' });
  });

  it('fires on the documents when the refused applicant applies again at another office', () => {
    const refusal = passportEvent(BUDI, {
      eventType: 'DEFERRED',
      eventTime: daysAgo(60),
      decisionReason: 'SUSPECTED_NON_PROCEDURAL_WORK',
    });
    const elsewhere = passportEvent(BUDI, {
      eventType: 'APPLICATION_SUBMITTED',
      eventTime: Date.UTC(2026, 9, 31, 2, 0),
      applicationId: 'APP-2',
      officeCode: 'KANIM-PONTIANAK',
      officeRegencyCode: '6171',
    });
    const state = stateWith(BUDI, [refusal, elsewhere]);
    const decision = judge(state, contextWith(), documentsOf(state));

    expect(fired(decision, 'R03').reasons).toEqual([
      {
        text: expect.stringContaining('applied again at another office (KANIM-PONTIANAK) on 2026-10-31'),
        evidence: [refusal.eventId, elsewhere.eventId],
      },
    ]);
    expect(fired(decision, 'R03').reasons[0]?.text).toMatch(/^passport deferred on .* at KANIM-BOGOR/);
  });

  it('stays silent after a refusal for incomplete documents put right at the same office', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI, {
        eventType: 'REFUSED',
        eventTime: daysAgo(200),
        decisionReason: 'INCOMPLETE_DOCUMENTS',
      }),
      passportEvent(BUDI, {
        eventType: 'APPLICATION_SUBMITTED',
        eventTime: daysAgo(150),
        applicationId: 'APP-2',
      }),
      passportEvent(BUDI, { eventTime: daysAgo(140), applicationId: 'APP-2' }),
      crossingEvent(BUDI),
    ]);
    expect(judge(state)).toBeNull();
    expect(judge(state, contextWith(), documentsOf(state))).toBeNull();
  });

  it('forgets a refusal older than the window', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI, {
        eventType: 'REFUSED',
        eventTime: daysAgo(400),
        decisionReason: 'SUSPECTED_NON_PROCEDURAL_WORK',
      }),
      crossingEvent(BUDI),
    ]);
    expect(judge(state)).toBeNull();
  });
});

describe('R04 identity mismatch', () => {
  it('fires when Dukcapil records the NIK as deceased', () => {
    const deceased = identityEvent(BUDI, { eventType: 'DECEASED', eventTime: daysAgo(200) });
    const crossing = crossingEvent(BUDI);
    const decision = judge(stateWith(BUDI, [identityEvent(BUDI), deceased, crossing]));

    expect(ruleIds(decision)).toEqual(['R04']);
    expect(fired(decision, 'R04').reasons).toEqual([
      { text: 'Dukcapil records this NIK as deceased', evidence: [deceased.eventId] },
    ]);
    expect(decision?.actions).toEqual(['REFER_SECONDARY_INSPECTION', 'VERIFY_IDENTITY']);
  });

  it("fires when the name on the travel document is not Dukcapil's", () => {
    const siti = nikFor({ regency: '3578', birthDate: '1998-07-04', sex: 'FEMALE' });
    const snapshot = identityEvent(siti, { fullName: 'SITI AMINAH' });
    const crossing = crossingEvent(siti, { fullName: 'DEWI LESTARI' });
    const decision = judge(stateWith(siti, [snapshot, crossing]));

    expect(fired(decision, 'R04').reasons).toEqual([
      {
        text: "the name on the travel document does not match Dukcapil's",
        evidence: [crossing.eventId, snapshot.eventId],
      },
    ]);
  });

  it("fires when a girl's document makes her older than her NIK says", () => {
    const girl = nikFor({ regency: '3578', birthDate: '2009-08-17', sex: 'FEMALE' });
    const crossing = crossingEvent(girl, {
      fullName: 'RATNA SARI',
      birthDate: '2004-08-17',
      bookingReference: 'PNR-RS01',
    });
    const context = contextWith({ links: { byBooking: new Map([['PNR-RS01', [linked(girl, NOW)]]]) } });
    const decision = judge(stateWith(girl, [crossing]), context);

    expect(fired(decision, 'R04').reasons).toEqual([
      {
        text: 'the travel document gives birth date 2004-08-17, the NIK 2009-08-17',
        evidence: [crossing.eventId],
      },
    ]);
    expect(ruleIds(decision)).toEqual(['R04', 'R07']);
  });

  it('fires on the documents when a passport application contradicts the Dukcapil record', () => {
    const snapshot = identityEvent(BUDI);
    const application = passportEvent(BUDI, {
      eventType: 'APPLICATION_SUBMITTED',
      eventTime: daysAgo(5),
      sex: 'FEMALE',
    });
    const state = stateWith(BUDI, [snapshot, application]);
    const decision = judge(state, contextWith(), documentsOf(state));

    expect(fired(decision, 'R04').reasons).toEqual([
      {
        text: 'the passport record gives sex female, Dukcapil male',
        evidence: [application.eventId, snapshot.eventId],
      },
    ]);
  });

  it("fires when the NIK's encoded birth date contradicts Dukcapil", () => {
    const snapshot = identityEvent(BUDI, { birthDate: '1994-03-12' });
    const crossing = crossingEvent(BUDI, { birthDate: '1994-03-12' });
    const decision = judge(stateWith(BUDI, [snapshot, crossing]));

    expect(fired(decision, 'R04').reasons).toEqual([
      {
        text: 'the NIK encodes birth date 1995-03-12, Dukcapil records 1994-03-12',
        evidence: [snapshot.eventId],
      },
    ]);
  });

  it('stays silent when the Dukcapil birth date differs from the NIK only in the century', () => {
    // The NIK holds two digits of the year: 95 is 1995 or 2095 (read as 1895 before 2095 comes).
    const snapshot = identityEvent(BUDI, { birthDate: '2095-03-12' });
    const state = stateWith(BUDI, [snapshot, crossingEvent(BUDI, { birthDate: '2095-03-12' })]);
    expect(ruleIds(judge(state))).not.toContain('R04');
  });

  it('stays silent when the document spells the Dukcapil name another way', () => {
    const state = stateWith(BUDI, [
      identityEvent(BUDI, { fullName: 'BUDI SANTOSO' }),
      passportEvent(BUDI, { fullName: 'H. BUDI SANTOSA' }),
      crossingEvent(BUDI, { fullName: 'H. BUDI SANTOSA' }),
    ]);
    expect(judge(state)).toBeNull();
  });
});

describe('R05 passport churn', () => {
  it('fires on the documents after three applications in 90 days', () => {
    const applications = [80, 50, 10].map((days, index) =>
      passportEvent(BUDI, {
        eventType: 'APPLICATION_SUBMITTED',
        eventTime: daysAgo(days),
        applicationId: `APP-${index + 1}`,
      }),
    );
    const state = stateWith(BUDI, applications);
    const decision = judge(state, contextWith(), documentsOf(state));

    expect(ruleIds(decision)).toEqual(['R05']);
    expect(fired(decision, 'R05').reasons).toEqual([
      {
        text: '3 passport applications in 90 days',
        evidence: applications.map((event) => event.eventId),
      },
    ]);
    expect(decision?.actions).toEqual(['INTERVIEW', 'NOTIFY_ORIGIN_REGENCY', 'VERIFY_IDENTITY']);
  });

  it('fires after two lost-passport reports in 90 days', () => {
    const lost = [60, 20].map((days) =>
      passportEvent(BUDI, {
        eventType: 'REPORTED_LOST',
        eventTime: daysAgo(days),
        passportNumber: 'C1234567',
      }),
    );
    const state = stateWith(BUDI, [passportEvent(BUDI), ...lost]);
    const decision = judge(state, contextWith(), documentsOf(state));

    expect(fired(decision, 'R05').reasons).toEqual([
      { text: '2 passports reported lost in 90 days', evidence: lost.map((event) => event.eventId) },
    ]);
  });

  it('fires when the passport at the counter is also recorded under another NIK', () => {
    const other = nikFor({ regency: '3201', birthDate: '1990-10-10', sex: 'MALE' });
    const crossing = crossingEvent(BUDI);
    const context = contextWith({
      links: {
        passportHolders: new Map([['C1234567', [linked(BUDI, daysAgo(400)), linked(other, daysAgo(30))]]]),
      },
    });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossing]), context);

    expect(fired(decision, 'R05').reasons).toEqual([
      { text: 'passport C1234567 is also recorded under another NIK', evidence: [crossing.eventId] },
    ]);
  });

  it('counts one other NIK recorded twice for the passport as another NIK', () => {
    const other = nikFor({ regency: '3201', birthDate: '1990-10-10', sex: 'MALE' });
    const crossing = crossingEvent(BUDI);
    const holders = [linked(BUDI, daysAgo(400)), linked(other, daysAgo(30)), linked(other, daysAgo(29))];
    const context = contextWith({ links: { passportHolders: new Map([['C1234567', holders]]) } });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossing]), context);

    expect(fired(decision, 'R05').reasons).toEqual([
      { text: 'passport C1234567 is also recorded under another NIK', evidence: [crossing.eventId] },
    ]);
  });

  it('counts each other NIK once when several are recorded for the passport', () => {
    const [first, second] = [1, 2].map((serial) =>
      nikFor({ regency: '3201', birthDate: '1990-10-10', sex: 'MALE', serial }),
    ) as [string, string];
    const crossing = crossingEvent(BUDI);
    const holders = [linked(first, daysAgo(30)), linked(second, daysAgo(20)), linked(first, daysAgo(10))];
    const context = contextWith({ links: { passportHolders: new Map([['C1234567', holders]]) } });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossing]), context);

    expect(fired(decision, 'R05').reasons.map((reason) => reason.text)).toEqual([
      'passport C1234567 is also recorded under 2 other NIKs',
    ]);
  });

  it('stays silent for a refusal put right with one more application', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI, {
        eventType: 'REFUSED',
        eventTime: daysAgo(70),
        decisionReason: 'INCOMPLETE_DOCUMENTS',
      }),
      passportEvent(BUDI, {
        eventType: 'APPLICATION_SUBMITTED',
        eventTime: daysAgo(50),
        applicationId: 'APP-2',
      }),
      passportEvent(BUDI, { eventTime: daysAgo(40), applicationId: 'APP-2' }),
    ]);
    expect(judge(state, contextWith(), documentsOf(state))).toBeNull();
  });

  it("stays silent when the passport index holds only the traveller's own NIK", () => {
    const context = contextWith({
      links: { passportHolders: new Map([['C1234567', [linked(BUDI, daysAgo(400)), linked(BUDI, NOW)]]]) },
    });
    expect(judge(stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI)]), context)).toBeNull();
  });
});

describe('R06 departure that contradicts the placement', () => {
  it('fires when a worker placed in Malaysia flies to Saudi Arabia', () => {
    const steps = placementSteps(BUDI, { departure: NOW, country: 'MY', checkpoint: 'CGK' });
    const crossing = crossingEvent(BUDI, { countryCode: 'SA', declaredPurpose: 'UMRAH' });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), ...steps, crossing]));

    expect(ruleIds(decision)).toEqual(['R06']);
    expect(fired(decision, 'R06').reasons).toEqual([
      {
        text: 'placement PL-1 is for Malaysia, departing to Saudi Arabia',
        evidence: [crossing.eventId, ...steps.map((step) => step.eventId)],
      },
    ]);
  });

  it('fires when a worker scheduled through Soekarno-Hatta leaves by land through Entikong', () => {
    const crossing = crossingEvent(BUDI, { checkpointCode: 'PLBN-ENTIKONG', checkpointType: 'LAND' });
    const decision = judge(
      stateWith(BUDI, [passportEvent(BUDI), ...placementSteps(BUDI, { departure: NOW }), crossing]),
    );

    expect(fired(decision, 'R06').reasons.map((reason) => reason.text)).toEqual([
      'placement schedules departure through CGK, departing through PLBN-ENTIKONG',
    ]);
  });

  it('fires when a placed worker with no scheduled checkpoint leaves by land', () => {
    const steps = placementSteps(BUDI, { departure: NOW, fields: { departureCheckpointCode: null } });
    const crossing = crossingEvent(BUDI, { checkpointCode: 'PLBN-ENTIKONG', checkpointType: 'LAND' });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), ...steps, crossing]));

    expect(fired(decision, 'R06').reasons.map((reason) => reason.text)).toEqual([
      'placed worker leaving by land through PLBN-ENTIKONG',
    ]);
  });

  it('fires when the worker leaves before training and the departure step', () => {
    const steps = placementSteps(BUDI, {
      departure: NOW,
      steps: ['WORKER_REGISTERED', 'JOB_ORDER_MATCHED'],
    });
    const crossing = crossingEvent(BUDI, { declaredPurpose: 'WORK', returnDate: null });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), ...steps, crossing]));

    expect(ruleIds(decision)).toEqual(['R06']);
    expect(fired(decision, 'R06').reasons).toEqual([
      {
        text: "departing before the placement's training completed and departure scheduled step",
        evidence: [crossing.eventId, ...steps.map((step) => step.eventId)],
      },
    ]);
  });

  it('stays silent when the worker leaves as the placement says', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      ...placementSteps(BUDI, { departure: NOW, country: 'MY', checkpoint: 'CGK' }),
      crossingEvent(BUDI, { declaredPurpose: 'WORK', returnDate: null, stage: 'CLEARED' }),
    ]);
    expect(judge(state)).toBeNull();
  });
});

describe('R07 minor without a guardian', () => {
  const GIRL = nikFor({ regency: '3578', birthDate: '2010-04-05', sex: 'FEMALE' });
  const MOTHER = nikFor({ regency: '3578', birthDate: '1982-01-30', sex: 'FEMALE', serial: 2 });

  it('fires on a 16-year-old girl sent alone by a sponsor, as CRITICAL whatever the score', () => {
    const crossing = crossingEvent(GIRL, {
      fullName: 'SITI AMINAH',
      bookingReference: 'PNR-Q7ZK2',
      sponsor: 'Bu Rina',
    });
    const context = contextWith({ links: { byBooking: new Map([['PNR-Q7ZK2', [linked(GIRL, NOW)]]]) } });
    const decision = judge(stateWith(GIRL, [crossing]), context);

    expect(ruleIds(decision)).toEqual(['R07']);
    expect(fired(decision, 'R07').reasons).toEqual([
      {
        text: 'aged 16, departing to Malaysia with no adult on the same booking, sponsored by someone outside the booking',
        evidence: [crossing.eventId],
      },
    ]);
    expect(decision).toMatchObject({ score: 70, severity: 'CRITICAL' });
    expect(decision?.actions).toEqual(['REFER_SECONDARY_INSPECTION', 'VICTIM_SUPPORT']);
  });

  it('fires when the only adult on the booking travelled days earlier', () => {
    const crossing = crossingEvent(GIRL, { bookingReference: 'PNR-Q7ZK2' });
    const context = contextWith({
      links: { byBooking: new Map([['PNR-Q7ZK2', [linked(MOTHER, NOW - 48 * HOUR), linked(GIRL, NOW)]]]) },
    });
    expect(ruleIds(judge(stateWith(GIRL, [crossing]), context))).toEqual(['R07']);
  });

  it('stays silent for a girl travelling with her mother on the same booking', () => {
    const crossing = crossingEvent(GIRL, { bookingReference: 'PNR-Q7ZK2' });
    const context = contextWith({
      links: {
        byBooking: new Map([['PNR-Q7ZK2', [linked(MOTHER, NOW - 10 * 60_000), linked(GIRL, NOW)]]]),
      },
    });
    expect(judge(stateWith(GIRL, [crossing]), context)).toBeNull();
  });
});

describe('R08 recruited group', () => {
  const fromLombokTimur = (serial: number) =>
    nikFor({ regency: '5203', birthDate: '1998-05-11', sex: 'MALE', serial });
  const [ahmad, rudi, yusuf] = [fromLombokTimur(1), fromLombokTimur(2), fromLombokTimur(3)];

  it('fires on three travellers from one regency without placements on one booking, with a sponsor', () => {
    const crossing = crossingEvent(ahmad, {
      checkpointCode: 'LOP',
      bookingReference: 'PNR-LOP881',
      sponsor: 'CV Karya Lombok',
    });
    const members = [linked(ahmad, NOW), linked(rudi, NOW - HOUR), linked(yusuf, NOW - 2 * HOUR)];
    const context = contextWith({ links: { byBooking: new Map([['PNR-LOP881', members]]) } });
    const decision = judge(stateWith(ahmad, [passportEvent(ahmad), crossing]), context);

    expect(ruleIds(decision)).toEqual(['R08', 'ORIGIN']);
    expect(fired(decision, 'R08').reasons).toEqual([
      {
        text: '3 travellers from Kabupaten Lombok Timur without placements on booking PNR-LOP881 within 48 h, not one family',
        evidence: [crossing.eventId],
      },
    ]);
    expect(decision?.actions).toEqual(['REFER_SECONDARY_INSPECTION', 'INTERVIEW', 'NOTIFY_ORIGIN_REGENCY']);
  });

  it('fires on three travellers naming the same sponsor, however they spell it', () => {
    const crossing = crossingEvent(ahmad, { checkpointCode: 'LOP', sponsor: 'Haji Darmawan Saputra' });
    const members = [linked(ahmad, NOW), linked(rudi, NOW - 5 * HOUR), linked(yusuf, NOW - 10 * HOUR)];
    const context = contextWith({
      links: { bySponsor: new Map([[normalizedName('H. Darmawan Saputra'), members]]) },
    });
    const decision = judge(stateWith(ahmad, [passportEvent(ahmad), crossing]), context);

    expect(fired(decision, 'R08').reasons.map((reason) => reason.text)).toEqual([
      '3 travellers from Kabupaten Lombok Timur without placements named the same sponsor within 48 h',
    ]);
  });

  it('fires, with the linked-alert score, on a sponsor named by travellers already alerted on', () => {
    const crossing = crossingEvent(BUDI, { sponsor: 'Haji Darmawan Saputra' });
    const earlier = [linked(rudi, daysAgo(3)), linked(yusuf, daysAgo(2))];
    const context = contextWith({
      links: { sponsorAlerts: new Map([[normalizedName('H. Darmawan Saputra'), earlier]]) },
    });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossing]), context);

    expect(fired(decision, 'R08')).toMatchObject({
      score: 40 + 15,
      reasons: [
        { text: 'the sponsor was named by 2 earlier alerted travellers', evidence: [crossing.eventId] },
      ],
    });
  });

  it('counts a traveller named by several earlier alerts on the sponsor once', () => {
    const crossing = crossingEvent(BUDI, { sponsor: 'Haji Darmawan Saputra' });
    const earlier = [linked(rudi, daysAgo(3)), linked(rudi, daysAgo(3) + HOUR)];
    const context = contextWith({
      links: { sponsorAlerts: new Map([[normalizedName('H. Darmawan Saputra'), earlier]]) },
    });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossing]), context);

    expect(fired(decision, 'R08')).toMatchObject({
      score: 40 + 15,
      reasons: [
        { text: 'the sponsor was named by 1 earlier alerted traveller', evidence: [crossing.eventId] },
      ],
    });
  });

  // The link index holds an entry per scan and per clearance: R08 must count people.
  it('does not count a scan and a clearance of one traveller on the booking as two people', () => {
    const crossing = crossingEvent(ahmad, {
      checkpointCode: 'LOP',
      stage: 'CLEARED',
      bookingReference: 'PNR-LOP881',
      sponsor: 'CV Karya Lombok',
    });
    const members = [
      linked(rudi, NOW - HOUR),
      linked(rudi, NOW - 40 * 60_000),
      linked(ahmad, NOW - 20 * 60_000),
      linked(ahmad, NOW),
    ];
    const context = contextWith({ links: { byBooking: new Map([['PNR-LOP881', members]]) } });
    expect(ruleSet().rules.R08.params.minTravellers).toBe(3);
    expect(ruleIds(judge(stateWith(ahmad, [passportEvent(ahmad), crossing]), context))).not.toContain('R08');
  });

  it('does not count a scan and a clearance of one traveller naming the sponsor as two people', () => {
    const crossing = crossingEvent(ahmad, {
      checkpointCode: 'LOP',
      stage: 'CLEARED',
      sponsor: 'Haji Darmawan Saputra',
    });
    const members = [
      linked(rudi, NOW - HOUR),
      linked(rudi, NOW - 40 * 60_000),
      linked(ahmad, NOW - 20 * 60_000),
      linked(ahmad, NOW),
    ];
    const context = contextWith({
      links: { bySponsor: new Map([[normalizedName('H. Darmawan Saputra'), members]]) },
    });
    expect(ruleIds(judge(stateWith(ahmad, [passportEvent(ahmad), crossing]), context))).not.toContain('R08');
  });

  it('names the number of people, not of scans and clearances, when a booking group fires', () => {
    const crossing = crossingEvent(ahmad, {
      checkpointCode: 'LOP',
      stage: 'CLEARED',
      bookingReference: 'PNR-LOP881',
      sponsor: 'CV Karya Lombok',
    });
    const members = [ahmad, rudi, yusuf].flatMap((nik, index) => [
      linked(nik, NOW - (index + 1) * HOUR),
      linked(nik, index === 0 ? NOW : NOW - (index + 1) * HOUR + 20 * 60_000),
    ]);
    const context = contextWith({ links: { byBooking: new Map([['PNR-LOP881', members]]) } });
    const decision = judge(stateWith(ahmad, [passportEvent(ahmad), crossing]), context);

    expect(fired(decision, 'R08').reasons.map((reason) => reason.text)).toEqual([
      '3 travellers from Kabupaten Lombok Timur without placements on booking PNR-LOP881 within 48 h, not one family',
    ]);
  });

  it('stays silent for three friends from one regency on a short holiday they paid themselves', () => {
    const crossing = crossingEvent(ahmad, {
      checkpointCode: 'LOP',
      bookingReference: 'PNR-LOP882',
      ticketPaidBy: 'SELF',
    });
    const members = [linked(ahmad, NOW), linked(rudi, NOW - HOUR), linked(yusuf, NOW - 2 * HOUR)];
    const context = contextWith({ links: { byBooking: new Map([['PNR-LOP882', members]]) } });
    expect(ruleIds(judge(stateWith(ahmad, [passportEvent(ahmad), crossing]), context))).toEqual([]);
  });

  it('stays silent for a tour group from different regencies', () => {
    const others = ['3201', '3171', '5201'].map((regency) =>
      nikFor({ regency, birthDate: '1990-12-01', sex: 'FEMALE' }),
    );
    const members = [linked(BUDI, NOW), ...others.map((nik) => linked(nik, NOW - HOUR))];
    const context = contextWith({ links: { byBooking: new Map([['PNR-TOUR1', members]]) } });
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      crossingEvent(BUDI, { bookingReference: 'PNR-TOUR1' }),
    ]);
    expect(judge(state, context)).toBeNull();
  });

  it('does not count fellow travellers who have placements or travelled outside the window', () => {
    const members = [linked(ahmad, NOW), linked(rudi, NOW - HOUR, true), linked(yusuf, NOW - 72 * HOUR)];
    const context = contextWith({ links: { byBooking: new Map([['PNR-LOP881', members]]) } });
    const state = stateWith(ahmad, [
      passportEvent(ahmad),
      crossingEvent(ahmad, { checkpointCode: 'LOP', bookingReference: 'PNR-LOP881' }),
    ]);
    expect(judge(state, context)).toBeNull();
  });
});

describe('R09 watchlisted sponsor, recruiter or company', () => {
  it('fires when the sponsor matches a watchlisted recruiter under another spelling', () => {
    const entry = watchlistEntry({ name: 'SITI RAHMAWATI' });
    const crossing = crossingEvent(BUDI, { sponsor: 'Hj. Siti Rachmawati' });
    const decision = judge(
      stateWith(BUDI, [passportEvent(BUDI), crossing]),
      contextWith({ watchlist: [entry] }),
    );

    expect(ruleIds(decision)).toEqual(['R09']);
    expect(fired(decision, 'R09').reasons).toEqual([
      {
        text: 'sponsor matches watchlisted recruiter WL-1: named as recruiter in a TPPO case (Polda Kalbar)',
        evidence: [crossing.eventId, entry.eventId],
      },
    ]);
    expect(decision).toMatchObject({ score: 60, severity: 'HIGH' });
  });

  it('fires when the sponsor matches an alias of a watchlisted sponsor', () => {
    const entry = watchlistEntry({
      entryId: 'WL-2',
      entryType: 'SPONSOR',
      name: 'ABDUL GANI',
      aliases: ['Koh Ahong'],
    });
    const crossing = crossingEvent(BUDI, { sponsor: 'KOH AHONG' });
    const decision = judge(
      stateWith(BUDI, [passportEvent(BUDI), crossing]),
      contextWith({ watchlist: [entry] }),
    );
    expect(fired(decision, 'R09').reasons[0]?.text).toMatch(/^sponsor matches watchlisted sponsor WL-2/);
  });

  it('does not take a company named after a person for that listed person', () => {
    const entry = watchlistEntry({ name: 'SITI RAHMAWATI' });
    const crossing = crossingEvent(BUDI, { sponsor: 'PT Siti Rahmawati Jaya' });
    const state = stateWith(BUDI, [passportEvent(BUDI), crossing]);
    expect(ruleIds(judge(state, contextWith({ watchlist: [entry] })))).not.toContain('R09');
    // A listed company still matches, with or without its legal form on the booking.
    const company = watchlistEntry({ entryId: 'WL-3', entryType: 'SPONSOR', name: 'PT Siti Rahmawati Jaya' });
    expect(ruleIds(judge(state, contextWith({ watchlist: [company] })))).toContain('R09');
    const written = stateWith(BUDI, [
      passportEvent(BUDI),
      crossingEvent(BUDI, { sponsor: 'Siti Rahmawati Jaya' }),
    ]);
    expect(ruleIds(judge(written, contextWith({ watchlist: [company] })))).toContain('R09');
  });

  it("fires when the placement company's licence is suspended", () => {
    const steps = placementSteps(BUDI, { departure: NOW, fields: { p3miLicenceStatus: 'SUSPENDED' } });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), ...steps, crossingEvent(BUDI)]));

    expect(ruleIds(decision)).toEqual(['R09']);
    expect(fired(decision, 'R09').reasons).toEqual([
      {
        text: 'placement company PT Duta Karya Mandiri has a suspended licence',
        evidence: steps.map((step) => step.eventId),
      },
    ]);
  });

  it('fires when the placement company is watchlisted by its licence id', () => {
    const entry = watchlistEntry({
      entryId: 'WL-9',
      entryType: 'PLACEMENT_COMPANY',
      name: 'PT DKM',
      identifier: 'P3MI-0042',
      reason: 'sent workers on tourist visas',
    });
    const steps = placementSteps(BUDI, { departure: NOW });
    const decision = judge(
      stateWith(BUDI, [passportEvent(BUDI), ...steps, crossingEvent(BUDI)]),
      contextWith({ watchlist: [entry] }),
    );

    expect(fired(decision, 'R09').reasons).toEqual([
      {
        text: 'placement company PT Duta Karya Mandiri is watchlisted (WL-9): sent workers on tourist visas',
        evidence: [entry.eventId, ...steps.map((step) => step.eventId)],
      },
    ]);
  });

  it('judges each departure by the watchlist of its day', () => {
    const listedLater = watchlistEntry({ eventTime: daysFromNow(10) });
    const state = stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI, { sponsor: 'Siti Rahmawati' })]);
    expect(judge(state, contextWith({ watchlist: [listedLater] }))).toBeNull();
  });

  it('stays silent once the entry was withdrawn', () => {
    const versions = [
      watchlistEntry({ eventTime: daysAgo(200) }),
      watchlistEntry({ eventTime: daysAgo(20), active: false, reason: 'acquitted' }),
    ];
    const state = stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI, { sponsor: 'Siti Rahmawati' })]);
    expect(judge(state, contextWith({ watchlist: versions }))).toBeNull();
  });

  it('stays silent when a single-name sponsor shares one name with the listed recruiter', () => {
    const state = stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI, { sponsor: 'Siti' })]);
    expect(judge(state, contextWith({ watchlist: [watchlistEntry()] }))).toBeNull();
  });
});

describe('R10 land departure without return', () => {
  const landDeparture = { checkpointCode: 'PLBN-ENTIKONG', checkpointType: 'LAND', counterId: null } as const;

  it('fires on a border pass used by someone living far from the border', () => {
    const bogor = nikFor({ regency: '3201', birthDate: '1995-03-12', sex: 'MALE' });
    const crossing = crossingEvent(bogor, {
      ...landDeparture,
      documentType: 'PLB',
      documentNumber: 'PLB-0917',
    });
    const decision = judge(stateWith(bogor, [crossing]));

    expect(ruleIds(decision)).toEqual(['R10', 'ORIGIN']);
    expect(fired(decision, 'R10').reasons).toEqual([
      {
        text: 'border pass (PLB) used at PLBN-ENTIKONG by a resident of 3201, outside the border that post serves',
        evidence: [crossing.eventId],
      },
    ]);
  });

  it('fires on the overstay check when a land departure has no return within 30 days', () => {
    const crossing = crossingEvent(BUDI, { ...landDeparture, stage: 'CLEARED' });
    const state = stateWith(BUDI, [passportEvent(BUDI), crossing]);
    expect(judge(state)).toBeNull();

    const overstay = overstayOf(state);
    expect(overstay.time).toBe(daysFromNow(30));
    const decision = judge(state, contextWith(), overstay);
    expect(ruleIds(decision)).toEqual(['R10']);
    expect(fired(decision, 'R10').reasons).toEqual([
      {
        text: `left by land through PLBN-ENTIKONG on ${dateOf(NOW)}; no return within 30 days`,
        evidence: [crossing.eventId],
      },
    ]);
    expect(decision?.actions).toEqual(['INTERVIEW', 'NOTIFY_ORIGIN_REGENCY']);
  });

  it('stays silent on the overstay check once the traveller came back', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      crossingEvent(BUDI, { ...landDeparture, stage: 'CLEARED' }),
      crossingEvent(BUDI, {
        ...landDeparture,
        direction: 'ARRIVAL',
        stage: 'CLEARED',
        eventTime: daysFromNow(6),
        returnDate: null,
      }),
    ]);
    expect(judge(state, contextWith(), overstayOf(state))).toBeNull();
  });

  it('stays silent for a Sambas resident crossing at Aruk on a border pass, despite the hotspot origin', () => {
    const sambas = nikFor({ regency: '6101', birthDate: '1988-11-02', sex: 'FEMALE' });
    const state = stateWith(sambas, [
      crossingEvent(sambas, {
        checkpointCode: 'PLBN-ARUK',
        checkpointType: 'LAND',
        documentType: 'PLB',
        documentNumber: 'PLB-6101-77',
        returnDate: dateOf(daysFromNow(3)),
        declaredPurpose: 'VISIT_FAMILY',
        stage: 'CLEARED',
      }),
    ]);
    expect(judge(state)).toBeNull();
    expect(judge(state, contextWith(), overstayOf(state))).toBeNull();
  });
});

describe('R11 citizen in distress abroad without placement', () => {
  it('fires on a trafficking report for someone who left without a placement, for the origin regency', () => {
    const report = abroadEvent(BUDI, { eventTime: Date.UTC(2026, 10, 10, 4, 0), reportId: 'PWNI-2026-0042' });
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      crossingEvent(BUDI, { eventTime: daysAgo(60), stage: 'CLEARED' }),
      report,
    ]);
    const decision = judge(state, contextWith(), reportOf(state));

    expect(ruleIds(decision)).toEqual(['R11']);
    expect(fired(decision, 'R11').reasons).toEqual([
      {
        text: 'reported abroad on 2026-11-10 (trafficking, Malaysia, Kuala Lumpur) with no active KP2MI placement on record: non-procedural case',
        evidence: [report.eventId],
      },
    ]);
    expect(decision).toMatchObject({ score: 80, severity: 'CRITICAL' });
    expect(decision?.actions).toEqual(['NOTIFY_ORIGIN_REGENCY', 'VICTIM_SUPPORT']);
  });

  it("fires at the next crossing of someone flagged as a victim's companion, with the companion score", () => {
    const flag: CompanionFlag = {
      reportId: 'PWNI-7',
      eventId: 'e-report-7',
      eventTime: daysAgo(5),
      category: 'ONLINE_SCAM_COMPOUND',
      via: 'booking',
    };
    const crossing = crossingEvent(BUDI);
    const decision = judge(
      stateWith(BUDI, [passportEvent(BUDI), crossing]),
      contextWith({ links: { companionFlags: [flag] } }),
    );

    expect(fired(decision, 'R11')).toMatchObject({
      score: 55,
      reasons: [
        {
          text: 'on the same booking in report PWNI-7 (online scam compound) of a citizen in distress abroad',
          evidence: ['e-report-7', crossing.eventId],
        },
      ],
    });
  });

  it('stays silent on an unpaid-wages report for a procedural worker', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      ...placementSteps(BUDI, { departure: daysAgo(200) }),
      crossingEvent(BUDI, { eventTime: daysAgo(200), declaredPurpose: 'WORK', returnDate: null }),
      abroadEvent(BUDI, { category: 'UNPAID_WAGES', reportedBy: 'SELF' }),
    ]);
    expect(judge(state, contextWith(), reportOf(state))).toBeNull();
  });

  it('fires for someone whose only placement was cancelled before leaving', () => {
    const report = abroadEvent(BUDI, { eventTime: Date.UTC(2026, 10, 10, 4, 0), reportId: 'PWNI-2026-0043' });
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      placementEvent(BUDI, { eventTime: daysAgo(120) }),
      placementEvent(BUDI, {
        eventType: 'PLACEMENT_CANCELLED',
        eventTime: daysAgo(100),
        cancellationReason: 'worker withdrew',
      }),
      crossingEvent(BUDI, { eventTime: daysAgo(60), stage: 'CLEARED' }),
      report,
    ]);
    const decision = judge(state, contextWith(), reportOf(state));

    expect(ruleIds(decision)).toEqual(['R11']);
    expect(fired(decision, 'R11').reasons).toEqual([
      {
        text: 'reported abroad on 2026-11-10 (trafficking, Malaysia, Kuala Lumpur) with no active KP2MI placement on record: non-procedural case',
        evidence: [report.eventId],
      },
    ]);
  });

  it('stays silent on a trafficking report for someone with a placement that was not cancelled', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      ...placementSteps(BUDI, { departure: daysAgo(60) }),
      crossingEvent(BUDI, { eventTime: daysAgo(60), declaredPurpose: 'WORK', returnDate: null }),
      abroadEvent(BUDI, { category: 'TRAFFICKING' }),
    ]);
    expect(judge(state, contextWith(), reportOf(state))).toBeNull();
  });

  it('ignores a companion flag raised after the crossing', () => {
    const flag: CompanionFlag = {
      reportId: 'PWNI-7',
      eventId: 'e-report-7',
      eventTime: daysFromNow(5),
      category: 'TRAFFICKING',
      via: 'named',
    };
    const state = stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI)]);
    expect(judge(state, contextWith({ links: { companionFlags: [flag] } }))).toBeNull();
  });
});

describe('R12 new departure after repatriation', () => {
  it('fires when a deported worker leaves again within a year', () => {
    const deported = abroadEvent(BUDI, {
      eventTime: Date.UTC(2026, 7, 12, 2, 0),
      reportId: 'PWNI-3',
      category: 'DEPORTED',
      caseStatus: 'CLOSED',
    });
    const crossing = crossingEvent(BUDI);
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), deported, crossing]));

    expect(ruleIds(decision)).toEqual(['R12']);
    expect(fired(decision, 'R12').reasons).toEqual([
      {
        text: 'deported from Malaysia on 2026-08-12 (report PWNI-3); departing again to Malaysia',
        evidence: [deported.eventId, crossing.eventId],
      },
    ]);
    expect(decision).toMatchObject({ score: 50, severity: 'HIGH' });
  });

  it('fires when a closed case of another kind is followed by a new departure', () => {
    const closed = abroadEvent(BUDI, {
      category: 'UNPAID_WAGES',
      caseStatus: 'CLOSED',
      eventTime: daysAgo(90),
    });
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), closed, crossingEvent(BUDI)]));
    expect(fired(decision, 'R12').reasons[0]?.text).toMatch(/^case closed from Malaysia on /);
  });

  it('stays silent for a repatriation more than a year ago', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      abroadEvent(BUDI, { category: 'REPATRIATED', caseStatus: 'CLOSED', eventTime: daysAgo(400) }),
      crossingEvent(BUDI),
    ]);
    expect(judge(state)).toBeNull();
  });
});

describe('origin region', () => {
  it('never fires alone: a tourist from Sambas with a return booking is not alerted', () => {
    const sambas = nikFor({ regency: '6101', birthDate: '1995-03-12', sex: 'MALE' });
    expect(judge(stateWith(sambas, [passportEvent(sambas), crossingEvent(sambas)]))).toBeNull();
  });

  it.each([
    ['6101', 'Kabupaten Sambas'],
    ['5201', 'Kabupaten Lombok Barat'],
    ['3201', 'Kabupaten Bogor'],
  ])('adds to another rule for someone from %s (%s)', (regency, name) => {
    const nik = nikFor({ regency, birthDate: '1995-03-12', sex: 'MALE' });
    const decision = judge(stateWith(nik, [passportEvent(nik), crossingEvent(nik, { returnDate: null })]));

    expect(ruleIds(decision)).toEqual(['R01', 'ORIGIN']);
    expect(fired(decision, 'ORIGIN')).toEqual({
      ruleId: 'ORIGIN',
      title: 'High-risk origin region',
      severity: 'LOW',
      score: 10,
      reasons: [{ text: `from ${name}, a region named as high-risk for trafficking`, evidence: [] }],
    });
    expect(decision?.score).toBe(50);
    expect(decision?.actions).toEqual(['REFER_SECONDARY_INSPECTION', 'INTERVIEW']);
  });

  it('adds nothing for someone from outside the hotspots', () => {
    const decision = judge(stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI, { returnDate: null })]));
    expect(ruleIds(decision)).toEqual(['R01']);
  });
});

describe('score and severity', () => {
  it('keeps one rule at its own severity however many of its signs add to the score', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI, { eventTime: daysAgo(10) }),
      crossingEvent(BUDI, { returnDate: null, declaredPurpose: 'WORK' }),
    ]);
    const decision = judge(state);

    expect(fired(decision, 'R01').severity).toBe('MEDIUM');
    expect(decision).toMatchObject({ score: 60, severity: 'MEDIUM' });
  });

  it("takes the strongest rule's severity when it is above the band", () => {
    const girl = nikFor({ regency: '3578', birthDate: '2010-04-05', sex: 'FEMALE' });
    const decision = judge(stateWith(girl, [crossingEvent(girl)]));

    expect(decision?.score).toBe(70);
    expect(decision?.severity).toBe('CRITICAL');
  });

  it('caps the score at 100', () => {
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      abroadEvent(BUDI, { category: 'DEPORTED', caseStatus: 'CLOSED', eventTime: daysAgo(100) }),
      crossingEvent(BUDI, { returnDate: null, sponsor: 'Siti Rahmawati' }),
    ]);
    const decision = judge(state, contextWith({ watchlist: [watchlistEntry()] }));

    expect(ruleIds(decision)).toEqual(['R01', 'R09', 'R12']);
    expect(decision).toMatchObject({ score: 100, severity: 'CRITICAL' });
    expect(decision?.actions).toEqual(['REFER_SECONDARY_INSPECTION', 'INTERVIEW', 'VICTIM_SUPPORT']);
  });
});
