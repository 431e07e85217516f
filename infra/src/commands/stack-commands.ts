import { createLogger } from '@waspada/common';
import { provision, type ProvisionReport } from '../provision';
import { selectProvider } from '../stack/select-provider';
import type { StackProvider } from '../stack/stack';
import {
  endpointEnv,
  loadStackSettings,
  topicReplicationFactor,
  type StackSettings,
} from '../stack/stack-config';
import { KAFKA_ADMIN_USER } from '../stack/local/kafka-security';
import { KAFKA_PRINCIPALS } from '../security/kafka-acls';

/**
 * The environment of a client of the stack: the endpoints, and on a secured stack the credential of
 * one principal (a service's own; the admin for tests, benchmarks and `env`). A service with no
 * Kafka principal (it never talks to Kafka) gets none.
 */
export function clientEnv(
  stack: StackProvider,
  principal: string = KAFKA_ADMIN_USER,
): Record<string, string> {
  const known =
    principal === KAFKA_ADMIN_USER || KAFKA_PRINCIPALS.some((entry) => entry.principal === principal);
  return endpointEnv(stack.connections, known ? stack.kafkaClientEnv?.(principal) : undefined);
}

export const say = (line: string) => process.stdout.write(`[waspada-stack] ${line}\n`);

export interface OpenStack {
  readonly settings: StackSettings;
  readonly stack: StackProvider;
}

export async function openStack(env: NodeJS.ProcessEnv = process.env): Promise<OpenStack> {
  const settings = loadStackSettings(env);
  const stack = await selectProvider(settings, say, env);
  return { settings, stack };
}

/**
 * Brings the stack up (a no-op when it already runs), provisions topics and subjects, and prints
 * the endpoints. When provisioning fails, what this call started is stopped again.
 */
export async function up({ stack, settings }: OpenStack): Promise<{ startedSomething: boolean }> {
  say(`provider: ${stack.kind}`);
  const report = await stack.up();
  if (report.started.length === 0) {
    say(`already running: ${report.alreadyRunning.join(', ')} (nothing to do)`);
  } else {
    const already =
      report.alreadyRunning.length > 0 ? ` (already running: ${report.alreadyRunning.join(', ')})` : '';
    say(`started ${report.started.join(', ')} in ${report.seconds.toFixed(1)} s${already}`);
  }
  let provisioned: ProvisionReport;
  try {
    provisioned = await provision(
      stack.connections,
      createLogger({ service: 'waspada-stack', level: 'warn' }),
      topicReplicationFactor(settings),
    );
  } catch (error) {
    if (report.started.length > 0) await stack.down();
    throw error;
  }
  const { topics, subjectsConfigured } = provisioned;
  if (topics.created.length + topics.reconfigured.length + subjectsConfigured.length > 0) {
    say(
      `topics: created ${topics.created.length}, reconfigured ${topics.reconfigured.length}, unchanged ${topics.unchanged.length}; ` +
        `subjects given BACKWARD compatibility: ${subjectsConfigured.length}`,
    );
  }
  for (const [name, value] of Object.entries(clientEnv(stack))) say(`${name}=${value}`);
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
    const pid = component.pid ? `  pid ${component.pid}` : '';
    say(
      `${component.name.padEnd(8)} ${state.padEnd(22)} ${component.endpoint}${pid}  ${component.detail ?? ''}`,
    );
  }
  return statuses.every((component) => component.healthy);
}
