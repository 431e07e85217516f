import type { Connections } from '@waspada/common';
import { kafkaHealthy, redisHealthy, registryHealthy } from './health';
import { StackError, type ComponentStatus, type StackProvider } from './stack';

/**
 * Servers someone else runs (a real deployment), reached with the same TLS, SASL and credentials
 * as the services: the stack only checks that they answer. It never starts, stops or wipes them.
 */
export function createExternalProvider(connections: Connections): StackProvider {
  async function statuses(): Promise<ComponentStatus[]> {
    const [kafka, registry, redis] = await Promise.all([
      kafkaHealthy(connections.kafka),
      registryHealthy(connections.registry),
      redisHealthy(connections.redisUrl),
    ]);
    return [
      {
        name: 'kafka',
        endpoint: connections.kafka.brokers.join(','),
        running: kafka,
        healthy: kafka,
        detail: 'KAFKA_BROKERS',
      },
      {
        name: 'registry',
        endpoint: connections.registry.url,
        running: registry,
        healthy: registry,
        detail: 'SCHEMA_REGISTRY_URL',
      },
      {
        name: 'redis',
        endpoint: redactUrl(connections.redisUrl),
        running: redis,
        healthy: redis,
        detail: 'REDIS_URL',
      },
    ];
  }
  return {
    kind: 'external',
    connections,
    async up() {
      const begin = Date.now();
      const down = (await statuses()).filter((status) => !status.healthy);
      if (down.length > 0) {
        throw new StackError(
          'WSP_STACK_UNHEALTHY',
          `external servers do not answer: ${down.map((status) => `${status.name} at ${status.endpoint} (${status.detail})`).join('; ')}. ` +
            'Fix those variables (and their TLS or SASL settings), or unset KAFKA_BROKERS, SCHEMA_REGISTRY_URL and REDIS_URL to run the local stack.',
        );
      }
      return {
        started: [],
        alreadyRunning: ['kafka', 'registry', 'redis'],
        seconds: (Date.now() - begin) / 1000,
      };
    },
    async down() {
      return { stopped: [] };
    },
    status: statuses,
    async logs() {
      return 'external servers: read their logs where they run';
    },
    async reset() {
      throw new StackError(
        'WSP_STACK_BUSY',
        'reset refuses to wipe external servers; delete topics or data there by hand if you mean it',
      );
    },
  };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^/@\s]*)@/, '//***@');
}
