import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { contextOf, traceHeaders, type IncomingRecord } from '@waspada/common';
import type { RiskAlert } from '@waspada/schemas';
import { MAX_WINDOW_LINKS, traceWindow } from '../src/window-tracing';

/**
 * A window's spans: the alert span in the trace of the record that raised it, the window span
 * linking to at most MAX_WINDOW_LINKS of those records, and the alert record carrying its span.
 */
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const intakeTracer = provider.getTracer('intake');

beforeAll(() => trace.setGlobalTracerProvider(provider));
afterAll(() => trace.disable());
beforeEach(() => exporter.reset());

const NIK = '3271011506140001';

function alertOf(index: number): RiskAlert {
  return {
    alertId: `alert-${index}`,
    kind: 'NEW',
    severity: 'HIGH',
    person: { nik: NIK },
    target: { checkpointCode: 'CGK' },
    rules: [{ ruleId: 'R01' }],
    triggerEventId: `scan-${index}`,
  } as unknown as RiskAlert;
}

/** A scan's record as the producer wrote it: its intake span's context in the headers. */
function recordOf(intake: ReturnType<typeof intakeTracer.startSpan>): IncomingRecord {
  const headers = Object.fromEntries(
    Object.entries(traceHeaders(trace.setSpan(ROOT_CONTEXT, intake))).map(([key, value]) => [
      key,
      Buffer.from(value),
    ]),
  );
  return { headers } as unknown as IncomingRecord;
}

describe('the spans of a window', () => {
  it("puts each alert in its record's trace, links the window to the records, and marks the alert record", () => {
    const intake = intakeTracer.startSpan('intake');
    const alert = alertOf(1);
    const traced = traceWindow({
      alerts: [alert],
      triggerOf: () => recordOf(intake),
      startedAt: Date.now(),
      people: 1,
    });
    const record = traced!.withTrace({ topic: 'alerts', key: NIK, value: Buffer.alloc(0) }, alert);
    traced!.end();
    const spans = exporter.getFinishedSpans();
    const alertSpan = spans.find((span) => span.name === 'alert NEW')!;
    const windowSpan = spans.find((span) => span.name === 'risk-processor window')!;
    expect(alertSpan.spanContext().traceId).toBe(intake.spanContext().traceId);
    expect(alertSpan.parentSpanContext?.spanId).toBe(intake.spanContext().spanId);
    expect(windowSpan.links.map((link) => link.context.spanId)).toEqual([intake.spanContext().spanId]);
    expect(alertSpan.links.map((link) => link.context.spanId)).toEqual([windowSpan.spanContext().spanId]);
    expect(record.headers?.traceparent).toBe(
      traceHeaders(contextOf(trace.wrapSpanContext(alertSpan.spanContext()))).traceparent,
    );
    // The attributes hold ids, the NIK never.
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(NIK);
  });

  it('links at most MAX_WINDOW_LINKS records however many alerts the window decided', () => {
    const alerts = Array.from({ length: MAX_WINDOW_LINKS + 10 }, (_, index) => alertOf(index));
    const records = new Map(
      alerts.map((alert) => [alert.alertId, recordOf(intakeTracer.startSpan('intake'))]),
    );
    traceWindow({
      alerts,
      triggerOf: (alert) => records.get(alert.alertId),
      startedAt: Date.now(),
      people: alerts.length,
    })!.end();
    const spans = exporter.getFinishedSpans();
    expect(spans.find((span) => span.name === 'risk-processor window')!.links).toHaveLength(MAX_WINDOW_LINKS);
    expect(spans.filter((span) => span.name === 'alert NEW')).toHaveLength(alerts.length);
  });

  it('makes no span for a window without alerts, and parents an alert without a record to the window', () => {
    expect(
      traceWindow({ alerts: [], triggerOf: () => undefined, startedAt: Date.now(), people: 3 }),
    ).toBeUndefined();
    traceWindow({ alerts: [alertOf(1)], triggerOf: () => undefined, startedAt: Date.now(), people: 1 })!.end(
      new Error('transaction aborted'),
    );
    const spans = exporter.getFinishedSpans();
    const windowSpan = spans.find((span) => span.name === 'risk-processor window')!;
    const alertSpan = spans.find((span) => span.name === 'alert NEW')!;
    expect(alertSpan.parentSpanContext?.spanId).toBe(windowSpan.spanContext().spanId);
    expect(windowSpan.status).toMatchObject({ code: 2, message: 'transaction aborted' });
  });
});
