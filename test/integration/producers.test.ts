import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAvroDecoder, type IncomingRecord } from '@waspada/common';
import {
  BORDER_CROSSING_AGENCY,
  CITIZEN_ABROAD_AGENCY,
  IDENTITY_AGENCY,
  importFile,
  PASSPORT_AGENCY,
  PLACEMENT_AGENCY,
  startProducerService,
  WATCHLIST_AGENCY,
  type AgencyDefinition,
  type ProducerService,
} from '@waspada/producer-kit';
import { CONTRACTS, type PassportEvent, type RejectedRecord } from '@waspada/schemas';
import {
  eventually,
  logger,
  readTopicUntil,
  serviceEnv,
  testConnections,
  useTestKit,
} from './support/clients';
import { samples } from './support/samples';

const eventTime = new Date(Date.now() - 3_600_000).toISOString();
const passport = (nik: string, applicationId: string) => ({
  nik,
  eventTime,
  eventType: 'REFUSED',
  applicationId,
  officeCode: 'KANIM-SANGGAU',
  officeRegencyCode: '6103',
  decisionReason: 'SUSPECTED_NON_PROCEDURAL_WORK',
});

const idsIn = (records: readonly IncomingRecord[]) =>
  new Set(records.map((record) => record.headers['waspada-event-id']?.toString()).filter(Boolean));

