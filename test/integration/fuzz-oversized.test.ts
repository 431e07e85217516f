import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import { compileAvroType, createAvroDecoder, TOPICS } from '@waspada/common';
import {
  BORDER_CROSSING_AGENCY,
  MAX_BATCH_RECORDS,
  MAX_BODY_BYTES,
  MAX_RECORD_BYTES,
  startProducerService,
  type ProducerService,
} from '@waspada/producer-kit';
import { CONTRACTS, type RejectedRecord } from '@waspada/schemas';
import { logger, readTopicUntil, testConnections, useTestKit } from './support/clients';
import { goodCrossing } from './support/fuzz';

/**
 * Oversized input: a body over the producer's limit, a batch over 5,000 records, fields of
 * megabytes, and a record over Kafka's own message limit written straight to a topic. Each is
 * refused with a clear error naming what is too large; the service keeps answering and the good
 * records sent with them arrive.
 */
interface Answer {
  readonly status: number;
  readonly body: {
    status?: string;
    accepted?: number;
    eventId?: string;
    rejectionId?: string;
    errors?: { field: string; reason: string }[];
    results?: {
      index: number;
      eventId?: string;
      rejectionId?: string;
      errors?: { field: string; reason: string }[];
    }[];
  };
}

/**
 * Posts with node:http rather than fetch: the server answers 413 as soon as it reads the length,
 * before the body is sent, and the answer must be read even though the upload is cut off.
 */
function post(url: string, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString()) as Answer['body'],
          }),
        );
      },
    );
    // The server may close its side once it has answered; that is not the test's failure.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(body);
  });
}

