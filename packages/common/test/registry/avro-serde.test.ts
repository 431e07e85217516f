import { compileAvroType, encodeWith, readSchemaId } from '../../src';

const type = compileAvroType({
  type: 'record',
  name: 'Sample',
  fields: [
    { name: 'nik', type: 'string' },
    { name: 'count', type: 'int' },
  ],
});

describe('Confluent wire format', () => {
  it('writes magic byte 0, the schema id big-endian, then the Avro body', () => {
    const bytes = encodeWith(258, type, { nik: '3201014101900001', count: 3 });
    expect([...bytes.subarray(0, 5)]).toEqual([0, 0, 0, 1, 2]);
    expect(type.fromBuffer(bytes.subarray(5))).toEqual({ nik: '3201014101900001', count: 3 });
    expect(readSchemaId(bytes)).toBe(258);
  });

  it('gives each record bytes of its own, a record larger than the reused buffer included', () => {
    const first = encodeWith(7, type, { nik: '3201014101900001', count: 1 });
    const second = encodeWith(7, type, { nik: '3201014101900002', count: 2 });
    expect(type.fromBuffer(first.subarray(5))).toEqual({ nik: '3201014101900001', count: 1 });
    expect(type.fromBuffer(second.subarray(5))).toEqual({ nik: '3201014101900002', count: 2 });
    const long = 'x'.repeat(200_000);
    const large = encodeWith(7, type, { nik: long, count: 3 });
    expect(readSchemaId(large)).toBe(7);
    expect(type.fromBuffer(large.subarray(5))).toEqual({ nik: long, count: 3 });
    const after = encodeWith(7, type, { nik: '3201014101900003', count: 4 });
    expect(type.fromBuffer(after.subarray(5))).toEqual({ nik: '3201014101900003', count: 4 });
  });

  it('names the field that does not fit the schema', () => {
    expect(() => encodeWith(1, type, { nik: '3201014101900001', count: 'three' })).toThrow(
      /invalid field count/,
    );
  });

  it.each([
    ['a tombstone', null, /no value/],
    ['a short record', Buffer.from([0, 1]), /2 bytes, shorter than the 5-byte wire header/],
    ['JSON text', Buffer.from('{"a":1}'), /starts with byte 123, not the wire format's magic byte 0/],
  ])('refuses %s with the reason', (_name, bytes, reason) => {
    expect(() => readSchemaId(bytes)).toThrow(reason);
  });
});
