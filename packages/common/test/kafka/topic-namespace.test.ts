import { connectionSchema } from '../../src/config/connection-config';
import { parseEnvConfig } from '../../src/config/parse-config';
import { isWaspadaError } from '../../src/errors';
import { TOPIC_NAMESPACE, TOPICS, topicNamespaceOf } from '../../src/kafka/waspada-topics';

const connections = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

describe('the topic namespace', () => {
  it('leaves the production names alone when unset', () => {
    expect(TOPIC_NAMESPACE).toBe('');
    expect(TOPICS.alerts).toBe('waspada.risk.alerts.v1');
    expect(topicNamespaceOf(undefined)).toBe('');
    expect(topicNamespaceOf('')).toBe('');
  });

  it('takes lower-case letters, digits and dashes', () => {
    expect(topicNamespaceOf('staging-2')).toBe('staging-2');
  });

  it.each(['Staging', 'a.b', '-lead', 'x'.repeat(49), 'ns_1'])('refuses %s, naming the setting', (value) => {
    let thrown: unknown;
    try {
      topicNamespaceOf(value);
    } catch (error) {
      thrown = error;
    }
    expect(isWaspadaError(thrown, 'WSP_CONFIG_INVALID')).toBe(true);
    expect((thrown as Error).message).toMatch(/^WASPADA_TOPIC_NAMESPACE: expected .*\(got/);
  });

  it('is checked with the connection settings of every service', () => {
    expect(() =>
      parseEnvConfig(
        connectionSchema,
        { ...connections, WASPADA_TOPIC_NAMESPACE: 'Bad.Name' },
        { service: 'demo' },
      ),
    ).toThrow(/WASPADA_TOPIC_NAMESPACE: expected 1 to 48 lower-case letters/);
    expect(
      parseEnvConfig(connectionSchema, { ...connections, WASPADA_TOPIC_NAMESPACE: 'qa' }, { service: 'demo' })
        .WASPADA_TOPIC_NAMESPACE,
    ).toBe('qa');
  });
});
