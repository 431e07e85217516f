import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLocalProvider,
  discoverServices,
  processSettings,
  dockerAnswers,
  loadStackSettings,
  localConnections,
  selectProvider,
  topicReplicationFactor,
} from '../src';
import { localComponents } from '../src/stack/local/components';

describe('stack settings', () => {
  it('has separate default ports that do not collide with a system Redis or Kafka', () => {
    const settings = loadStackSettings({});
    expect(settings.WASPADA_REDIS_PORT).not.toBe(6379);
    expect(settings.WASPADA_KAFKA_PORT).not.toBe(9092);
  });

  it('refuses a port that is not a number, naming the variable', () => {
    expect(() => loadStackSettings({ WASPADA_KAFKA_PORT: 'nine' })).toThrow(
      /WASPADA_KAFKA_PORT: expected a TCP port number/,
    );
  });

  it('makes a relative state folder absolute, since each server runs in a folder of its own', () => {
    const settings = loadStackSettings({ WASPADA_STACK_DIR: 'mine/stack', WASPADA_CACHE_DIR: 'cache' });
    expect(settings.WASPADA_STACK_DIR).toBe(join(process.cwd(), 'mine', 'stack'));
    expect(settings.WASPADA_CACHE_DIR).toBe(join(process.cwd(), 'cache'));
  });

  it('gives topics one replica per local Kafka node unless told otherwise', () => {
    expect(topicReplicationFactor(loadStackSettings({}))).toBe(1);
    expect(topicReplicationFactor(loadStackSettings({ WASPADA_KAFKA_NODES: '3' }))).toBe(3);
    expect(
      topicReplicationFactor(
        loadStackSettings({ WASPADA_KAFKA_NODES: '3', WASPADA_TOPIC_REPLICATION_FACTOR: '2' }),
      ),
    ).toBe(2);
    expect(() => loadStackSettings({ WASPADA_KAFKA_NODES: '2' })).toThrow(
      /WASPADA_KAFKA_NODES: expected 1 \(one node\) or 3/,
    );
  });

  it('puts three local Kafka nodes on the ports after the first, three Redis masters on the ports below, and refuses layouts they cannot run', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'waspada-layout-'));
    try {
      const three = createLocalProvider(
        loadStackSettings({
          WASPADA_STACK_DIR: stateDir,
          WASPADA_KAFKA_NODES: '3',
          WASPADA_KAFKA_PORT: '39092',
        }),
        () => undefined,
      );
      expect(three.connections.kafka.brokers).toEqual([
        '127.0.0.1:39092',
        '127.0.0.1:39094',
        '127.0.0.1:39096',
      ]);
      expect(
        createLocalProvider(
          loadStackSettings({
            WASPADA_STACK_DIR: stateDir,
            WASPADA_REDIS_NODES: '3',
            WASPADA_REDIS_PORT: '39379',
          }),
          () => undefined,
        ).connections.redisUrl,
      ).toBe('redis-cluster://127.0.0.1:39379,127.0.0.1:39378,127.0.0.1:39377');
      expect(() =>
        createLocalProvider(
          loadStackSettings({
            WASPADA_STACK_DIR: stateDir,
            WASPADA_REDIS_NODES: '3',
            WASPADA_REDIS_PORT: '60000',
          }),
          () => undefined,
        ),
      ).toThrow(/bus listens 10000 above its port.*WASPADA_REDIS_PORT to at most 55535/);
      expect(() => loadStackSettings({ WASPADA_REDIS_NODES: '2' })).toThrow(
        /WASPADA_REDIS_NODES: expected 1 \(one server\) or 3/,
      );
      expect(() =>
        createLocalProvider(
          loadStackSettings({ WASPADA_STACK_DIR: stateDir, WASPADA_TOPIC_REPLICATION_FACTOR: '3' }),
          () => undefined,
        ),
      ).toThrow(/WASPADA_TOPIC_REPLICATION_FACTOR=3 needs as many Kafka nodes.*WASPADA_KAFKA_NODES=3/);
      expect(() =>
        createLocalProvider(
          loadStackSettings({
            WASPADA_STACK_DIR: stateDir,
            WASPADA_KAFKA_NODES: '3',
            WASPADA_KAFKA_SECURITY: 'sasl-ssl',
          }),
          () => undefined,
        ),
      ).toThrow(/sasl-ssl runs on a one-node local stack/);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('data made for another layout', () => {
  it("refuses to start a Redis Cluster master on a single Redis's data, saying to reset", () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'waspada-layout-'));
    try {
      const settings = (nodes: string) =>
        loadStackSettings({ WASPADA_STACK_DIR: stateDir, WASPADA_REDIS_NODES: nodes });
      const redis = (nodes: string) =>
        localComponents(settings(nodes), { connections: localConnections(1, 2, 3), security: undefined })[2];
      redis('1')?.prepare(() => undefined);
      writeFileSync(join(stateDir, 'redis', 'data', 'appendonly.aof'), '');
      redis('1')?.prepare(() => undefined);
      expect(() => redis('3')?.prepare(() => undefined)).toThrow(
        /redis's data was made for a 1-node stack and WASPADA_REDIS_NODES is 3: run `npm run stack reset`/,
      );
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('choosing who runs the stack', () => {
  const choose = (env: NodeJS.ProcessEnv) => selectProvider(loadStackSettings(env), () => undefined, env);

  it('uses external servers with their TLS and SASL settings when their endpoints are given', async () => {
    const external = await choose({
      KAFKA_BROKERS: 'k1:9093,k2:9093',
      SCHEMA_REGISTRY_URL: 'https://r:8081/',
      SCHEMA_REGISTRY_USERNAME: 'reg',
      SCHEMA_REGISTRY_PASSWORD: 'pw',
      REDIS_URL: 'rediss://x:6380',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 'secret',
    });
    expect(external.kind).toBe('external');
    expect(external.connections.kafka).toMatchObject({
      brokers: ['k1:9093', 'k2:9093'],
      sasl: { mechanism: 'scram-sha-512', username: 'svc' },
      ssl: { rejectUnauthorized: true },
    });
    expect(external.connections.registry).toEqual({
      url: 'https://r:8081',
      auth: { username: 'reg', password: 'pw' },
    });
  });

  it('needs all three endpoints before it leaves the local stack', async () => {
    await expect(choose({ KAFKA_BROKERS: 'k:9092' })).rejects.toThrow(
      /set all of KAFKA_BROKERS, SCHEMA_REGISTRY_URL and REDIS_URL/,
    );
  });

  it('runs local processes when asked, on its own ports', async () => {
    const local = await choose({ WASPADA_STACK_PROVIDER: 'local', WASPADA_KAFKA_PORT: '29092' });
    expect(local.kind).toBe('local');
    expect(local.connections.kafka.brokers).toEqual(['127.0.0.1:29092']);
  });

  it('finds no Docker engine where there is no socket and no DOCKER_HOST', async () => {
    expect(await dockerAnswers(1_000, { socketPath: '/nonexistent/docker.sock', env: {} })).toBe(false);
  });
});

describe('service discovery for npm start', () => {
  it('gives a process database n of the stack Redis for redis-db:n', () => {
    expect(
      processSettings(
        { env: { WASPADA_SHADOW_REDIS_URL: 'redis-db:1', WASPADA_HTTP_PORT: '18121' } },
        'redis://127.0.0.1:16379',
      ),
    ).toEqual({ WASPADA_SHADOW_REDIS_URL: 'redis://127.0.0.1:16379/1', WASPADA_HTTP_PORT: '18121' });
    expect(() => processSettings({ env: { URL: 'redis-db:2' } }, undefined)).toThrow(
      'URL: redis-db:2 needs REDIS_URL',
    );
  });

  it('finds workspaces with a waspada section and orders them for start', () => {
    const root = mkdtempSync(join(tmpdir(), 'services-'));
    try {
      const write = (dir: string, pkg: object) => {
        mkdirSync(join(root, 'services', dir), { recursive: true });
        writeFileSync(join(root, 'services', dir, 'package.json'), JSON.stringify(pkg));
      };
      write('notifier', { name: '@waspada/notifier', waspada: { order: 30 } });
      write('producer', { name: '@waspada/producer', waspada: { order: 10 } });
      write('processor', {
        name: '@waspada/processor',
        waspada: {
          order: 20,
          processes: [{ name: 'jobs', order: 35, args: ['jobs'], env: { WASPADA_HTTP_PORT: '18121' } }],
        },
      });
      write('library', { name: '@waspada/library' });
      const services = discoverServices(root);
      expect(services.map((service) => service.name)).toEqual([
        '@waspada/producer',
        '@waspada/processor',
        '@waspada/notifier',
        '@waspada/processor jobs',
      ]);
      // The second process runs the same script with its command, as the workspace's principal.
      const jobs = services[3];
      expect(jobs?.main).toBe(services[1]?.main);
      expect(jobs).toMatchObject({ principal: 'processor', args: ['jobs'] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
