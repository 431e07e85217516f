import { randomUUID } from 'node:crypto';
import { createRedis, type Redis } from '@waspada/common';
import {
  applyEvent,
  emptyPersonState,
  MAX_HISTORY,
  type PersonEvent,
  type PersonState,
} from '@waspada/risk-rules';
import { createStateStore, taskOfNik } from '@waspada/risk-store';
import { testConnections } from './support/clients';

/**
 * A person's record in the real Redis: one hash field per event and one for the ledger, so a save
 * writes the events that are new since the person was read, not the whole history again. What is
 * read back is always the state saved: in history order, the newest MAX_HISTORY events.
 */
describe("people's records in Redis", () => {
  let redis: Redis;
  const store = () => createStateStore(redis);
  const nik = () =>
    `3174${String(Date.now() % 10 ** 6).padStart(6, '0')}${String(Math.floor(Math.random() * 10 ** 6)).padStart(6, '0')}`;
  const keyOf = (person: string) => `waspada:{task:${taskOfNik(person)}}:record:${person}`;
  const eventAt = (person: string, eventTime: number): PersonEvent =>
    ({
      kind: 'identity',
      eventId: randomUUID(),
      eventTime,
      recordTime: eventTime,
      sourceAgency: 'DUKCAPIL',
      sourceSystem: 'SIAK',
      nik: person,
      eventType: 'SNAPSHOT',
    }) as PersonEvent;
  const stateWith = (person: string, times: readonly number[]): PersonState => {
    const state = emptyPersonState(person);
    for (const time of times) applyEvent(state, eventAt(person, time));
    state.ledger['DEPARTURE:x'] = {
      firstAlertId: 'alert-1',
      revision: 1,
      severity: 'HIGH',
      score: 60,
      ruleIds: ['R01'],
      resolved: false,
    };
    return state;
  };
  const readBack = async (person: string) => (await store().loadPeople([person])).get(person)?.state;

  beforeAll(async () => {
    redis = createRedis(testConnections().redisUrl);
    await redis.connect();
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('reads back the state it saved, events in history order', async () => {
    const person = nik();
    const state = stateWith(person, [3_000, 1_000, 2_000]);
    await store().savePeople([state]);

    expect(await readBack(person)).toEqual(state);
    expect((await redis.hkeys(keyOf(person))).sort()).toEqual(
      [...state.history.map((event) => `e:${event.eventId}`), 'ledger'].sort(),
    );
    const stranger = nik();
    expect((await store().loadPeople([stranger])).get(stranger)).toEqual({ flags: [] });
  });

  it('writes only the events new since the person was read, and the ledger', async () => {
    const person = nik();
    await store().savePeople([stateWith(person, [1_000, 2_000])]);
    const state = (await readBack(person)) as PersonState;
    const [first] = state.history;
    // A field changed behind the store's back: a save that rewrote the history would undo it.
    const marker = JSON.stringify({ ...first, sourceSystem: 'MARKER' });
    await redis.hset(keyOf(person), `e:${first?.eventId}`, marker);

    const added = eventAt(person, 1_500);
    applyEvent(state, added);
    const entry = state.ledger['DEPARTURE:x'];
    if (entry) state.ledger['DEPARTURE:x'] = { ...entry, revision: 2 };
    await store().savePeople([state]);

    expect(await redis.hget(keyOf(person), `e:${first?.eventId}`)).toBe(marker);
    expect(JSON.parse((await redis.hget(keyOf(person), `e:${added.eventId}`)) ?? 'null')).toEqual(added);
    const again = await readBack(person);
    expect(again?.history.map((event) => event.eventTime)).toEqual([1_000, 1_500, 2_000]);
    expect(again?.ledger['DEPARTURE:x']?.revision).toBe(2);
  });

  it('keeps the newest MAX_HISTORY events, and deletes the older ones from the record', async () => {
    const person = nik();
    const times = Array.from({ length: MAX_HISTORY }, (_, index) => 10_000 + index);
    await store().savePeople([stateWith(person, times)]);
    const state = (await readBack(person)) as PersonState;
    const oldest = state.history[0];

    applyEvent(state, eventAt(person, 50_000));
    applyEvent(state, eventAt(person, 50_001));
    await store().savePeople([state]);

    expect(await redis.hlen(keyOf(person))).toBe(MAX_HISTORY + 1);
    expect(await redis.hexists(keyOf(person), `e:${oldest?.eventId}`)).toBe(0);
    expect(await readBack(person)).toEqual(state);
  });

  it('reads a record holding more than MAX_HISTORY events as its newest, in order, and trims it at the next save', async () => {
    const person = nik();
    const events = Array.from({ length: MAX_HISTORY + 3 }, (_, index) => eventAt(person, 90_000 - index));
    await redis.hset(keyOf(person), {
      ledger: '{}',
      ...Object.fromEntries(events.map((event) => [`e:${event.eventId}`, JSON.stringify(event)])),
    });

    const state = (await readBack(person)) as PersonState;
    expect(state.history).toHaveLength(MAX_HISTORY);
    expect(state.history[0]?.eventTime).toBe(90_000 - MAX_HISTORY + 1);
    expect(state.history.map((event) => event.eventTime)).toEqual(
      [...state.history.map((event) => event.eventTime)].sort((a, b) => a - b),
    );

    await store().savePeople([state]);
    expect(await redis.hlen(keyOf(person))).toBe(MAX_HISTORY + 1);
  });

  it('writes the same record through the fenced script as without it', async () => {
    const person = nik();
    const task = taskOfNik(person);
    const group = `records-${randomUUID()}`;
    const epochs = new Map<number, string>();
    const fenced = createStateStore(redis, { group, epochOf: (partition) => epochs.get(partition) });
    epochs.set(task, await store().takeTask(task, group));
    await fenced.savePeople([stateWith(person, [1_000, 2_000])]);
    const state = (await fenced.loadPeople([person])).get(person)?.state as PersonState;
    applyEvent(state, eventAt(person, 3_000));
    await fenced.savePeople([state]);

    expect(await readBack(person)).toEqual(state);
    expect(await redis.hlen(keyOf(person))).toBe(4);
  });

  it('indexes every member of a window, many of them on one index, and each once', async () => {
    // A catch-up window's travellers of one agency: more than one ZADD takes (LINK_MEMBERS_A_CALL).
    const agency = `agency:PT TEST ${randomUUID()}`;
    const booking = `booking:${randomUUID()}`;
    const run = nik().slice(0, 10);
    const travellers = Array.from({ length: 1_200 }, (_, index) => ({
      nik: `${run}${String(index).padStart(6, '0')}`,
      time: 1_000 + index,
    }));
    const writes = travellers.flatMap(({ nik: person, time }) => [
      { key: agency, member: { nik: person, time, placement: false, familyCard: null } },
      ...(time < 1_003
        ? [{ key: booking, member: { nik: person, time, placement: true, familyCard: null } }]
        : []),
    ]);
    try {
      await store().addLinks(writes);
      await store().addLinks(writes.slice(0, 600));

      expect(await redis.zcard(`waspada:{link:${agency}}`)).toBe(1_200);
      const found = await store().readLinks([agency, booking], 1_000);
      expect(found.get(booking)).toEqual(
        travellers.slice(0, 3).map(({ nik: person, time }) => ({ nik: person, time, placement: true })),
      );
      // Reads are bounded (LINK_LIMIT): the earliest 500 within the horizon.
      expect(found.get(agency)?.map((member) => member.nik)).toEqual(
        travellers.slice(0, 500).map(({ nik: person }) => person),
      );
    } finally {
      await redis.unlink(`waspada:{link:${agency}}`, `waspada:{link:${booking}}`);
    }
  });
});
