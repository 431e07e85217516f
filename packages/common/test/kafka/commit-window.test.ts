import {
  createCommitWindow,
  openTransactionalProducer,
  type OutgoingRecord,
  type RenewableProducer,
  type WindowStage,
  type WindowTasks,
} from '../../src';
import { fakeKafka } from './fake-kafka';

/** One task for every topic-partition, with one renewable producer: one transaction a window. */
const singleTask = (producer: RenewableProducer): WindowTasks => ({
  taskOf: () => 'all',
  producer: () => producer.current(),
  failed: () => producer.renew(),
});

const alert = (value: string): OutgoingRecord => ({ topic: 'alerts', key: 'k', value: Buffer.from(value) });

async function windowOf(
  fake: ReturnType<typeof fakeKafka>,
  close: () => readonly OutgoingRecord[] | Promise<readonly OutgoingRecord[]>,
  observe?: (stage: WindowStage, seconds: number) => void,
  size: { readonly windowMs: number; readonly maxRecords: number } = { windowMs: 60_000, maxRecords: 1_000 },
) {
  const producer = await openTransactionalProducer(fake.kafka, 'tx');
  const failures: unknown[] = [];
  const window = createCommitWindow({
    tasks: singleTask(producer),
    consumer: fake.consumer,
    groupId: 'g',
    windowMs: size.windowMs,
    catchUpWindowMs: size.windowMs,
    maxRecords: size.maxRecords,
    close: async () => new Map([['all', await close()]]),
    onCommitted: () => undefined,
    onFailed: (error) => failures.push(error),
    observe,
  });
  return { window, failures };
}

const batchOf = (topic: string, partition: number, first: string, last: string, starts: boolean[]) => ({
  topic,
  partition,
  work: (startsRange: boolean) => {
    starts.push(startsRange);
    return Promise.resolve({
      publish: [],
      first,
      position: { topic, partition, offset: last },
      records: Number(last) - Number(first) + 1,
    });
  },
});

/**
 * A window over two tasks, one per partition number (0 and 1), each with its own transactional
 * producer; closing it publishes one alert per task.
 */
async function twoTaskWindow(
  fake: ReturnType<typeof fakeKafka>,
  on: {
    failed?: (task: string) => void;
    committed?: (published: readonly OutgoingRecord[], tasks: ReadonlySet<string>) => void;
    sought?: (partitions: ReadonlySet<string>) => void;
  } = {},
) {
  const producers = new Map(
    await Promise.all(
      [0, 1].map(
        async (partition) =>
          [String(partition), await openTransactionalProducer(fake.kafka, `task-${partition}`)] as const,
      ),
    ),
  );
  return createCommitWindow({
    tasks: {
      taskOf: (_topic, partition) => String(partition),
      producer: (task) => (producers.get(task) as RenewableProducer).current(),
      failed: (task) => Promise.resolve(on.failed?.(task)),
    },
    consumer: fake.consumer,
    groupId: 'g',
    windowMs: 60_000,
    catchUpWindowMs: 60_000,
    maxRecords: 1_000,
    close: () =>
      Promise.resolve(
        new Map([
          ['0', [alert('a0')]],
          ['1', [alert('a1')]],
        ]),
      ),
    onCommitted: (published, tasks) => on.committed?.(published, tasks),
    onFailed: (_error, partitions) => on.sought?.(partitions),
  });
}

