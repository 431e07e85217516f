import { referenceData } from '@waspada/domain';
import {
  BORDER_CROSSING_AGENCY,
  canonicalJson,
  CITIZEN_ABROAD_AGENCY,
  createIntake,
  derivedEventId,
  IDENTITY_AGENCY,
  PASSPORT_AGENCY,
  PLACEMENT_AGENCY,
  WATCHLIST_AGENCY,
  type AgencyDefinition,
} from '../src';
import { borderCrossingRecord } from './support/records';

const receivedAt = new Date('2026-11-23T10:00:00Z');
const eventTime = '2026-11-23T08:15:00+07:00';

const good: [AgencyDefinition<never>, Record<string, unknown>][] = [
  [
    PASSPORT_AGENCY,
    {
      nik: '6103055708030002',
      eventTime,
      eventType: 'ISSUED',
      applicationId: 'A1',
      officeCode: 'KANIM-SANGGAU',
      officeRegencyCode: '6103',
      passportNumber: 'E1234567',
    },
  ],
  [BORDER_CROSSING_AGENCY, { ...borderCrossingRecord, eventTime, transitCountries: 'SG;TH' }],
  [
    PLACEMENT_AGENCY,
    {
      nik: '3201011705900001',
      eventTime,
      eventType: 'WORKER_REGISTERED',
      placementId: 'P1',
      p3miId: 'P3MI-1',
      p3miName: 'PT Maju',
      p3miLicenceStatus: 'ACTIVE',
      destinationCountry: 'TW',
    },
  ],
  [
    IDENTITY_AGENCY,
    {
      nik: '3201011705900001',
      eventTime,
      eventType: 'SNAPSHOT',
      fullName: 'Budi Santoso',
      birthDate: '1990-05-17',
      sex: 'MALE',
      addressRegencyCode: '3201',
    },
  ],
  [
    CITIZEN_ABROAD_AGENCY,
    {
      passportNumber: 'E7654321',
      eventTime,
      reportId: 'R1',
      category: 'ONLINE_SCAM_COMPOUND',
      countryCode: 'KH',
      caseStatus: 'OPEN',
    },
  ],
  [
    WATCHLIST_AGENCY,
    {
      entryId: 'W1',
      eventTime,
      entryType: 'PHONE_NUMBER',
      identifier: '+6281234567890',
      reason: 'fake job offers',
      active: 'true',
    },
  ],
];

