#!/usr/bin/env node
/**
 * Makes a fresh clone runnable: installs the workspace's packages when package-lock.json changed
 * since the last install, then builds every workspace (turbo skips what is unchanged). `npm start`
 * and `npm test` call this first, so neither needs a manual `npm install`. Plain Node, no
 * dependencies: it runs before anything is installed.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const say = (line) => process.stdout.write(`[waspada] ${line}\n`);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`[waspada] Node ${process.versions.node} is too old: install Node 20.19 or newer.\n`);
  process.exit(1);
}

function run(command, args, what) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
  if (result.status !== 0) {
    process.stderr.write(
      `[waspada] ${what} failed (exit ${result.status ?? result.signal}); see the output above.\n`,
    );
    process.exit(result.status ?? 1);
  }
  return (Date.now() - started) / 1000;
}

const lockFile = join(root, 'package-lock.json');
const stampFile = join(root, 'node_modules', '.waspada-install-stamp');
const lockHash = createHash('sha256').update(readFileSync(lockFile)).digest('hex');
const installed = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === lockHash;
if (!installed) {
  // npm install rather than npm ci: npm ci refuses a lock file that lacks entries for other
  // platforms' native optional packages (swc, turbo), which npm 11 leaves out here; install still
  // follows the lock file's versions.
  say('installing npm packages from package-lock.json (first run or the lock file changed)');
  const seconds = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], 'npm install');
  writeFileSync(stampFile, lockHash);
  say(`installed in ${seconds.toFixed(0)} s`);
}

run(join(root, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only'], 'build');
