import { readTopics, tpOf, type IncomingRecord, type StopOffsets } from '@waspada/common';
import { uniqueName, useTestKit } from './support/clients';

/**
 * The one definition of "read to the end" (readTopics): a partition is done when the reader's
 * position passes the end offset taken at the start, though a topic written in transactions ends
 * in commit and abort markers, and holds aborted records, that a read_committed reader never gets.
 */
describe('reading topics to their end', () => {
  const kit = useTestKit();

  async function endsOf(topic: string): Promise<StopOffsets> {
    return new Map(
      (await kit().admin.topicOffsets(topic)).map((entry) => [
        tpOf(topic, entry.partition),
        BigInt(entry.high),
      ]),
    );
  }

  /**
   * The ends once the topic's partitions hold `total` offsets in all, waiting for the broker to
   * write the last transaction's markers (at most 30 s): a transaction's commit() or abort() returns
   * once the coordinator has the decision, and until the markers are on a partition the end a
   * read_committed client is given stops before that transaction.
   */
  async function endsOfAtLeast(topic: string, total: bigint): Promise<StopOffsets> {
    for (let tries = 0; ; tries++) {
      const ends = await endsOf(topic);
      if ([...ends.values()].reduce((sum, end) => sum + end, 0n) >= total || tries >= 300) return ends;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function readAll(topics: string[], stopAt: StopOffsets, startAt?: StopOffsets) {
    const records: IncomingRecord[] = [];
    await readTopics(kit().kafka, {
      topics,
      stopAt,
      // Far below the suite's timeout: a reader whose position never passed the markers fails here.
      stallMs: 60_000,
      ...(startAt && { startAt }),
      onBatch: (batch) => {
        records.push(...batch.records);
        return Promise.resolve();
      },
    });
    return records.map((record) => record.value?.toString());
  }

  it('reads a topic that ends in an aborted transaction and its marker, without waiting for quiet', async () => {
    const topic = await kit().topic(1, 'read-tx');
    const producer = kit().kafka.producer({ transactionalId: uniqueName('read-tx') });
    await producer.connect();
    kit().onClose(() => producer.disconnect());
    const committed = await producer.transaction();
    await committed.send(['a', 'b', 'c'].map((value) => ({ topic, key: 'k', value: Buffer.from(value) })));
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send([{ topic, key: 'k', value: Buffer.from('aborted') }]);
    await aborted.abort();

    // Three records, their commit marker, the aborted record and its abort marker.
    const stopAt = await endsOfAtLeast(topic, 6n);
    expect(stopAt.get(tpOf(topic, 0))).toBe(6n);
    expect(await readAll([topic], stopAt)).toEqual(['a', 'b', 'c']);
  });

  it('stops at the end taken at the start, reads a period from its start, and passes empty partitions', async () => {
    const topic = await kit().topic(3, 'read-plain');
    const producer = kit().kafka.producer();
    await producer.connect();
    kit().onClose(() => producer.disconnect());
    // One key: every record on one partition, the other two empty.
    await producer.send(
      ['r0', 'r1', 'r2', 'r3'].map((value) => ({ topic, key: 'one', value: Buffer.from(value) })),
    );
    const stopAt = await endsOf(topic);
    const [written] = [...stopAt].filter(([, end]) => end > 0n);
    expect(written?.[1]).toBe(4n);
    await producer.send([{ topic, key: 'one', value: Buffer.from('after the end') }]);

    expect(await readAll([topic], stopAt)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(await readAll([topic], stopAt, new Map([[written![0], 2n]]))).toEqual(['r2', 'r3']);
  });

  it('reads two topics together, each to its own end', async () => {
    const first = await kit().topic(2, 'read-a');
    const second = await kit().topic(2, 'read-b');
    const producer = kit().kafka.producer({ transactionalId: uniqueName('read-ab') });
    await producer.connect();
    kit().onClose(() => producer.disconnect());
    for (let round = 0; round < 5; round++) {
      const transaction = await producer.transaction();
      await transaction.send([
        { topic: first, key: `p-${round}`, value: Buffer.from(`a${round}`) },
        { topic: second, key: `q-${round}`, value: Buffer.from(`b${round}`) },
      ]);
      await transaction.commit();
    }
    // Each topic: five records and a commit marker after each.
    const stopAt = new Map([...(await endsOfAtLeast(first, 10n)), ...(await endsOfAtLeast(second, 10n))]);
    const read = await readAll([first, second], stopAt);
    expect(read.sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4']);
  });
});
