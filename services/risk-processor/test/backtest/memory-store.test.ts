import { emptyPersonState } from '@waspada/risk-rules';
import { createMemoryStore } from '../../src/backtest/memory-store';

const DAY = 86_400_000;
const link = (key: string, nik: string, time: number, placement = false) => ({
  key,
  member: { nik, time, placement },
});

describe('createMemoryStore', () => {
  it('reads links as Redis ZRANGEBYSCORE does: by time then member, within 400 days, at most 500', async () => {
    const store = createMemoryStore();
    await store.addLinks([
      link('sponsor:rudi', 'B', 10 * DAY),
      link('sponsor:rudi', 'A', 10 * DAY),
      link('sponsor:rudi', 'C', 5 * DAY, true),
      link('sponsor:rudi', 'D', 900 * DAY),
    ]);
    const found = await store.readLinks(['sponsor:rudi', 'booking:none'], 20 * DAY);
    expect(found.get('sponsor:rudi')).toEqual([
      { nik: 'C', time: 5 * DAY, placement: true },
      { nik: 'A', time: 10 * DAY, placement: false },
      { nik: 'B', time: 10 * DAY, placement: false },
    ]);
    expect(found.get('booking:none')).toEqual([]);
  });

  it("keeps a person's second trip on an index beside the first, and the first 500 of a large set", async () => {
    const store = createMemoryStore();
    const writes = Array.from({ length: 600 }, (_, index) =>
      link('sponsor:pt-maju', `P${String(index).padStart(4, '0')}`, 1_000 - index),
    );
    await store.addLinks(writes);
    await store.addLinks([link('sponsor:pt-maju', 'P0599', 2_000), link('sponsor:pt-maju', 'P0599', 401)]);
    const found = (await store.readLinks(['sponsor:pt-maju'], 1_000)).get('sponsor:pt-maju') ?? [];
    expect(found).toHaveLength(500);
    // P0599's trip at 401 is still the oldest (written twice, kept once); its trip at 2,000 is past the first 500.
    expect(found[0]).toEqual({ nik: 'P0599', time: 401, placement: false });
    expect(found.filter((entry) => entry.nik === 'P0599')).toHaveLength(1);
  });

  it('gives the timers due by a time in due order, and forgets removed ones', async () => {
    const store = createMemoryStore();
    await store.scheduleTimers(0, [
      { nik: 'B', departureEventId: 'd2', due: 30 },
      { nik: 'A', departureEventId: 'd1', due: 10 },
      { nik: 'C', departureEventId: 'd3', due: 50 },
    ]);
    const due = await store.dueTimers(0, 30);
    expect(due).toEqual([
      { nik: 'A', departureEventId: 'd1', due: 10 },
      { nik: 'B', departureEventId: 'd2', due: 30 },
    ]);
    await store.removeTimers(0, due);
    expect(await store.dueTimers(0, 100)).toEqual([{ nik: 'C', departureEventId: 'd3', due: 50 }]);
    expect(await store.dueTimers(1, 100)).toEqual([]);
  });

  it('keeps people, their companion flags and each partition watermark', async () => {
    const store = createMemoryStore();
    const state = emptyPersonState('3201011505010001');
    await store.savePeople([state]);
    const flag = { reportId: 'R1', via: 'named', eventTime: 1 } as never;
    await store.addFlags([
      { nik: state.nik, flag },
      { nik: state.nik, flag },
    ]);
    const loaded = await store.loadPeople([state.nik, '3201011505010002']);
    expect(loaded.get(state.nik)).toEqual({ state, flags: [flag] });
    expect(loaded.get('3201011505010002')).toEqual({ flags: [] });
    expect(store.people()).toBe(1);
    await store.setWatermark(3, 99);
    expect(await store.watermark(3)).toBe(99);
    expect(await store.watermark(4)).toBe(0);
  });
});

describe('createMemoryStore against a plain reading of Redis semantics', () => {
  it('returns what filtering and sorting every member would, over many random writes and reads', async () => {
    // A small deterministic generator, so a failure can be replayed.
    let seed = 7;
    const next = (bound: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % bound;
    };
    const store = createMemoryStore();
    const plain = new Map<string, Map<string, number>>();
    for (let round = 0; round < 3_000; round++) {
      const key = `sponsor:${next(3)}`;
      const nik = `N${next(700)}`;
      const placement = next(5) === 0;
      const time = next(1_200) * DAY;
      await store.addLinks([link(key, nik, time, placement)]);
      const members = plain.get(key) ?? new Map<string, number>();
      members.set(`${nik}|${placement ? 1 : 0}||${time}`, time);
      plain.set(key, members);
      if (round % 50 === 0) {
        const around = next(1_200) * DAY;
        const expected = [...members]
          .filter(([, at]) => at >= around - 400 * DAY && at <= around + 400 * DAY)
          .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
          .slice(0, 500)
          .map(([member, at]) => ({
            nik: member.split('|')[0],
            time: at,
            placement: member.split('|')[1] === '1',
          }));
        expect((await store.readLinks([key], around)).get(key)).toEqual(expected);
      }
    }
  });
});
