import { parseRedisUrl, redactUrl } from '../../src';
import { connectionSettings } from '../../src/config/connection-config';

describe('REDIS_URL', () => {
  it('reads one server, with credentials, TLS and a database', () => {
    expect(parseRedisUrl('redis://127.0.0.1:16379')).toEqual({
      cluster: false,
      tls: false,
      nodes: [{ host: '127.0.0.1', port: 16379 }],
    });
    expect(parseRedisUrl('rediss://user:p%40ss@redis.example:6380/4')).toEqual({
      cluster: false,
      tls: true,
      nodes: [{ host: 'redis.example', port: 6380 }],
      username: 'user',
      password: 'p@ss',
      db: 4,
    });
  });

  it('reads the seed nodes of a Redis Cluster, with a default port', () => {
    expect(parseRedisUrl('redis-cluster://:secret@10.0.0.1:7000,10.0.0.2:7001,redis-3')).toEqual({
      cluster: true,
      tls: false,
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: 'redis-3', port: 6379 },
      ],
      password: 'secret',
    });
    expect(parseRedisUrl('rediss-cluster://a:1').tls).toBe(true);
  });

  it('refuses what it cannot connect to, saying why', () => {
    expect(() => parseRedisUrl('http://127.0.0.1:6379')).toThrow(/expected redis:\/\/host:port/);
    expect(() => parseRedisUrl('redis://a:1,b:2')).toThrow(
      /several hosts need the redis-cluster:\/\/ scheme/,
    );
    expect(() => parseRedisUrl('redis-cluster://a:1,b:2/3')).toThrow(/a Redis Cluster has only database 0/);
    expect(() => parseRedisUrl('redis-cluster://a:1,b:99999')).toThrow(/"b:99999" is not host:port/);
  });

  it('is checked with the other connection settings, and a password never reaches a log', () => {
    const check = (value: string) => connectionSettings.REDIS_URL.safeParse(value);
    expect(check('redis-cluster://127.0.0.1:1,127.0.0.1:2').success).toBe(true);
    expect(check('redis://a:1,b:2').error?.issues[0]?.message).toMatch(/redis-cluster:\/\//);
    expect(redactUrl('redis-cluster://:secret@10.0.0.1:7000,10.0.0.2:7001')).toBe(
      'redis-cluster://:***@10.0.0.1:7000,10.0.0.2:7001',
    );
  });
});
