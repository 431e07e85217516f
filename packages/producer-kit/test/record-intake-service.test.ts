import {
  compileAvroType,
  createMetricsRegistry,
  encodeWith,
  type AvroCodec,
  type OutgoingRecord,
} from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { CONTRACTS, type RejectedRecord } from '@waspada/schemas';
import {
  BORDER_CROSSING_AGENCY,
  createRecordIntakeService,
  MAX_RECORD_BYTES,
  type BatchingPublisher,
} from '../src';
import { borderCrossingRecord } from './support/records';

function codec<T>(subject: string, schema: object, schemaId: number): AvroCodec<T> {
  const type = compileAvroType(schema);
  return { subject, schemaId, type, encode: (value) => encodeWith(schemaId, type, value) };
}

/** The intake with a publisher that keeps what it is given: what would have gone to Kafka. */
function intakeService() {
  const published: OutgoingRecord[] = [];
  const publisher: BatchingPublisher = {
    publish: (records) => {
      published.push(...records);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
  const service = createRecordIntakeService({
    definition: BORDER_CROSSING_AGENCY,
    reference: referenceData(),
    codec: codec(CONTRACTS.borderCrossing.subject, CONTRACTS.borderCrossing.schema, 1),
    rejectedCodec: codec<RejectedRecord>(CONTRACTS.rejected.subject, CONTRACTS.rejected.schema, 2),
    publisher,
    metrics: createMetricsRegistry('test'),
  });
  return { service, published };
}

describe('the record intake under oversized records', () => {
  it('refuses a name of megabytes by its field and keeps only the start of the original, never handing Kafka a record over the limit', async () => {
    const { service, published } = intakeService();
    const huge = { ...borderCrossingRecord, fullName: 'A'.repeat(3 * 1024 * 1024) };
    const original = Buffer.from(JSON.stringify(huge));
    const [result, goodResult] = await service.submit(
      [
        { raw: huge, original, sourceName: 'request 1' },
        {
          raw: borderCrossingRecord,
          original: Buffer.from(JSON.stringify(borderCrossingRecord)),
          sourceName: 'request 2',
        },
      ],
      'HTTP',
      'application/json',
    );
    expect(goodResult).toMatchObject({ accepted: true });
    expect(result).toMatchObject({
      accepted: false,
      errors: [
        { field: 'fullName', reason: expect.stringMatching(/over the limit of 262144/) },
        { field: '(record)', reason: expect.stringMatching(/only its first 262144 bytes are kept/) },
      ],
    });
    expect(published).toHaveLength(2);
    for (const record of published) expect(record.value?.length).toBeLessThan(MAX_RECORD_BYTES + 4_096);
  });

  it('quotes at most a short preview of a megabyte enum value in the reason', async () => {
    const { service } = intakeService();
    const [result] = await service.submit(
      [
        {
          raw: { ...borderCrossingRecord, direction: 'X'.repeat(1_000_000) },
          original: Buffer.from('{}'),
          sourceName: null,
        },
      ],
      'HTTP',
      'application/json',
    );
    expect(result).toMatchObject({
      accepted: false,
      errors: [{ field: 'direction', reason: expect.stringMatching(/got "X+… \(1000002 characters\)$/) }],
    });
  });
});

describe('the record intake after an earlier chunk', () => {
  const submission = () => ({
    raw: borderCrossingRecord,
    original: Buffer.from(JSON.stringify(borderCrossingRecord)),
    sourceName: null,
  });

  it('publishes only once the chunk before is done', async () => {
    const { service, published } = intakeService();
    let release: () => void = () => undefined;
    const before = new Promise<void>((resolve) => (release = resolve));
    const submitted = service.submit([submission()], 'FILE', 'application/x-ndjson', undefined, before);
    await new Promise((resolve) => setImmediate(resolve));
    expect(published).toHaveLength(0);
    release();
    await submitted;
    expect(published).toHaveLength(1);
  });

  it('publishes nothing when the chunk before failed, and fails with its reason', async () => {
    const { service, published } = intakeService();
    const before = Promise.reject(new Error('Kafka refused the chunk before'));
    await expect(
      service.submit([submission()], 'FILE', 'application/x-ndjson', undefined, before),
    ).rejects.toThrow('Kafka refused the chunk before');
    expect(published).toHaveLength(0);
  });
});
