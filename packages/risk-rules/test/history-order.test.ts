import { applyEvent, emptyPersonState, historyOf, MAX_HISTORY, type PersonEvent } from '../src';

/**
 * A store that keeps a person's events one by one reads them back in any order: historyOf must
 * give the very history applyEvent builds from the same events.
 */
const eventAt = (eventTime: number, eventId: string): PersonEvent =>
  ({ kind: 'identity', eventId, eventTime, nik: '3174010101900001' }) as PersonEvent;

describe('history order', () => {
  it('orders events as applyEvent does: by event time, then by event id', () => {
    const events = [eventAt(2, 'b'), eventAt(1, 'z'), eventAt(2, 'a'), eventAt(3, 'c'), eventAt(1, 'y')];
    const applied = emptyPersonState('3174010101900001');
    for (const event of events) applyEvent(applied, event);

    expect(historyOf([...events].reverse())).toEqual(applied.history);
    expect(historyOf(events).map((event) => event.eventId)).toEqual(['y', 'z', 'a', 'b', 'c']);
  });

  it('keeps the newest MAX_HISTORY events, as applyEvent does', () => {
    const events = Array.from({ length: MAX_HISTORY + 10 }, (_, index) =>
      eventAt(1_000 + ((index * 7919) % (MAX_HISTORY + 10)), `e${index}`),
    );
    const applied = emptyPersonState('3174010101900001');
    for (const event of events) applyEvent(applied, event);

    expect(historyOf(events)).toEqual(applied.history);
    expect(historyOf(events)).toHaveLength(MAX_HISTORY);
  });
});
