import type { Faker } from '@faker-js/faker';
import type { SimPerson } from './population';

export type Agency = 'passport' | 'borderCrossing' | 'placement' | 'identity' | 'citizenAbroad' | 'watchlist';

/** One record for one producer, with the event time it carries. */
export interface SimEvent {
  readonly agency: Agency;
  readonly eventTime: number;
  readonly record: Record<string, unknown>;
}

/** What the simulator knows about a person, for measuring the risk rules against it. */
export interface GroundTruth {
  readonly caseId: string;
  readonly nik: string;
  readonly scenario: string;
  readonly trafficking: boolean;
}

export interface SimCase {
  readonly events: SimEvent[];
  readonly truth: GroundTruth[];
}

const DAY = 86_400_000;

export interface ScenarioContext {
  readonly faker: Faker;
  readonly person: (options: {
    minAge: number;
    maxAge: number;
    highRisk?: boolean;
    regencyCode?: string;
    sex?: 'MALE' | 'FEMALE';
  }) => SimPerson;
  /** The moment the case's last event (the scan at the counter) happens. */
  readonly now: number;
  readonly caseId: string;
}

const date = (millis: number) => new Date(millis).toISOString().slice(0, 10);
const passportNumber = (faker: Faker) =>
  `${faker.helpers.arrayElement(['B', 'C', 'E'])}${faker.string.numeric(7)}`;

function identity(person: SimPerson, at: number, family: Record<string, unknown> = {}): SimEvent {
  // Dukcapil records a child once born: a snapshot is never older than the birth it registers.
  const time = Math.max(at, Date.parse(person.birthDate) + 30 * DAY);
  return {
    agency: 'identity',
    eventTime: time,
    record: {
      nik: person.nik,
      eventTime: time,
      eventType: 'SNAPSHOT',
      fullName: person.fullName,
      birthDate: person.birthDate,
      sex: person.sex,
      birthPlace: person.birthPlace,
      addressRegencyCode: person.regencyCode,
      ...family,
    },
  };
}

/** KP2MI's steps of one placement, each at the time `timeOf` gives, scheduled to leave CGK on `departure`. */
function placementSteps(
  faker: Faker,
  placement: Record<string, unknown>,
  steps: readonly string[],
  timeOf: (index: number) => number,
  departure: number,
): SimEvent[] {
  return steps.map((step, index) => {
    const at = timeOf(index);
    return {
      agency: 'placement',
      eventTime: at,
      record: {
        ...placement,
        eventTime: at,
        eventType: step,
        ...(step === 'EPMI_CARD_ISSUED' && { epmiCardNumber: `EPMI-${faker.string.numeric(8)}` }),
        ...(step === 'DEPARTURE_SCHEDULED' && {
          scheduledDepartureDate: date(departure),
          departureCheckpointCode: 'CGK',
        }),
      },
    };
  });
}

/** A Kartu Keluarga number: the regency code and twelve digits. */
const familyCard = (faker: Faker, regencyCode: string) => `${regencyCode}${faker.string.numeric(12)}`;

/** How long after the pre-clearance scan the clearance stamp comes. */
const CLEARANCE_AFTER_MS = 2 * 60_000;

/**
 * A case ends with its clearance stamp, a little after "now" (the scan). The feed sends each event
 * when its time comes; a test or benchmark that sends a case at once generates it this long ago,
 * so that every event is in the past when sent (producers refuse an event recorded before it happened).
 */
export const CASE_LEAD_MS = CLEARANCE_AFTER_MS + 60_000;

function passportIssued(
  context: ScenarioContext,
  person: SimPerson,
  at: number,
  extra: Record<string, unknown> = {},
) {
  const number = passportNumber(context.faker);
  const applicationId = `APP-${context.caseId}-${person.nik.slice(-4)}`;
  const base = {
    nik: person.nik,
    applicationId,
    officeCode: `KANIM-${person.regencyCode}`,
    officeRegencyCode: person.regencyCode,
  };
  const events: SimEvent[] = [
    {
      agency: 'passport',
      eventTime: at - 7 * DAY,
      record: {
        ...base,
        eventTime: at - 7 * DAY,
        eventType: 'APPLICATION_SUBMITTED',
        fullName: person.fullName,
        birthDate: person.birthDate,
        sex: person.sex,
        ...extra,
      },
    },
    {
      agency: 'passport',
      eventTime: at,
      record: { ...base, eventTime: at, eventType: 'ISSUED', passportNumber: number },
    },
  ];
  return { events, number };
}

