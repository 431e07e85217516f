import { createProgressBar } from '../../src/backtest/progress-bar';

function fakeStream(isTTY: boolean) {
  const lines: string[] = [];
  const stream = { isTTY, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

describe('createProgressBar', () => {
  it('writes a plain line every five seconds in a log, and always the last one, with events/s', () => {
    let now = 0;
    const { stream, lines } = fakeStream(false);
    const bar = createProgressBar(stream, () => now);
    bar.update('read', 0, 10_000);
    now = 2_000;
    bar.update('read', 4_000, 10_000); // throttled
    now = 5_000;
    bar.update('read', 5_000, 10_000);
    now = 8_000;
    bar.update('read', 10_000, 10_000); // done: always written
    expect(lines).toEqual([
      'read   [------------------------------] 0/10,000 … events/s\n',
      'read   [###############---------------] 5,000/10,000 1,000 events/s, 5 s left\n',
      'read   [##############################] 10,000/10,000 1,250 events/s\n',
    ]);
  });

  it('redraws one line in place on a terminal and starts a new line for each phase', () => {
    let now = 0;
    const { stream, lines } = fakeStream(true);
    const bar = createProgressBar(stream, () => now);
    bar.update('read', 1, 2);
    now = 2_000;
    bar.update('read', 2, 2);
    bar.update('judge', 0, 2, 'events');
    bar.stop();
    expect(lines.map((line) => line.slice(0, 12))).toEqual([
      '\rread   [###',
      '\rread   [###',
      '\n',
      '\rjudge  [---',
      '\n',
    ]);
  });
});
