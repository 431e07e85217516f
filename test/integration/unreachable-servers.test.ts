import {
  connectRedis,
  createKafkaClient,
  createLogger,
  createRedis,
  createSchemaRegistryClient,
} from '@waspada/common';

const logger = createLogger({ service: 'unreachable-test', level: 'silent' });

/** Real connection attempts to ports where nothing listens: the errors must say what to fix. */
describe('clear errors when a server does not answer', () => {
  it('names the registry URL and what to do when the registry is unreachable', async () => {
    const registry = createSchemaRegistryClient({ url: 'http://127.0.0.1:29998/apis/ccompat/v7' });
    await expect(registry.ping()).rejects.toMatchObject({
      code: 'WSP_REGISTRY_UNREACHABLE',
      message: expect.stringMatching(
        /http:\/\/127\.0\.0\.1:29998\/apis\/ccompat\/v7 is unreachable.*SCHEMA_REGISTRY_URL/,
      ),
    });
  });

  it('names the broker addresses when no Kafka broker answers', async () => {
    const admin = createKafkaClient({ brokers: ['127.0.0.1:29997'], clientId: 'unreachable-test' }, logger, {
      retries: 1,
      connectionTimeoutMs: 500,
    }).admin();
    try {
      await expect(admin.connect()).rejects.toMatchObject({
        code: 'WSP_KAFKA_UNREACHABLE',
        message: expect.stringMatching(/no Kafka broker answered at 127\.0\.0\.1:29997.*KAFKA_BROKERS/),
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('names the Redis URL without its password when Redis does not answer', async () => {
    const url = 'redis://:hunter2@127.0.0.1:29996';
    const redis = createRedis(url);
    redis.on('error', () => undefined);
    try {
      const failure = connectRedis(redis, url);
      await expect(failure).rejects.toMatchObject({ code: 'WSP_REDIS_UNREACHABLE' });
      await failure.catch((error: Error) => {
        expect(error.message).toContain('redis://:***@127.0.0.1:29996');
        expect(error.message).not.toContain('hunter2');
      });
    } finally {
      redis.disconnect();
    }
  });
});
