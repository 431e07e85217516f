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

  it('moves a member whose time changes, as ZADD does, and keeps the first 500 of a large set', async () => {
    const store = createMemoryStore();
    const writes = Array.from({ length: 600 }, (_, index) =>
      link('sponsor:pt-maju', `P${String(index).padStart(4, '0')}`, 1_000 - index),
    );
    await store.addLinks(writes);
    await store.addLinks([link('sponsor:pt-maju', 'P0599', 2_000)]);
    const found = (await store.readLinks(['sponsor:pt-maju'], 1_000)).get('sponsor:pt-maju') ?? [];
    expect(found).toHaveLength(500);
    // P0598 (time 402) is now the oldest; P0599 moved to the end, past the first 500.
    expect(found[0]).toEqual({ nik: 'P0598', time: 402, placement: false });
    expect(found.some((entry) => entry.nik === 'P0599')).toBe(false);
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
