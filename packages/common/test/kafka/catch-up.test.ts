import { trackCatchUp, type KafkaConsumer } from '../../src';

/** A consumer reduced to what trackCatchUp uses: the listener of handled fetches. */
function fetchingConsumer() {
  const listeners: ((fetched: { topic: string; partition: number; next: bigint }) => void)[] = [];
  const consumer = {
    onFetched: (listener: (typeof listeners)[number]) => listeners.push(listener),
  } as unknown as KafkaConsumer;
  const fetched = (topic: string, partition: number, next: bigint) => {
    for (const listener of listeners) listener({ topic, partition, next });
  };
  return { consumer, fetched };
}

const settled = async (promise: Promise<void>) =>
  Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setImmediate(() => resolve(false))),
  ]);

describe('catching up with the ends a live reader saw at start', () => {
  it('is done at once when no partition has anything to read', async () => {
    const { consumer } = fetchingConsumer();
    const catchUp = trackCatchUp(
      consumer,
      new Map([
        ['a:0', 0n],
        ['a:1', 5n],
      ]),
      new Map([['a:1', 5n]]),
    );
    expect(catchUp.isDone()).toBe(true);
    expect(await settled(catchUp.done)).toBe(true);
  });

  it('reaches an end that is a commit marker by the fetch position, with no record at that offset', async () => {
    const { consumer, fetched } = fetchingConsumer();
    // Partition 0 ends at 12: its last readable record is 10 and offset 11 is a commit marker.
    const catchUp = trackCatchUp(
      consumer,
      new Map([
        ['a:0', 12n],
        ['a:1', 3n],
      ]),
    );
    fetched('a', 0, 11n);
    expect(catchUp.behind()).toEqual(['a:0', 'a:1']);
    fetched('a', 0, 12n);
    fetched('a', 2, 99n);
    expect(catchUp.behind()).toEqual(['a:1']);
    expect(await settled(catchUp.done)).toBe(false);
    fetched('a', 1, 7n);
    expect(catchUp.isDone()).toBe(true);
    expect(await settled(catchUp.done)).toBe(true);
  });

  it('waits only for partitions with something after their start', async () => {
    const { consumer, fetched } = fetchingConsumer();
    const catchUp = trackCatchUp(
      consumer,
      new Map([
        ['a:0', 40n],
        ['a:1', 40n],
      ]),
      new Map([
        ['a:0', 40n],
        ['a:1', 30n],
      ]),
    );
    expect(catchUp.behind()).toEqual(['a:1']);
    fetched('a', 1, 40n);
    expect(await settled(catchUp.done)).toBe(true);
  });
});