describe('record intake for every agency', () => {
  it.each(good.map(([definition, record]) => [definition.service, definition, record] as const))(
    '%s accepts a good record and completes it',
    (_service, definition, record) => {
      const result = createIntake(definition, referenceData())(record, receivedAt);
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      const event = result.event as Record<string, unknown>;
      expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(event.eventTime).toBe(Date.parse('2026-11-23T01:15:00Z'));
      expect(event.recordTime).toBe(receivedAt.getTime());
      expect(event.sourceAgency).toBe(definition.sourceAgency);
    },
  );

  it('gives a resent record the same event id, so the copy is recognised', () => {
    const [definition, record] = good[0]!;
    const intake = createIntake(definition, referenceData());
    const first = intake(record, receivedAt);
    const second = intake({ ...record }, new Date(receivedAt.getTime() + 60_000));
    expect(first.ok && second.ok && (first.event as { eventId: string }).eventId).toBe(
      second.ok && (second.event as { eventId: string }).eventId,
    );
  });

  it('derives the same id for a record as every earlier release did, keys in any order', () => {
    // An id that changed between releases would let a record resent across an upgrade through as new.
    const record = {
      nik: '6103055708030002',
      eventTime: '2026-11-23T08:15:00+07:00',
      transitCountries: ['SG', 'TH'],
      bookingParty: [{ nik: null, birthDate: '2001-02-03', fullName: 'Siti Rahayu' }],
      active: true,
      partySize: 3,
      note: '王秀英 "quoted"',
    };
    expect(canonicalJson(record)).toBe(
      '{"active":true,"bookingParty":[{"birthDate":"2001-02-03","fullName":"Siti Rahayu","nik":null}],' +
        '"eventTime":"2026-11-23T08:15:00+07:00","nik":"6103055708030002","note":"王秀英 \\"quoted\\"",' +
        '"partySize":3,"transitCountries":["SG","TH"]}',
    );
    const reordered = Object.fromEntries(Object.entries(record).reverse());
    expect(derivedEventId(reordered)).toBe('cd681094-49a8-5102-8696-29e972c05a8e');
  });

  it('keeps records apart whose keys would join into the same text', () => {
    // A refused record's odd key must not decide how later records serialise.
    expect(canonicalJson({ 'nik\u0000eventTime': 1 })).toBe('{"nik\\u0000eventTime":1}');
    expect(canonicalJson({ nik: 'a', eventTime: 2 })).toBe('{"eventTime":2,"nik":"a"}');
    expect(derivedEventId({ nik: 'a', eventTime: 2 })).not.toBe(derivedEventId({ nik: 'b', eventTime: 2 }));
  });

  it("takes the booking's passengers as a list of records, from JSON or from CSV's JSON text", () => {
    const party = [{ fullName: 'SITI ROHMAH', birthDate: '1988-03-14', documentNumber: 'E7101234' }];
    const intake = createIntake(BORDER_CROSSING_AGENCY, referenceData());
    for (const bookingParty of [party, JSON.stringify(party)]) {
      const result = intake({ ...good[1]![1], bookingParty, contactPhones: '6281234567890' }, receivedAt);
      expect(result.ok && result.event.bookingParty).toEqual([{ ...party[0], nik: null }]);
      expect(result.ok && result.event.contactPhones).toEqual(['6281234567890']);
    }
  });

  it('takes a PLB issuance with its border posts and allowed stay, its number checked as a PLB number', () => {
    const result = createIntake(PASSPORT_AGENCY, referenceData())(
      {
        ...good[0]![1],
        documentType: 'PLB',
        passportNumber: 'PLB610301',
        plbBorderPosts: 'PLBN-ENTIKONG',
        plbAllowedStayDays: 30,
      },
      receivedAt,
    );
    expect(result.ok && result.event).toMatchObject({
      plbBorderPosts: ['PLBN-ENTIKONG'],
      plbAllowedStayDays: 30,
    });
  });

  it('splits a CSV list and reads text booleans', () => {
    const crossing = createIntake(BORDER_CROSSING_AGENCY, referenceData())(good[1]![1], receivedAt);
    expect(crossing.ok && crossing.event.transitCountries).toEqual(['SG', 'TH']);
    const watch = createIntake(WATCHLIST_AGENCY, referenceData())(good[5]![1], receivedAt);
    expect(watch.ok && watch.event.active).toBe(true);
  });
});

