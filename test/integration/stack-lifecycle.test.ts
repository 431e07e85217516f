import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, portAnswers } from '@waspada/infra';
import { privateStack } from './support/private-stack';

describe('the local stack lifecycle', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'waspada-stack-'));
  const stack = privateStack(stateDir, 29000);
  afterAll(async () => {
    await stack.down();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('starts every server, does nothing on a second up, and leaves nothing running after down', async () => {
    const first = await stack.up();
    expect(first.started.sort()).toEqual(['kafka', 'redis', 'registry']);
    const running = await stack.status();
    expect(running.every((component) => component.healthy)).toBe(true);
    const pids = running.map((component) => component.pid!);

    const second = await stack.up();
    expect(second.started).toEqual([]);
    expect(second.alreadyRunning.sort()).toEqual(['kafka', 'redis', 'registry']);
    expect((await stack.status()).map((component) => component.pid)).toEqual(pids);

    const stopped = await stack.down();
    expect(stopped.stopped.sort()).toEqual(['kafka', 'redis', 'registry']);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    for (const port of [29092, 29093, 29081, 29082, 29079]) expect(await portAnswers(port)).toBe(false);
    expect((await stack.down()).stopped).toEqual([]);
  });

  it('refuses to start when a port is taken, names the port and the setting, and starts nothing', async () => {
    const blockerDir = mkdtempSync(join(tmpdir(), 'waspada-stack-'));
    const blocked = privateStack(blockerDir, 29100);
    const squatter: Server = createServer();
    await new Promise<void>((resolvePromise) => squatter.listen(29179, '127.0.0.1', resolvePromise));
    try {
      await expect(blocked.up()).rejects.toMatchObject({
        code: 'WSP_STACK_PORT_TAKEN',
        message: expect.stringMatching(/port 29179 \(Redis\) is already in use.*WASPADA_REDIS_PORT/s),
      });
      expect((await blocked.status()).some((component) => component.running)).toBe(false);
      expect(await portAnswers(29192)).toBe(false);
    } finally {
      squatter.close();
      await blocked.down();
      rmSync(blockerDir, { recursive: true, force: true });
    }
  });
});
