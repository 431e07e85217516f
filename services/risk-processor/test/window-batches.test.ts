import { createLogger, TOPICS, type BatchControl, type IncomingBatch } from '@waspada/common';
import type { LinkedPerson, PersonEvent } from '@waspada/risk-rules';
import type { WatchlistEvent } from '@waspada/schemas';
import { createMemoryStore } from '../src/backtest/memory-store';
import { openWindow } from '../src/batch-processor';
import { windowBatches } from '../src/window-batches';
import type { Decoded } from '../src/event-decoding';
import { CHILD, childScan, childScanDeps, childScanRecord, CROSSING_TOPIC, NOW } from './support/child-scan';

/**
 * How a batch enters the commit window: applied to the open window in order, after the state a lost
 * Redis took is restored and the partition's outbox is read; a watchlist batch turned into re-judge
 * requests instead; nothing done for a partition the consumer no longer holds.
 */
const logger = createLogger({ service: 'window-batches-test', level: 'silent' });

/** A recruiter's number listed by Polri, and a woman seen with that number in her records 3 days before. */
const listedPhone: WatchlistEvent = {
  eventId: '0b8f4f7e-3a43-4d52-9d57-7a1d1f3c2a10',
  eventTime: NOW,
  recordTime: NOW,
  sourceAgency: 'POLRI',
  sourceSystem: 'PUSIKNAS',
  entryId: 'phone-0812-5550-1234',
  entryType: 'PHONE_NUMBER',
  name: null,
  aliases: [],
  identifier: '0812-5550-1234',
  licenceStatus: null,
  reason: 'recruiter for online-scam work in Cambodia',
  active: true,
};
const PHONE_LINK = 'phone:6281255501234';
const seenOnPhone: LinkedPerson = { nik: CHILD, time: NOW - 3 * 86_400_000, placement: false };

function batchesWith(options: { lost?: boolean; active?: boolean } = {}) {
  const steps: string[] = [];
  const open = openWindow();
  let lost = options.lost ?? false;
  const applied: number[] = [];
  const rejudged: unknown[][] = [];
  const groups: string[][] = [];
  const results: {
    publish: readonly unknown[];
    first?: string;
    position?: { offset: string };
    records: number;
    lagging?: boolean;
  }[] = [];
  const take = windowBatches({
    window: {
      batches: async (parts, work) => {
        groups.push(parts.map(({ topic, partition }) => `${topic}:${partition}`));
        results.push(...(await work(parts.map((_, index) => index === 0))));
      },
    },
    judge: {
      stateLost: () => lost,
      stateRestored: () => {
        lost = false;
        steps.push('state restored');
      },
      current: () => open,
    },
    deps: {
      ...childScanDeps(createMemoryStore(), 'window-batches-test'),
      // The scan, or a record refused as undecodable.
      decode: (record) =>
        Promise.resolve<Decoded>(
          record.value?.toString() === 'scan'
            ? { ok: true, event: childScan as PersonEvent }
            : { ok: false, stage: 'DECODE', field: '(record)', reason: 'not Avro' },
        ),
    },
    io: {
      // Any record on the watchlist topic decodes to the listing of a recruiter's phone number.
      decodeWatchlist: () => Promise.resolve({ schemaId: 1, value: listedPhone }),
      store: {
        readLinks: (keys) =>
          Promise.resolve(
            new Map(keys.filter((key) => key === PHONE_LINK).map((key) => [key, [seenOnPhone]])),
          ),
      },
    },
    recovery: {
      readOnce: (partition) => {
        steps.push(`outbox of partition ${partition} read`);
        return Promise.resolve();
      },
      readAgain: () => steps.push('outboxes to be read again'),
    },
    restoreState: (restore) => {
      steps.push(`state restored from the topics (after loss: ${restore.afterLoss})`);
      return Promise.resolve();
    },
    records: {
      rejudge: (requests) => {
        rejudged.push([...requests]);
        return [];
      },
      // Stands for the outgoing record: the refused record's source.
      deadLetters: (dead) =>
        dead.map((record) => ({
          topic: 'dead',
          key: `${record.sourceTopic}:${record.sourcePartition}`,
          value: null,
        })),
    },
    rejudgeFrom: 'test-group',
    metrics: { batchApplied: (result) => applied.push(result.applied) },
    logger,
  });
  const control: BatchControl = {
    heartbeat: () => Promise.resolve(),
    isActive: () => options.active ?? true,
    markProcessed: () => undefined,
  };
  return {
    run: (batch: IncomingBatch) => take(batch, control),
    /** Batches handed over in one turn of the event loop, as KafkaJS hands over a fetch. */
    runAtOnce: (list: readonly IncomingBatch[]) => Promise.all(list.map((batch) => take(batch, control))),
    groups,
    open,
    steps,
    applied,
    rejudged,
    results,
  };
}

const scanBatch = (overrides: Partial<IncomingBatch> = {}): IncomingBatch => ({
  topic: CROSSING_TOPIC,
  partition: 0,
  records: [childScanRecord],
  highWatermark: '8',
  ...overrides,
});

