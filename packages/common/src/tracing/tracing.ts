import {
  diag,
  DiagLogLevel,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type AttributeValue,
  type Context,
  type Link,
  type Span,
  type SpanKind,
  type Tracer,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { Logger } from '../logging/logger';
import { LogSpanExporter } from './log-span-exporter';
import { safeAttributes } from './span-attributes';
import { traceExportOf, type TracingSettings } from './tracing-settings';

/** Every Waspada span comes from this one tracer; without startTracing it is the API's no-op. */
const TRACER_NAME = 'waspada';

export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

export { SpanKind, SpanStatusCode, type Context, type Link, type Span } from '@opentelemetry/api';

/**
 * A span of Waspada's tracer, its attributes masked (safeAttributes). `parent` is explicit, as
 * contexts travel in record headers rather than through async call chains.
 */
export function startSpan(
  name: string,
  options: {
    readonly kind?: SpanKind;
    readonly parent?: Context;
    readonly links?: Link[];
    readonly attributes?: Readonly<Record<string, AttributeValue | undefined>>;
    readonly startTime?: number;
  } = {},
): Span {
  return tracer().startSpan(
    name,
    {
      ...(options.kind !== undefined && { kind: options.kind }),
      ...(options.links && { links: options.links }),
      ...(options.startTime !== undefined && { startTime: options.startTime }),
      attributes: safeAttributes(options.attributes ?? {}),
    },
    options.parent ?? ROOT_CONTEXT,
  );
}

/** The context whose current span is `span`: what traceHeaders writes and a child span parents to. */
export function contextOf(span: Span): Context {
  return trace.setSpan(ROOT_CONTEXT, span);
}

/** Ends the span, marked failed with the error's message (or the reason given) when there is one. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined)
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : typeof error === 'string' ? error : 'failed',
    });
  span.end();
}

export interface Tracing {
  readonly exportsTo: string;
  /** Sends the spans still buffered and stops; called last at shutdown. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for this process: spans are batched off the hot path (the batch
 * processor exports every OTEL_BSP_SCHEDULE_DELAY ms, 5 s by default) to OTLP/HTTP as JSON when an
 * endpoint is set, else to the service's log. Sampling follows OTEL_TRACES_SAMPLER, read by the
 * SDK (parent-based always-on by default, so a downstream service follows the intake's decision).
 */
export function startTracing(
  settings: TracingSettings,
  options: { readonly logger: Logger; readonly version?: string },
): Tracing {
  const target = traceExportOf(settings);
  // The SDK's own troubles (an unreachable collector) reach the service's log, not stderr.
  diag.setLogger(
    {
      error: (message, ...args) => options.logger.warn({ detail: args.map(String) }, `tracing: ${message}`),
      warn: (message, ...args) => options.logger.warn({ detail: args.map(String) }, `tracing: ${message}`),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  const spanProcessors: SpanProcessor[] = [];
  if (target.kind === 'otlp')
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: target.url })));
  if (target.kind === 'log') spanProcessors.push(new BatchSpanProcessor(new LogSpanExporter(options.logger)));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: settings.OTEL_SERVICE_NAME,
      ...(options.version && { [ATTR_SERVICE_VERSION]: options.version }),
    }),
    spanProcessors,
  });
  trace.setGlobalTracerProvider(provider);
  const exportsTo = target.kind === 'otlp' ? target.url : target.kind;
  options.logger.info({ exportsTo, serviceName: settings.OTEL_SERVICE_NAME }, 'tracing started');
  return {
    exportsTo,
    shutdown: async () => {
      await provider
        .shutdown()
        .catch((error: unknown) =>
          options.logger.warn({ reason: (error as Error).message }, 'last spans not exported'),
        );
      trace.disable();
    },
  };
}
