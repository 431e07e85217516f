import { createLogger, createMetricsRegistry, createOpsServer, Counter } from '../../src';

describe('the ops endpoints every service exposes', () => {
  const metrics = createMetricsRegistry('demo');
  const accepted = new Counter({
    name: 'waspada_demo_accepted_total',
    help: 'records accepted',
    registers: [metrics],
  });
  let redisUp = true;
  const server = createOpsServer({
    service: 'demo',
    host: '127.0.0.1',
    port: 0,
    metrics,
    logger: createLogger({ service: 'demo', level: 'silent' }),
    readiness: {
      kafka: async () => undefined,
      redis: async () => {
        if (!redisUp) throw new Error('Redis at redis://127.0.0.1:16379 did not answer PING');
      },
    },
  });
  beforeAll(() => server.start());
  afterAll(() => server.close());

  const get = async (path: string) => {
    const response = await fetch(`${server.address()}${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('answers liveness while the process runs', async () => {
    expect(await get('/health/live')).toEqual({ status: 200, text: '{"status":"ok","service":"demo"}' });
  });

  it('reports ready only when every dependency answers, naming the one that does not', async () => {
    expect((await get('/health/ready')).status).toBe(200);
    redisUp = false;
    const notReady = await get('/health/ready');
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.text)).toEqual({
      status: 'not-ready',
      service: 'demo',
      checks: { kafka: 'ok', redis: 'Redis at redis://127.0.0.1:16379 did not answer PING' },
    });
    redisUp = true;
  });

  it('turns not-ready while draining, so traffic stops before shutdown', async () => {
    server.drain();
    const draining = await get('/health/ready');
    expect(draining.status).toBe(503);
    expect(JSON.parse(draining.text).status).toBe('draining');
  });

  it('serves Prometheus metrics with the service label and process metrics', async () => {
    accepted.inc(3);
    const { status, text } = await get('/metrics');
    expect(status).toBe(200);
    expect(text).toContain('waspada_demo_accepted_total{service="demo"} 3');
    expect(text).toContain('waspada_process_resident_memory_bytes');
  });
});
