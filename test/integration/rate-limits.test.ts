import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Connections } from '@waspada/common';
import { loadDeliveryConfig } from '@waspada/delivery';
import { startNotifier, type Notifier } from '@waspada/notifier';
import { PASSPORT_AGENCY, startProducerService, type ProducerService } from '@waspada/producer-kit';
import { writeAnalystsFile } from './support/analysts';
import { logger, metricValue, serviceEnv, testConnections, uniqueName } from './support/clients';
import { writeDeliveryConfig } from './support/delivery';
import { httpFrom, type HttpAnswer } from './support/http-from';
import { withOwnRedisDb } from './support/risk-pipeline';
import { startDashboardProcess, type DashboardProcess } from './support/dashboard-process';

/**
 * Each kind of HTTP API (a producer's intake, the notifier's desk API, the dashboard's analyst API)
 * started with a limit of 3 requests a minute: the fourth from one client is 429 with Retry-After
 * in the API's own error shape, another client is still served, and health stays open.
 */
const LIMIT = 3;
const REFUSED = 'waspada_http_requests_rate_limited_total';

function expectRefusal(answer: HttpAnswer, countedBy: 'token' | 'address') {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  return {
    retryAfter,
    message: `more than ${LIMIT} requests in 60 s from this ${countedBy}: send again in ${retryAfter} s (Retry-After)`,
  };
}

