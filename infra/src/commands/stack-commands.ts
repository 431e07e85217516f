import { createLogger } from '@waspada/common';
import { provisionTopics } from '../provision';
import { selectProvider } from '../stack/select-provider';
import type { StackProvider } from '../stack/stack';
import { endpointEnv, loadStackSettings, type StackSettings } from '../stack/stack-config';

export const say = (line: string) => process.stdout.write(`[waspada-stack] ${line}\n`);

export async function openStack(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ settings: StackSettings; stack: StackProvider }> {
  const settings = loadStackSettings(env);
  const stack = await selectProvider(settings, say);
  return { settings, stack };
}

/** Brings the stack up (a no-op when it already runs), applies the topics and prints the endpoints. */
export async function up(stack: StackProvider): Promise<{ startedSomething: boolean }> {
  say(`provider: ${stack.kind}`);
  const report = await stack.up();
  if (report.started.length === 0)
    say(`already running: ${report.alreadyRunning.join(', ')} (nothing to do)`);
  else
    say(
      `started ${report.started.join(', ')} in ${report.seconds.toFixed(1)} s${report.alreadyRunning.length > 0 ? ` (already running: ${report.alreadyRunning.join(', ')})` : ''}`,
    );
  const topics = await provisionTopics(
    stack.endpoints,
    createLogger({ service: 'waspada-stack', level: 'warn' }),
  );
  if (topics.created.length + topics.reconfigured.length > 0) {
    say(
      `topics: created ${topics.created.length}, reconfigured ${topics.reconfigured.length}, unchanged ${topics.unchanged.length}`,
    );
  }
  for (const [name, value] of Object.entries(endpointEnv(stack.endpoints))) say(`${name}=${value}`);
  return { startedSomething: report.started.length > 0 };
}

export async function down(stack: StackProvider): Promise<void> {
  const report = await stack.down();
  say(report.stopped.length === 0 ? 'nothing was running' : `stopped ${report.stopped.join(', ')}`);
}

export async function status(stack: StackProvider): Promise<boolean> {
  const statuses = await stack.status();
  for (const component of statuses) {
    const state = component.healthy ? 'healthy' : component.running ? 'running, NOT answering' : 'stopped';
    say(
      `${component.name.padEnd(8)} ${state.padEnd(22)} ${component.endpoint}${component.pid ? `  pid ${component.pid}` : ''}  ${component.detail ?? ''}`,
    );
  }
  return statuses.every((component) => component.healthy);
}
