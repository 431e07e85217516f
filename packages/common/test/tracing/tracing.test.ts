import { Writable } from 'node:stream';
import { z } from 'zod';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  contextFromHeaders,
  createLogger,
  isWaspadaError,
  LogSpanExporter,
  parseEnvConfig,
  safeAttributes,
  spanContextFromHeaders,
  traceExportOf,
  traceHeaders,
  traceIdOf,
  tracingSettings,
} from '../../src';

const NIK = '3201014101900001';

function provider() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, tracer: tracerProvider.getTracer('test') };
}

describe('trace context in headers', () => {
  it('carries a span across a Kafka record: the next hop parents to the span that wrote the headers', () => {
    const { tracer, exporter } = provider();
    const intake = tracer.startSpan('intake');
    const headers = traceHeaders(trace.setSpan(ROOT_CONTEXT, intake));
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    // Kafka hands headers over as buffers.
    const received = { traceparent: Buffer.from(headers.traceparent as string), other: undefined };
    const parent = contextFromHeaders(received);
    expect(traceIdOf(parent)).toBe(intake.spanContext().traceId);
    tracer.startSpan('processor', {}, parent).end();
    intake.end();
    const [child] = exporter.getFinishedSpans();
    expect(child?.parentSpanContext?.spanId).toBe(intake.spanContext().spanId);
    expect(child?.spanContext().traceId).toBe(intake.spanContext().traceId);
  });

  it('finds no context in missing or broken headers, and writes none for a context without a span', () => {
    expect(spanContextFromHeaders(undefined)).toBeUndefined();
    expect(spanContextFromHeaders({ traceparent: Buffer.from('00-zz-11-01') })).toBeUndefined();
    expect(
      spanContextFromHeaders({ traceparent: `00-${'0'.repeat(32)}-${'1'.repeat(16)}-01` }),
    ).toBeUndefined();
    expect(traceHeaders(ROOT_CONTEXT)).toEqual({});
    expect(traceIdOf(ROOT_CONTEXT)).toBeUndefined();
  });
});

describe('span attributes', () => {
  it('masks every NIK and drops names, documents and secrets', () => {
    expect(
      safeAttributes({
        'waspada.nik': NIK,
        'waspada.note': `scan of ${NIK} at CGK`,
        'waspada.nik_number': Number(NIK),
        'waspada.niks': [NIK],
        'waspada.fullName': 'Siti Aminah',
        'waspada.documentNumber': 'E1234567',
        'waspada.token': 'x'.repeat(30),
        'waspada.records': 3,
        'waspada.missing': undefined,
      }),
    ).toEqual({
      'waspada.nik': '3201**********01',
      'waspada.note': 'scan of 3201**********01 at CGK',
      'waspada.nik_number': '3201**********01',
      'waspada.niks': ['3201**********01'],
      'waspada.records': 3,
    });
  });
});

describe('spans in the log', () => {
  it('writes one line per span with its ids and masked attributes, never a full NIK', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ service: 'test', level: 'info', destination });
    const { tracer, exporter } = provider();
    const span = tracer.startSpan('intake', { attributes: { 'waspada.raw': NIK } });
    span.end();
    await new Promise<void>((resolve) =>
      new LogSpanExporter(logger).export(exporter.getFinishedSpans(), () => resolve()),
    );
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'span', span: 'intake', traceId: span.spanContext().traceId });
    expect(lines[0]).not.toContain(NIK);
  });
});

describe('where spans go', () => {
  const base = { OTEL_SERVICE_NAME: 'test' };
  it('goes to OTLP when an endpoint is set, the traces endpoint first, else to the log', () => {
    expect(traceExportOf(base)).toEqual({ kind: 'log' });
    expect(traceExportOf({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      kind: 'otlp',
      url: 'http://collector:4318/v1/traces',
    });
    expect(
      traceExportOf({
        ...base,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://other:4318/traces',
      }),
    ).toEqual({ kind: 'otlp', url: 'http://other:4318/traces' });
    expect(traceExportOf({ ...base, OTEL_TRACES_EXPORTER: 'none' })).toEqual({ kind: 'none' });
  });

  it('refuses otlp without an endpoint, naming what to set', () => {
    let caught: unknown;
    try {
      traceExportOf({ ...base, OTEL_TRACES_EXPORTER: 'otlp' });
    } catch (error) {
      caught = error;
    }
    expect(isWaspadaError(caught, 'WSP_CONFIG_INVALID')).toBe(true);
    expect((caught as Error).message).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
  });
});

describe('tracing settings', () => {
  it('are checked at start with the service settings, each problem naming its variable', () => {
    const schema = z.object({ ...tracingSettings('passport-producer') });
    expect(parseEnvConfig(schema, {}, { service: 'test' })).toMatchObject({
      OTEL_SERVICE_NAME: 'passport-producer',
    });
    expect(() =>
      parseEnvConfig(
        schema,
        {
          OTEL_TRACES_SAMPLER: 'sometimes',
          OTEL_TRACES_SAMPLER_ARG: '2',
          OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
          OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        },
        { service: 'test' },
      ),
    ).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: expected an http[\s\S]*OTEL_EXPORTER_OTLP_PROTOCOL: Waspada exports OTLP as JSON[\s\S]*OTEL_TRACES_SAMPLER: expected one of[\s\S]*OTEL_TRACES_SAMPLER_ARG: a sampling ratio/,
    );
  });
});