describe('an agency producer service on the real stack', () => {
  const kit = useTestKit();
  let service: ProducerService;
  let url: string;
  beforeAll(async () => {
    service = await startProducerService(
      PASSPORT_AGENCY,
      { connections: testConnections(), host: '127.0.0.1', port: 0 },
      logger,
    );
    url = service.ops.address();
  });
  afterAll(() => service.close());

  const post = async (path: string, body: string) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('publishes an accepted record keyed by NIK in the Avro wire format, answering 202 with its id', async () => {
    const sent = passport('6103055708030002', `APP-${Date.now()}`);
    const { status, body } = await post('/v1/records', JSON.stringify(sent));
    expect(status).toBe(202);
    const eventId = body.eventId as string;
    const records = await readTopicUntil(
      kit(),
      CONTRACTS.passport.topic,
      (read) => idsIn(read).has(eventId),
      'the accepted record',
    );
    const record = records.find(
      (candidate) => candidate.headers['waspada-event-id']?.toString() === eventId,
    )!;
    expect(record.key?.toString()).toBe('6103055708030002');
    expect(record.headers.traceparent?.toString()).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const decoded = await createAvroDecoder<PassportEvent>(kit().registry)(record.value);
    expect(decoded.value).toMatchObject({
      eventId,
      applicationId: sent.applicationId,
      sourceAgency: 'IMIGRASI',
      sourceSystem: 'SIMKIM',
    });
  });

  it('refuses a bad record with field errors and keeps it, bytes and reasons, on the rejected topic', async () => {
    const bytes = JSON.stringify({ ...passport('610305570803000', 'APP-BAD'), colour: 'red' });
    const { status, body } = await post('/v1/records', bytes);
    expect(status).toBe(400);
    expect(body.errors).toEqual(
      expect.arrayContaining([{ field: 'colour', reason: 'is not a field of PassportEvent' }]),
    );
    const rejectionId = body.rejectionId as string;
    const records = await readTopicUntil(
      kit(),
      CONTRACTS.rejected.topic,
      (read) => read.some((record) => record.headers['waspada-rejection-id']?.toString() === rejectionId),
      'the rejected copy',
    );
    const copy = records.find(
      (record) => record.headers['waspada-rejection-id']?.toString() === rejectionId,
    )!;
    const rejected = (await createAvroDecoder<RejectedRecord>(kit().registry)(copy.value)).value;
    expect(rejected.originalPayload.toString()).toBe(bytes);
    expect(rejected).toMatchObject({
      producer: 'passport-producer',
      channel: 'HTTP',
      contentType: 'application/json',
    });
  });

  it('keeps a body that is not JSON at all on the rejected topic', async () => {
    const { status, body } = await post('/v1/records', '{"nik": 61030557');
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ field: '(record)', reason: expect.stringMatching(/body is not JSON/) }]);
  });

  it('answers a batch record by record', async () => {
    const batch = [
      passport('6103055708030002', 'B1'),
      passport('3201011705900001', 'B2'),
      { ...passport('1234', 'B3') },
    ];
    const { status, body } = await post('/v1/records/batch', JSON.stringify(batch));
    expect(status).toBe(202);
    expect(body).toMatchObject({ accepted: 2, refused: 1 });
    expect((body.results as { index: number; errors?: unknown }[])[2]).toMatchObject({
      index: 2,
      errors: [{ field: 'nik' }],
    });
  });

  it('imports CSV and NDJSON exports, refusing bad rows with their line numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    try {
      const csv = join(dir, 'simkim-export.csv');
      writeFileSync(
        csv,
        'nik,eventTime,eventType,applicationId,officeCode,officeRegencyCode,decisionReason\n' +
          `6103055708030002,${eventTime},REFUSED,CSV-1,KANIM-SANGGAU,6103,SUSPECTED_NON_PROCEDURAL_WORK\n` +
          `3201011705900001,${eventTime},DEFERRED,CSV-2,KANIM-BOGOR,3201,INCOMPLETE_DOCUMENTS\n` +
          `32010117,${eventTime},REFUSED,CSV-3,KANIM-BOGOR,3201,OTHER\n`,
      );
      const ndjson = join(dir, 'simkim-export.ndjson');
      writeFileSync(ndjson, `${JSON.stringify(passport('6103055708030002', 'ND-1'))}\nnot json\n`);
      const progress: string[] = [];
      const fromCsv = await importFile(csv, service.intake, (line) => progress.push(line));
      expect(fromCsv).toMatchObject({ rows: 3, accepted: 2, refused: 1 });
      expect(fromCsv.firstRefusals).toEqual([
        { line: 4, reason: expect.stringMatching(/^nik: NIK must be 16 digits/) },
      ]);
      const fromNdjson = await importFile(ndjson, service.intake, (line) => progress.push(line));
      expect(fromNdjson).toMatchObject({ rows: 2, accepted: 1, refused: 1 });
      expect(fromNdjson.firstRefusals[0]).toMatchObject({
        line: 2,
        reason: expect.stringMatching(/line is not JSON/),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a producer process killed with SIGKILL', () => {
  const kit = useTestKit();

  it('loses no record it had answered 202 for', async () => {
    const connections = testConnections();
    const port = 28101;
    const child = spawn(process.execPath, [require.resolve('@waspada/passport-producer')], {
      env: serviceEnv(connections, { WASPADA_HTTP_PORT: String(port) }),
      stdio: 'ignore',
    });
    try {
      await eventually(
        async () =>
          (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status === 200,
        'the producer to be ready',
      );
      const accepted: string[] = [];
      let killed = false;
      // Four clients post batches until the process dies under them.
      const lanes = Array.from({ length: 4 }, async (_, lane) => {
        for (let request = 0; !killed && request < 200; request++) {
          const body = JSON.stringify(
            Array.from({ length: 50 }, (__, item) =>
              passport('6103055708030002', `KILL-${Date.now()}-${lane}-${request}-${item}`),
            ),
          );
          const response = await fetch(`http://127.0.0.1:${port}/v1/records/batch`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          }).catch(() => undefined);
          if (response?.status !== 202) continue;
          const answer = (await response.json()) as { results: { eventId?: string }[] };
          accepted.push(...answer.results.flatMap((result) => (result.eventId ? [result.eventId] : [])));
        }
      });
      // Kill once some batches were answered and others are in flight: whatever was answered 202
      // must already be in Kafka.
      await eventually(() => accepted.length >= 500, 'some batches to be accepted');
      child.kill('SIGKILL');
      killed = true;
      await Promise.allSettled(lanes);
      expect(accepted.length).toBeGreaterThan(0);
      const wanted = new Set(accepted);
      await readTopicUntil(
        kit(),
        CONTRACTS.passport.topic,
        (read) => {
          const ids = idsIn(read);
          return [...wanted].every((id) => ids.has(id));
        },
        `all ${accepted.length} accepted records`,
      );
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('every agency producer over HTTP and file import', () => {
  const kit = useTestKit();
  const agencies = [
    [BORDER_CROSSING_AGENCY, samples.borderCrossing, { nik: '12345' }, 'nik'],
    [PLACEMENT_AGENCY, samples.placement, { destinationCountry: 'XX' }, 'destinationCountry'],
    [IDENTITY_AGENCY, samples.identity, { addressRegencyCode: '9999' }, 'addressRegencyCode'],
    [CITIZEN_ABROAD_AGENCY, samples.citizenAbroad, { passportNumber: null }, 'nik'],
    [WATCHLIST_AGENCY, samples.watchlist, { entryType: 'GANG' }, 'entryType'],
  ] as const;

  it.each(agencies.map((entry) => [entry[0].service, ...entry] as const))(
    '%s accepts its records, refuses bad ones by field and keeps them, over HTTP and from a file',
    async (_service, definition, sample, change, field) => {
      const service = await startProducerService(
        definition as AgencyDefinition<unknown>,
        { connections: testConnections(), host: '127.0.0.1', port: 0 },
        logger,
      );
      const dir = mkdtempSync(join(tmpdir(), 'agency-'));
      try {
        const fresh = () => ({
          ...sample,
          eventId: randomUUID(),
          eventTime: Date.now() - 60_000,
          recordTime: Date.now() - 30_000,
        });
        const post = (record: unknown) =>
          fetch(`${service.ops.address()}/v1/records`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(record),
          });
        const good = await post(fresh());
        expect(good.status).toBe(202);
        const bad = await post({ ...fresh(), ...change });
        expect(bad.status).toBe(400);
        const refusal = (await bad.json()) as { errors: { field: string }[]; rejectionId: string };
        expect(refusal.errors.map((error) => error.field)).toContain(field);

        const file = join(dir, 'export.ndjson');
        writeFileSync(file, `${JSON.stringify(fresh())}\n${JSON.stringify({ ...fresh(), ...change })}\n`);
        expect(await importFile(file, service.intake, () => undefined)).toMatchObject({
          rows: 2,
          accepted: 1,
          refused: 1,
        });

        await readTopicUntil(
          kit(),
          CONTRACTS.rejected.topic,
          (read) =>
            read.some((record) => record.headers['waspada-rejection-id']?.toString() === refusal.rejectionId),
          'the refused record on the rejected topic',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await service.close();
      }
    },
  );
});
