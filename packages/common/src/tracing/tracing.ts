import { diag, DiagLogLevel, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { Logger } from '../logging/logger';
import { LogSpanExporter } from './log-span-exporter';
import { traceExportOf, type TracingSettings } from './tracing-settings';

/** Every Waspada span comes from this one tracer; without startTracing it is the API's no-op. */
const TRACER_NAME = 'waspada';

export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
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
