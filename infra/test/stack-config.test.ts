import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverServices, dockerAnswers, loadStackSettings, selectProvider } from '../src';

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

  it('uses external servers when their endpoints are given, and needs all three', async () => {
    const external = await selectProvider(
      loadStackSettings({
        KAFKA_BROKERS: 'k:9092',
        SCHEMA_REGISTRY_URL: 'http://r:8081/',
        REDIS_URL: 'redis://x:6379',
      }),
      () => undefined,
    );
    expect(external.kind).toBe('external');
    expect(external.endpoints.schemaRegistryUrl).toBe('http://r:8081');
    await expect(
      selectProvider(loadStackSettings({ KAFKA_BROKERS: 'k:9092' }), () => undefined),
    ).rejects.toThrow(/set all of KAFKA_BROKERS, SCHEMA_REGISTRY_URL and REDIS_URL/);
  });

  it('uses containers when a Docker engine answers and local processes otherwise', async () => {
    const provider = await selectProvider(loadStackSettings({}), () => undefined);
    expect(provider.kind).toBe((await dockerAnswers()) ? 'testcontainers' : 'local');
    const forced = await selectProvider(
      loadStackSettings({ WASPADA_STACK_PROVIDER: 'local' }),
      () => undefined,
    );
    expect(forced.kind).toBe('local');
  });
});

describe('service discovery for npm start', () => {
  it('finds workspaces with a waspada section and orders them for start', () => {
    const root = mkdtempSync(join(tmpdir(), 'services-'));
    try {
      const write = (dir: string, pkg: object) => {
        mkdirSync(join(root, 'services', dir), { recursive: true });
        writeFileSync(join(root, 'services', dir, 'package.json'), JSON.stringify(pkg));
      };
      write('notifier', { name: '@waspada/notifier', waspada: { order: 30 } });
      write('producer', { name: '@waspada/producer', waspada: { order: 10 } });
      write('library', { name: '@waspada/library' });
      expect(discoverServices(root).map((service) => service.name)).toEqual([
        '@waspada/producer',
        '@waspada/notifier',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
