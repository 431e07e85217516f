import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, localConnections, type StackSettings } from './stack-config';
import { kafkaHealthy, redisHealthy, registryHealthy, waitUntil } from './health';
import { StackError, type ComponentStatus, type StackProvider } from './stack';

const COMPOSE_DIR = join(REPO_ROOT, 'infra');
const COMPOSE_FILE = 'docker-compose.yml';

/**
 * True when a Docker (or Podman) engine answers. testcontainers is loaded only here, so machines
 * without Docker never pay for it.
 */
export async function dockerAnswers(
  timeoutMs = 5_000,
  probe: { socketPath?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<boolean> {
  const env = probe.env ?? process.env;
  if (!env.DOCKER_HOST && !existsSync(probe.socketPath ?? '/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The stack as containers from infra/docker-compose.yml, driven through testcontainers' compose
 * client. The containers outlive the command (no reaper), so `up` and `down` can be separate runs.
 */
export function createTestcontainersProvider(settings: StackSettings): StackProvider {
  const connections = localConnections(
    settings.WASPADA_KAFKA_PORT,
    settings.WASPADA_REGISTRY_PORT,
    settings.WASPADA_REDIS_PORT,
  );
  // One Kafka node in the compose file.
  const checks: Record<'kafka' | 'registry' | 'redis', () => Promise<boolean>> = {
    kafka: () => kafkaHealthy(connections.kafka),
    registry: () => registryHealthy(connections.registry),
    redis: () => redisHealthy(connections.redisUrl),
  };
  const composeOptions = {
    filePath: COMPOSE_DIR,
    files: COMPOSE_FILE,
    projectName: 'waspada',
    environment: {
      ...process.env,
      WASPADA_KAFKA_PORT: String(settings.WASPADA_KAFKA_PORT),
      WASPADA_REGISTRY_PORT: String(settings.WASPADA_REGISTRY_PORT),
      WASPADA_REDIS_PORT: String(settings.WASPADA_REDIS_PORT),
    },
  };
  async function compose() {
    const { getContainerRuntimeClient } = await import('testcontainers');
    return (await getContainerRuntimeClient()).compose;
  }
  const names = Object.keys(checks) as (keyof typeof checks)[];

  return {
    kind: 'testcontainers',
    connections,
    async up() {
      const begin = Date.now();
      const before = await Promise.all(names.map((name) => checks[name]()));
      if (before.every(Boolean)) return { started: [], alreadyRunning: names, seconds: 0 };
      await (await compose()).up(composeOptions);
      for (const name of names) {
        const result = await waitUntil(checks[name], { timeoutMs: 120_000 });
        if (!result.ok)
          throw new StackError(
            'WSP_STACK_START_FAILED',
            `container ${name} did not become healthy: ${result.reason}`,
          );
      }
      return {
        started: names.filter((_, index) => !before[index]),
        alreadyRunning: names.filter((_, index) => before[index]),
        seconds: (Date.now() - begin) / 1000,
      };
    },
    async down() {
      const running = await Promise.all(names.map((name) => checks[name]()));
      await (await compose()).down(composeOptions, { timeout: 20, removeVolumes: false });
      return { stopped: names.filter((_, index) => running[index]) };
    },
    async status() {
      return Promise.all(
        names.map(async (name): Promise<ComponentStatus> => {
          const healthy = await checks[name]();
          const endpoint =
            name === 'kafka'
              ? connections.kafka.brokers.join(',')
              : name === 'registry'
                ? connections.registry.url
                : connections.redisUrl;
          return {
            name,
            endpoint,
            running: healthy,
            healthy,
            detail: 'container (infra/docker-compose.yml)',
          };
        }),
      );
    },
    async logs() {
      return 'containers log to Docker: docker compose -p waspada logs --tail 100';
    },
    async reset() {
      await (await compose()).down(composeOptions, { timeout: 20, removeVolumes: true });
    },
  };
}