function scan(person: SimPerson, number: string, at: number, crossing: Record<string, unknown>): SimEvent[] {
  const record = {
    nik: person.nik,
    direction: 'DEPARTURE',
    documentType: 'PASSPORT',
    documentNumber: number,
    fullName: person.fullName,
    birthDate: person.birthDate,
    sex: person.sex,
    ...crossing,
  };
  // The clearance stamp that follows is sparse, as SIMKIM records it: no trip, no booking.
  const cleared = at + CLEARANCE_AFTER_MS;
  const stamp = {
    nik: person.nik,
    direction: 'DEPARTURE',
    documentType: record.documentType,
    documentNumber: number,
    fullName: person.fullName,
    birthDate: person.birthDate,
    sex: person.sex,
    checkpointCode: crossing.checkpointCode,
    checkpointType: crossing.checkpointType,
    countryCode: crossing.countryCode,
  };
  return [
    {
      agency: 'borderCrossing',
      eventTime: at,
      record: { ...record, eventTime: at, stage: 'PRE_CLEARANCE_SCAN' },
    },
    {
      agency: 'borderCrossing',
      eventTime: cleared,
      record: { ...stamp, eventTime: cleared, stage: 'CLEARED' },
    },
  ];
}

const AIRPORTS = [
  { code: 'CGK', type: 'AIR' },
  { code: 'DPS', type: 'AIR' },
  { code: 'SUB', type: 'AIR' },
  { code: 'KNO', type: 'AIR' },
] as const;

