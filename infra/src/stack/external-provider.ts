import type { StackEndpoints } from './stack-config';
import { kafkaHealthy, redisHealthy, registryHealthy } from './health';
import { StackError, type ComponentStatus, type StackProvider } from './stack';

/**
 * Servers someone else runs (a real deployment): the stack only checks that they answer. It never
 * starts, stops or wipes them.
 */
export function createExternalProvider(endpoints: StackEndpoints): StackProvider {
  async function statuses(): Promise<ComponentStatus[]> {
    const [kafka, registry, redis] = await Promise.all([
      kafkaHealthy(endpoints.kafkaBrokers),
      registryHealthy(endpoints.schemaRegistryUrl),
      redisHealthy(endpoints.redisUrl),
    ]);
    return [
      {
        name: 'kafka',
        endpoint: endpoints.kafkaBrokers.join(','),
        running: kafka,
        healthy: kafka,
        detail: 'KAFKA_BROKERS',
      },
      {
        name: 'registry',
        endpoint: endpoints.schemaRegistryUrl,
        running: registry,
        healthy: registry,
        detail: 'SCHEMA_REGISTRY_URL',
      },
      { name: 'redis', endpoint: endpoints.redisUrl, running: redis, healthy: redis, detail: 'REDIS_URL' },
    ];
  }
  return {
    kind: 'external',
    endpoints,
    async up() {
      const begin = Date.now();
      const down = (await statuses()).filter((status) => !status.healthy);
      if (down.length > 0) {
        throw new StackError(
          'WSP_STACK_UNHEALTHY',
          `external endpoints do not answer: ${down.map((status) => `${status.name} at ${status.endpoint} (${status.detail})`).join('; ')}. ` +
            'Fix those variables, or unset all three to run the local stack.',
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
