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
 * connections; the port is a free one unless given.
 */
export async function startDashboardProcess(
  connections: Connections,
  settings: (base: string) => Record<string, string>,
  port?: number,
): Promise<DashboardProcess> {
  const listenOn = port ?? (await freePort());
  const base = `http://127.0.0.1:${listenOn}`;
  const child = spawn(process.execPath, [require.resolve('@waspada/dashboard/dist/main.js')], {
    env: serviceEnv(connections, { ...settings(base), WASPADA_HTTP_PORT: String(listenOn) }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await eventually(
    () =>
      fetch(`${base}/health/ready`).then(
        (reply) => reply.ok,
        () => false,
      ),
    'the dashboard to be ready',
  );
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
