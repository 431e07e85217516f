import { DeskLog } from '../src/desk-log';
import { deskEntry } from './fixtures';

/** A log filled with alerts a1..aN at offsets 100, 101, ... */
function logWith(capacity: number, count: number): DeskLog {
  const log = new DeskLog(capacity);
  for (let n = 1; n <= count; n += 1) log.append(deskEntry(`a${n}`, 99 + n));
  return log;
}

const ids = (entries: readonly { alertId: string }[]) => entries.map((entry) => entry.alertId);

describe('DeskLog', () => {
  it('keeps appended entries in feed order and finds each by alert id', () => {
    const log = logWith(10, 3);
    expect(log.size).toBe(3);
    expect(log.find('a2')).toEqual(deskEntry('a2', 101));
    expect(ids(log.resume(undefined, 10).entries)).toEqual(['a1', 'a2', 'a3']);
  });

  it('takes an alert once: a duplicate in the feed is refused and the first entry kept', () => {
    const log = logWith(10, 2);
    expect(log.append(deskEntry('a3', 102))).toBe(true);
    expect(log.append(deskEntry('a1', 250))).toBe(false);
    expect(log.size).toBe(3);
    expect(log.find('a1')?.offset).toBe('100');
    expect(ids(log.resume(undefined, 10).entries)).toEqual(['a1', 'a2', 'a3']);
  });

  it('drops the oldest entries beyond its capacity', () => {
    const log = logWith(3, 5);
    expect(log.size).toBe(3);
    expect(log.find('a1')).toBeUndefined();
    expect(log.find('a2')).toBeUndefined();
    expect(ids(log.resume(undefined, 10).entries)).toEqual(['a3', 'a4', 'a5']);
  });

  it('still finds every kept entry after many evictions', () => {
    const log = logWith(3, 10);
    expect(log.find('a8')?.offset).toBe('107');
    expect(log.find('a9')?.offset).toBe('108');
    expect(log.find('a10')?.offset).toBe('109');
    expect(log.find('a7')).toBeUndefined();
  });

  describe('resume', () => {
    it('gives a desk that reconnects with a known id exactly the entries after it', () => {
      const log = logWith(10, 5);
      expect(log.resume('a2', 2)).toEqual({
        kind: 'after',
        entries: [3, 4, 5].map((n) => deskEntry(`a${n}`, 99 + n)),
      });
    });

    it('gives nothing to a desk that already saw the latest entry', () => {
      expect(logWith(10, 5).resume('a5', 2)).toEqual({ kind: 'after', entries: [] });
    });

    it('resumes correctly after evictions moved the start of the log', () => {
      const log = logWith(4, 9);
      expect(ids(log.resume('a7', 1).entries)).toEqual(['a8', 'a9']);
      expect(log.resume('a6', 1).kind).toBe('after');
      expect(ids(log.resume('a6', 1).entries)).toEqual(['a7', 'a8', 'a9']);
    });

    it('resets a desk whose last id it never saw to the latest backlog', () => {
      expect(logWith(10, 5).resume('not-an-alert', 2)).toEqual({
        kind: 'unknown',
        entries: [deskEntry('a4', 103), deskEntry('a5', 104)],
      });
    });

    it('resets a desk that was away longer than the log reaches', () => {
      const result = logWith(3, 6).resume('a2', 2);
      expect(result.kind).toBe('unknown');
      expect(ids(result.entries)).toEqual(['a5', 'a6']);
    });

    it('gives a desk that connects for the first time the latest backlog', () => {
      const log = logWith(10, 5);
      expect(log.resume(undefined, 3)).toEqual({
        kind: 'after',
        entries: [3, 4, 5].map((n) => deskEntry(`a${n}`, 99 + n)),
      });
      expect(ids(log.resume(undefined, 50).entries)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
      expect(log.resume(undefined, 0).entries).toEqual([]);
    });

    it('gives nothing from an empty log', () => {
      const log = new DeskLog(5);
      expect(log.resume(undefined, 3)).toEqual({ kind: 'after', entries: [] });
      expect(log.resume('a1', 3)).toEqual({ kind: 'unknown', entries: [] });
    });
  });
});
