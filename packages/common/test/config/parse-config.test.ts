import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  brokerOnlySettings,
  CONNECTION_SETTING_NAMES,
  connectionSchema,
  parseEnvConfig,
  portSetting,
  toBrokerConnections,
  toConnections,
  WaspadaError,
} from '../../src';

const schema = z.object({
  WASPADA_HTTP_PORT: portSetting(8080),
  KAFKA_BROKERS: z.string(),
});

describe('parseEnvConfig', () => {
  it('applies defaults and freezes the result', () => {
    const config = parseEnvConfig(schema, { KAFKA_BROKERS: 'b:1' }, { service: 'demo' });
    expect(config).toEqual({ WASPADA_HTTP_PORT: 8080, KAFKA_BROKERS: 'b:1' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once, each naming the variable', () => {
    const attempt = () => parseEnvConfig(schema, { WASPADA_HTTP_PORT: '99999' }, { service: 'demo' });
    expect(attempt).toThrow(WaspadaError);
    expect(attempt).toThrow(/demo cannot start/);
    expect(attempt).toThrow(/WASPADA_HTTP_PORT: a port is between 1 and 65535 \(got "99999"\)/);
    expect(attempt).toThrow(/KAFKA_BROKERS: /);
  });

  it('refuses an unknown Waspada variable and suggests the likely intended one', () => {
    expect(() =>
      parseEnvConfig(schema, { KAFKA_BROKERS: 'b:1', WASPADA_HTTP_PROT: '1' }, { service: 'demo' }),
    ).toThrow(/WASPADA_HTTP_PROT: not a setting of demo \(did you mean WASPADA_HTTP_PORT\?\)/);
  });

  it('ignores variables that are not Waspada settings and those another component reads', () => {
    const env = { KAFKA_BROKERS: 'b:1', HOME: '/root', WASPADA_STACK_DIR: '/tmp' };
    expect(() =>
      parseEnvConfig(schema, env, { service: 'demo', knownElsewhere: ['WASPADA_STACK_DIR'] }),
    ).not.toThrow();
  });

  it('lets a service without connections take the whole connection environment of the others', () => {
    const env = {
      KAFKA_BROKERS: 'b:1',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'waspada',
      SCHEMA_REGISTRY_USERNAME: 'waspada',
      REDIS_URL: 'redis://r:6379',
    };
    const own = z.object({ WASPADA_HTTP_PORT: portSetting(18110) });
    expect(() => parseEnvConfig(own, env, { service: 'demo' })).toThrow(/KAFKA_SASL_USERNAME: not a setting/);
    expect(parseEnvConfig(own, env, { service: 'demo', knownElsewhere: CONNECTION_SETTING_NAMES })).toEqual({
      WASPADA_HTTP_PORT: 18110,
    });
  });

  it('never echoes the credentials in a URL it refuses', () => {
    const urlSchema = z.object({ REDIS_URL: z.string().startsWith('rediss://') });
    const attempt = () =>
      parseEnvConfig(urlSchema, { REDIS_URL: 'redis://user:s3cret@host:6379' }, { service: 'demo' });
    expect(attempt).toThrow(/got "redis:\/\/\*\*\*@host:6379"/);
    expect(attempt).not.toThrow(/s3cret/);
  });

  it('never echoes a secret it refuses', () => {
    const secretSchema = z.object({ KAFKA_SASL_PASSWORD: z.string().min(20) });
    expect(() =>
      parseEnvConfig(secretSchema, { KAFKA_SASL_PASSWORD: 'short-secret' }, { service: 'demo' }),
    ).toThrow(/KAFKA_SASL_PASSWORD: .*\(got "\*\*\*"\)/);
  });
});

describe('connection settings', () => {
  const base = {
    KAFKA_BROKERS: '10.0.0.1:9092, 10.0.0.2:9092',
    SCHEMA_REGISTRY_URL: 'https://registry.example/apis/ccompat/v7/',
    REDIS_URL: 'rediss://redis.example:6380',
  };

  it('turns SASL and TLS settings into client options', () => {
    const env = parseEnvConfig(
      connectionSchema,
      {
        ...base,
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      },
      { service: 'demo' },
    );
    const connections = toConnections(env, 'demo');
    expect(connections.kafka).toEqual({
      brokers: ['10.0.0.1:9092', '10.0.0.2:9092'],
      clientId: 'demo',
      ssl: { ca: undefined, cert: undefined, key: undefined, rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
    });
    expect(connections.registry.url).toBe('https://registry.example/apis/ccompat/v7');
  });

  it('requires credentials when a SASL mechanism is chosen', () => {
    expect(() =>
      parseEnvConfig(connectionSchema, { ...base, KAFKA_SASL_MECHANISM: 'plain' }, { service: 'demo' }),
    ).toThrow(
      /KAFKA_SASL_USERNAME: KAFKA_SASL_MECHANISM is set, so KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD \(or KAFKA_SASL_PASSWORD_FILE\) are required/,
    );
  });

  it('reads the SASL password from a file, and names a file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waspada-secret-'));
    const file = join(dir, 'passport-producer.password');
    writeFileSync(file, 's3cret-from-a-mounted-file\n');
    const settings = {
      ...base,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'passport-producer',
    };
    const env = parseEnvConfig(
      connectionSchema,
      { ...settings, KAFKA_SASL_PASSWORD_FILE: file },
      { service: 'demo' },
    );
    expect(toConnections(env, 'demo').kafka.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'passport-producer',
      password: 's3cret-from-a-mounted-file',
    });
    const missing = parseEnvConfig(
      connectionSchema,
      { ...settings, KAFKA_SASL_PASSWORD_FILE: join(dir, 'absent') },
      { service: 'demo' },
    );
    expect(() => toConnections(missing, 'demo')).toThrow(
      /KAFKA_SASL_PASSWORD_FILE: cannot read .*absent \(ENOENT\)/,
    );
    expect(() =>
      parseEnvConfig(
        connectionSchema,
        { ...settings, KAFKA_SASL_PASSWORD: 'x', KAFKA_SASL_PASSWORD_FILE: file },
        { service: 'demo' },
      ),
    ).toThrow(/KAFKA_SASL_PASSWORD_FILE: set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both/);
  });

  it('refuses a broker list that is not host:port', () => {
    expect(() =>
      parseEnvConfig(connectionSchema, { ...base, KAFKA_BROKERS: 'localhost' }, { service: 'demo' }),
    ).toThrow(/KAFKA_BROKERS: expected a comma-separated list of host:port/);
  });

  it('lets a service that never opens Redis start without REDIS_URL, and still checks one given', () => {
    const brokerOnly = z.object(brokerOnlySettings);
    const { REDIS_URL: _unused, ...withoutRedis } = base;
    const env = parseEnvConfig(brokerOnly, withoutRedis, { service: 'demo' });
    expect(toBrokerConnections(env, 'demo')).toEqual({
      kafka: { brokers: ['10.0.0.1:9092', '10.0.0.2:9092'], clientId: 'demo' },
      registry: { url: 'https://registry.example/apis/ccompat/v7' },
    });
    expect(() =>
      parseEnvConfig(brokerOnly, { ...base, REDIS_URL: 'redis.example:6379' }, { service: 'demo' }),
    ).toThrow(/REDIS_URL/);
    expect(() => parseEnvConfig(connectionSchema, withoutRedis, { service: 'demo' })).toThrow(/REDIS_URL/);
  });
});
