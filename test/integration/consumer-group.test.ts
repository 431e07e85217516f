import type { IncomingRecord, KafkaConsumer } from '@waspada/common';
import { eventually, uniqueName, useTestKit } from './support/clients';

describe('a consumer group on Kafka 4 through the shared client', () => {
  const kit = useTestKit();

  it('splits partitions between two members, delivers every record once and keeps per-key order', async () => {
    const topic = await kit().topic(4, 'group');
    const groupId = uniqueName('group');
    const keys = Array.from({ length: 20 }, (_, index) => `32010141019000${String(index).padStart(2, '0')}`);
    const received = new Map<string, IncomingRecord[]>();
    const members: KafkaConsumer[] = [];

    for (const member of ['a', 'b']) {
      const consumer = kit().kafka.consumer({ groupId, sessionTimeoutMs: 10_000 });
      await consumer.connect();
      kit().onClose(() => consumer.disconnect());
      await consumer.subscribe([topic], { fromBeginning: true });
      received.set(member, []);
      await consumer.run(async (batch) => {
        received.get(member)!.push(...batch.records);
      });
      members.push(consumer);
    }
    await eventually(
      () =>
        members.every((member) => member.assignment().length > 0) &&
        members.flatMap((m) => m.assignment()).length === 4,
      'both members to own partitions',
    );
    const owned = members.map((member) => member.assignment().map((entry) => entry.partition));
    expect(new Set(owned.flat()).size).toBe(4);

    const producer = kit().kafka.producer();
    await producer.connect();
    kit().onClose(() => producer.disconnect());
    const perKey = 10;
    for (let sequence = 0; sequence < perKey; sequence++) {
      await producer.send(keys.map((key) => ({ topic, key, value: Buffer.from(String(sequence)) })));
    }

    const all = () => [...received.values()].flat();
    await eventually(() => all().length >= keys.length * perKey, 'every record to be consumed');
    expect(all()).toHaveLength(keys.length * perKey);
    for (const [, records] of received) expect(records.length).toBeGreaterThan(0);

    for (const key of keys) {
      const sequence = all()
        .filter((record) => record.key?.toString() === key)
        .map((record) => Number(record.value?.toString()));
      expect(sequence).toEqual(Array.from({ length: perKey }, (_, index) => index));
    }
  });
});
