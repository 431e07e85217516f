import { randomUUID } from 'node:crypto';
import { createAvroDecoder, registerCodec } from '@waspada/common';
import {
  CONTRACTS,
  type BorderCrossingEvent,
  type CitizenAbroadEvent,
  type IdentityEvent,
  type PassportEvent,
  type PlacementEvent,
  type RejectedRecord,
  type WatchlistEvent,
} from '@waspada/schemas';
import { uniqueName, useTestKit } from './support/clients';

const at = Date.parse('2026-11-20T07:15:00Z');
const envelope = (agency: PassportEvent['sourceAgency'], system: string) => ({
  eventId: randomUUID(),
  eventTime: at,
  recordTime: at + 60_000,
  sourceAgency: agency,
  sourceSystem: system,
});

const samples = {
  passport: {
    ...envelope('IMIGRASI', 'SIMKIM'),
    nik: '6103055708030002',
    eventType: 'REFUSED',
    applicationId: 'KANIM-ENTIKONG-2026-000123',
    officeCode: 'KANIM-ENTIKONG',
    officeRegencyCode: '6103',
    passportNumber: null,
    fullName: 'Siti Aminah',
    birthDate: '2003-08-17',
    sex: 'FEMALE',
    declaredPurpose: 'TOURISM',
    destinationCountry: 'MY',
    decisionReason: 'SUSPECTED_NON_PROCEDURAL_WORK',
  } satisfies PassportEvent,
  borderCrossing: {
    ...envelope('IMIGRASI', 'SIMKIM'),
    nik: '6103055708030002',
    direction: 'DEPARTURE',
    stage: 'PRE_CLEARANCE_SCAN',
    checkpointCode: 'PLBN-ENTIKONG',
    checkpointType: 'LAND',
    counterId: 'OUT-03',
    documentType: 'PASSPORT',
    documentNumber: 'E1234567',
    fullName: 'Siti Aminah',
    birthDate: '2003-08-17',
    sex: 'FEMALE',
    countryCode: 'MY',
    transitCountries: [],
    carrier: 'Bus Damri',
    flightOrVessel: 'KB 7788 AB',
    declaredPurpose: 'TOURISM',
    returnDate: null,
    bookingReference: null,
    groupReference: null,
    travelOrganizerLicence: null,
    sponsor: 'Pak Rudi',
  } satisfies BorderCrossingEvent,
  placement: {
    ...envelope('KP2MI', 'SISKOP2MI'),
    nik: '3201011705900001',
    eventType: 'DEPARTURE_SCHEDULED',
    placementId: 'PMI-2026-778899',
    p3miId: 'P3MI-0412',
    p3miName: 'PT Maju Sejahtera Abadi',
    p3miLicenceStatus: 'ACTIVE',
    destinationCountry: 'TW',
    employer: 'Formosa Care Ltd',
    sector: 'CAREGIVER',
    scheduledDepartureDate: '2026-12-02',
    departureCheckpointCode: 'CGK',
    epmiCardNumber: null,
    cancellationReason: null,
  } satisfies PlacementEvent,
  identity: {
    ...envelope('DUKCAPIL', 'SIAK'),
    nik: '3201011705900001',
    eventType: 'SNAPSHOT',
    fullName: 'Budi Santoso',
    birthDate: '1990-05-17',
    sex: 'MALE',
    birthPlace: 'Bogor',
    addressRegencyCode: '3201',
    changedFields: [],
    duplicateOfNik: null,
  } satisfies IdentityEvent,
  citizenAbroad: {
    ...envelope('KEMLU', 'PEDULI_WNI'),
    nik: null,
    reportId: 'PWNI-KH-2026-0042',
    passportNumber: 'E7654321',
    fullName: 'Dewi Lestari',
    category: 'ONLINE_SCAM_COMPOUND',
    countryCode: 'KH',
    city: 'Sihanoukville',
    caseStatus: 'OPEN',
    reportedBy: 'FAMILY',
    companions: ['E7654322'],
  } satisfies CitizenAbroadEvent,
  watchlist: {
    ...envelope('POLRI', 'BARESKRIM'),
    entryId: 'WL-RECRUITER-0007',
    entryType: 'RECRUITER',
    name: 'Haji Rudi Hartono',
    aliases: ['Pak Rudi', 'Rudy'],
    identifier: '+6281234567890',
    licenceStatus: null,
    reason: 'Recruited victims for Cambodian scam compounds (case 2026/TPPO/11)',
    active: true,
  } satisfies WatchlistEvent,
  rejected: {
    rejectionId: randomUUID(),
    receivedAt: at,
    producer: 'passport-producer',
    channel: 'HTTP',
    sourceName: 'request 42',
    contentType: 'application/json',
    errors: [{ field: 'nik', reason: 'NIK must be 16 digits, got 15 characters' }],
    originalPayload: Buffer.from('{"nik":"610305570803000"}'),
  } satisfies RejectedRecord,
};

describe('every event contract through the schema registry', () => {
  const kit = useTestKit();

  it.each(Object.keys(samples) as (keyof typeof samples)[])(
    '%s encodes, registers and decodes unchanged',
    async (name) => {
      const contract = CONTRACTS[name];
      // A subject of its own, so this test never adds versions to the live subjects.
      const codec = await registerCodec<unknown>(
        kit().registry,
        `${uniqueName(name)}-value`,
        contract.schema,
      );
      const decode = createAvroDecoder<unknown>(kit().registry, codec.type);
      const decoded = await decode(codec.encode(samples[name]));
      expect(decoded.value).toEqual(samples[name]);
    },
  );

  it('keys person events by NIK and unidentified reports by passport number', () => {
    expect(CONTRACTS.borderCrossing.keyOf(samples.borderCrossing)).toBe('6103055708030002');
    expect(CONTRACTS.citizenAbroad.keyOf(samples.citizenAbroad)).toBe('passport:E7654321');
    expect(CONTRACTS.watchlist.keyOf(samples.watchlist)).toBe('WL-RECRUITER-0007');
  });

  it('has every live subject set to BACKWARD compatibility before any producer registers', async () => {
    for (const contract of Object.values(CONTRACTS)) {
      expect(await kit().registry.compatibility(contract.subject)).toBe('BACKWARD');
    }
  });
});
