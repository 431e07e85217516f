/**
 * A one-line progress bar on stderr: phase, bar, count, events/s and time left. On a terminal the
 * line is redrawn in place at most ten times a second; in a log (no TTY) a plain line is written
 * every five seconds instead, so CI output stays readable. Hand-written rather than a library: it
 * is thirty lines, and it keeps the dependency tree and the shared lock file unchanged.
 */
export function createProgressBar(
  stream: NodeJS.WriteStream = process.stderr,
  clock: () => number = Date.now,
) {
  const interactive = stream.isTTY === true;
  const width = 30;
  let phaseStarted = clock();
  let phase = '';
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  const draw = (label: string, done: number, total: number, unit: string, force: boolean) => {
    const now = clock();
    if (label !== phase) {
      if (drawn && interactive) stream.write('\n');
      phase = label;
      phaseStarted = now;
      lastDraw = Number.NEGATIVE_INFINITY;
    }
    if (!force && now - lastDraw < (interactive ? 100 : 5_000)) return;
    lastDraw = now;
    drawn = true;
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(fraction * width);
    const seconds = (now - phaseStarted) / 1000;
    // A rate over less than a second says little: the first window alone would read as millions/s.
    const rate = seconds >= 1 ? Math.round(done / seconds) : 0;
    const speed = rate > 0 ? `${rate.toLocaleString('en-US')} ${unit}/s` : `… ${unit}/s`;
    const left = rate > 0 && total > done ? `, ${Math.ceil((total - done) / rate)} s left` : '';
    const line = `${label.padEnd(6)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${speed}${left}`;
    stream.write(interactive ? `\r${line}\u001b[K` : `${line}\n`);
  };
  return {
    update(label: string, done: number, total: number, unit = 'events') {
      draw(label, done, total, unit, done >= total);
    },
    /** Ends the bar's line so what follows starts on a fresh one. */
    stop() {
      if (drawn && interactive) stream.write('\n');
      drawn = false;
    },
  };
}
