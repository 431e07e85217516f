/** The public entry of @waspada/common: services import from here and nowhere deeper. */
export * from './errors';
export * from './config/parse-config';
export * from './config/settings';
export * from './config/connection-config';
export * from './logging/mask';
export * from './logging/logger';
export * from './kafka/kafka-types';
export * from './kafka/kafkajs-adapter';
export * from './kafka/topics';
export * from './kafka/waspada-topics';
export * from './registry/schema-registry';
export * from './registry/avro-serde';
export * from './redis/redis-client';
export * from './ops/metrics';
export * from './ops/ops-server';
export * from './ops/shutdown';
export * from './ops/measure';
