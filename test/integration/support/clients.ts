import { randomUUID } from 'node:crypto';
import {
  connectionSchema,
  createKafkaClient,
  createLogger,
  createSchemaRegistryClient,
  parseEnvConfig,
  toConnections,
  TOPIC_NAMESPACE,
  type Connections,
  type IncomingRecord,
  type KafkaAdmin,
  type KafkaClient,
  type SchemaRegistryClient,
} from '@waspada/common';
import { loadStackSettings, provision, STACK_SETTING_NAMES, topicReplicationFactor } from '@waspada/infra';

// TEST_LOG_LEVEL=info shows what the services under test say, when a test needs explaining.
export const logger = createLogger({
  service: 'integration-test',
  level: (process.env.TEST_LOG_LEVEL as 'info' | undefined) ?? 'error',
});

/** The endpoints the global set-up put in the environment, parsed as a service parses them. */
export function testConnections(): Connections {
  const env = parseEnvConfig(connectionSchema, process.env, {
    service: 'integration-tests',
    knownElsewhere: STACK_SETTING_NAMES,
  });
  return toConnections(env, `test-${randomUUID().slice(0, 8)}`);
}

/** The environment a service started as its own process gets: the endpoints, and the settings given. */
export function serviceEnv(connections: Connections, settings: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    KAFKA_BROKERS: connections.kafka.brokers.join(','),
    SCHEMA_REGISTRY_URL: connections.registry.url,
    REDIS_URL: connections.redisUrl,
    LOG_LEVEL: 'warn',
    // A file on topics of its own (own-topics.ts) starts its services on them too.
    ...(process.env.WASPADA_TOPIC_NAMESPACE && {
      WASPADA_TOPIC_NAMESPACE: process.env.WASPADA_TOPIC_NAMESPACE,
    }),
    ...settings,
  };
}

export function uniqueName(prefix: string): string {
  return `test-${prefix}-${randomUUID()}`;
}

export interface TestKit {
  readonly kafka: KafkaClient;
  readonly admin: KafkaAdmin;
  readonly registry: SchemaRegistryClient;
  /** A new topic just for this test, deleted when the kit closes. */
  topic(partitions: number, prefix?: string): Promise<string>;
  /** Runs at close, newest first: consumers, producers, then topics. */
  onClose(step: () => Promise<void>): void;
  close(): Promise<void>;
}

export async function openTestKit(connections: Connections = testConnections()): Promise<TestKit> {
  const kafka = createKafkaClient(connections.kafka, logger);
  const admin = kafka.admin();
  await admin.connect();
  const registry = createSchemaRegistryClient(connections.registry);
  const topics: string[] = [];
  const steps: (() => Promise<void>)[] = [];
  return {
    kafka,
    admin,
    registry,
    async topic(partitions, prefix = 'topic') {
      const name = uniqueName(prefix);
      await admin.createTopics([{ name, partitions, replicationFactor: 1, configs: {} }]);
      topics.push(name);
      return name;
    },
    onClose(step) {
      steps.push(step);
    },
    async close() {
      for (const step of steps.reverse()) await step().catch(() => undefined);
      if (topics.length > 0) await admin.deleteTopics(topics).catch(() => undefined);
      await admin.disconnect();
    },
  };
}

/**
 * One step of a long test, bounded: it fails naming the step when it takes longer than `timeoutMs`
 * (that bounds a hang, it asserts nothing about speed), and says on stdout how long it took, so the
 * output of a run that went wrong shows where the time went.
 */
export async function step<T>(what: string, work: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`gave up waiting: ${what} (over ${timeoutMs / 1_000} s)`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
    process.stdout.write(`  ${what}: ${((Date.now() - started) / 1_000).toFixed(1)} s\n`);
  }
}

/** Polls until `check` holds or the deadline passes; the deadline only bounds a hang, it asserts nothing about speed. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string | (() => string),
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`gave up waiting: ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  }
}

/**
 * Creates this file's own topics and subjects (see own-topics.ts, imported first) before its
 * tests, as the global set-up provisions the shared ones; they are left for the next `npm test`,
 * which starts from an empty stack.
 */
export function useOwnTopics(): void {
  beforeAll(async () => {
    if (!TOPIC_NAMESPACE) throw new Error('import ./support/own-topics first, before anything of Waspada');
    await provision(
      testConnections(),
      createLogger({ service: 'test-setup', level: 'warn' }),
      topicReplicationFactor(loadStackSettings(process.env)),
    );
  });
}

/** A kit opened before the file's tests and closed after them; call inside a describe block. */
export function useTestKit(): () => TestKit {
  let kit: TestKit | undefined;
  beforeAll(async () => {
    kit = await openTestKit();
  });
  afterAll(async () => {
    await kit?.close();
  });
  return () => {
    if (!kit) throw new Error('the test kit is opened in beforeAll; use it inside a test');
    return kit;
  };
}

/**
 * Reads a topic from the beginning with a fresh group until `done` holds for what was read. Shared
 * topics keep earlier runs' records, so callers look for their own event ids.
 */
export async function readTopicUntil(
  kit: TestKit,
  topic: string,
  done: (records: readonly IncomingRecord[]) => boolean,
  what: string,
): Promise<IncomingRecord[]> {
  const records: IncomingRecord[] = [];
  const consumer = kit.kafka.consumer({ groupId: uniqueName('reader') });
  await consumer.connect();
  try {
    await consumer.subscribe([topic], { fromBeginning: true });
    await consumer.run(async (batch) => {
      records.push(...batch.records);
    });
    await eventually(() => done(records), what);
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/**
 * A counter or gauge from a service's /metrics, 0 when the service does not answer or has no such
 * line. Every metric carries the service's default label (`name{service="..."} value`); `label`
 * picks one series, e.g. `outcome="applied"`.
 */
export async function metricValue(baseUrl: string, name: string, label?: string): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) }).catch(
    () => undefined,
  );
  const text = (await response?.text().catch(() => '')) ?? '';
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        (candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `)) &&
        (label === undefined || candidate.includes(label)),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}
