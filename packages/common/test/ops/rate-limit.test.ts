import { request as httpRequest } from 'node:http';
import { z } from 'zod';
import {
  bearerToken,
  createLogger,
  createMetricsRegistry,
  createOpsServer,
  parseEnvConfig,
  rateLimitKey,
  rateLimitMessage,
  rateLimitSettings,
  toRateLimit,
  type OpsServer,
} from '../../src';

const DESK_TOKEN = 'desk-token-cgk-1-0123456789abcdef';

function limitedServer(max: number): OpsServer {
  const server = createOpsServer({
    service: 'demo',
    host: '127.0.0.1',
    port: 0,
    metrics: createMetricsRegistry('demo'),
    logger: createLogger({ service: 'demo', level: 'silent' }),
    readiness: {},
    rateLimit: {
      max,
      windowMs: 60_000,
      holderOf: (request) => (bearerToken(request) === DESK_TOKEN ? 'cgk-1' : undefined),
      refusalBody: (refusal) => ({ error: rateLimitMessage(refusal) }),
    },
  });
  server.app.get('/api/things', async () => ({ things: [] }));
  server.app.post('/api/things', async () => ({ taken: true }));
  return server;
}

/**
 * A client at `localAddress` (any of 127.0.0.0/8 reaches the server on 127.0.0.1), as fetch cannot
 * choose its source address.
 */
const from = (localAddress: string, headers: Record<string, string> = {}) => ({ localAddress, headers });
type Client = ReturnType<typeof from>;

interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  json<T = unknown>(): T;
}

