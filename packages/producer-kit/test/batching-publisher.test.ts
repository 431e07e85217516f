import type { KafkaProducer, OutgoingRecord } from '@waspada/common';
import { createBatchingPublisher, recordBytes, splitBySize } from '../src';

const record = (bytes: number): OutgoingRecord => ({ topic: 't', key: 'k', value: Buffer.alloc(bytes) });

describe('splitBySize', () => {
  it('cuts a send into runs under the byte limit, in order, a heavier record alone', () => {
    const records = [record(400), record(400), record(400), record(5_000), record(10)];
    const runs = splitBySize(records, 1_000);
    expect(runs.map((run) => run.map((entry) => entry.value?.length))).toEqual([
      [400, 400],
      [400],
      [5_000],
      [10],
    ]);
    for (const run of runs.filter((entry) => entry.length > 1))
      expect(run.reduce((sum, entry) => sum + recordBytes(entry), 0)).toBeLessThanOrEqual(1_000);
  });
});

/**
 * A producer whose sends the test answers one by one, so what goes out while a send is in flight
 * can be seen. The Kafka side of sending is covered by the integration tests.
 */
function heldProducer() {
  const sends: { records: readonly OutgoingRecord[]; answer: (error?: Error) => void }[] = [];
  const producer: KafkaProducer = {
    connect: () => Promise.resolve(),
    disconnect: () => Promise.resolve(),
    transaction: () => Promise.reject(new Error('not transactional')),
    send: (records) =>
      new Promise<void>((resolve, reject) => {
        sends.push({ records, answer: (error) => (error ? reject(error) : resolve()) });
      }),
  };
  return { producer, sends };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const named = (key: string): OutgoingRecord => ({ topic: 't', key, value: Buffer.from(key) });

describe('createBatchingPublisher', () => {
  it('sends a lone caller’s records at once, and what arrives during a send in one request after it, in order', async () => {
    const { producer, sends } = heldProducer();
    const publisher = createBatchingPublisher(producer);
    const first = publisher.publish([named('a')]);
    await settle();
    expect(sends.map((send) => send.records.map((record) => record.key))).toEqual([['a']]);

    const second = publisher.publish([named('b'), named('c')]);
    const third = publisher.publish([named('d')]);
    await settle();
    expect(sends).toHaveLength(1);
    sends[0]!.answer();
    await first;
    await settle();
    expect(sends.map((send) => send.records.map((record) => record.key))).toEqual([['a'], ['b', 'c', 'd']]);
    sends[1]!.answer();
    await Promise.all([second, third]);
    await publisher.close();
  });

  it('fails only the callers of a failed send; the next records still go out', async () => {
    const { producer, sends } = heldProducer();
    const publisher = createBatchingPublisher(producer);
    const failed = publisher.publish([named('a')]);
    await settle();
    const later = publisher.publish([named('b')]);
    sends[0]!.answer(new Error('broker gone'));
    await expect(failed).rejects.toThrow('broker gone');
    await settle();
    expect(sends[1]?.records.map((record) => record.key)).toEqual(['b']);
    sends[1]!.answer();
    await expect(later).resolves.toBeUndefined();
  });

  it('closes once what was published is acknowledged', async () => {
    const { producer, sends } = heldProducer();
    const publisher = createBatchingPublisher(producer);
    const published = publisher.publish([named('a')]);
    let closed = false;
    const closing = publisher.close().then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);
    sends[0]!.answer();
    await Promise.all([published, closing]);
    expect(closed).toBe(true);
    await expect(publisher.close()).resolves.toBeUndefined();
  });

  it('splits a send over the byte limit into requests under it, in order', async () => {
    const { producer, sends } = heldProducer();
    const publisher = createBatchingPublisher(producer, { maxBytes: 1_000 });
    const published = publisher.publish([record(600), record(600), record(600)]);
    await settle();
    sends[0]!.answer();
    await settle();
    sends[1]!.answer();
    await settle();
    sends[2]!.answer();
    await published;
    expect(sends.map((send) => send.records.length)).toEqual([1, 1, 1]);
  });
});