describe('createCommitWindow', () => {
  it('fences its transactional id when it opens, before any window', async () => {
    const fake = fakeKafka();
    await openTransactionalProducer(fake.kafka, 'tx');
    expect(fake.log).toEqual(['tx#1 connect', 'tx#1 begin', 'tx#1 abort']);
  });

  it("publishes the window's records and its consumed offsets in one transaction, and tells each batch whether it starts a range", async () => {
    const fake = fakeKafka();
    const { window } = await windowOf(fake, () => [alert('a1'), alert('a2')]);
    fake.log.length = 0;
    const starts: boolean[] = [];
    for (const batch of [
      batchOf('crossings', 0, '5', '9', starts),
      batchOf('crossings', 0, '10', '12', starts),
      batchOf('identity', 0, '3', '3', starts),
    ])
      await window.batch(batch.topic, batch.partition, batch.work);
    await window.close();
    expect(starts).toEqual([true, false, true]);
    expect(fake.log).toEqual([
      'tx#1 begin',
      'tx#1 offsets g crossings/0@12,identity/0@3',
      'tx#1 send a1,a2',
      'tx#1 commit',
    ]);
  });

  it('begins a transaction with its offsets so far and sends them again at commit only if later batches moved them', async () => {
    const fake = fakeKafka();
    const { window } = await windowOf(fake, () => [alert('a9')]);
    fake.log.length = 0;
    // A batch that publishes as it is handled (a desk router's copies) opens the transaction early.
    const copying = (offset: string) => () =>
      Promise.resolve({
        publish: [alert(`copy${offset}`)],
        first: offset,
        position: { topic: 'alerts', partition: 0, offset },
        records: 1,
      });
    await window.batch('alerts', 0, copying('4'));
    await window.batch('alerts', 0, copying('5'));
    await window.close();
    expect(fake.log).toEqual([
      'tx#1 begin',
      'tx#1 offsets g alerts/0@4',
      'tx#1 send copy4',
      'tx#1 send copy5',
      'tx#1 send a9',
      'tx#1 offsets g alerts/0@5',
      'tx#1 commit',
    ]);
  });

  it('after a failed commit: aborts, seeks every partition back to where its range began, and fences again with a new producer', async () => {
    const fake = fakeKafka({ failCommit: () => true });
    const { window } = await windowOf(fake, () => [alert('a1')]);
    fake.log.length = 0;
    const starts: boolean[] = [];
    await window.batch('crossings', 0, batchOf('crossings', 0, '5', '9', starts).work);
    await window.batch('crossings', 1, batchOf('crossings', 1, '40', '41', starts).work);
    await expect(window.close()).rejects.toThrow('commit timed out');
    expect(fake.log).toEqual([
      'tx#1 begin',
      'tx#1 offsets g crossings/0@9,crossings/1@41',
      'tx#1 send a1',
      'tx#1 commit',
      'tx#1 abort',
      'seek crossings/0@5',
      'seek crossings/1@40',
      'tx#1 disconnect',
      // The new producer takes the id before anything else: the broker answers only once the
      // transaction that seemed to fail is finished one way or the other.
      'tx#2 connect',
      'tx#2 begin',
      'tx#2 abort',
    ]);
  });

  it("sends every task's records at once, and abandons a window whose send failed only once every send settled", async () => {
    let open = () => undefined as void;
    const sendGate = new Promise<void>((resolve) => (open = resolve));
    const fake = fakeKafka({ sendGate, failSend: (producer) => producer.startsWith('task-1#') });
    const window = await twoTaskWindow(fake);
    fake.log.length = 0;
    const starts: boolean[] = [];
    for (const batch of [
      batchOf('crossings', 0, '5', '9', starts),
      batchOf('crossings', 1, '7', '7', starts),
    ])
      await window.batch(batch.topic, batch.partition, batch.work);
    const closing = window.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.log.filter((line) => line.endsWith('sending'))).toEqual([
      'task-0#1 sending',
      'task-1#2 sending',
    ]);
    open();
    await expect(closing).rejects.toThrow('send timed out');

    const settled = fake.log.findIndex((line) => line === 'task-0#1 send a0');
    const firstAbort = fake.log.findIndex((line) => line.endsWith(' abort'));
    expect(settled).toBeGreaterThan(-1);
    expect(firstAbort).toBeGreaterThan(settled);
    expect(fake.log.filter((line) => line.endsWith('commit'))).toEqual([]);
    expect(fake.log).toEqual(expect.arrayContaining(['seek crossings/0@5', 'seek crossings/1@7']));
  });

  it("commits one transaction per task, and after one task fails seeks back only that task's partitions", async () => {
    // Partition 1's producer times out on commit; partition 0's commits.
    const fake = fakeKafka({ failCommit: (producer) => producer.startsWith('task-1#') });
    const failedTasks: string[] = [];
    const committed: string[][] = [];
    const sought: string[][] = [];
    const window = await twoTaskWindow(fake, {
      failed: (task) => failedTasks.push(task),
      committed: (published, tasks) => committed.push([...tasks, ...published.map((r) => String(r.value))]),
      sought: (partitions) => sought.push([...partitions]),
    });
    fake.log.length = 0;
    const starts: boolean[] = [];
    for (const batch of [
      batchOf('crossings', 0, '5', '9', starts),
      batchOf('crossings', 1, '40', '41', starts),
      batchOf('identity', 1, '7', '7', starts),
    ])
      await window.batch(batch.topic, batch.partition, batch.work);
    await expect(window.close()).rejects.toThrow('commit timed out');
    expect(fake.log.filter((line) => line.startsWith('task-0#'))).toEqual([
      'task-0#1 begin',
      'task-0#1 offsets g crossings/0@9',
      'task-0#1 send a0',
      'task-0#1 commit',
    ]);
    expect(fake.log.filter((line) => !line.startsWith('task-0#'))).toEqual([
      'task-1#2 begin',
      'task-1#2 offsets g crossings/1@41,identity/1@7',
      'task-1#2 send a1',
      'task-1#2 commit',
      'task-1#2 abort',
      'seek crossings/1@40',
      'seek identity/1@7',
    ]);
    expect(committed).toEqual([['0', 'a0']]);
    expect(failedTasks).toEqual(['1']);
  });

  it('takes a group of batches in one step: a topic-partition that comes twice starts its range once, and commits at its last', async () => {
    const fake = fakeKafka();
    const { window } = await windowOf(fake, () => [alert('a1')]);
    fake.log.length = 0;
    const parts = [
      { topic: 'crossings', partition: 0 },
      { topic: 'identity', partition: 0 },
      { topic: 'crossings', partition: 0 },
    ];
    const given: boolean[][] = [];
    await window.batches(parts, (startsRange) => {
      given.push([...startsRange]);
      return Promise.resolve([
        { publish: [], first: '5', position: { topic: 'crossings', partition: 0, offset: '6' }, records: 2 },
        { publish: [], first: '3', position: { topic: 'identity', partition: 0, offset: '3' }, records: 1 },
        { publish: [], first: '7', position: { topic: 'crossings', partition: 0, offset: '9' }, records: 3 },
      ]);
    });
    await window.batches([{ topic: 'crossings', partition: 0 }], (startsRange) => {
      given.push([...startsRange]);
      return Promise.resolve([{ publish: [], records: 0 }]);
    });
    await window.close();
    expect(given).toEqual([[true, true, false], [false]]);
    expect(fake.log).toEqual([
      'tx#1 begin',
      'tx#1 offsets g crossings/0@9,identity/0@3',
      'tx#1 send a1',
      'tx#1 commit',
    ]);
  });

  it('commits the offsets of a window that publishes nothing in its transaction too, not as a plain consumer commit', async () => {
    const fake = fakeKafka();
    const { window } = await windowOf(fake, () => []);
    fake.log.length = 0;
    const starts: boolean[] = [];
    const batch = batchOf('crossings', 0, '5', '9', starts);
    await window.batch(batch.topic, batch.partition, batch.work);
    await window.close();
    expect(fake.log).toEqual(['tx#1 begin', 'tx#1 offsets g crossings/0@9', 'tx#1 commit']);
  });

  it('begins each task’s transaction with its offsets while the window is being judged', async () => {
    const fake = fakeKafka();
    let logAtJudgement: string[] = [];
    const { window } = await windowOf(fake, async () => {
      // The judgement takes a while (Redis round trips): the beginning goes on meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      logAtJudgement = [...fake.log];
      return [alert('a1')];
    });
    fake.log.length = 0;
    const batch = batchOf('crossings', 0, '5', '9', []);
    await window.batch(batch.topic, batch.partition, batch.work);
    await window.close();
    expect(logAtJudgement).toEqual(['tx#1 begin', 'tx#1 offsets g crossings/0@9']);
    expect(fake.log).toEqual([...logAtJudgement, 'tx#1 send a1', 'tx#1 commit']);
  });

  it('closes a window whose first batch waited behind the last close for longer than a window at once', async () => {
    const fake = fakeKafka();
    let closes = 0;
    const { window } = await windowOf(
      fake,
      async () => {
        closes += 1;
        // The first window's judgement takes longer than a window (a slow Redis, a busy machine).
        if (closes === 1) await new Promise((resolve) => setTimeout(resolve, 400));
        return [alert(`a${closes}`)];
      },
      undefined,
      { windowMs: 300, maxRecords: 5 },
    );
    fake.log.length = 0;
    // Five records fill the first window, which closes as its batch is taken.
    const full = batchOf('crossings', 0, '0', '4', []);
    const first = window.batch(full.topic, full.partition, full.work);
    // Handed over while the first window is judged: by the time the queue takes it, it has waited
    // longer than its window would have lasted.
    const late = batchOf('crossings', 0, '5', '5', []);
    const second = window.batch(late.topic, late.partition, late.work);
    await first;
    await second;
    // Its window was closed and committed as it was taken, not a window's length later.
    expect(closes).toBe(2);
    expect(fake.log.filter((line) => line.endsWith('commit'))).toEqual(['tx#1 commit', 'tx#1 commit']);
    await window.close();
  });

  it('times each stage of a window it commits, and none of a window with nothing to commit', async () => {
    const stages: [WindowStage, number][] = [];
    const observe = (stage: WindowStage, seconds: number) => stages.push([stage, seconds]);
    const empty = await windowOf(fakeKafka(), () => [alert('a1')], observe);
    await empty.window.close();
    expect(stages).toEqual([]);
    const { window } = await windowOf(
      fakeKafka(),
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return [alert('a1')];
      },
      observe,
    );
    const batch = batchOf('crossings', 0, '5', '9', []);
    await window.batch(batch.topic, batch.partition, batch.work);
    await window.close();
    expect(stages.map(([stage]) => stage)).toEqual(['open', 'judge', 'publish', 'commit']);
    expect(stages.every(([, seconds]) => seconds >= 0)).toBe(true);
    // The judgement waited 20 ms (a timer may fire a fraction of a millisecond early).
    expect(stages[1]?.[1]).toBeGreaterThanOrEqual(0.015);
  });
});