const refusals: [string, AgencyDefinition<never>, Record<string, unknown>, string, RegExp][] = [
  ['a NIK with letters', PASSPORT_AGENCY, { nik: '61030557O8030002' }, 'nik', /digits only/],
  ['an unknown field', PASSPORT_AGENCY, { colour: 'red' }, 'colour', /not a field of PassportEvent/],
  ['a missing required field', PASSPORT_AGENCY, { applicationId: undefined }, 'applicationId', /is required/],
  [
    'an unknown enum symbol',
    PASSPORT_AGENCY,
    { eventType: 'LOST' },
    'eventType',
    /must be one of APPLICATION_SUBMITTED/,
  ],
  [
    'a time without offset',
    PASSPORT_AGENCY,
    { eventTime: '2026-11-23 08:15' },
    'eventTime',
    /ISO 8601 time with offset/,
  ],
  [
    'an event in the future',
    PASSPORT_AGENCY,
    { eventTime: '2026-11-24T08:15:00Z' },
    'eventTime',
    /in the future/,
  ],
  [
    'a record time before the event',
    PASSPORT_AGENCY,
    { recordTime: '2026-11-22T00:00:00Z' },
    'recordTime',
    /before eventTime/,
  ],
  [
    'an issued passport without number',
    PASSPORT_AGENCY,
    { passportNumber: null },
    'passportNumber',
    /required for ISSUED/,
  ],
  ['a bad passport number', PASSPORT_AGENCY, { passportNumber: '1234' }, 'passportNumber', /capital letters/],
  [
    'an unknown office regency',
    PASSPORT_AGENCY,
    { officeRegencyCode: '6199' },
    'officeRegencyCode',
    /not a Kemendagri/,
  ],
  [
    'an unknown checkpoint',
    BORDER_CROSSING_AGENCY,
    { checkpointCode: 'PLBN-NOWHERE' },
    'checkpointCode',
    /not a known/,
  ],
  [
    'a checkpoint of another type',
    BORDER_CROSSING_AGENCY,
    { checkpointType: 'AIR' },
    'checkpointType',
    /is a land checkpoint/,
  ],
  ['a bad country', BORDER_CROSSING_AGENCY, { countryCode: 'MYS' }, 'countryCode', /ISO 3166-1 alpha-2/],
  [
    'a bad transit country',
    BORDER_CROSSING_AGENCY,
    { transitCountries: ['KH', 'XX'] },
    'transitCountries.1',
    /ISO 3166-1/,
  ],
  [
    'an impossible birth date',
    BORDER_CROSSING_AGENCY,
    { birthDate: '2003-02-30' },
    'birthDate',
    /YYYY-MM-DD/,
  ],
  [
    'a schedule without date',
    PLACEMENT_AGENCY,
    { eventType: 'DEPARTURE_SCHEDULED' },
    'scheduledDepartureDate',
    /required/,
  ],
  ['a snapshot without name', IDENTITY_AGENCY, { fullName: null }, 'fullName', /required in a SNAPSHOT/],
  [
    'a report naming nobody',
    CITIZEN_ABROAD_AGENCY,
    { passportNumber: null },
    'nik',
    /needs the NIK or the passport number/,
  ],
  ['a phone not in E.164', WATCHLIST_AGENCY, { identifier: '0812-3456-7890' }, 'identifier', /E\.164/],
];

refusals.push(
  [
    'a passenger without a name',
    BORDER_CROSSING_AGENCY,
    { bookingParty: [{ birthDate: '1988-03-14' }] },
    'bookingParty',
    /item 0: fullName is required/,
  ],
  [
    'a passenger field the contract lacks',
    BORDER_CROSSING_AGENCY,
    { bookingParty: [{ fullName: 'A', seat: '12A' }] },
    'bookingParty',
    /item 0: seat is not a field of the item/,
  ],
  [
    "a passenger's bad NIK",
    BORDER_CROSSING_AGENCY,
    { bookingParty: [{ fullName: 'A', nik: '123' }] },
    'bookingParty.0.nik',
    /NIK/,
  ],
  [
    'a phone with a leading 0',
    BORDER_CROSSING_AGENCY,
    { contactPhones: ['081234567890'] },
    'contactPhones.0',
    /country code/,
  ],
  [
    'an arrival category on a departure',
    BORDER_CROSSING_AGENCY,
    { arrivalCategory: 'DEPORTED' },
    'arrivalCategory',
    /ARRIVAL only/,
  ],
  [
    'a PLB number on a passport record',
    PASSPORT_AGENCY,
    { passportNumber: 'PLB610301' },
    'passportNumber',
    /1-2 capital letters/,
  ],
  [
    'a PLB border post that is an airport',
    PASSPORT_AGENCY,
    { documentType: 'PLB', passportNumber: 'PLB610301', plbBorderPosts: ['CGK'] },
    'plbBorderPosts.0',
    /not a land border post/,
  ],
  [
    'a family card of 15 digits',
    IDENTITY_AGENCY,
    { familyCardNumber: '320101010110000' },
    'familyCardNumber',
    /16 digits/,
  ],
);

describe('refused records name the field and the reason', () => {
  it.each(refusals)('refuses %s', (_case, definition, change, field, reason) => {
    const base = good.find(([candidate]) => candidate === definition)![1];
    const result = createIntake(definition, referenceData())({ ...base, ...change }, receivedAt);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContainEqual({ field, reason: expect.stringMatching(reason) });
  });

  it('refuses a record that is not an object', () => {
    const result = createIntake(PASSPORT_AGENCY, referenceData())(['not', 'a', 'record'], receivedAt);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: '(record)', reason: 'must be a JSON object with the fields of the record' }],
    });
  });
});
