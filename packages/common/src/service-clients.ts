import type { Connections } from './config/connection-config';
import type { KafkaClient } from './kafka/kafka-types';
import { createKafkaClient } from './kafka/kafkajs-adapter';
import type { Logger } from './logging/logger';
import { connectRedis, createRedis, type Redis } from './redis/redis-client';
import { createSchemaRegistryClient, type SchemaRegistryClient } from './registry/schema-registry';

export interface ServiceClients {
  readonly registry: SchemaRegistryClient;
  readonly redis: Redis;
  readonly kafka: KafkaClient;
}

/**
 * The clients a pipeline service opens at start: the schema registry (asked to answer), Redis
 * (connected) and Kafka (named `clientId` in the brokers' logs and quotas). Each fails with a
 * WaspadaError naming the server and the setting to fix, so a service that cannot reach one stops
 * at start rather than at its first record.
 */
export async function openServiceClients(
  connections: Connections,
  logger: Logger,
  clientId?: string,
): Promise<ServiceClients> {
  const registry = createSchemaRegistryClient(connections.registry);
  await registry.ping();
  const redis = createRedis(connections.redisUrl);
  await connectRedis(redis, connections.redisUrl);
  const kafka = createKafkaClient(
    { ...connections.kafka, ...(clientId !== undefined && { clientId }) },
    logger,
  );
  return { registry, redis, kafka };
}
