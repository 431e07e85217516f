import { randomUUID } from 'node:crypto';
import { createAvroDecoder, readSchemaId, registerCodec, type IncomingRecord } from '@waspada/common';
import { eventually, uniqueName, useTestKit } from './support/clients';

const crossingV1 = {
  type: 'record',
  name: 'TestCrossing',
  namespace: 'id.waspada.test',
  fields: [
    { name: 'eventId', type: 'string' },
    { name: 'checkpoint', type: 'string' },
    { name: 'eventTime', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
};

interface Crossing {
  eventId: string;
  checkpoint: string;
  /** Epoch milliseconds: avsc reads timestamp-millis as its underlying long. */
  eventTime: number;
}

describe('Avro records through the schema registry and Kafka', () => {
  const kit = useTestKit();

  it('produces a record in the Confluent wire format and consumes it back decoded', async () => {
    const subject = `${uniqueName('crossing')}-value`;
    const codec = await registerCodec<Crossing>(kit().registry, subject, crossingV1);
    const topic = await kit().topic(1, 'roundtrip');
    const sent: Crossing = {
      eventId: randomUUID(),
      checkpoint: 'PLBN-ENTIKONG',
      eventTime: Date.parse('2026-11-23T08:00:00.000Z'),
    };
    const bytes = codec.encode(sent);

    // Wire format: magic byte 0, then the registry's schema id as a big-endian int32.
    expect(bytes[0]).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(codec.schemaId);

    const producer = kit().kafka.producer();
    await producer.connect();
    kit().onClose(() => producer.disconnect());
    await producer.send([{ topic, key: '3201014101900001', value: bytes }]);

    const consumer = kit().kafka.consumer({ groupId: uniqueName('group') });
    await consumer.connect();
    kit().onClose(() => consumer.disconnect());
    await consumer.subscribe([topic], { fromBeginning: true });
    const received: IncomingRecord[] = [];
    await consumer.run(async (batch) => {
      received.push(...batch.records);
    });
    await eventually(() => received.length === 1, 'the record to arrive');

    const record = received[0]!;
    expect(record.key?.toString()).toBe('3201014101900001');
    expect(readSchemaId(record.value)).toBe(codec.schemaId);
    const decode = createAvroDecoder<Crossing>(kit().registry, codec.type);
    const decoded = await decode(record.value);
    expect(decoded.schemaId).toBe(codec.schemaId);
    expect(decoded.value).toEqual(sent);
  });

  it('gives the same schema the same id under another subject (Confluent-style content ids)', async () => {
    const first = await registerCodec(kit().registry, `${uniqueName('a')}-value`, crossingV1);
    const second = await registerCodec(kit().registry, `${uniqueName('b')}-value`, crossingV1);
    expect(second.schemaId).toBe(first.schemaId);
    const fetched = await kit().registry.schemaById(first.schemaId);
    expect(fetched.name).toBe('id.waspada.test.TestCrossing');
  });

  it('asks the registry once for a schema id however many records of it arrive at once', async () => {
    const codec = await registerCodec<Crossing>(kit().registry, `${uniqueName('herd')}-value`, crossingV1);
    const asked: number[] = [];
    const counting = {
      ...kit().registry,
      schemaById: (id: number) => {
        asked.push(id);
        return kit().registry.schemaById(id);
      },
    };
    const decode = createAvroDecoder<Crossing>(counting, codec.type);
    const sent = Array.from({ length: 500 }, (_, index) => ({
      eventId: `e${index}`,
      checkpoint: 'CGK',
      eventTime: 1_700_000_000_000 + index,
    }));
    const decoded = await Promise.all(sent.map((value) => decode(codec.encode(value))));
    expect(decoded.map((result) => result.value)).toEqual(sent);
    expect(asked).toEqual([codec.schemaId]);
  });

  it('asks again for a schema id after the registry failed to answer', async () => {
    const codec = await registerCodec<Crossing>(kit().registry, `${uniqueName('retry')}-value`, crossingV1);
    let fail = true;
    const flaky = {
      ...kit().registry,
      schemaById: async (id: number) => {
        if (fail) throw new Error('registry did not answer');
        return kit().registry.schemaById(id);
      },
    };
    const decode = createAvroDecoder<Crossing>(flaky, codec.type);
    const bytes = codec.encode({ eventId: 'e1', checkpoint: 'CGK', eventTime: 1_700_000_000_000 });
    await expect(decode(bytes)).rejects.toThrow('registry did not answer');
    fail = false;
    await expect(decode(bytes)).resolves.toMatchObject({ value: { eventId: 'e1' } });
  });

  it('refuses bytes that are not the wire format, naming the reason', async () => {
    const decode = createAvroDecoder(kit().registry);
    await expect(decode(Buffer.from('{"json":"not avro"}'))).rejects.toThrow(/magic byte 0/);
    await expect(decode(Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1]))).rejects.toMatchObject({
      code: 'WSP_DECODE_FAILED',
      message: expect.stringMatching(/schema id 2147483632 is not in the registry/),
    });
  });
});