describe('rate limits on the HTTP APIs', () => {
  describe("a producer's intake API, limited per client address", () => {
    let service: ProducerService;
    let base: string;
    beforeAll(async () => {
      service = await startProducerService(
        PASSPORT_AGENCY,
        {
          connections: testConnections(),
          host: '127.0.0.1',
          port: 0,
          rateLimit: { max: LIMIT, windowMs: 60_000 },
        },
        logger,
      );
      base = service.ops.address();
    });
    afterAll(() => service.close());

    const record = () =>
      JSON.stringify({
        nik: '6103055708030002',
        eventTime: new Date(Date.now() - 3_600_000).toISOString(),
        eventType: 'REFUSED',
        applicationId: `APP-${randomUUID()}`,
        officeCode: 'KANIM-SANGGAU',
        officeRegencyCode: '6103',
        decisionReason: 'SUSPECTED_NON_PROCEDURAL_WORK',
      });
    const post = (from: string) =>
      httpFrom(from, `${base}/v1/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: record(),
      });

    it('answers 429 with Retry-After in the intake shape past the limit, and serves another address', async () => {
      for (let i = 0; i < LIMIT; i++) expect((await post('127.0.0.1')).status).toBe(202);
      const refused = await post('127.0.0.1');
      const { message } = expectRefusal(refused, 'address');
      expect(refused.json()).toEqual({
        status: 'rate-limited',
        retryable: true,
        errors: [{ field: '(client)', reason: `${message}; none of this request's records is taken` }],
      });
      // The batch route shares the budget: the limit is the client's, not the route's.
      expect(
        (
          await httpFrom('127.0.0.1', `${base}/v1/records/batch`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: `[${record()}]`,
          })
        ).status,
      ).toBe(429);

      expect((await post('127.0.0.2')).status).toBe(202);
      for (const path of ['/health/live', '/health/ready', '/metrics'])
        expect((await httpFrom('127.0.0.1', `${base}${path}`)).status).toBe(200);
      expect(await metricValue(base, REFUSED, 'route="/v1/records",counted_by="address"')).toBe(1);
      expect(await metricValue(base, REFUSED, 'route="/v1/records/batch",counted_by="address"')).toBe(1);
    });

    it('refuses to start with a limit that is not a whole number of requests, naming the setting', () => {
      const started = spawnSync(
        process.execPath,
        [require.resolve('@waspada/passport-producer/dist/main.js')],
        {
          env: serviceEnv(testConnections(), {
            WASPADA_RATE_LIMIT_MAX: '0',
            WASPADA_RATE_LIMIT_WINDOW_SECONDS: 'a minute',
          }),
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
      expect(started.status).toBe(1);
      expect(started.stderr).toContain('WASPADA_RATE_LIMIT_MAX: at least 1 request per window (got "0")');
      expect(started.stderr).toContain(
        'WASPADA_RATE_LIMIT_WINDOW_SECONDS: expected a number of seconds (got "a minute")',
      );
    });
  });

  describe("the notifier's desk API, limited per desk token", () => {
    let notifier: Notifier;
    let base: string;
    let tokens: Map<string, string>;
    const origin = 'http://127.0.0.1:18140';
    beforeAll(async () => {
      const connections: Connections = await withOwnRedisDb(testConnections(), 14);
      const config = writeDeliveryConfig({
        desks: [
          { deskId: 'cgk-1', checkpointCode: 'CGK' },
          { deskId: 'cgk-2', checkpointCode: 'CGK' },
        ],
        subscribers: [],
      });
      tokens = config.tokens;
      notifier = await startNotifier(
        {
          connections,
          host: '127.0.0.1',
          port: 0,
          delivery: loadDeliveryConfig(config.file, {}),
          instanceId: uniqueName('rate-limited-notifier'),
          roles: ['desks'],
          corsOrigins: [origin],
          deskBacklog: 20,
          deskHistoryMs: 3_600_000,
          deskCapacity: 100,
          routerGroup: uniqueName('rate-limited-router'),
          rateLimit: { max: LIMIT, windowMs: 60_000 },
        },
        logger,
      );
      await notifier.ready;
      base = notifier.ops.address();
    });
    afterAll(() => notifier?.close());

    const timeline = (deskId: string, from = '127.0.0.1') =>
      httpFrom(from, `${base}/desks/CGK/alerts/${randomUUID()}/timeline`, {
        headers: {
          authorization: `Bearer ${tokens.get(deskId) as string}`,
          'x-waspada-officer': 'officer-1',
          origin,
        },
      });

    it('answers 429 with Retry-After and the desk API body a browser can read, and serves another desk', async () => {
      // An alert the desk history does not hold: 404, but each request counts.
      for (let i = 0; i < LIMIT; i++) expect((await timeline('cgk-1')).status).toBe(404);
      const refused = await timeline('cgk-1');
      const { message } = expectRefusal(refused, 'token');
      expect(refused.json()).toEqual({ error: message });
      // Counted after CORS: the desk page in the browser can read the refusal.
      expect(refused.headers['access-control-allow-origin']).toBe(origin);
      // The same desk from another address is the same holder: still refused.
      expect((await timeline('cgk-1', '127.0.0.2')).status).toBe(429);

      expect((await timeline('cgk-2')).status).toBe(404);
      // A request without a valid token is counted against its address, a budget of its own.
      const anonymous = await httpFrom('127.0.0.1', `${base}/desks/CGK/stream`);
      expect(anonymous.status).toBe(401);
      expect((await httpFrom('127.0.0.1', `${base}/health/ready`)).status).toBe(200);
      expect(await metricValue(base, REFUSED, 'counted_by="token"')).toBe(2);
    });
  });

  describe("the dashboard's analyst API, limited per analyst token", () => {
    let dashboard: DashboardProcess | undefined;
    let base: string;
    const analysts = writeAnalystsFile();
    beforeAll(async () => {
      const connections = await withOwnRedisDb(testConnections(), 14);
      dashboard = await startDashboardProcess(connections, (url) => ({
        WASPADA_ANALYSTS_FILE: analysts.file,
        WASPADA_ANALYST_INDEX_GROUP: uniqueName('rate-limited-index'),
        WASPADA_ANALYST_INDEX_START: new Date().toISOString(),
        WASPADA_METRICS_TARGETS: `dashboard=${url}`,
        WASPADA_SAMPLE_INTERVAL_MS: '60000',
        WASPADA_ALERT_HISTORY_HOURS: '1',
        WASPADA_RATE_LIMIT_MAX: String(LIMIT),
        WASPADA_RATE_LIMIT_WINDOW_SECONDS: '60',
      }));
      base = dashboard.base;
    });
    afterAll(async () => {
      await dashboard?.stop();
    });

    const me = (role: keyof typeof analysts.tokens) =>
      httpFrom('127.0.0.1', `${base}/api/analyst/me`, {
        headers: { authorization: `Bearer ${analysts.tokens[role]}` },
      });

    it('answers 429 with Retry-After in the analyst API shape past the limit, and serves another analyst', async () => {
      for (let i = 0; i < LIMIT; i++) expect((await me('analyst')).status).toBe(200);
      const refused = await me('analyst');
      const { message } = expectRefusal(refused, 'token');
      expect(refused.json()).toEqual({ error: message });

      const other = await me('investigator');
      expect(other.status).toBe(200);
      expect(other.json()).toMatchObject({ id: analysts.ids.investigator });
      for (const path of ['/health/live', '/health/ready', '/metrics'])
        expect((await httpFrom('127.0.0.1', `${base}${path}`)).status).toBe(200);
      expect(await metricValue(base, REFUSED, 'route="/api/analyst/me",counted_by="token"')).toBe(1);
    });
  });
});
