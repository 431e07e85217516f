#!/usr/bin/env node
/**
 * The launcher behind `npm start`, `npm test`, `npm run stack` and `npm run bench*`, which makes a
 * fresh clone runnable with those commands alone:
 *
 * 1. picks the Node that runs Waspada: this one if it is Node 24 or newer, else Node 24 brought
 *    from the npm registry into `.waspada/runtime` once (see node-runtime.cjs; `WASPADA_NODE`
 *    changes the choice);
 * 2. installs the workspace's packages with that Node when package-lock.json changed since the
 *    last install (or the Node's module ABI did: native addons are built for one);
 * 3. builds every workspace (turbo skips what is unchanged);
 * 4. runs `node <script> <args...>` (for example `infra/dist/cli.js test`) under that Node.
 *
 * Every child gets the chosen Node's `bin` first on PATH, so a `node`, `npm` or `npx` that anything
 * below starts (turbo's `npm run build`, jest's shebang, the services the CLI spawns with
 * `process.execPath`) runs on the same Node. Without a script it stops after step 3.
 *
 * Plain Node, no dependencies, syntax Node 18 understands: it runs before anything is installed.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { constants } = require('node:os');
const { dirname, join, resolve } = require('node:path');
const runtime = require('./node-runtime.cjs');

const root = join(__dirname, '..');
const runtimeRoot = join(root, '.waspada', 'runtime');
// The launcher's own lines, and what install and build print, go to stderr: stdout belongs to the
// command, so `eval "$(npm run -s stack -- env)"` reads only the variables.
const say = (line) => process.stderr.write(`[waspada] ${line}\n`);
const fail = (line) => {
  process.stderr.write(`[waspada] ${line}\n`);
  process.exit(1);
};

/**
 * KafkaJS 2.2.4's request queue, when not throttled, schedules its check `throttledUntil - now`
 * ahead with `throttledUntil` at -1: a negative delay, which Node has always run as 1 ms and which
 * Node 23 and later also report with a TimeoutNegativeWarning in every process that uses Kafka.
 * The behaviour is unchanged, so the warning is only noise in the services' and tests' output.
 */
function withNodeOptions(env) {
  const flag = '--disable-warning=TimeoutNegativeWarning';
  const options = env.NODE_OPTIONS || '';
  // WASPADA_NODE is the launcher's alone: the stack and the services refuse a WASPADA_* variable
  // that is not one of their settings.
  const { WASPADA_NODE: _launcherOnly, ...rest } = env;
  return { ...rest, NODE_OPTIONS: options.includes(flag) ? options : `${options} ${flag}`.trim() };
}

/**
 * Native addons (ssh2's optional crypto binding, cpu-features) are compiled against the headers of
 * the Node that will load them, which a distribution keeps in `<prefix>/include/node`; a
 * machine-wide `nodedir` (npm's setting) would give another Node's ABI, and without one node-gyp
 * would download headers from nodejs.org, which a machine limited to the npm registry cannot.
 */
function withHeaders(env, prefix) {
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? { ...env, npm_config_nodedir: prefix } : env;
}

/** The Node to use and the environment its children get. */
async function pickNode() {
  const running = process.versions.node;
  const choice = runtime.chooseRuntime(running, process.env.WASPADA_NODE);
  if (choice.error) fail(choice.error);
  if (choice.use === 'this') {
    if (Number(running.split('.')[0]) < runtime.PIN.major)
      say(`using this machine's Node ${running} (WASPADA_NODE=system)`);
    return {
      exe: process.execPath,
      env: withHeaders(withNodeOptions(process.env), dirname(dirname(process.execPath))),
    };
  }
  const pkg = runtime.runtimePackage(process.platform, process.arch);
  if (pkg.error) fail(pkg.error);
  runtime.clearStaleDownloads(runtimeRoot);
  let brought;
  try {
    brought = await runtime.ensureRuntime(pkg, runtimeRoot, say);
  } catch (error) {
    fail(`could not bring Node ${pkg.version}: ${error.message}`);
  }
  say(`using Node ${pkg.version} from .waspada/runtime (this machine has ${running})`);
  const binDir = join(brought.home, 'bin');
  return {
    exe: brought.exe,
    env: withHeaders(
      { ...withNodeOptions(process.env), PATH: runtime.pathWith(binDir, process.env.PATH) },
      brought.home,
    ),
  };
}

function run(command, args, env, what, shell) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['inherit', process.stderr, 'inherit'],
    shell,
    env: { ...env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
  if (result.status !== 0) {
    fail(`${what} failed (exit ${result.status ?? result.signal ?? result.error}); see the output above.`);
  }
  return (Date.now() - started) / 1000;
}

function installAndBuild(node) {
  const lockFile = join(root, 'package-lock.json');
  const stampFile = join(root, 'node_modules', '.waspada-install-stamp');
  const abi = spawnSync(node.exe, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).stdout.trim();
  const lockHash = createHash('sha256').update(readFileSync(lockFile)).digest('hex');
  const stamp = `${lockHash} abi-${abi}`;
  const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
  if (previous !== stamp) {
    const npm = runtime.npmCommand(node.exe, node.env);
    const npmRun = (args, what) =>
      run(
        npm.command,
        [...npm.prefix, ...args, '--no-audit', '--no-fund', '--loglevel=error'],
        node.env,
        what,
        npm.shell,
      );
    // npm install rather than npm ci: npm ci refuses a lock file that lacks entries for other
    // platforms' native optional packages (swc, turbo), which npm 11 may leave out; install still
    // follows the lock file's versions.
    say('installing npm packages from package-lock.json (first run, or the lock file or the Node changed)');
    let seconds = npmRun(['install'], 'npm install');
    // install leaves packages it already has as they are, so addons compiled for another Node's ABI
    // (ssh2's crypto binding, cpu-features) would stay unloadable: build them again for this one.
    if (previous && !previous.endsWith(` abi-${abi}`)) seconds += npmRun(['rebuild'], 'npm rebuild');
    writeFileSync(stampFile, stamp);
    say(`installed in ${seconds.toFixed(0)} s`);
  }
  run(
    join(root, 'node_modules', '.bin', 'turbo'),
    ['run', 'build', '--output-logs=errors-only'],
    node.env,
    'build',
  );
}

/**
 * Runs the script as this process's stand-in: Ctrl-C reaches it from the terminal (same process
 * group) and it decides how to stop (`npm start` drains the services); a SIGTERM sent to this
 * process alone is passed on. Its exit code is this process's.
 */
function runScript(node, script, args) {
  const child = spawn(node.exe, [resolve(root, script), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: node.env,
  });
  const pass = (signal) => () => child.kill(signal);
  process.on('SIGINT', () => {});
  process.on('SIGTERM', pass('SIGTERM'));
  process.on('SIGHUP', pass('SIGHUP'));
  child.on('error', (error) => fail(`could not start ${script}: ${error.message}`));
  child.on('exit', (code, signal) =>
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] || 0) : 1)),
  );
}

async function main() {
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 18)
    fail(
      `Node ${process.versions.node} cannot run this launcher: install Node 24 LTS (or 18 or newer, which brings Node 24 itself).`,
    );
  const node = await pickNode();
  installAndBuild(node);
  const [script, ...args] = process.argv.slice(2);
  if (script) runScript(node, script, args);
}

main().catch((error) => fail(error.stack || String(error)));
