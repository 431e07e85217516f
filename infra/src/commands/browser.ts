import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { say } from './stack-commands';

/** Where the browser tests find Chromium: Debian's package, driven by playwright-core (no browser download). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The desk page and dashboard are tested in a real browser. A fresh machine has none, so the test
 * command installs Debian's chromium when it can (as root, with apt-get); otherwise it says how.
 */
export function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    say(
      `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
    return false;
  }
  say("installing Debian's chromium for the browser tests (first run on this machine)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env,
    });
  let result = install();
  if (result.status !== 0) {
    // The package lists may be missing or stale on a new machine.
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    result = install();
  }
  if (result.status !== 0 || !existsSync(CHROMIUM)) {
    say('installing chromium failed (see above): the browser tests will fail');
    return false;
  }
  return true;
}
