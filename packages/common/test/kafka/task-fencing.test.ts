import { createTaskFencing } from '../../src';
import { fakeKafka } from './fake-kafka';

/** The fencing steps against fakes that write down what is asked of them, in order. */
function fakeClients(committed: { topic: string; partition: number; offset: string }[][]) {
  const { kafka, log } = fakeKafka();
  let reads = 0;
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

const fencingOf = (fake: ReturnType<typeof fakeClients>) =>
  createTaskFencing({
    kafka: fake.kafka,
    admin: fake.admin,
    consumer: {
      seek: (position: { topic: string; partition: number; offset: string }) =>
        void fake.log.push(`seek ${position.topic}/${position.partition}@${position.offset}`),
    },
    groupId: 'g',
    transactionalIdPrefix: 'waspada-risk-processor',
    retryDelayMs: 0,
  });

describe('createTaskFencing', () => {
  it("fences the partition's own transactional id, then reads the group's committed offsets of that partition", async () => {
    const fake = fakeClients([
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
      'waspada-risk-processor.g.2#1 begin',
      'waspada-risk-processor.g.2#1 abort',
      'offsets of g',
    ]);
    expect(fencing.floor('crossings', 2)).toBe(120n);
    // Nothing committed yet on that topic: every record of it is this owner's to handle.
    expect(fencing.floor('identity', 2)).toBeUndefined();
    expect(fencing.producer(2)).toBeDefined();
    expect(() => fencing.producer(4)).toThrow('never fenced');
  });

  it('fences again with a new producer after a failed transaction and after a rebalance, and reads the offsets again', async () => {
    const fake = fakeClients([
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
      'waspada-risk-processor.g.0#1 begin',
      'waspada-risk-processor.g.0#1 abort',
      'offsets of g',
      'waspada-risk-processor.g.0#1 disconnect',
      'waspada-risk-processor.g.0#2 connect',
      'waspada-risk-processor.g.0#2 begin',
      'waspada-risk-processor.g.0#2 abort',
      'offsets of g',
      'waspada-risk-processor.g.0#2 disconnect',
      'waspada-risk-processor.g.0#3 connect',
      'waspada-risk-processor.g.0#3 begin',
      'waspada-risk-processor.g.0#3 abort',
      'offsets of g',
    ]);
  });

  it('tries again at the next call when the offsets could not be read', async () => {
    const fake = fakeClients([[], [{ topic: 'crossings', partition: 1, offset: '7' }]]);
    const fencing = fencingOf(fake);
    await expect(fencing.ensure(1)).rejects.toThrow('coordinator not available');
    await fencing.ensure(1);
    expect(fencing.floor('crossings', 1)).toBe(7n);
  });

  it('runs the fences of one task one after another when a failure comes in the middle of one', async () => {
    const fake = fakeClients([[{ topic: 'crossings', partition: 0, offset: '1' }]]);
    const fencing = fencingOf(fake);
    const first = fencing.ensure(0);
    fencing.failed(0);
    const second = fencing.ensure(0);
    await Promise.all([first, second]);
    expect(fake.log).toEqual([
      'waspada-risk-processor.g.0#1 connect',
      'waspada-risk-processor.g.0#1 begin',
      'waspada-risk-processor.g.0#1 abort',
      'offsets of g',
      'waspada-risk-processor.g.0#1 disconnect',
      'waspada-risk-processor.g.0#2 connect',
      'waspada-risk-processor.g.0#2 begin',
      'waspada-risk-processor.g.0#2 abort',
      'offsets of g',
    ]);
  });

  it('admits only the records above what the group committed before the fence, and seeks a batch back when the fence fails', async () => {
    const fake = fakeClients([[], [{ topic: 'crossings', partition: 0, offset: '12' }]]);
    const fencing = fencingOf(fake);
    const batchOf = (offsets: number[]) => ({
      topic: 'crossings',
      partition: 0,
      highWatermark: '100',
      records: offsets.map((offset) => ({
        topic: 'crossings',
        partition: 0,
        offset: String(offset),
        key: null,
        value: null,
        headers: {},
        timestamp: 0,
      })),
    });
    const reports: string[] = [];
    const report = {
      skipped: ({ count, committed }: { count: number; committed: bigint }) =>
        void reports.push(`skipped ${count} below ${committed}`),
      unfenced: (error: Error) => void reports.push(`unfenced: ${error.message}`),
    };
    expect(await fencing.admit(batchOf([8, 9]), report)).toBeUndefined();
    expect(fake.log).toContain('seek crossings/0@8');
    expect(await fencing.admit(batchOf([8, 9, 10, 11]), report)).toBeUndefined();
    const admitted = await fencing.admit(batchOf([10, 11, 12, 13]), report);
    expect(admitted?.records.map((record) => record.offset)).toEqual(['12', '13']);
    expect((await fencing.admit(batchOf([14]), report))?.records).toHaveLength(1);
    expect(reports).toEqual([
      'unfenced: coordinator not available',
      'skipped 4 below 12',
      'skipped 2 below 12',
    ]);
  });
});
