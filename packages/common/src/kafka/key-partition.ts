/**
 * The partition a keyed record goes to on a topic of `partitions` partitions: the Java client's
 * murmur2 partitioner, which every Waspada producer uses (KafkaJS's DefaultPartitioner, see
 * kafkajs-adapter.ts). The processor's Redis state is kept by it (a person's state lives in the slot
 * of the partition their records go to), so it runs on every load and save; KafkaJS's own murmur2
 * works on 64-bit Long objects and cost 1.5% of a replay's CPU, this one on 32-bit integers.
 */
export function partitionOfKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  }
  return (murmur2(Buffer.from(key, 'utf8')) & 0x7fffffff) % partitions;
}

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's `Utils.murmur2`, as a signed 32-bit integer. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length - (length % 4);
  for (let i = 0; i < whole; i += 4) {
    let k =
      ((data[i] as number) & 0xff) |
      (((data[i + 1] as number) & 0xff) << 8) |
      (((data[i + 2] as number) & 0xff) << 16) |
      (((data[i + 3] as number) & 0xff) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // The one to three bytes left, as Java's switch with fall-through takes them.
  const left = length % 4;
  if (left === 3) h ^= ((data[whole + 2] as number) & 0xff) << 16;
  if (left >= 2) h ^= ((data[whole + 1] as number) & 0xff) << 8;
  if (left >= 1) {
    h ^= (data[whole] as number) & 0xff;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}
