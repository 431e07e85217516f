import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { murmur2, partitionOfKey } from '../../src/kafka/key-partition';

/**
 * murmur2 of these keys as the Java client computes it (Kafka's own UtilsTest), so a record keyed
 * by a NIK lands, from any producer, on the partition the processor's state is kept under.
 */
const JAVA_MURMUR2: readonly [string, number][] = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
];

describe('partitionOfKey', () => {
  it.each(JAVA_MURMUR2)('puts %s where the Java client does', (key, hash) => {
    for (const partitions of [1, 6, 7, 1000]) {
      expect(partitionOfKey(key, partitions)).toBe((hash & 0x7fffffff) % partitions);
    }
  });

  it.each(JAVA_MURMUR2)('hashes %s as the Java client does', (key, hash) => {
    expect(murmur2(Buffer.from(key))).toBe(hash);
  });

  it('agrees with the partitioner KafkaJS producers use, for NIKs', () => {
    const choose = Partitioners.DefaultPartitioner();
    const partitionMetadata: PartitionMetadata[] = Array.from({ length: 6 }, (_, partitionId) => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
    }));
    for (let index = 0; index < 2_000; index += 1) {
      const nik = `31740${String(index * 7919).padStart(11, '0')}`;
      expect(partitionOfKey(nik, 6)).toBe(
        choose({ topic: 't', partitionMetadata, message: { key: nik, value: null } }),
      );
    }
  });

  it('refuses a partition count that is not a positive integer', () => {
    expect(() => partitionOfKey('3174055012900001', 0)).toThrow(/positive integer/);
    expect(() => partitionOfKey('3174055012900001', 2.5)).toThrow(/positive integer/);
  });
});
