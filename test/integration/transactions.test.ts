import { createRequire } from 'node:module';
import { COORDINATOR_TTL_MS, createTaskFencing, type IncomingRecord } from '@waspada/common';
import { eventually, uniqueName, useTestKit } from './support/clients';

describe('Kafka transactions through the shared client', () => {
  const kit = useTestKit();

  it('shows committed records to read_committed consumers and hides aborted ones', async () => {
    const topic = await kit().topic(1, 'tx');
    const producer = kit().kafka.producer({ transactionalId: uniqueName('tx') });
    await producer.connect();
    kit().onClose(() => producer.disconnect());

    const aborted = await producer.transaction();
    await aborted.send([{ topic, key: 'k', value: Buffer.from('aborted') }]);
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send([{ topic, key: 'k', value: Buffer.from('committed') }]);
    await committed.commit();
    // A plain record after both, so the consumer knows it has read past them.
    const plain = kit().kafka.producer();
    await plain.connect();
    kit().onClose(() => plain.disconnect());
    await plain.send([{ topic, key: 'k', value: Buffer.from('marker') }]);

    const seen: string[] = [];
    const consumer = kit().kafka.consumer({ groupId: uniqueName('reader'), isolation: 'read_committed' });
    await consumer.connect();
    kit().onClose(() => consumer.disconnect());
    await consumer.subscribe([topic], { fromBeginning: true });
    await consumer.run(async (batch) => {
      seen.push(...batch.records.map((record) => record.value?.toString() ?? ''));
    });
    await eventually(() => seen.includes('marker'), 'the marker record');
    expect(seen).toEqual(['committed', 'marker']);
  });

  it('commits consumed offsets and produced records in one transaction (consume-transform-produce)', async () => {
    const input = await kit().topic(1, 'tx-in');
    const output = await kit().topic(1, 'tx-out');
    const groupId = uniqueName('transformer');
    const source = kit().kafka.producer();
    await source.connect();
    kit().onClose(() => source.disconnect());
    await source.send([1, 2, 3].map((n) => ({ topic: input, key: `k${n}`, value: Buffer.from(String(n)) })));

    const producer = kit().kafka.producer({ transactionalId: uniqueName('transformer') });
    await producer.connect();
    kit().onClose(() => producer.disconnect());
    const consumer = kit().kafka.consumer({ groupId, autoCommit: false });
    await consumer.connect();
    kit().onClose(() => consumer.disconnect());
    await consumer.subscribe([input], { fromBeginning: true });
    const processed: IncomingRecord[] = [];
    await consumer.run(async (batch) => {
      const transaction = await producer.transaction();
      try {
        await transaction.send(
          batch.records.map((record) => ({
            topic: output,
            key: record.key,
            value: Buffer.from(String(Number(record.value?.toString()) * 10)),
          })),
        );
        await transaction.sendOffsets(groupId, batch.records);
        await transaction.commit();
        processed.push(...batch.records);
      } catch (error) {
        await transaction.abort();
        throw error;
      }
    });
    await eventually(() => processed.length === 3, 'the three input records to be processed');
    await eventually(
      async () => (await kit().admin.groupOffsets(groupId, input)).some((entry) => entry.offset === '3'),
      'the committed offset to reach 3',
    );
    expect(await kit().admin.groupOffsets(groupId, input)).toEqual([{ partition: 0, offset: '3' }]);

    const out: string[] = [];
    const reader = kit().kafka.consumer({ groupId: uniqueName('out-reader') });
    await reader.connect();
    kit().onClose(() => reader.disconnect());
    await reader.subscribe([output], { fromBeginning: true });
    await reader.run(async (batch) => {
      out.push(...batch.records.map((record) => record.value?.toString() ?? ''));
    });
    await eventually(() => out.length === 3, 'the three output records');
    expect(out).toEqual(['10', '20', '30']);
  });

  it('commits transactions back to back, each begun as the last one ends (offsets only, and records)', async () => {
    // The broker refuses a transaction's first step for a few milliseconds after the last commit of
    // the same producer (its markers are still being written): the client tries again, soon.
    const topic = await kit().topic(1, 'tx-back-to-back');
    const groupId = uniqueName('back-to-back');
    const producer = kit().kafka.producer({ transactionalId: uniqueName('back-to-back') });
    await producer.connect();
    kit().onClose(() => producer.disconnect());
    for (let index = 0; index < 300; index += 1) {
      const transaction = await producer.transaction();
      try {
        // A processor window whose task published nothing commits its offsets alone.
        if (index % 2 === 1) await transaction.send([{ topic, key: 'k', value: Buffer.from(String(index)) }]);
        await transaction.sendOffsets(groupId, [{ topic, partition: 0, offset: String(index) }]);
        await transaction.commit();
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw new Error(`transaction ${index} of 300 failed: ${(error as Error).message}`, { cause: error });
      }
    }
    expect(await kit().admin.groupOffsets(groupId, topic)).toEqual([{ partition: 0, offset: '300' }]);
  });

  it('asks where the coordinators are about once a second, not before every transactional request', async () => {
    // KafkaJS's own request path for a lookup (FindCoordinator), and its metadata refreshes (each
    // empties the cache), counted while the test runs.
    type Counted = (this: unknown, ...args: unknown[]) => Promise<unknown>;
    const Cluster = createRequire(require.resolve('@waspada/common'))('kafkajs/src/cluster/index.js') as {
      prototype: { findGroupCoordinatorMetadata: Counted; refreshMetadata: Counted };
    };
    const counts = { lookups: 0, refreshes: 0 };
    const count = (
      name: 'findGroupCoordinatorMetadata' | 'refreshMetadata',
      counter: 'lookups' | 'refreshes',
    ) => {
      const original = Cluster.prototype[name];
      Cluster.prototype[name] = function (...args) {
        counts[counter] += 1;
        return original.apply(this, args);
      };
      kit().onClose(async () => {
        Cluster.prototype[name] = original;
      });
    };
    count('findGroupCoordinatorMetadata', 'lookups');
    count('refreshMetadata', 'refreshes');
    const topic = await kit().topic(1, 'tx-lookups');
    const groupId = uniqueName('lookups');
    const producer = kit().kafka.producer({ transactionalId: uniqueName('lookups') });
    await producer.connect();
    kit().onClose(() => producer.disconnect());
    counts.lookups = 0;
    counts.refreshes = 0;
    const started = Date.now();
    for (let index = 0; index < 100; index += 1) {
      // In a window's order: the offsets open the transaction, the records join it.
      const transaction = await producer.transaction();
      await transaction.sendOffsets(groupId, [{ topic, partition: 0, offset: String(index) }]);
      await transaction.send([{ topic, key: 'k', value: Buffer.from(String(index)) }]);
      await transaction.commit();
    }
    const periods = Math.ceil((Date.now() - started) / COORDINATOR_TTL_MS) + 1;
    expect(await kit().admin.groupOffsets(groupId, topic)).toEqual([{ partition: 0, offset: '100' }]);
    // Without the cache: four a transaction (AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit,
    // EndTxn), 400 here. With it: the transactional id's and the group's, once each per period and
    // after each refresh.
    expect(counts.lookups).toBeGreaterThan(0);
    expect(counts.lookups).toBeLessThanOrEqual(2 * (periods + counts.refreshes));
    expect(counts.lookups).toBeLessThan(100);
  });

  it("refuses a deposed owner's transaction once the new owner fenced the partition's task, and the new owner reads the offsets the deposed one committed", async () => {
    const input = await kit().topic(2, 'fence-in');
    const output = await kit().topic(2, 'fence-out');
    const groupId = uniqueName('fence');
    const prefix = uniqueName('waspada-fence');
    // Two instances of one group, as the processor opens them (task-fencing.ts).
    const [deposed, owner] = [0, 1].map(() =>
      createTaskFencing({
        kafka: kit().kafka,
        admin: kit().admin,
        consumer: { seek: () => undefined },
        groupId,
        transactionalIdPrefix: prefix,
      }),
    ) as [ReturnType<typeof createTaskFencing>, ReturnType<typeof createTaskFencing>];
    kit().onClose(() => Promise.all([deposed.close(), owner.close()]).then(() => undefined));
    const position = (offset: string) => [{ topic: input, partition: 0, offset }];
    const send = (value: string) => [{ topic: output, key: 'k', value: Buffer.from(value) }];

    await deposed.ensure(0);
    // Its first window commits: records 0 to 4 consumed.
    const first = await deposed.producer(0).transaction();
    await first.send(send('first window'));
    await first.sendOffsets(groupId, position('4'));
    await first.commit();
    // Its second window is under way when partition 0 is assigned to the other instance.
    const second = await deposed.producer(0).transaction();
    await second.send(send('deposed window'));
    await second.sendOffsets(groupId, position('9'));

    await owner.ensure(0);
    // The second window is aborted by the fence: the new owner starts after the first.
    expect(owner.floor(input, 0)).toBe(5n);
    await expect(second.commit()).rejects.toThrow();
    const third = await owner.producer(0).transaction();
    await third.send(send('new owner window'));
    await third.sendOffsets(groupId, position('9'));
    await third.commit();
    // Another partition number is another task: the fence of partition 0 leaves it alone.
    await deposed.ensure(1);
    const other = await deposed.producer(1).transaction();
    await other.send([{ topic: output, key: 'k', value: Buffer.from('partition 1') }]);
    await other.commit();

    const seen: string[] = [];
    const reader = kit().kafka.consumer({ groupId: uniqueName('fence-reader'), isolation: 'read_committed' });
    await reader.connect();
    kit().onClose(() => reader.disconnect());
    await reader.subscribe([output], { fromBeginning: true });
    await reader.run(async (batch) => {
      seen.push(...batch.records.map((record) => record.value?.toString() ?? ''));
    });
    await eventually(() => seen.length >= 3, 'the committed windows');
    expect(seen.sort()).toEqual(['first window', 'new owner window', 'partition 1']);
    expect(await kit().admin.groupOffsets(groupId, input)).toEqual(
      expect.arrayContaining([{ partition: 0, offset: '10' }]),
    );
  });
});
