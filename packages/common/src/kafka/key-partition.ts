import { Partitioners, type PartitionMetadata } from 'kafkajs';

const choose = Partitioners.DefaultPartitioner();
const metadataOf = new Map<number, PartitionMetadata[]>();

/**
 * The partition a keyed record goes to on a topic of `partitions` partitions: the Java client's
 * murmur2 partitioner, which every Waspada producer uses (kafkajs-adapter.ts). Readers of the
 * processor's Redis state use it to find the slot a person's state lives in, without Kafka.
 */
export function partitionOfKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  }
  let partitionMetadata = metadataOf.get(partitions);
  if (!partitionMetadata) {
    partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
    }));
    metadataOf.set(partitions, partitionMetadata);
  }
  return choose({ topic: '', partitionMetadata, message: { key, value: null } });
}
