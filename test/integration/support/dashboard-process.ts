import type { Connections } from '@waspada/common';
import { startServiceProcess, type ServiceProcess } from './service-process';

export type DashboardProcess = ServiceProcess;

/**
 * The dashboard in its own process, as in production (jest cannot load the static-file plugin's ES
 * modules anyway), ready when this returns. `settings` are its WASPADA_* settings beside the
 * connections; the port is a free one unless given.
 */
export function startDashboardProcess(
  connections: Connections,
  settings: (base: string) => Record<string, string>,
  port?: number,
): Promise<DashboardProcess> {
  return startServiceProcess(
    connections,
    { main: '@waspada/dashboard/dist/main.js', name: 'dashboard' },
    settings,
    port,
  );
}
