import { resolve } from 'node:path';
import { z } from 'zod';
import { booleanSetting, parseEnvConfig, portSetting, type DeepReadonly } from '@waspada/common';

/** The repository root: infra/dist/stack → ../../.. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * Stack settings. Every port and the state folder can be moved, so two stacks (a developer's and a
 * test's) run side by side without touching each other or a system-wide Redis on 6379.
 */
const stackSchema = z.object({
  WASPADA_STACK_DIR: z
    .string()
    .min(1)
    .default(resolve(REPO_ROOT, '.waspada', 'stack')),
  WASPADA_CACHE_DIR: z
    .string()
    .min(1)
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
  WASPADA_STACK_QUIET: booleanSetting(false),
  KAFKA_BROKERS: z.string().min(1).optional(),
  SCHEMA_REGISTRY_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
});

export type StackSettings = DeepReadonly<z.infer<typeof stackSchema>>;

/** Names of the variables the stack reads, so services started under it do not report them. */
export const STACK_SETTING_NAMES = Object.keys(stackSchema.shape);

export function loadStackSettings(
  env: NodeJS.ProcessEnv = process.env,
  knownElsewhere: readonly string[] = [],
): StackSettings {
  return parseEnvConfig(stackSchema, env, { service: 'waspada-stack', knownElsewhere });
}

/** Pinned versions of the servers the local stack runs; the Kafka version lives in infra/maven/kafka/pom.xml. */
export const VERSIONS = {
  kafka: '4.3.1',
  apicurio: '3.3.3',
  minKafkaJava: 17,
  minRegistryJava: 21,
} as const;

export interface StackEndpoints {
  readonly kafkaBrokers: readonly string[];
  readonly schemaRegistryUrl: string;
  readonly redisUrl: string;
}

/** Environment for a service started against these endpoints. */
export function endpointEnv(endpoints: StackEndpoints): Record<string, string> {
  return {
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
    REDIS_URL: endpoints.redisUrl,
  };
}