describe('the producers and the broker under oversized input', () => {
  const kit = useTestKit();
  let service: ProducerService;
  const seed = randomInt(1, 2 ** 31);
  let serial = seed % 1_000_000;
  const good = () => ({ ...goodCrossing((serial += 1)), fullName: `Siti Aminah OVERSIZED${seed}` });

  beforeAll(async () => {
    service = await startProducerService(
      BORDER_CROSSING_AGENCY,
      { connections: testConnections(), host: '127.0.0.1', port: 0 },
      logger,
    );
  });
  afterAll(async () => {
    await service?.close();
  });

  const ready = async () => (await fetch(`${service.ops.address()}/health/ready`)).status;
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('answers 413 with the limit for a body over it, and for a batch over 5,000 records, and keeps answering', async () => {
    const huge = await post(
      `${service.ops.address()}/v1/records/batch`,
      Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20),
    );
    expect(huge).toMatchObject({
      status: 413,
      body: {
        status: 'refused',
        errors: [
          { field: '(body)', reason: expect.stringMatching(/is over the \d+ bytes a request may carry/) },
        ],
      },
    });
    const tooMany = await post(
      `${service.ops.address()}/v1/records/batch`,
      json(Array.from({ length: MAX_BATCH_RECORDS + 1 }, good)),
    );
    expect(tooMany).toMatchObject({
      status: 413,
      body: {
        errors: [
          { field: '(body)', reason: expect.stringContaining(`at most ${MAX_BATCH_RECORDS} records`) },
        ],
      },
    });
    expect(await ready()).toBe(200);
    const after = await post(`${service.ops.address()}/v1/records`, json(good()));
    expect(after).toMatchObject({ status: 202, body: { eventId: expect.any(String) } });
    process.stdout.write(
      `fuzz oversized bodies: 2 bad inputs sent (${MAX_BODY_BYTES + 1024} bytes, ${MAX_BATCH_RECORDS + 1} records), 2 refused with 413, service ready (seed ${seed})\n`,
    );
  });

  it('refuses fields of megabytes by field, keeps their start on the rejected topic, and lets the good records in the same batch through', async () => {
    const megabytes = (count: number) => 'A'.repeat(count * 1024 * 1024);
    const oversized = [
      { record: { ...good(), fullName: megabytes(3) }, field: 'fullName' },
      { record: { ...good(), documentNumber: megabytes(2) }, field: 'documentNumber' },
      { record: { ...good(), direction: megabytes(2) }, field: 'direction' },
      { record: { ...good(), nik: megabytes(1) }, field: 'nik' },
      {
        record: {
          ...good(),
          ...Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`extra${index}`, 1])),
        },
        field: 'extra0',
      },
    ];
    const batch = oversized.flatMap((entry) => [good(), entry.record]);
    const answer = await post(`${service.ops.address()}/v1/records/batch`, json(batch));
    expect(answer.status).toBe(202);
    const results = answer.body.results ?? [];
    const acceptedIds = results.flatMap((result) => (result.eventId ? [result.eventId] : []));
    expect(acceptedIds).toHaveLength(oversized.length);
    const rejectionIds = new Set<string>();
    oversized.forEach((entry, index) => {
      const result = results[index * 2 + 1];
      expect({ field: entry.field, result }).toMatchObject({
        result: {
          rejectionId: expect.any(String),
          errors: expect.arrayContaining([expect.objectContaining({ field: entry.field })]),
        },
      });
      // The refusal stays small whatever the input: bounded reasons, at most 50 of them and two notes.
      expect(result?.errors?.length).toBeLessThanOrEqual(52);
      for (const error of result?.errors ?? []) expect(error.reason.length).toBeLessThanOrEqual(501);
      rejectionIds.add(result?.rejectionId ?? '');
    });
    // One record alone over the limit: refused by field, the answer as clear as in a batch.
    const single = await post(
      `${service.ops.address()}/v1/records`,
      json({ ...good(), fullName: megabytes(5) }),
    );
    expect(single).toMatchObject({
      status: 400,
      body: {
        errors: expect.arrayContaining([
          expect.objectContaining({ field: 'fullName', reason: expect.stringMatching(/over the limit/) }),
        ]),
      },
    });
    rejectionIds.add(single.body.rejectionId ?? '');

    const decode = createAvroDecoder<RejectedRecord>(
      kit().registry,
      compileAvroType(CONTRACTS.rejected.schema),
    );
    const rejected = (
      await readTopicUntil(
        kit(),
        TOPICS.rejected,
        (read) =>
          read.filter((record) => rejectionIds.has(record.headers['waspada-rejection-id']?.toString() ?? ''))
            .length >= rejectionIds.size,
        'every oversized record on the rejected topic',
      )
    ).filter((record) => rejectionIds.has(record.headers['waspada-rejection-id']?.toString() ?? ''));
    for (const record of rejected) {
      const refusal = (await decode(record.value)).value;
      // Its start, byte for byte, and a note that the rest is not kept.
      expect(refusal.originalPayload.length).toBe(MAX_RECORD_BYTES);
      expect(refusal.originalPayload.subarray(0, 8).toString()).toBe('{"nik":"');
      expect(refusal.errors.map((error) => error.reason)).toContainEqual(
        expect.stringMatching(/only its first \d+ bytes are kept/),
      );
    }
    const ids = new Set(acceptedIds);
    await readTopicUntil(
      kit(),
      TOPICS.borderCrossing,
      (read) =>
        read.filter((record) => ids.has(record.headers['waspada-event-id']?.toString() ?? '')).length >=
        ids.size,
      'the good records of the batch',
    );
    expect(await ready()).toBe(200);
    process.stdout.write(
      `fuzz oversized fields: ${oversized.length + 1} bad inputs sent (fields of 1-5 MB, 100,000 unknown fields), ${rejected.length} refused by field and kept cut to ${MAX_RECORD_BYTES} bytes, ${ids.size} good arrived (seed ${seed})\n`,
    );
  }, 180_000);

  it("shows the broker's refusal of a record over Kafka's message limit written straight to a topic, and the producer sending on", async () => {
    const topic = await kit().topic(1, 'oversized');
    const producer = kit().kafka.producer();
    await producer.connect();
    try {
      const refusal = await producer
        .send([{ topic, key: '3201011501900001', value: Buffer.alloc(2 * 1024 * 1024, 0x41) }])
        .then(() => undefined)
        .catch((error: unknown) => error as Error);
      expect(refusal).toBeInstanceOf(Error);
      expect(String(refusal?.message)).toMatch(/larger than the max message size|too large/i);
      await producer.send([{ topic, key: '3201011501900001', value: Buffer.from('small') }]);
      const read = await readTopicUntil(kit(), topic, (records) => records.length >= 1, 'the small record');
      expect(read.map((record) => record.value?.toString())).toEqual(['small']);
      process.stdout.write(
        `fuzz oversized raw record: 1 bad input sent (2 MiB), refused by the broker (${refusal?.message}), the producer sent on (seed ${seed})\n`,
      );
    } finally {
      await producer.disconnect();
    }
  });
});
