import { randomInt } from 'node:crypto';
import { createRedis, isWaspadaError, type Redis } from '@waspada/common';
import { emptyPersonState, type PersonState } from '@waspada/risk-rules';
import { createStateStore, taskOfNik } from '@waspada/risk-store';
import { testConnections, uniqueName } from './support/clients';

/**
 * The processor's Redis writes fenced by task on the real Redis: once a second instance of the
 * group takes a partition, nothing the first writes of that partition lands, however many people
 * a save holds. The test uses NIKs and a group of its own; it writes person states only (the
 * outboxes and timers of a partition are shared by every group in a database).
 */
describe('fenced writes of the processor state', () => {
  let redis: Redis;
  const group = uniqueName('fencing');
  const plain = () => createStateStore(redis);
  const instance = () => {
    const epochs = new Map<number, string>();
    const store = createStateStore(redis, { group, epochOf: (task) => epochs.get(task) });
    return {
      store,
      take: async (task: number) => epochs.set(task, await plain().takeTask(task, group)),
    };
  };
  /** A NIK of this run on the given partition (any valid shape will do for the store). */
  const nikOn = (task: number, avoid: ReadonlySet<string> = new Set()): string => {
    for (;;) {
      const nik = `3174${String(randomInt(10 ** 11, 10 ** 12)).padStart(12, '0')}`;
      if (taskOfNik(nik) === task && !avoid.has(nik)) return nik;
    }
  };
  /** A state whose ledger names the writer, so a read tells whose write landed. */
  const stateOf = (nik: string, writer: string): PersonState => ({
    ...emptyPersonState(nik),
    ledger: {
      'DEPARTURE:x': {
        firstAlertId: writer,
        revision: 1,
        severity: 'HIGH',
        score: 60,
        ruleIds: [],
        resolved: false,
      },
    },
  });
  const noteOf = async (nik: string) =>
    (await plain().loadPeople([nik])).get(nik)?.state?.ledger['DEPARTURE:x']?.firstAlertId;
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'written',
      (error: unknown) => (isWaspadaError(error, 'WSP_TASK_FENCED') ? 'fenced' : String(error)),
    );

  beforeAll(async () => {
    redis = createRedis(testConnections().redisUrl);
    await redis.connect();
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('refuses every write of a partition another instance took since, and keeps the new owner’s', async () => {
    const first = instance();
    const second = instance();
    const a = nikOn(2);
    const b = nikOn(2, new Set([a]));
    await first.take(2);
    await first.store.savePeople([stateOf(a, 'first-1')]);
    expect(await noteOf(a)).toBe('first-1');

    await second.take(2);
    // Both people of the partition in one write: neither lands.
    expect(await refusal(first.store.savePeople([stateOf(a, 'first-2'), stateOf(b, 'first-2')]))).toBe(
      'fenced',
    );
    expect(await refusal(first.store.setWatermark(2, 123))).toBe('fenced');
    expect(await noteOf(a)).toBe('first-1');
    expect(await noteOf(b)).toBeUndefined();

    await second.store.savePeople([stateOf(a, 'second-1')]);
    expect(await noteOf(a)).toBe('second-1');

    // Taking it back fences the second in turn.
    await first.take(2);
    expect(await refusal(second.store.savePeople([stateOf(a, 'second-2')]))).toBe('fenced');
    expect(await refusal(first.store.savePeople([stateOf(a, 'first-3')]))).toBe('written');
    expect(await noteOf(a)).toBe('first-3');
  });

  it('refuses a write of a partition the instance never took, and leaves other groups alone', async () => {
    const mine = instance();
    const nik = nikOn(4);
    expect(await refusal(mine.store.savePeople([stateOf(nik, 'untaken')]))).toBe('fenced');
    expect(await noteOf(nik)).toBeUndefined();

    await mine.take(4);
    // Another group's instance taking partition 4 does not fence this group.
    await plain().takeTask(4, uniqueName('other-group'));
    expect(await refusal(mine.store.savePeople([stateOf(nik, 'taken')]))).toBe('written');
    expect(await noteOf(nik)).toBe('taken');
  });

  it('saves a catch-up window of 40,000 people of one partition, fenced, and refuses all of it once fenced', async () => {
    // One script of 40,000 writes took some 160,000 call arguments: it overflowed the stack inside
    // ioredis, which then crashed the process (see fencedChunks).
    const first = instance();
    const second = instance();
    const taken = new Set<string>();
    while (taken.size < 40_000) taken.add(nikOn(5, taken));
    const niks = [...taken];
    try {
      await first.take(5);
      expect(await refusal(first.store.savePeople(niks.map((nik) => stateOf(nik, 'first'))))).toBe('written');
      const notes = async () => {
        const people = await plain().loadPeople(niks);
        return new Set(niks.map((nik) => people.get(nik)?.state?.ledger['DEPARTURE:x']?.firstAlertId));
      };
      expect(await notes()).toEqual(new Set(['first']));

      await second.take(5);
      expect(await refusal(first.store.savePeople(niks.map((nik) => stateOf(nik, 'late'))))).toBe('fenced');
      expect(await notes()).toEqual(new Set(['first']));
    } finally {
      // The store's layout of a person record (state-store.ts); these people are this test's alone.
      for (let index = 0; index < niks.length; index += 1_000)
        await redis.unlink(
          ...niks.slice(index, index + 1_000).map((nik) => `waspada:{task:5}:record:${nik}`),
        );
    }
  });

  it('writes each partition on its own: a fenced one does not stop another this instance holds', async () => {
    const first = instance();
    const second = instance();
    const onOne = nikOn(1);
    const onThree = nikOn(3);
    await first.take(1);
    await first.take(3);
    await second.take(3);
    expect(await refusal(first.store.savePeople([stateOf(onOne, 'first'), stateOf(onThree, 'first')]))).toBe(
      'fenced',
    );
    expect(await noteOf(onOne)).toBe('first');
    expect(await noteOf(onThree)).toBeUndefined();
  });
});
