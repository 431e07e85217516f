import type { KafkaClient, KafkaProducer } from '@waspada/common';
import { createTaskFencing } from '../src/task-fencing';

/**
 * The fencing steps against a fake client that writes down what is asked of it, in order. The
 * broker's side (an epoch bump refusing the earlier holder) runs in the processor's fault tests.
 */
function fakeKafka(committed: { topic: string; partition: number; offset: string }[][]) {
  const log: string[] = [];
  let producers = 0;
  let reads = 0;
  const kafka = {
    producer: ({ transactionalId }: { transactionalId?: string }): KafkaProducer => {
      const name = `${transactionalId ?? 'plain'}#${++producers}`;
      return {
        connect: () => Promise.resolve(void log.push(`${name} connect`)),
        send: () => Promise.reject(new Error('not transactional')),
        disconnect: () => Promise.resolve(void log.push(`${name} disconnect`)),
        transaction: () => {
          log.push(`${name} fence`);
          return Promise.resolve({
            send: () => Promise.resolve(),
            sendOffsets: () => Promise.resolve(),
            commit: () => Promise.resolve(),
            abort: () => Promise.resolve(),
          });
        },
      };
    },
  } as unknown as KafkaClient;
  const admin = {
    groupOffsetsAllTopics: (groupId: string) => {
      const answer = committed[Math.min(reads, committed.length - 1)] ?? [];
      reads += 1;
      log.push(`offsets of ${groupId}`);
      if (answer.length === 0) return Promise.reject(new Error('coordinator not available'));
      return Promise.resolve(answer);
    },
  };
  return { kafka, admin, log };
}

const fencingOf = (fake: ReturnType<typeof fakeKafka>) =>
  createTaskFencing({
    kafka: fake.kafka,
    admin: fake.admin,
    groupId: 'g',
    transactionalIdPrefix: 'waspada-risk-processor',
  });

describe('createTaskFencing', () => {
  it("fences the partition's own transactional id, then reads the group's committed offsets of that partition", async () => {
    const fake = fakeKafka([
      [
        { topic: 'crossings', partition: 2, offset: '120' },
        { topic: 'crossings', partition: 3, offset: '999' },
        { topic: 'identity', partition: 2, offset: '-1' },
      ],
    ]);
    const fencing = fencingOf(fake);
    await Promise.all([fencing.ensure(2), fencing.ensure(2)]);
    expect(fake.log).toEqual([
      'waspada-risk-processor.g.2#1 connect',
      'waspada-risk-processor.g.2#1 fence',
      'offsets of g',
    ]);
    expect(fencing.floor('crossings', 2)).toBe(120n);
    // Nothing committed yet on that topic: every record of it is this owner's to handle.
    expect(fencing.floor('identity', 2)).toBeUndefined();
    expect(fencing.producer(2)).toBeDefined();
    expect(() => fencing.producer(4)).toThrow('never fenced');
  });

  it('fences again with a new producer after a failed transaction and after a rebalance, and reads the offsets again', async () => {
    const fake = fakeKafka([
      [{ topic: 'crossings', partition: 0, offset: '10' }],
      [{ topic: 'crossings', partition: 0, offset: '25' }],
      [{ topic: 'crossings', partition: 0, offset: '40' }],
    ]);
    const fencing = fencingOf(fake);
    await fencing.ensure(0);
    await fencing.ensure(0);
    fencing.failed(0);
    await fencing.ensure(0);
    // Another instance committed up to 25 while this one's transaction failed.
    expect(fencing.floor('crossings', 0)).toBe(25n);
    fencing.resetAll();
    await fencing.ensure(0);
    expect(fencing.floor('crossings', 0)).toBe(40n);
    expect(fake.log).toEqual([
      'waspada-risk-processor.g.0#1 connect',
      'waspada-risk-processor.g.0#1 fence',
      'offsets of g',
      'waspada-risk-processor.g.0#1 disconnect',
      'waspada-risk-processor.g.0#2 connect',
      'waspada-risk-processor.g.0#2 fence',
      'offsets of g',
      'waspada-risk-processor.g.0#2 disconnect',
      'waspada-risk-processor.g.0#3 connect',
      'waspada-risk-processor.g.0#3 fence',
      'offsets of g',
    ]);
  });

  it('tries again at the next call when the offsets could not be read', async () => {
    const fake = fakeKafka([[], [{ topic: 'crossings', partition: 1, offset: '7' }]]);
    const fencing = fencingOf(fake);
    await expect(fencing.ensure(1)).rejects.toThrow('coordinator not available');
    await fencing.ensure(1);
    expect(fencing.floor('crossings', 1)).toBe(7n);
  });

  it('runs the fences of one task one after another when a failure comes in the middle of one', async () => {
    const fake = fakeKafka([[{ topic: 'crossings', partition: 0, offset: '1' }]]);
    const fencing = fencingOf(fake);
    const first = fencing.ensure(0);
    fencing.failed(0);
    const second = fencing.ensure(0);
    await Promise.all([first, second]);
    expect(fake.log).toEqual([
      'waspada-risk-processor.g.0#1 connect',
      'waspada-risk-processor.g.0#1 fence',
      'offsets of g',
      'waspada-risk-processor.g.0#1 disconnect',
      'waspada-risk-processor.g.0#2 connect',
      'waspada-risk-processor.g.0#2 fence',
      'offsets of g',
    ]);
  });
});