describe("the processor's batches in the commit window", () => {
  it('applies an agency batch to the open window after reading its partition’s outbox', async () => {
    const batches = batchesWith();
    await batches.run(scanBatch());
    expect(batches.steps).toEqual(['outbox of partition 0 read']);
    expect(batches.applied).toEqual([1]);
    expect(batches.open.pending.size).toBe(1);
    expect(batches.results[0]).toMatchObject({ publish: [], first: '7', records: 1 });
    expect(batches.results[0]?.position).toMatchObject({ offset: '7' });
  });

  it('applies the batches handed over at once as one group, each starting its range or not as the window says', async () => {
    const batches = batchesWith();
    const later = { ...childScanRecord, offset: '8' };
    const garbled = {
      ...childScanRecord,
      topic: 'waspada.dukcapil.identity.v1',
      offset: '3',
      value: Buffer.from('not avro'),
    };
    await batches.runAtOnce([
      scanBatch(),
      scanBatch({ topic: garbled.topic, records: [garbled] }),
      scanBatch({ records: [later] }),
    ]);
    expect(batches.groups).toEqual([
      [`${CROSSING_TOPIC}:0`, 'waspada.dukcapil.identity.v1:0', `${CROSSING_TOPIC}:0`],
    ]);
    // Read once for the group, applied once: the scan is new, its copy at offset 8 a duplicate.
    expect(batches.steps).toEqual(['outbox of partition 0 read']);
    expect(batches.applied).toEqual([1]);
    // Only the first batch starts its range: the duplicate is not judged again.
    expect(batches.open.pending.get(CHILD)?.events).toHaveLength(1);
    expect(batches.results.map((result) => [result.first, result.publish])).toEqual([
      ['7', []],
      ['3', [expect.objectContaining({ key: 'waspada.dukcapil.identity.v1:0' })]],
      ['8', []],
    ]);
  });

  it('publishes a refused record once when its topic-partition comes twice in a group', async () => {
    const batches = batchesWith();
    const garbled = { ...childScanRecord, offset: '9', value: Buffer.from('not avro') };
    await batches.runAtOnce([scanBatch(), scanBatch({ records: [garbled] })]);
    expect(batches.results.map((result) => result.publish)).toEqual([
      [],
      [expect.objectContaining({ key: `${CROSSING_TOPIC}:0` })],
    ]);
  });

  it('starts another group once one holds 2,000 records, in the order they were handed over', async () => {
    const batches = batchesWith();
    const many = (topic: string) =>
      scanBatch({
        topic,
        records: Array.from({ length: 1_500 }, (_, index) => ({
          ...childScanRecord,
          topic,
          offset: String(index),
        })),
      });
    await batches.runAtOnce([many('a'), many('b'), many('c')]);
    expect(batches.groups).toEqual([['a:0', 'b:0'], ['c:0']]);
  });

  it('says a batch is behind when many records wait after it, or it was appended a while ago', async () => {
    const batches = batchesWith();
    // Appended at NOW, which the test's wall clock is long past: a replay.
    await batches.run(scanBatch());
    const recent = { ...childScanRecord, timestamp: Date.now() };
    await batches.run(scanBatch({ records: [recent] }));
    await batches.run(scanBatch({ records: [recent], highWatermark: '5000' }));
    expect(batches.results.map((result) => result.lagging)).toEqual([true, false, true]);
    expect(NOW).toBeLessThan(Date.now() - 5_000);
  });

  it('restores the state a lost Redis took before anything else, and reads the outboxes again', async () => {
    const batches = batchesWith({ lost: true });
    await batches.run(scanBatch());
    expect(batches.steps).toEqual([
      'state restored from the topics (after loss: true)',
      'state restored',
      'outboxes to be read again',
      'outbox of partition 0 read',
    ]);
    expect(batches.applied).toEqual([1]);
  });

  it('turns a watchlist batch into re-judge requests for the people seen on the entry, and applies nothing', async () => {
    const batches = batchesWith();
    await batches.run(scanBatch({ topic: TOPICS.watchlist }));
    // An entry listed long ago is read live: the window stays short.
    expect(batches.results[0]?.lagging).toBe(false);
    expect(batches.rejudged).toEqual([
      [
        expect.objectContaining({
          nik: CHILD,
          cause: 'WATCHLIST_CHANGED',
          causeEventId: listedPhone.eventId,
          situationsFrom: seenOnPhone.time,
        }),
      ],
    ]);
    expect(batches.applied).toEqual([]);
    expect(batches.open.pending.size).toBe(0);
    expect(batches.results[0]).toMatchObject({ records: 1 });
  });

  it('does nothing with a batch of a partition the consumer no longer holds', async () => {
    const batches = batchesWith({ active: false });
    await batches.run(scanBatch());
    expect(batches.steps).toEqual([]);
    expect(batches.applied).toEqual([]);
    expect(batches.results).toEqual([{ publish: [], records: 0 }]);
  });
});