function send(base: string, method: string, path: string, client: Client): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      `${base}${path}`,
      { method, headers: client.headers, localAddress: client.localAddress, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            statusCode: response.statusCode ?? 0,
            headers: response.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the per-client rate limit of a service API', () => {
  let server: OpsServer;
  beforeEach(async () => {
    server = limitedServer(3);
    await server.start();
  });
  afterEach(() => server.close());

  const get = (path: string, client = from('127.0.0.1')) => send(server.address(), 'GET', path, client);

  it('answers 429 past the limit, with Retry-After within the window and the API body', async () => {
    for (let i = 0; i < 3; i++) expect((await get('/api/things')).statusCode).toBe(200);
    const refused = await get('/api/things');
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json()).toEqual({
      error: `more than 3 requests in 60 s from this address: send again in ${retryAfter} s (Retry-After)`,
    });
  });

  it('counts every method and route of the service together, and a route that does not exist', async () => {
    expect((await get('/api/things')).statusCode).toBe(200);
    expect((await send(server.address(), 'POST', '/api/things', from('127.0.0.1'))).statusCode).toBe(200);
    expect((await get('/api/nothing-here')).statusCode).toBe(404);
    expect((await get('/api/things')).statusCode).toBe(429);
  });

  it('serves another address while one is refused', async () => {
    for (let i = 0; i < 4; i++) await get('/api/things');
    expect((await get('/api/things')).statusCode).toBe(429);
    expect((await get('/api/things', from('127.0.0.2'))).statusCode).toBe(200);
  });

  it('gives the holder of a valid token a budget of its own, and a made-up token none', async () => {
    for (let i = 0; i < 4; i++) await get('/api/things');
    expect(
      (await get('/api/things', from('127.0.0.1', { authorization: 'Bearer made-up' }))).statusCode,
    ).toBe(429);
    const holder = from('127.0.0.1', { authorization: `Bearer ${DESK_TOKEN}` });
    for (let i = 0; i < 3; i++) expect((await get('/api/things', holder)).statusCode).toBe(200);
    const refused = await get('/api/things', from('127.0.0.9', { authorization: `Bearer ${DESK_TOKEN}` }));
    expect(refused.statusCode).toBe(429);
    expect(refused.json<{ error: string }>().error).toContain('from this token');
  });

  it('never limits health and metrics, and counts refusals there by route and by what was counted', async () => {
    for (let i = 0; i < 5; i++) await get('/api/things');
    await get('/api/things', from('127.0.0.3', { authorization: `Bearer ${DESK_TOKEN}` }));
    for (let i = 0; i < 4; i++)
      await get('/api/things', from('127.0.0.3', { authorization: `Bearer ${DESK_TOKEN}` }));
    for (const path of ['/health/live', '/health/ready', '/metrics'])
      expect((await get(path)).statusCode).toBe(200);
    const metrics = (await get('/metrics')).body;
    expect(metrics).toContain(
      'waspada_http_requests_rate_limited_total{route="/api/things",counted_by="address",service="demo"} 2',
    );
    expect(metrics).toContain(
      'waspada_http_requests_rate_limited_total{route="/api/things",counted_by="token",service="demo"} 2',
    );
  });

  it('limits nothing when the service gives no limit', async () => {
    const open = createOpsServer({
      service: 'open',
      host: '127.0.0.1',
      port: 0,
      metrics: createMetricsRegistry('open'),
      logger: createLogger({ service: 'open', level: 'silent' }),
      readiness: {},
    });
    open.app.get('/api/things', async () => ({}));
    await open.start();
    try {
      for (let i = 0; i < 50; i++)
        expect((await send(open.address(), 'GET', '/api/things', from('127.0.0.1'))).statusCode).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe('rateLimitKey', () => {
  it('counts a token holder by name wherever it connects from', () => {
    expect(rateLimitKey('cgk-1', '10.0.0.1')).toBe('token:cgk-1');
    expect(rateLimitKey('cgk-1', '2001:db8::1')).toBe('token:cgk-1');
  });

  it('counts an IPv4 client by address, also when it arrives IPv4-mapped', () => {
    expect(rateLimitKey(undefined, '10.0.0.1')).toBe('address:10.0.0.1');
    expect(rateLimitKey(undefined, '::ffff:10.0.0.1')).toBe('address:10.0.0.1');
  });

  it('counts an IPv6 client by its /64, which one subscriber line holds whole', () => {
    expect(rateLimitKey(undefined, '2001:db8:1:2:aaaa::1')).toBe(
      rateLimitKey(undefined, '2001:db8:1:2::ffff'),
    );
    expect(rateLimitKey(undefined, '2001:db8:1:2::1')).not.toBe(rateLimitKey(undefined, '2001:db8:1:3::1'));
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header in any case, and nothing else', () => {
    expect(bearerToken({ headers: { authorization: 'Bearer abc' } })).toBe('abc');
    expect(bearerToken({ headers: { authorization: 'bearer  abc' } })).toBe('abc');
    expect(bearerToken({ headers: { authorization: 'Basic abc' } })).toBeUndefined();
    expect(bearerToken({ headers: { authorization: 'Bearer a b' } })).toBeUndefined();
    expect(bearerToken({ headers: {} })).toBeUndefined();
  });
});

describe('the rate-limit settings', () => {
  const parse = (env: Record<string, string>) =>
    parseEnvConfig(z.object(rateLimitSettings(6_000)), env, { service: 'demo-producer' });

  it("default to the service's own limit per minute", () => {
    expect(toRateLimit(parse({}))).toEqual({ max: 6_000, windowMs: 60_000 });
    expect(
      toRateLimit(parse({ WASPADA_RATE_LIMIT_MAX: '20', WASPADA_RATE_LIMIT_WINDOW_SECONDS: '10' })),
    ).toEqual({
      max: 20,
      windowMs: 10_000,
    });
  });

  it('refuse a limit of nothing, a fraction or a window over an hour, naming each variable', () => {
    expect(() => parse({ WASPADA_RATE_LIMIT_MAX: '0', WASPADA_RATE_LIMIT_WINDOW_SECONDS: '7200' })).toThrow(
      [
        'demo-producer cannot start, fix its configuration:',
        '  - WASPADA_RATE_LIMIT_MAX: at least 1 request per window (got "0")',
        '  - WASPADA_RATE_LIMIT_WINDOW_SECONDS: at most 3600 seconds (an hour): a longer window holds a refused client back too long (got "7200")',
      ].join('\n'),
    );
    expect(() => parse({ WASPADA_RATE_LIMIT_MAX: '1.5' })).toThrow(
      'WASPADA_RATE_LIMIT_MAX: expected a whole number of requests (got "1.5")',
    );
    expect(() => parse({ WASPADA_RATE_LIMIT_MAX: 'lots' })).toThrow(
      'WASPADA_RATE_LIMIT_MAX: expected a number of requests',
    );
  });
});