/** Scenarios and how often each occurs in the feed; the trafficking ones are the injected cases. */
export const SCENARIOS: {
  name: string;
  trafficking: boolean;
  weight: number;
  build: (context: ScenarioContext) => SimCase;
}[] = [
  {
    // Families reach the counter one after another, the children first; the airline's passenger
    // data lists everyone on the booking, and Dukcapil's family card ties them together.
    name: 'family-holiday',
    trafficking: false,
    weight: 8,
    build(context) {
      const { faker, now } = context;
      const mother = context.person({ minAge: 28, maxAge: 45, sex: 'FEMALE' });
      const regencyCode = mother.regencyCode;
      const father = context.person({ minAge: 30, maxAge: 50, sex: 'MALE', regencyCode });
      const children = Array.from({ length: faker.number.int({ min: 1, max: 3 }) }, () =>
        context.person({ minAge: 3, maxAge: 16, regencyCode }),
      );
      const card = familyCard(faker, regencyCode);
      const airport = faker.helpers.arrayElement(AIRPORTS);
      const booking = faker.string.alphanumeric({ length: 6, casing: 'upper' });
      const returnDate = date(now + faker.number.int({ min: 4, max: 14 }) * DAY);
      const countryCode = faker.helpers.arrayElement(['SG', 'MY', 'JP', 'TH', 'KR']);
      const everyone = [...children, mother, father];
      const issued = everyone.map((person) =>
        passportIssued(context, person, now - faker.number.int({ min: 10, max: 600 }) * DAY),
      );
      const party = everyone.map((person, index) => ({
        fullName: person.fullName,
        birthDate: person.birthDate,
        documentNumber: issued[index]?.number ?? null,
      }));
      return {
        events: [
          ...everyone.map((person, index) =>
            identity(person, now - 2000 * DAY, {
              familyCardNumber: card,
              familyRelationship: person === father ? 'HEAD' : person === mother ? 'SPOUSE' : 'CHILD',
              ...(index < children.length && { occupation: 'PELAJAR/MAHASISWA' }),
            }),
          ),
          ...issued.flatMap((entry) => entry.events),
          // Children first, a few seconds apart, then the parents.
          ...everyone.flatMap((person, index) =>
            scan(person, issued[index]?.number ?? '', now - (everyone.length - index) * 15_000, {
              checkpointCode: airport.code,
              checkpointType: airport.type,
              countryCode,
              declaredPurpose: 'TOURISM',
              returnDate,
              bookingReference: booking,
              bookingPartySize: everyone.length,
              bookingParty: party.filter((_, other) => other !== index),
              ticketPaidBy: 'FAMILY',
            }),
          ),
        ].sort((a, b) => a.eventTime - b.eventTime),
        truth: everyone.map((person) => ({
          caseId: context.caseId,
          nik: person.nik,
          scenario: 'family-holiday',
          trafficking: false,
        })),
      };
    },
  },
  {
    // Home on leave (cuti), back to the same employer while the contract runs.
    name: 'migrant-worker-returning-after-leave',
    trafficking: false,
    weight: 6,
    build(context) {
      const { faker, now } = context;
      const person = context.person({ minAge: 22, maxAge: 42, highRisk: faker.datatype.boolean() });
      const destination = faker.helpers.arrayElement(['TW', 'HK', 'MY', 'SG', 'KR']);
      const departed = now - faker.number.int({ min: 200, max: 600 }) * DAY;
      const placement = {
        nik: person.nik,
        placementId: `PMI-${context.caseId}`,
        p3miId: `P3MI-${faker.string.numeric(4)}`,
        p3miName: `PT ${faker.company.name()}`,
        p3miLicenceStatus: 'ACTIVE',
        destinationCountry: destination,
        employer: faker.company.name(),
        scheme: 'P3MI',
        contractEndDate: date(departed + 730 * DAY),
      };
      const steps = ['WORKER_REGISTERED', 'TRAINING_COMPLETED', 'DEPARTURE_SCHEDULED', 'DEPARTED'];
      const placementEvents = placementSteps(
        faker,
        placement,
        steps,
        (index) => departed - (3 - index) * 20 * DAY,
        departed,
      );
      const issued = passportIssued(context, person, departed - 90 * DAY, {
        declaredPurpose: 'WORK',
        destinationCountry: destination,
      });
      const home = now - faker.number.int({ min: 10, max: 40 }) * DAY;
      return {
        events: [
          identity(person, now - 4000 * DAY),
          ...placementEvents,
          ...issued.events,
          {
            agency: 'borderCrossing' as const,
            eventTime: home,
            record: {
              nik: person.nik,
              eventTime: home,
              direction: 'ARRIVAL',
              stage: 'CLEARED',
              checkpointCode: 'CGK',
              checkpointType: 'AIR',
              documentType: 'PASSPORT',
              documentNumber: issued.number,
              fullName: person.fullName,
              birthDate: person.birthDate,
              sex: person.sex,
              countryCode: destination,
              arrivalCategory: 'RETURNING_MIGRANT_WORKER',
            },
          },
          ...scan(person, issued.number, now, {
            checkpointCode: 'CGK',
            checkpointType: 'AIR',
            countryCode: destination,
            declaredPurpose: 'WORK',
            visaType: 'WORK',
            ticketPaidBy: 'EMPLOYER',
            sponsor: placement.employer,
          }),
        ].sort((a, b) => a.eventTime - b.eventTime),
        truth: [
          {
            caseId: context.caseId,
            nik: person.nik,
            scenario: 'migrant-worker-returning-after-leave',
            trafficking: false,
          },
        ],
      };
    },
  },
  {
    name: 'tourist-with-return',
    trafficking: false,
    weight: 50,
    build(context) {
      const { faker, now } = context;
      const person = context.person({ minAge: 18, maxAge: 70 });
      const issued = passportIssued(context, person, now - faker.number.int({ min: 30, max: 900 }) * DAY);
      const airport = faker.helpers.arrayElement(AIRPORTS);
      return {
        events: [
          identity(person, now - 2000 * DAY),
          ...issued.events,
          ...scan(person, issued.number, now, {
            checkpointCode: airport.code,
            checkpointType: airport.type,
            countryCode: faker.helpers.arrayElement(['SG', 'MY', 'JP', 'TH', 'KR', 'AU']),
            carrier: 'Garuda Indonesia',
            flightOrVessel: `GA${faker.string.numeric(3)}`,
            declaredPurpose: 'TOURISM',
            returnDate: date(now + faker.number.int({ min: 3, max: 21 }) * DAY),
            bookingReference: faker.string.alphanumeric({ length: 6, casing: 'upper' }),
          }),
        ],
        truth: [
          { caseId: context.caseId, nik: person.nik, scenario: 'tourist-with-return', trafficking: false },
        ],
      };
    },
  },
  {
    // Border residents cross at their own post on a border pass (PLB) to the agreed area across
    // the line, for market days, family and work, and come back within the allowed stay: most of
    // the traffic at a PLBN (Persetujuan Lintas Batas RI-Malaysia, 2006).
    name: 'border-resident-on-plb',
    trafficking: false,
    weight: 12,
    build(context) {
      const { faker, now } = context;
      const post = faker.helpers.arrayElement([
        { code: 'PLBN-ENTIKONG', regency: '6103', area: 'Tebedu dan Serian' },
        { code: 'PLBN-ARUK', regency: '6101', area: 'Biawak dan Lundu' },
        { code: 'PLBN-BADAU', regency: '6106', area: 'Lubok Antu' },
      ]);
      const person = context.person({ minAge: 18, maxAge: 70, regencyCode: post.regency });
      const number = `PLB${faker.string.numeric(6)}`;
      const applied = now - faker.number.int({ min: 60, max: 900 }) * DAY;
      const plb = {
        nik: person.nik,
        applicationId: `PLB-${context.caseId}`,
        officeCode: `KANIM-${post.regency}`,
        officeRegencyCode: post.regency,
        declaredPurpose: 'BUSINESS',
        destinationCountry: 'MY',
        documentType: 'PLB',
        plbBorderPosts: [post.code],
        plbAgreedArea: `Daerah perbatasan Sarawak yang disepakati: ${post.area}`,
        plbAllowedStayDays: 14,
      };
      const crossing = (direction: 'DEPARTURE' | 'ARRIVAL', at: number): SimEvent => ({
        agency: 'borderCrossing',
        eventTime: at,
        record: {
          nik: person.nik,
          eventTime: at,
          direction,
          stage: 'CLEARED',
          checkpointCode: post.code,
          checkpointType: 'LAND',
          documentType: 'PLB',
          documentNumber: number,
          fullName: person.fullName,
          birthDate: person.birthDate,
          sex: person.sex,
          countryCode: 'MY',
          ...(direction === 'ARRIVAL' && { arrivalCategory: 'REGULAR' }),
        },
      });
      const earlierTrips = [14, 7].flatMap((daysAgo) => [
        crossing('DEPARTURE', now - daysAgo * DAY),
        crossing('ARRIVAL', now - daysAgo * DAY + faker.number.int({ min: 6, max: 30 }) * 3_600_000),
      ]);
      return {
        events: [
          identity(person, now - 3000 * DAY),
          {
            agency: 'passport',
            eventTime: applied,
            record: {
              ...plb,
              eventTime: applied,
              eventType: 'APPLICATION_SUBMITTED',
              fullName: person.fullName,
              birthDate: person.birthDate,
              sex: person.sex,
            },
          },
          {
            agency: 'passport',
            eventTime: applied + 2 * DAY,
            record: { ...plb, eventTime: applied + 2 * DAY, eventType: 'ISSUED', passportNumber: number },
          },
          ...earlierTrips,
          ...scan(person, number, now, {
            checkpointCode: post.code,
            checkpointType: 'LAND',
            documentType: 'PLB',
            countryCode: 'MY',
            carrier: 'sepeda motor pribadi',
            declaredPurpose: faker.helpers.arrayElement(['BUSINESS', 'VISIT_FAMILY']),
            visaType: 'NOT_REQUIRED',
          }),
        ],
        truth: [
          { caseId: context.caseId, nik: person.nik, scenario: 'border-resident-on-plb', trafficking: false },
        ],
      };
    },
  },
  {
    // The Batam-Singapore ferry is a commuter route: shopping, family and business day trips on a
    // passport with the ferry's return ticket.
    name: 'ferry-day-trip-from-batam',
    trafficking: false,
    weight: 10,
    build(context) {
      const { faker, now } = context;
      const person = context.person({ minAge: 18, maxAge: 70, regencyCode: '2171' });
      const issued = passportIssued(context, person, now - faker.number.int({ min: 30, max: 1500 }) * DAY);
      return {
        events: [
          identity(person, now - 3000 * DAY),
          ...issued.events,
          ...scan(person, issued.number, now, {
            checkpointCode: 'SEA-BATAM-CENTRE',
            checkpointType: 'SEA',
            countryCode: 'SG',
            carrier: 'Batam Fast',
            flightOrVessel: `BF${faker.string.numeric(3)}`,
            declaredPurpose: faker.helpers.arrayElement(['TOURISM', 'VISIT_FAMILY', 'BUSINESS']),
            returnDate: date(now + faker.number.int({ min: 0, max: 2 }) * DAY),
            bookingReference: faker.string.alphanumeric({ length: 6, casing: 'upper' }),
          }),
        ],
        truth: [
          {
            caseId: context.caseId,
            nik: person.nik,
            scenario: 'ferry-day-trip-from-batam',
            trafficking: false,
          },
        ],
      };
    },
  },
  {
    name: 'pilgrim-in-registered-group',
    trafficking: false,
    weight: 15,
    build(context) {
      const { faker, now } = context;
      const person = context.person({ minAge: 25, maxAge: 75 });
      const issued = passportIssued(context, person, now - faker.number.int({ min: 60, max: 700 }) * DAY);
      return {
        events: [
          identity(person, now - 3000 * DAY),
          ...issued.events,
          ...scan(person, issued.number, now, {
            checkpointCode: faker.helpers.arrayElement(['CGK', 'SUB', 'UPG']),
            checkpointType: 'AIR',
            countryCode: 'SA',
            carrier: 'Saudia',
            flightOrVessel: `SV${faker.string.numeric(3)}`,
            declaredPurpose: 'UMRAH',
            returnDate: date(now + 12 * DAY),
            groupReference: `UMRAH-${faker.string.numeric(4)}`,
            travelOrganizerLicence: `PPIU-${faker.string.numeric(5)}`,
          }),
        ],
        truth: [
          {
            caseId: context.caseId,
            nik: person.nik,
            scenario: 'pilgrim-in-registered-group',
            trafficking: false,
          },
        ],
      };
    },
  },
  {
    name: 'procedural-migrant-worker',
    trafficking: false,
    weight: 15,
    build(context) {
      const { faker, now } = context;
      const person = context.person({ minAge: 20, maxAge: 40, highRisk: faker.datatype.boolean() });
      const destination = faker.helpers.arrayElement(['TW', 'HK', 'MY', 'SG', 'KR', 'JP']);
      const placement = {
        nik: person.nik,
        placementId: `PMI-${context.caseId}`,
        p3miId: `P3MI-${faker.string.numeric(4)}`,
        p3miName: `PT ${faker.company.name()}`,
        p3miLicenceStatus: 'ACTIVE',
        destinationCountry: destination,
        employer: faker.company.name(),
        sector: faker.helpers.arrayElement(['DOMESTIC_WORKER', 'CAREGIVER', 'MANUFACTURING', 'PLANTATION']),
      };
      const steps = [
        'WORKER_REGISTERED',
        'JOB_ORDER_MATCHED',
        'TRAINING_COMPLETED',
        'EPMI_CARD_ISSUED',
        'DEPARTURE_SCHEDULED',
      ];
      const placementEvents = placementSteps(
        faker,
        placement,
        steps,
        (index) => now - (60 - index * 12) * DAY,
        now,
      );
      const issued = passportIssued(context, person, now - 50 * DAY, {
        declaredPurpose: 'WORK',
        destinationCountry: destination,
      });
      return {
        events: [
          identity(person, now - 4000 * DAY),
          ...placementEvents,
          ...issued.events,
          ...scan(person, issued.number, now, {
            checkpointCode: 'CGK',
            checkpointType: 'AIR',
            countryCode: destination,
            declaredPurpose: 'WORK',
            sponsor: placement.p3miName,
          }),
        ].sort((a, b) => a.eventTime - b.eventTime),
        truth: [
          {
            caseId: context.caseId,
            nik: person.nik,
            scenario: 'procedural-migrant-worker',
            trafficking: false,
          },
        ],
      };
    },
  },
  {
    name: 'refused-passport-then-land-border',
    trafficking: true,
    weight: 4,
    build(context) {
      const { faker, now } = context;
      const person = context.person({
        minAge: 18,
        maxAge: 35,
        regencyCode: faker.helpers.arrayElement(['6101', '6103', '6106']),
      });
      const refusedAt = now - faker.number.int({ min: 20, max: 90 }) * DAY;
      const base = {
        nik: person.nik,
        officeCode: `KANIM-${person.regencyCode}`,
        officeRegencyCode: person.regencyCode,
      };
      const secondOffice = { nik: person.nik, officeCode: 'KANIM-6171', officeRegencyCode: '6171' };
      const number = passportNumber(faker);
      return {
        events: [
          identity(person, now - 3000 * DAY),
          {
            agency: 'passport',
            eventTime: refusedAt,
            record: {
              ...base,
              eventTime: refusedAt,
              eventType: 'REFUSED',
              applicationId: `APP-${context.caseId}-1`,
              declaredPurpose: 'TOURISM',
              destinationCountry: 'MY',
              decisionReason: 'SUSPECTED_NON_PROCEDURAL_WORK',
            },
          },
          {
            agency: 'passport',
            eventTime: now - 5 * DAY,
            record: {
              ...secondOffice,
              eventTime: now - 5 * DAY,
              eventType: 'ISSUED',
              applicationId: `APP-${context.caseId}-2`,
              passportNumber: number,
            },
          },
          ...scan(person, number, now, {
            checkpointCode: faker.helpers.arrayElement(['PLBN-ENTIKONG', 'PLBN-ARUK', 'PLBN-BADAU']),
            checkpointType: 'LAND',
            countryCode: 'MY',
            carrier: 'Bus Damri',
            declaredPurpose: 'TOURISM',
            sponsor: faker.person.fullName(),
          }),
        ],
        truth: [
          {
            caseId: context.caseId,
            nik: person.nik,
            scenario: 'refused-passport-then-land-border',
            trafficking: true,
          },
        ],
      };
    },
  },
  {
    name: 'online-scam-hub-via-transit',
    trafficking: true,
    weight: 4,
    build(context) {
      const { faker, now } = context;
      const person = context.person({ minAge: 19, maxAge: 29, highRisk: true });
      const issued = passportIssued(context, person, now - faker.number.int({ min: 3, max: 12 }) * DAY, {
        declaredPurpose: 'TOURISM',
        destinationCountry: 'TH',
      });
      return {
        events: [
          identity(person, now - 2500 * DAY),
          ...issued.events,
          ...scan(person, issued.number, now, {
            checkpointCode: 'CGK',
            checkpointType: 'AIR',
            countryCode: 'KH',
            transitCountries: ['TH'],
            carrier: 'AirAsia',
            flightOrVessel: `QZ${faker.string.numeric(3)}`,
            declaredPurpose: 'TOURISM',
            bookingReference: faker.string.alphanumeric({ length: 6, casing: 'upper' }),
          }),
        ],
        truth: [
          {
            caseId: context.caseId,
            nik: person.nik,
            scenario: 'online-scam-hub-via-transit',
            trafficking: true,
          },
        ],
      };
    },
  },
  {
    name: 'umrah-outside-registered-organiser',
    trafficking: true,
    weight: 3,
    build(context) {
      const { faker, now } = context;
      const person = context.person({ minAge: 20, maxAge: 38, highRisk: true, sex: 'FEMALE' });
      const issued = passportIssued(context, person, now - faker.number.int({ min: 2, max: 10 }) * DAY, {
        declaredPurpose: 'UMRAH',
        destinationCountry: 'SA',
      });
      return {
        events: [
          identity(person, now - 2500 * DAY),
          ...issued.events,
          ...scan(person, issued.number, now, {
            checkpointCode: faker.helpers.arrayElement(['CGK', 'LOP', 'SUB']),
            checkpointType: 'AIR',
            countryCode: 'SA',
            declaredPurpose: 'UMRAH',
            sponsor: faker.person.fullName(),
          }),
        ],
        truth: [
          {
            caseId: context.caseId,
            nik: person.nik,
            scenario: 'umrah-outside-registered-organiser',
            trafficking: true,
          },
        ],
      };
    },
  },
  {
    name: 'recruited-group-by-sea',
    trafficking: true,
    weight: 2,
    build(context) {
      const { faker, now } = context;
      const regencyCode = faker.helpers.arrayElement(['5201', '5202', '5203', '3203', '3205']);
      const booking = faker.string.alphanumeric({ length: 6, casing: 'upper' });
      const sponsor = faker.person.fullName();
      const members = Array.from({ length: faker.number.int({ min: 4, max: 7 }) }, () =>
        context.person({ minAge: 18, maxAge: 32, regencyCode }),
      );
      const events = members.flatMap((person, index) => {
        const issued = passportIssued(context, person, now - faker.number.int({ min: 5, max: 30 }) * DAY);
        return [
          identity(person, now - 2000 * DAY),
          ...issued.events,
          ...scan(person, issued.number, now - (members.length - index) * 60_000, {
            checkpointCode: 'SEA-BATAM-CENTRE',
            checkpointType: 'SEA',
            countryCode: 'MY',
            carrier: 'Batam Fast',
            declaredPurpose: 'TOURISM',
            bookingReference: booking,
            sponsor,
          }),
        ];
      });
      return {
        events: events.sort((a, b) => a.eventTime - b.eventTime),
        truth: members.map((person) => ({
          caseId: context.caseId,
          nik: person.nik,
          scenario: 'recruited-group-by-sea',
          trafficking: true,
        })),
      };
    },
  },
  {
    name: 'watchlisted-recruiter-as-sponsor',
    trafficking: true,
    weight: 2,
    build(context) {
      const { faker, now } = context;
      const person = context.person({ minAge: 18, maxAge: 35, highRisk: true });
      const recruiter = faker.person.fullName({ sex: 'male' });
      const issued = passportIssued(context, person, now - faker.number.int({ min: 10, max: 60 }) * DAY);
      return {
        events: [
          {
            agency: 'watchlist',
            eventTime: now - 200 * DAY,
            record: {
              entryId: `WL-${context.caseId}`,
              eventTime: now - 200 * DAY,
              entryType: 'RECRUITER',
              name: `Haji ${recruiter}`,
              aliases: [recruiter.split(' ')[0] ?? recruiter],
              reason: 'Named by victims repatriated from Malaysia',
              active: true,
            },
          },
          identity(person, now - 2000 * DAY),
          ...issued.events,
          ...scan(person, issued.number, now, {
            checkpointCode: 'KNO',
            checkpointType: 'AIR',
            countryCode: 'MY',
            declaredPurpose: 'VISIT_FAMILY',
            returnDate: date(now + 7 * DAY),
            // Spelt as the traveller gives it: without the title, as often happens.
            sponsor: recruiter.toUpperCase(),
          }),
        ],
        truth: [
          {
            caseId: context.caseId,
            nik: person.nik,
            scenario: 'watchlisted-recruiter-as-sponsor',
            trafficking: true,
          },
        ],
      };
    },
  },
  {
    name: 'distress-report-from-scam-compound',
    trafficking: true,
    weight: 2,
    build(context) {
      const { now } = context;
      const person = context.person({ minAge: 19, maxAge: 30, highRisk: true });
      const issued = passportIssued(context, person, now - 120 * DAY);
      const departed = now - 90 * DAY;
      return {
        events: [
          identity(person, now - 2500 * DAY),
          ...issued.events,
          ...scan(person, issued.number, departed, {
            checkpointCode: 'CGK',
            checkpointType: 'AIR',
            countryCode: 'TH',
            declaredPurpose: 'TOURISM',
          }),
          {
            agency: 'citizenAbroad',
            eventTime: now,
            record: {
              nik: person.nik,
              eventTime: now,
              reportId: `PWNI-${context.caseId}`,
              passportNumber: issued.number,
              fullName: person.fullName,
              category: 'ONLINE_SCAM_COMPOUND',
              countryCode: 'KH',
              city: 'Sihanoukville',
              caseStatus: 'OPEN',
              reportedBy: 'FAMILY',
            },
          },
        ],
        truth: [
          {
            caseId: context.caseId,
            nik: person.nik,
            scenario: 'distress-report-from-scam-compound',
            trafficking: true,
          },
        ],
      };
    },
  },
  {
    name: 'minor-departing-alone',
    trafficking: true,
    weight: 1,
    build(context) {
      const { faker, now } = context;
      const person = context.person({ minAge: 15, maxAge: 17, highRisk: true });
      const issued = passportIssued(context, person, now - 20 * DAY);
      return {
        events: [
          identity(person, now - 1500 * DAY),
          ...issued.events,
          ...scan(person, issued.number, now, {
            checkpointCode: 'SEA-TANJUNG-PINANG',
            checkpointType: 'SEA',
            countryCode: 'MY',
            declaredPurpose: 'VISIT_FAMILY',
            sponsor: faker.person.fullName(),
          }),
        ],
        truth: [
          { caseId: context.caseId, nik: person.nik, scenario: 'minor-departing-alone', trafficking: true },
        ],
      };
    },
  },
];
