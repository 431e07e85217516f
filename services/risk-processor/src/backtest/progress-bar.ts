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
  let lastDraw = 0;
  let drawn = false;
  const draw = (label: string, done: number, total: number, unit: string, force: boolean) => {
    const now = clock();
    if (label !== phase) {
      if (drawn && interactive) stream.write('\n');
      phase = label;
      phaseStarted = now;
      lastDraw = 0;
    }
    if (!force && now - lastDraw < (interactive ? 100 : 5_000)) return;
    lastDraw = now;
    drawn = true;
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(fraction * width);
    const seconds = Math.max(0.001, (now - phaseStarted) / 1000);
    const rate = Math.round(done / seconds);
    const left = rate > 0 && total > done ? `, ${Math.ceil((total - done) / rate)} s left` : '';
    const line = `${label.padEnd(6)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${rate.toLocaleString('en-US')} ${unit}/s${left}`;
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
