import './support/own-topics';
import { randomBytes, randomInt } from 'node:crypto';
import { TOPICS, type Connections } from '@waspada/common';
import {
  eventually,
  readTopicUntil,
  testConnections,
  uniqueName,
  useTestKit,
  useOwnTopics,
} from './support/clients';
import { writeAnalystsFile } from './support/analysts';
import { startDashboardProcess, type DashboardProcess } from './support/dashboard-process';
import { openDeskStream, startWebhookReceiver, writeDeliveryConfig } from './support/delivery';
import { startOtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';
import { scamHubScan, uniqueInstance, withOwnRedisDb } from './support/risk-pipeline';
import { startServiceProcess, type ServiceProcess } from './support/service-process';

// This file's processors read topics of their own, never what other files left (own-topics.ts).
useOwnTopics();

/**
 * One scan followed through every hop by its trace, against the real servers: the border-crossing
 * producer, the risk processor and the notifier each run as their own process and export spans by
 * OTLP/HTTP to a receiver in the test, as they would to a collector. The scan is posted over HTTP,
 * raises an alert at the CGK desk, and reaches the desk's screen and an agency's webhook.
 */
describe('a scan traced from intake to the desk and the webhook', () => {
  const kit = useTestKit();
  let connections: Connections;
  const children: ServiceProcess[] = [];
  let dashboard: DashboardProcess | undefined;
  const closing: (() => Promise<void> | void)[] = [];

  const start = async (
    service: { main: string; name: string },
    settings: Record<string, string>,
    otlp: string,
  ) => {
    const started = await startServiceProcess(connections, { ...service, readyWithinMs: 120_000 }, () => ({
      ...settings,
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
      // Spans are exported every 100 ms instead of every 5 s, so the test does not wait on the batch.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    }));
    children.push(started);
    return started.base;
  };

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()));
    await dashboard?.stop();
    for (const close of closing) await close();
  });

  it('keeps one trace id across intake, Kafka, the processor, the alert, the desk router, the desk push and the webhook', async () => {
    connections = await withOwnRedisDb(testConnections(), 9);
    const otlp = await startOtlpReceiver();
    const webhooks = await startWebhookReceiver();
    closing.push(otlp.close, webhooks.close);
    const subscriberId = `t${randomInt(1e6)}-traced`;
    const config = writeDeliveryConfig({
      desks: [{ deskId: 'cgk-trace', checkpointCode: 'CGK' }],
      subscribers: [
        {
          id: subscriberId,
          agency: 'Disnaker',
          url: `http://127.0.0.1:${webhooks.port}/hook`,
          profile: 'enforcement',
          filter: { checkpoints: ['CGK'] },
        },
      ],
    });
    const producer = await start(
      { main: '@waspada/border-crossing-producer/dist/main.js', name: 'border-crossing-producer' },
      {},
      otlp.endpoint,
    );
    await start(
      { main: '@waspada/risk-processor/dist/main.js', name: 'risk-processor' },
      { WASPADA_PROCESSOR_GROUP: uniqueName('risk-trace'), WASPADA_INSTANCE_ID: uniqueInstance('trace') },
      otlp.endpoint,
    );
    const notifier = await start(
      { main: '@waspada/notifier/dist/main.js', name: 'notifier' },
      {
        WASPADA_DELIVERY_FILE: config.file,
        WASPADA_INSTANCE_ID: uniqueInstance('trace'),
        WASPADA_NOTIFIER_GROUP: uniqueName('router-trace'),
      },
      otlp.endpoint,
    );
    dashboard = await startDashboardProcess(connections, () => ({
      WASPADA_ANALYSTS_FILE: writeAnalystsFile().file,
      WASPADA_TRACE_URL_TEMPLATE: 'https://traces.example/trace/{traceId}',
    }));
    const desk = await openDeskStream(notifier, 'CGK', config.tokens.get('cgk-trace') as string);
    closing.push(() => desk.close());
    expect(desk.status).toBe(200);

    // A man from Bandung born 3 March 1994, one-way to Cambodia at a CGK counter: an alert.
    const nik = `327301030394${String(randomInt(1, 10_000)).padStart(4, '0')}`;
    const scan = scamHubScan(nik, {
      checkpointCode: 'CGK',
      counterId: 'C-07',
      fullName: 'Rina Kartika',
      birthDate: '1994-03-03',
    });
    // The agency's own system traces too: its request's context is where the scan's trace begins.
    const agencyTrace = randomBytes(16).toString('hex');
    const agencySpan = randomBytes(8).toString('hex');
    const posted = await fetch(`${producer}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${agencyTrace}-${agencySpan}-01` },
      body: JSON.stringify(scan.record),
    });
    expect(posted.status).toBe(202);

    await eventually(
      () => desk.alerts.some((alert) => alert.data.person.nik === nik),
      'the alert on the desk',
      120_000,
    );
    const onDesk = desk.alerts.find((alert) => alert.data.person.nik === nik)!;
    const alertId = onDesk.id;
    await eventually(
      () => webhooks.received.some((request) => request.headers['webhook-id'] === alertId),
      'the webhook',
      60_000,
    );
    const named = (service: string, name: string) =>
      otlp.spans.find((span) => span.service === service && span.name === name && spanOf(span, alertId));
    const spanOf = (span: ReceivedSpan, id: string) =>
      span.attributes['waspada.alert_id'] === id ||
      span.name.startsWith('intake') ||
      span.name.endsWith('window');
    await eventually(
      () =>
        ['desk route', 'desk push', `webhook ${subscriberId}`].every((name) => named('notifier', name)) &&
        named('risk-processor', 'alert NEW') !== undefined,
      'the spans of every hop at the receiver',
      60_000,
    );

    // The processor's alert span is the child of the intake span: the scan's record carried it.
    const alert = named('risk-processor', 'alert NEW')!;
    const intake = otlp.spans.find(
      (span) => span.service === 'border-crossing-producer' && span.spanId === alert.parentSpanId,
    );
    expect(intake).toMatchObject({
      name: 'intake border-crossing-producer',
      traceId: agencyTrace,
      parentSpanId: agencySpan,
    });
    const traceId = agencyTrace;
    expect(alert.traceId).toBe(traceId);
    // The window span holds many records' traces: it links to the scan's intake, and the alert to it.
    const window = otlp.spans.find(
      (span) =>
        span.name === 'risk-processor window' && span.links.some((link) => link.spanId === intake!.spanId),
    );
    expect(window?.links).toContainEqual({ traceId, spanId: intake!.spanId });
    expect(alert.links).toContainEqual({ traceId: window!.traceId, spanId: window!.spanId });

    // The notifier's hops: the router and the webhook under the alert, the push under the router.
    const route = named('notifier', 'desk route')!;
    const push = named('notifier', 'desk push')!;
    const webhook = named('notifier', `webhook ${subscriberId}`)!;
    expect(route).toMatchObject({ traceId, parentSpanId: alert.spanId });
    expect(push).toMatchObject({ traceId, parentSpanId: route.spanId });
    expect(webhook).toMatchObject({ traceId, parentSpanId: alert.spanId });

    // What each party holds carries the trace: the alert's record, the desk's alert, the webhook request.
    const alertRecords = await readTopicUntil(
      kit(),
      TOPICS.alerts,
      (read) => read.some((record) => record.headers['waspada-alert-id']?.toString() === alertId),
      'the alert record',
    );
    const alertRecord = alertRecords.find(
      (record) => record.headers['waspada-alert-id']?.toString() === alertId,
    )!;
    expect(alertRecord.headers.traceparent?.toString()).toBe(`00-${traceId}-${alert.spanId}-01`);
    expect(onDesk.data.traceId).toBe(traceId);
    const request = webhooks.received.find((received) => received.headers['webhook-id'] === alertId)!;
    expect(request.headers.traceparent).toBe(`00-${traceId}-${webhook.spanId}-01`);

    // The ops page's live alert carries it too, and the page is told where to link it.
    const pageConfig = (await (await fetch(`${dashboard.base}/api/config`)).json()) as Record<
      string,
      unknown
    >;
    expect(pageConfig.traceUrlTemplate).toBe('https://traces.example/trace/{traceId}');
    await eventually(
      async () => {
        const recent = (await (await fetch(`${dashboard!.base}/api/alerts/recent?limit=200`)).json()) as {
          alerts: { alertId: string; traceId: string | null }[];
        };
        return recent.alerts.some((entry) => entry.alertId === alertId && entry.traceId === traceId);
      },
      'the trace id on the ops page',
      60_000,
    );

    // No span, as the collector received it, carries the NIK in full or the traveller's name.
    const exported = otlp.bodies.join('\n');
    expect(exported).not.toContain(nik);
    expect(exported).not.toContain('Rina Kartika');
  }, 300_000);
});
