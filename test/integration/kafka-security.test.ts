import { randomUUID } from 'node:crypto';
import {
  connectionSchema,
  createKafkaClient,
  parseEnvConfig,
  TOPICS,
  toConnections,
  type Connections,
  type KafkaClient,
} from '@waspada/common';
import { PASSPORT_AGENCY, startProducerService } from '@waspada/producer-kit';
import { logger, openTestKit, readTopicUntil, type TestKit } from './support/clients';
import { openPrivateStack, type RunningPrivateStack } from './support/private-stack';
import { samples } from './support/samples';

/**
 * The local stack with authentication (WASPADA_KAFKA_SECURITY=sasl-ssl): TLS and SCRAM-SHA-512 on the
 * broker, one credential per service, and ACLs that confine each service to its own topics. The
 * services are configured exactly as they would be for a real cluster (KAFKA_SSL_CA_FILE,
 * KAFKA_SASL_*), from the environment the launcher gives them.
 */
describe('a secured broker (SASL/SCRAM over TLS, one credential per service, ACLs)', () => {
  let running: RunningPrivateStack;
  let admin: TestKit;

  /** A service's connections, parsed from the environment `npm start` would give it. */
  const connectionsOf = (principal: string): Connections =>
    toConnections(
      parseEnvConfig(
        connectionSchema,
        {
          KAFKA_BROKERS: running.connections.kafka.brokers.join(','),
          SCHEMA_REGISTRY_URL: running.connections.registry.url,
          REDIS_URL: running.connections.redisUrl,
          ...running.stack.kafkaClientEnv?.(principal),
        },
        { service: principal },
      ),
      `test-${principal}`,
    );
  const clientOf = (principal: string): KafkaClient =>
    createKafkaClient(connectionsOf(principal).kafka, logger, { retries: 1 });

  /** The whole chain of causes, where KafkaJS names the refusal (TOPIC_AUTHORIZATION_FAILED...). */
  const refusal = (error: unknown): string => {
    const parts: string[] = [];
    for (let current = error; current instanceof Error; current = current.cause)
      parts.push(`${current.name} ${current.message} ${(current as { type?: string }).type ?? ''}`);
    return parts.join(' | ');
  };
  /** What refused the operation; fails the test when nothing did. */
  const refusalOf = async (operation: Promise<unknown>): Promise<string> => {
    const error = await operation.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    return refusal(error);
  };
  const write = async (principal: string, topic: string) => {
    const producer = clientOf(principal).producer();
    await producer.connect();
    try {
      await producer.send([{ topic, key: samples.passport.nik, value: Buffer.from('not a record') }]);
    } finally {
      await producer.disconnect();
    }
  };
  const read = async (principal: string, topic: string) => {
    const consumer = clientOf(principal).consumer({ groupId: `waspada-security-test-${randomUUID()}` });
    const failed = new Promise<never>((_resolve, reject) => {
      // A refused consumer crashes (and is started again until it is closed): its first crash says why.
      consumer.onCrash((error) => reject(error));
    });
    await consumer.connect();
    try {
      await consumer.subscribe([topic], { fromBeginning: true });
      await Promise.race([consumer.run(() => Promise.resolve()), failed]);
      await failed;
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  };

  beforeAll(async () => {
    running = await openPrivateStack(29600, { WASPADA_KAFKA_SECURITY: 'sasl-ssl' });
    admin = await openTestKit(running.connections);
  }, 300_000);
  afterAll(async () => {
    await admin?.close();
    await running?.close();
  }, 120_000);

  it('refuses a client without credentials, and one with a wrong password', async () => {
    const plain = createKafkaClient(
      { brokers: running.connections.kafka.brokers, clientId: 'test-no-credentials' },
      logger,
      { retries: 0, connectionTimeoutMs: 2_000 },
    ).admin();
    await expect(plain.connect().then(() => plain.listTopics())).rejects.toThrow();
    await plain.disconnect().catch(() => undefined);

    const connections = connectionsOf('passport-producer');
    const wrong = createKafkaClient(
      {
        ...connections.kafka,
        sasl: { mechanism: 'scram-sha-512', username: 'passport-producer', password: 'not-the-password' },
      },
      logger,
      { retries: 0 },
    ).admin();
    const error = await wrong.connect().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(refusal(error)).toMatch(/SASL|[Aa]uthentication/);
    await wrong.disconnect().catch(() => undefined);
  });

  it("lets the passport producer write only Immigration's passport topic and read no alerts", async () => {
    expect(await refusalOf(write('passport-producer', TOPICS.placement))).toMatch(
      /TOPIC_AUTHORIZATION_FAILED|not authorized/i,
    );
    expect(await refusalOf(read('passport-producer', TOPICS.alerts))).toMatch(
      /AUTHORIZATION_FAILED|not authorized/i,
    );

    // The passport service itself, configured from its environment, publishes a record it is given.
    const service = await startProducerService(
      PASSPORT_AGENCY,
      { connections: connectionsOf('passport-producer'), host: '127.0.0.1', port: 0 },
      logger,
    );
    try {
      const eventId = randomUUID();
      const response = await fetch(`${service.ops.address()}/v1/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...samples.passport,
          eventId,
          eventTime: Date.now() - 60_000,
          recordTime: undefined,
        }),
      });
      expect(response.status).toBe(202);
      const records = await readTopicUntil(
        admin,
        TOPICS.passport,
        (all) => all.some((record) => record.headers['waspada-event-id']?.toString() === eventId),
        'the passport record',
      );
      expect(records.length).toBeGreaterThan(0);
    } finally {
      await service.close();
    }
  });

  it('confines the processor and the notifier to their own parts', async () => {
    // The processor reads the agencies and writes alerts, but cannot forge an agency's record.
    await write('risk-processor', TOPICS.alerts);
    expect(await refusalOf(write('risk-processor', TOPICS.passport))).toMatch(
      /TOPIC_AUTHORIZATION_FAILED|not authorized/i,
    );
    // The notifier reads alerts but cannot write one.
    expect(await refusalOf(write('notifier', TOPICS.alerts))).toMatch(
      /TOPIC_AUTHORIZATION_FAILED|not authorized/i,
    );
    // The placement producer cannot write Immigration's topic either.
    expect(await refusalOf(write('placement-producer', TOPICS.passport))).toMatch(
      /TOPIC_AUTHORIZATION_FAILED|not authorized/i,
    );
  });
});
