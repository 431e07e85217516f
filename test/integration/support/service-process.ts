import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Connections } from '@waspada/common';
import { eventually, serviceEnv } from './clients';
import { freePort } from './delivery';

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  /** SIGTERM, and waits for the process to end; nothing when it has ended already. */
  stop(): Promise<void>;
}

/**
 * A service in its own process, as in production, ready when this returns. `settings` are its
 * settings beside the connections, given the address it will answer on. The port is a free one
 * unless given, and a free port is only free when it was looked at: should another server of the
 * run take it before the service binds it, the service exits (address in use) and is started again
 * on another one. A ready answer counts only when it names the service, so another server on the
 * port is never taken for it.
 */
export async function startServiceProcess(
  connections: Connections,
  service: { readonly main: string; readonly name: string; readonly readyWithinMs?: number },
  settings: (base: string) => Record<string, string>,
  port?: number,
): Promise<ServiceProcess> {
  for (let attempt = 1; ; attempt += 1) {
    const started = await startOnce(connections, service, settings, port ?? (await freePort()));
    if (started) return started;
    if (port !== undefined || attempt === 3)
      throw new Error(`${service.name} exited before it was ready (attempt ${attempt})`);
  }
}

async function startOnce(
  connections: Connections,
  service: { readonly main: string; readonly name: string; readonly readyWithinMs?: number },
  settings: (base: string) => Record<string, string>,
  listenOn: number,
): Promise<ServiceProcess | undefined> {
  const base = `http://127.0.0.1:${listenOn}`;
  // Its log is kept beside the test results, to read what it did when a test of it failed.
  const logDir = join(__dirname, '..', '..', '.waspada', 'test-results', 'processes');
  mkdirSync(logDir, { recursive: true });
  const logFile = openSync(join(logDir, `${service.name}-${listenOn}-${Date.now()}.log`), 'a');
  const child = spawn(process.execPath, [require.resolve(service.main)], {
    env: serviceEnv(connections, {
      LOG_LEVEL: 'info',
      ...settings(base),
      WASPADA_HTTP_PORT: String(listenOn),
    }),
    stdio: ['ignore', logFile, 'inherit'],
  });
  closeSync(logFile);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  // Whatever else may sit on the port (a server answering anything, or nothing), each look ends
  // in five seconds (a service's own checks take up to three) and counts only its ready answer.
  const ready = () =>
    fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5_000) })
      .then(
        async (reply) => reply.ok && ((await reply.json()) as { service?: string }).service === service.name,
      )
      .catch(() => false);
  try {
    await eventually(() => exited() || ready(), `${service.name} to be ready`, service.readyWithinMs);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  if (exited()) return undefined;
  return {
    child,
    base,
    async stop() {
      if (exited()) return;
      const ended = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await ended;
    },
  };
}
