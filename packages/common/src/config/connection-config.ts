import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { DeepReadonly } from './parse-config';
import { booleanSetting, hostPortList, httpUrl } from './settings';
import { parseRedisUrl } from '../redis/redis-client';
import { TOPIC_NAMESPACE_RULE, TOPIC_NAMESPACE_SHAPE } from '../kafka/waspada-topics';

/**
 * How every service reaches Kafka and the schema registry. The same variables point a service at
 * the local stack or at a real cluster with SASL and TLS.
 */
export const brokerSettings = {
  KAFKA_BROKERS: hostPortList,
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  KAFKA_SSL: booleanSetting(false),
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  KAFKA_SSL_CERT_FILE: z.string().min(1).optional(),
  KAFKA_SSL_KEY_FILE: z.string().min(1).optional(),
  KAFKA_SSL_REJECT_UNAUTHORIZED: booleanSetting(true),
  KAFKA_SASL_MECHANISM: z
    .enum(['plain', 'scram-sha-256', 'scram-sha-512'], {
      message: 'expected plain, scram-sha-256 or scram-sha-512',
    })
    .optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** The password in a file (a mounted secret), rather than in the environment. */
  KAFKA_SASL_PASSWORD_FILE: z.string().min(1).optional(),
  SCHEMA_REGISTRY_URL: httpUrl,
  SCHEMA_REGISTRY_USERNAME: z.string().min(1).optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().min(1).optional(),
  /** A prefix of every topic name (see TOPIC_NAMESPACE), read where the names are made; checked here. */
  WASPADA_TOPIC_NAMESPACE: z.string().regex(TOPIC_NAMESPACE_SHAPE, TOPIC_NAMESPACE_RULE).optional(),
} as const;

const redisUrl = z.string().superRefine((value, ctx) => {
  try {
    parseRedisUrl(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/** How a service that keeps state reaches Kafka, the schema registry and Redis. */
export const connectionSettings = { ...brokerSettings, REDIS_URL: redisUrl } as const;

/**
 * For a service that never opens Redis (the agency producers): REDIS_URL is not required, and is
 * still accepted (checked, then unused), so one environment can serve every service.
 */
export const brokerOnlySettings = { ...brokerSettings, REDIS_URL: redisUrl.optional() } as const;

/**
 * Every connection variable, for a service that opens no connection (the simulator, the agency
 * inbox) but is started with the same environment as the rest: it accepts them all unread instead
 * of refusing one as unknown.
 */
export const CONNECTION_SETTING_NAMES: readonly string[] = Object.keys(connectionSettings);

type BrokerValues = z.infer<z.ZodObject<typeof brokerSettings>>;

/**
 * Checks that span several connection settings. Services that add their own settings to
 * connectionSettings or brokerOnlySettings refine their schema with this too.
 */
export function checkConnectionSettings(value: BrokerValues, ctx: z.RefinementCtx): void {
  const password = value.KAFKA_SASL_PASSWORD ?? value.KAFKA_SASL_PASSWORD_FILE;
  if (value.KAFKA_SASL_MECHANISM && !(value.KAFKA_SASL_USERNAME && password)) {
    ctx.addIssue({
      code: 'custom',
      path: ['KAFKA_SASL_USERNAME'],
      message:
        'KAFKA_SASL_MECHANISM is set, so KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE) are required',
    });
  }
  if (value.KAFKA_SASL_PASSWORD && value.KAFKA_SASL_PASSWORD_FILE) {
    ctx.addIssue({
      code: 'custom',
      path: ['KAFKA_SASL_PASSWORD_FILE'],
      message: 'set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both',
    });
  }
  if (Boolean(value.SCHEMA_REGISTRY_USERNAME) !== Boolean(value.SCHEMA_REGISTRY_PASSWORD)) {
    ctx.addIssue({
      code: 'custom',
      path: ['SCHEMA_REGISTRY_USERNAME'],
      message: 'set both SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD, or neither',
    });
  }
}

export const connectionSchema = z.object(connectionSettings).superRefine(checkConnectionSettings);

export type ConnectionEnv = z.infer<typeof connectionSchema>;
export type BrokerEnv = z.infer<z.ZodObject<typeof brokerSettings>>;

export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl?: {
    readonly ca?: string;
    readonly cert?: string;
    readonly key?: string;
    readonly rejectUnauthorized: boolean;
  };
  readonly sasl?: {
    readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    readonly username: string;
    readonly password: string;
  };
}

export interface RegistryConnection {
  readonly url: string;
  readonly auth?: { readonly username: string; readonly password: string };
}

export interface BrokerConnections {
  readonly kafka: KafkaConnection;
  readonly registry: RegistryConnection;
}

export interface Connections extends BrokerConnections {
  readonly redisUrl: string;
}

function readSecretFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(
      `KAFKA_SASL_PASSWORD_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        cause: error,
      },
    );
  }
}

/** Turns validated settings into client options; certificate files are read here, once. */
export function toConnections(env: DeepReadonly<ConnectionEnv>, defaultClientId: string): Connections {
  return { ...toBrokerConnections(env, defaultClientId), redisUrl: env.REDIS_URL };
}

/** The Kafka and registry half of toConnections, for a service that never opens Redis. */
export function toBrokerConnections(
  env: DeepReadonly<BrokerEnv>,
  defaultClientId: string,
): BrokerConnections {
  const readPem = (file: string | undefined) => (file ? readFileSync(file, 'utf8') : undefined);
  const ssl = env.KAFKA_SSL
    ? {
        ca: readPem(env.KAFKA_SSL_CA_FILE),
        cert: readPem(env.KAFKA_SSL_CERT_FILE),
        key: readPem(env.KAFKA_SSL_KEY_FILE),
        rejectUnauthorized: env.KAFKA_SSL_REJECT_UNAUTHORIZED,
      }
    : undefined;
  const password =
    env.KAFKA_SASL_PASSWORD ?? (env.KAFKA_SASL_PASSWORD_FILE && readSecretFile(env.KAFKA_SASL_PASSWORD_FILE));
  const sasl =
    env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && password
      ? { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password }
      : undefined;
  const registryAuth =
    env.SCHEMA_REGISTRY_USERNAME && env.SCHEMA_REGISTRY_PASSWORD
      ? { username: env.SCHEMA_REGISTRY_USERNAME, password: env.SCHEMA_REGISTRY_PASSWORD }
      : undefined;
  return {
    kafka: {
      brokers: [...env.KAFKA_BROKERS],
      clientId: env.KAFKA_CLIENT_ID ?? defaultClientId,
      ...(ssl && { ssl }),
      ...(sasl && { sasl }),
    },
    registry: { url: env.SCHEMA_REGISTRY_URL, ...(registryAuth && { auth: registryAuth }) },
  };
}
