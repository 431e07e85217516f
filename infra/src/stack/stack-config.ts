import { resolve } from 'node:path';
import { z } from 'zod';
import {
  connectionSettings,
  parseEnvConfig,
  portSetting,
  type Connections,
  type DeepReadonly,
} from '@waspada/common';

/** The repository root: infra/dist/stack → ../../.. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * Stack settings. Every port and the state folder can be moved, so two stacks (a developer's and a
 * test's) run side by side without touching each other or a system-wide Redis on 6379.
 */
const stackSchema = z.object({
  // Made absolute where given: the servers run with their own folder as working directory, where a
  // relative path would name another place.
  WASPADA_STACK_DIR: z
    .string()
    .min(1)
    .transform((dir) => resolve(dir))
    .default(resolve(REPO_ROOT, '.waspada', 'stack')),
  WASPADA_CACHE_DIR: z
    .string()
    .min(1)
    .transform((dir) => resolve(dir))
    .default(resolve(REPO_ROOT, '.waspada', 'cache')),
  WASPADA_STACK_PROVIDER: z
    .enum(['auto', 'external', 'testcontainers', 'local'], {
      message: 'expected auto, external, testcontainers or local',
    })
    .default('auto'),
  WASPADA_KAFKA_PORT: portSetting(19092),
  WASPADA_KAFKA_CONTROLLER_PORT: portSetting(19093),
  WASPADA_REGISTRY_PORT: portSetting(18081),
  WASPADA_REGISTRY_MANAGEMENT_PORT: portSetting(18082),
  WASPADA_REDIS_PORT: portSetting(16379),
  WASPADA_REGISTRY_JAVA_HOME: z.string().min(1).optional(),
  /**
   * `sasl-ssl`: the local broker takes clients over TLS with SCRAM-SHA-512 only, one user per
   * service, and Kafka ACLs confine each to its own topics (infra/src/security/kafka-acls.ts).
   */
  WASPADA_KAFKA_SECURITY: z
    .enum(['none', 'sasl-ssl'], { message: 'expected none or sasl-ssl' })
    .default('none'),
  /**
   * Kafka nodes of the local stack, each a KRaft controller and broker in one process: 1, or 3 in
   * one quorum as a national deployment runs (node n listens on WASPADA_KAFKA_PORT + 2(n-1), its
   * controller on WASPADA_KAFKA_CONTROLLER_PORT + 2(n-1)), where topics get three replicas and
   * min.insync.replicas=2, so one node may die without losing an acknowledged record.
   */
  WASPADA_KAFKA_NODES: z
    .enum(['1', '3'], { message: 'expected 1 (one node) or 3 (a three-node cluster)' })
    .default('1')
    .transform(Number),
  /**
   * Redis servers of the local stack: 1, or 3 masters of one Redis Cluster (master n listens on
   * WASPADA_REDIS_PORT - (n-1), its cluster bus 10000 above), each person's keys on one master by
   * their hash tag. Services then reach it as redis-cluster://host:port,host:port,host:port.
   */
  WASPADA_REDIS_NODES: z
    .enum(['1', '3'], { message: 'expected 1 (one server) or 3 (a three-master Redis Cluster)' })
    .default('1')
    .transform(Number),
  /** Replicas of each Waspada topic: by default one per local Kafka node (1 or 3); 3 on a production cluster. */
  WASPADA_TOPIC_REPLICATION_FACTOR: z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .positive()
    .optional(),
  KAFKA_BROKERS: z.string().min(1).optional(),
  SCHEMA_REGISTRY_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
});

export type StackSettings = DeepReadonly<z.infer<typeof stackSchema>>;

/** TLS, SASL and registry credentials belong to the connection settings, read where they are used. */
const CONNECTION_SETTING_NAMES = Object.keys(connectionSettings);

/** Settings of the stack itself, which a service has no use for. */
export const STACK_ONLY_SETTING_NAMES = Object.keys(stackSchema.shape).filter((name) =>
  name.startsWith('WASPADA_'),
);

/** Names of the variables the stack reads, so services started under it do not report them. */
export const STACK_SETTING_NAMES = [
  ...new Set([...Object.keys(stackSchema.shape), ...CONNECTION_SETTING_NAMES]),
];

export function loadStackSettings(
  env: NodeJS.ProcessEnv = process.env,
  knownElsewhere: readonly string[] = [],
): StackSettings {
  return parseEnvConfig(stackSchema, env, {
    service: 'waspada-stack',
    knownElsewhere: [...CONNECTION_SETTING_NAMES, ...knownElsewhere],
  });
}

/**
 * Pinned versions of the servers the local stack runs. The Kafka version is passed to Maven
 * (infra/maven/kafka/pom.xml); infra/docker-compose.yml names the same images.
 */
export const VERSIONS = {
  kafka: '4.3.1',
  apicurio: '3.3.3',
  minKafkaJava: 17,
  minRegistryJava: 21,
} as const;

/** Replicas of each topic: as set, or one per local Kafka node. */
export function topicReplicationFactor(settings: StackSettings): number {
  return settings.WASPADA_TOPIC_REPLICATION_FACTOR ?? settings.WASPADA_KAFKA_NODES;
}

/** The broker listener and controller listener of local Kafka node n (1-based). */
export function kafkaNodePorts(
  settings: StackSettings,
  node: number,
): { port: number; controllerPort: number } {
  return {
    port: settings.WASPADA_KAFKA_PORT + 2 * (node - 1),
    controllerPort: settings.WASPADA_KAFKA_CONTROLLER_PORT + 2 * (node - 1),
  };
}

/** Local Redis master n (1-based): ports go down from WASPADA_REDIS_PORT, clear of the others' ports. */
export function redisNodePort(settings: StackSettings, node: number): number {
  return settings.WASPADA_REDIS_PORT - (node - 1);
}

/** Plain connections to servers on this machine, without TLS or credentials. */
export function localConnections(
  kafkaPorts: number | readonly number[],
  registryPort: number,
  redisPorts: number | readonly number[],
): Connections {
  const ports = typeof kafkaPorts === 'number' ? [kafkaPorts] : kafkaPorts;
  const redis = typeof redisPorts === 'number' ? [redisPorts] : redisPorts;
  return {
    kafka: { brokers: ports.map((port) => `127.0.0.1:${port}`), clientId: 'waspada-stack' },
    registry: { url: `http://127.0.0.1:${registryPort}/apis/ccompat/v7` },
    redisUrl:
      redis.length === 1
        ? `redis://127.0.0.1:${redis[0]}`
        : `redis-cluster://${redis.map((port) => `127.0.0.1:${port}`).join(',')}`,
  };
}

/**
 * Environment for a client of these servers. On a secured stack, `kafkaClient` is the principal's
 * TLS and SASL settings (StackProvider.kafkaClientEnv); elsewhere TLS and SASL settings pass through
 * as set.
 */
export function endpointEnv(
  connections: Connections,
  kafkaClient: Record<string, string> = {},
): Record<string, string> {
  return {
    KAFKA_BROKERS: connections.kafka.brokers.join(','),
    SCHEMA_REGISTRY_URL: connections.registry.url,
    REDIS_URL: connections.redisUrl,
    ...kafkaClient,
  };
}
