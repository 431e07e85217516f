import { spawn, type ChildProcess } from 'node:child_process';
import type { Connections } from '@waspada/common';
import { eventually, serviceEnv } from './clients';
import { freePort } from './delivery';

export interface DashboardProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  /** SIGTERM, and waits for the process to end; nothing when it has ended already. */
  stop(): Promise<void>;
}

/**
 * The dashboard in its own process, as in production (jest cannot load the static-file plugin's ES
 * modules anyway), ready when this returns. `settings` are its WASPADA_* settings beside the
 * connections; the port is a free one unless given. A free port is only free when it was looked
 * at: should another server of the run take it before the dashboard binds it, the dashboard exits
 * (address in use) and is started again on another one; a ready answer counts only when it is the
 * dashboard's own.
 */
export async function startDashboardProcess(
  connections: Connections,
  settings: (base: string) => Record<string, string>,
  port?: number,
): Promise<DashboardProcess> {
  for (let attempt = 1; ; attempt += 1) {
    const started = await startOnce(connections, settings, port ?? (await freePort()));
    if (started) return started;
    if (port !== undefined || attempt === 3)
      throw new Error(`the dashboard process exited before it was ready (attempt ${attempt})`);
  }
}

async function startOnce(
  connections: Connections,
  settings: (base: string) => Record<string, string>,
  listenOn: number,
): Promise<DashboardProcess | undefined> {
  const base = `http://127.0.0.1:${listenOn}`;
  const child = spawn(process.execPath, [require.resolve('@waspada/dashboard/dist/main.js')], {
    env: serviceEnv(connections, { ...settings(base), WASPADA_HTTP_PORT: String(listenOn) }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  await eventually(
    () =>
      exited() ||
      fetch(`${base}/health/ready`).then(
        async (reply) => reply.ok && ((await reply.json()) as { service?: string }).service === 'dashboard',
        () => false,
      ),
    'the dashboard to be ready',
  );
  if (exited()) return undefined;
  return {
    child,
    base,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
