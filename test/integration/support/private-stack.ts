import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connections } from '@waspada/common';
import {
  createLocalProvider,
  loadStackSettings,
  provision,
  topicReplicationFactor,
  type LocalStackProvider,
} from '@waspada/infra';
import { logger } from './clients';

/**
 * A second local stack on its own ports and folder, so a test can stop and start servers without
 * disturbing the stack the other tests use. Ports are `base` + 92 (Kafka), 93 (controller), 81
 * (registry), 82 (registry management) and 79 (Redis).
 */
export function privateStack(
  stateDir: string,
  base: number,
  extra: Record<string, string> = {},
): LocalStackProvider {
  return createLocalProvider(privateStackSettings(stateDir, base, extra), () => undefined);
}

/**
 * The settings of a private stack. With WASPADA_KAFKA_NODES=3 in `extra`, Kafka nodes 2 and 3 take
 * `base` + 94/95 and 96/97.
 */
function privateStackSettings(stateDir: string, base: number, extra: Record<string, string>) {
  return loadStackSettings({
    ...extra,
    WASPADA_STACK_PROVIDER: 'local',
    WASPADA_STACK_DIR: stateDir,
    WASPADA_KAFKA_PORT: String(base + 92),
    WASPADA_KAFKA_CONTROLLER_PORT: String(base + 93),
    WASPADA_REGISTRY_PORT: String(base + 81),
    WASPADA_REGISTRY_MANAGEMENT_PORT: String(base + 82),
    WASPADA_REDIS_PORT: String(base + 79),
    PATH: process.env.PATH,
    JAVA_HOME: process.env.JAVA_HOME,
  });
}

export interface RunningPrivateStack {
  readonly stack: LocalStackProvider;
  readonly connections: Connections;
  close(): Promise<void>;
}

/** A private stack up, with Waspada's topics and subject rules applied as `up` applies them. */
export async function openPrivateStack(
  base: number,
  extra: Record<string, string> = {},
): Promise<RunningPrivateStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'waspada-stack-'));
  const settings = privateStackSettings(stateDir, base, extra);
  const stack = createLocalProvider(settings, () => undefined);
  const close = async () => {
    await stack.down();
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    await stack.up();
    await provision(stack.connections, logger, topicReplicationFactor(settings));
  } catch (error) {
    await close();
    throw error;
  }
  return { stack, connections: stack.connections, close };
}
