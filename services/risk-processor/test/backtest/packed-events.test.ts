import { compileAvroType } from '@waspada/common';
import type { PersonEvent, PersonState } from '@waspada/risk-rules';
import { PERSON_TOPICS } from '@waspada/risk-store';
import { HistoryArena } from '../../src/backtest/history-arena';
import { createMemoryStore } from '../../src/backtest/memory-store';
import { packEvent, packPerson, unpackPerson, unpackPersonEvent } from '../../src/backtest/packed-events';
import { CHILD, childScan } from '../support/child-scan';

/** Values of every field each kind's schema has, drawn at random by avsc from the schema itself. */
const randomEvents = (count: number): PersonEvent[] =>
  Object.values(PERSON_TOPICS).flatMap(({ kind, schema }) => {
    const type = compileAvroType(schema);
    return Array.from({ length: count }, () => ({ kind, ...(type.random() as object) }) as PersonEvent);
  });

describe('packed person events', () => {
  it('gives back every kind of event as the decoder gave it, field for field', () => {
    const events = [childScan as PersonEvent, ...randomEvents(20)];
    for (const event of events) {
      const { kind, ...fields } = event;
      const packed = packEvent(kind, fields);
      expect(unpackPersonEvent(packed)).toEqual(event);
      // The point of packing: a scan of 30 fields in a couple of hundred bytes.
      if (event === childScan) expect(packed.length).toBeLessThan(250);
    }
  });

  it('refuses an event its schema does not describe instead of dropping what does not fit', () => {
    const { kind, ...fields } = childScan;
    expect(() => packEvent(kind, { ...fields, eventTime: 'yesterday' })).toThrow();
    expect(() => packEvent(kind, { ...fields, riskNote: 'kept by nobody' })).toThrow(
      /a crossing event has a field its schema lacks: riskNote/,
    );
    const { sponsor: _sponsor, ...withoutSponsor } = fields;
    // One field too many and one missing: the count alone would not tell.
    expect(() => packEvent(kind, { ...withoutSponsor, riskNote: 'kept by nobody' })).toThrow(/riskNote/);
    expect(() => packEvent(kind, withoutSponsor)).toThrow('a crossing event lacks sponsor of its schema');
    expect(() => packEvent(kind, { ...fields, sponsor: undefined })).toThrow(
      'a crossing event has sponsor undefined',
    );
    expect(() => packEvent('no-such-kind' as never, fields)).toThrow(/no schema for person events of kind/);
  });

  it("gives back a person's history in order and their alert ledger", () => {
    const state: PersonState = {
      nik: CHILD,
      history: [childScan, ...randomEvents(2)],
      ledger: {
        'departure|scan-1': {
          firstAlertId: 'a1',
          revision: 2,
          severity: 'HIGH',
          score: 71,
          ruleIds: ['R07'],
          resolved: false,
        },
      },
    };
    expect(unpackPerson(CHILD, packPerson(state))).toEqual(state);
    const empty: PersonState = { nik: CHILD, history: [], ledger: {} };
    expect(unpackPerson(CHILD, packPerson(empty))).toEqual(empty);
  });
});

describe('HistoryArena', () => {
  const TOPICS = Object.keys(PERSON_TOPICS);
  const scanAt = (time: number, eventId: string) =>
    ({ ...childScan, eventId, eventTime: time }) as PersonEvent;
  const add = (arena: HistoryArena, event: PersonEvent, rank: number) => {
    const { kind, ...fields } = event;
    arena.add({ time: event.eventTime, rank, passportOnly: false, packed: packEvent(kind, fields) });
  };

  it('hands events out by event time, then topic rank, then the order they were read in', () => {
    const arena = new HistoryArena(TOPICS);
    add(arena, scanAt(30, 'late'), 4);
    add(arena, scanAt(10, 'first-read-crossing'), 4);
    add(arena, scanAt(10, 'identity-same-ms'), 0);
    add(arena, scanAt(10, 'second-read-crossing'), 4);
    add(arena, scanAt(20, 'middle'), 2);
    const { kind: _kind, ...randomReport } = randomEvents(1).find(
      (event) => event.kind === 'abroad',
    ) as PersonEvent;
    const report = { ...randomReport, eventTime: 15 };
    arena.add({ time: 15, rank: 3, passportOnly: true, packed: packEvent('abroad', report) });
    arena.seal();
    const entries = arena.entries(0, 10);
    expect(
      entries.map((entry) => ('event' in entry.decoded ? entry.decoded.event.eventId : 'report')),
    ).toEqual([
      'identity-same-ms',
      'first-read-crossing',
      'second-read-crossing',
      'report',
      'middle',
      'late',
    ]);
    expect(entries.map((entry) => entry.topic)).toEqual([0, 4, 4, 3, 2, 4].map((rank) => TOPICS[rank]));
    expect(entries[3]?.decoded).toEqual({ ok: true, passportOnly: report });
    expect(arena.entries(4, 6).map((entry) => entry.time)).toEqual([20, 30]);
    expect(arena.timeAt(5)).toBe(30);
    expect(() => add(arena, scanAt(40, 'after'), 4)).toThrow(/already put in replay order/);
    arena.close();
  });

  it('keeps events whole past its write buffer, in a file it closes', () => {
    const arena = new HistoryArena(TOPICS);
    // About 6 MiB of scans: several fills of its 1 MiB write buffer.
    const count = 40_000;
    for (let index = 0; index < count; index++) add(arena, scanAt(index, `scan-${index}`), 4);
    arena.seal();
    expect(arena.length).toBe(count);
    const all = arena.entries(0, count);
    expect(
      all.every(
        (entry, index) => 'event' in entry.decoded && entry.decoded.event.eventId === `scan-${index}`,
      ),
    ).toBe(true);
    expect(all[count - 1]?.decoded).toEqual({ ok: true, event: scanAt(count - 1, `scan-${count - 1}`) });
    arena.close();
    arena.close();
    expect(() => arena.entries(0, 1)).toThrow("the backtest's history file was closed");
  });

  it("lets a person's state keep its events' places instead of their bytes, and gives the events back", async () => {
    const arena = new HistoryArena(TOPICS);
    add(arena, scanAt(10, 'first-scan'), 4);
    add(arena, scanAt(20, 'second-scan'), 4);
    arena.seal();
    const events = arena
      .entries(0, 2)
      .map((entry) => ('event' in entry.decoded ? entry.decoded.event : undefined));
    const [first, second] = events as PersonEvent[];
    const handMade = scanAt(30, 'not-from-the-history');
    const state: PersonState = {
      nik: CHILD,
      history: [first as PersonEvent, second as PersonEvent, handMade],
      ledger: {},
    };
    const packed = packPerson(state, arena);
    // Two places of 4 bytes each beside the one event kept in full.
    expect(packed.length).toBe(8 + packPerson({ ...state, history: [handMade] }).length);
    expect(unpackPerson(CHILD, packed, arena)).toEqual(state);
    expect(() => unpackPerson(CHILD, packed)).toThrow(/holds an event by place, and no places were given/);

    const store = createMemoryStore({ places: arena });
    await store.savePeople([state]);
    const loaded = (await store.loadPeople([CHILD])).get(CHILD)?.state;
    expect(loaded).toEqual(state);
    // Loaded events keep their places: saved again, the state is as small as before.
    expect(packPerson(loaded as PersonState, arena).length).toBe(packed.length);
    arena.close();
  });
});
