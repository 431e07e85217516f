import { randomInt } from 'node:crypto';
import { BORDER_CROSSING_AGENCY, startProducerService, type ProducerService } from '@waspada/producer-kit';
import { TOPICS } from '@waspada/common';
import { logger, readTopicUntil, testConnections, useTestKit } from './support/clients';
import { badCrossing, generator, goodCrossing } from './support/fuzz';

/**
 * Bad input, generated: 10,000 records that must each be refused with the field and the reason
 * and kept on the rejected topic, sent through the producer's HTTP API in batches with good
 * records among them, and bodies that are not JSON at all. The good records must all arrive and
 * the producer must still answer.
 */
const BAD_RECORDS = 10_000;
const BATCH = 500;
const GOOD_PER_BATCH = 20;

describe('the producers under generated bad input', () => {
  const kit = useTestKit();
  let service: ProducerService;
  const seed = randomInt(1, 2 ** 31);

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

  it(`refuses each of ${BAD_RECORDS.toLocaleString('en')} broken records with its field and reason, keeps each on the rejected topic, and lets every good record through`, async () => {
    const random = generator(seed);
    const url = `${service.ops.address()}/v1/records/batch`;
    const rejectionIds = new Set<string>();
    const acceptedIds = new Set<string>();
    let goodSent = 0;
    // A record's event id is derived from its content, so each good record must differ from the others.
    let goodSerial = randomInt(1, 1_000_000);
    for (let sent = 0; sent < BAD_RECORDS; sent += BATCH - GOOD_PER_BATCH) {
      const items = Array.from({ length: BATCH }, (_, index) =>
        index % (BATCH / GOOD_PER_BATCH) === 0
          ? { good: true, record: goodCrossing((goodSerial += 1)) }
          : { good: false, record: badCrossing(random, sent + index) },
      ).slice(0, Math.min(BATCH, BAD_RECORDS - sent + GOOD_PER_BATCH));
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(items.map((item) => item.record)),
      });
      const body = (await response.json()) as {
        results: {
          index: number;
          eventId?: string;
          errors?: { field: string; reason: string }[];
          rejectionId?: string;
        }[];
      };
      expect(response.status).toBe(202);
      for (const result of body.results) {
        const item = items[result.index] as (typeof items)[number];
        if (item.good) {
          expect({ seed, result }).toMatchObject({ result: { eventId: expect.any(String) } });
          acceptedIds.add(result.eventId as string);
          goodSent += 1;
        } else {
          // Every refusal names a field and says why.
          expect({ seed, record: item.record, result }).toMatchObject({
            result: {
              rejectionId: expect.any(String),
              errors: expect.arrayContaining([{ field: expect.any(String), reason: expect.any(String) }]),
            },
          });
          for (const error of result.errors ?? []) expect(error.reason.length).toBeGreaterThan(5);
          rejectionIds.add(result.rejectionId as string);
        }
      }
    }
    expect(rejectionIds.size).toBeGreaterThanOrEqual(BAD_RECORDS);
    expect(acceptedIds.size).toBe(goodSent);

    // Bodies that are not JSON, or not a batch: refused, the bytes kept too.
    for (const body of ['{"nik":', '\u0000\u00ff', 'nik=1;DROP', '[1,2', 'null']) {
      const response = await fetch(`${service.ops.address()}/v1/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { rejectionId: string; errors: { field: string }[] };
      expect(answer.errors.length).toBeGreaterThan(0);
      rejectionIds.add(answer.rejectionId);
    }

    const rejected = await readTopicUntil(
      kit(),
      TOPICS.rejected,
      (records) =>
        records.filter((record) => rejectionIds.has(record.headers['waspada-rejection-id']?.toString() ?? ''))
          .length >= rejectionIds.size,
      'every refusal on the rejected topic',
    );
    const kept = new Set(rejected.map((record) => record.headers['waspada-rejection-id']?.toString()));
    expect([...rejectionIds].filter((id) => !kept.has(id))).toEqual([]);
    const crossings = await readTopicUntil(
      kit(),
      TOPICS.borderCrossing,
      (records) =>
        records.filter((record) => acceptedIds.has(record.headers['waspada-event-id']?.toString() ?? ''))
          .length >= acceptedIds.size,
      'every good record on the border-crossing topic',
    );
    expect(
      crossings.filter((record) => acceptedIds.has(record.headers['waspada-event-id']?.toString() ?? ''))
        .length,
    ).toBe(acceptedIds.size);
    // Still answering.
    expect((await fetch(`${service.ops.address()}/health/ready`)).status).toBe(200);
    process.stdout.write(
      `fuzz HTTP JSON: ${rejectionIds.size} bad inputs sent, ${rejectionIds.size} refused and kept on the rejected topic, ${acceptedIds.size} good arrived (seed ${seed})\n`,
    );
  }, 300_000);
});
