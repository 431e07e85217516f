import { SpanStatusCode } from '@opentelemetry/api';
import { ExportResultCode, hrTimeToMilliseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Logger } from '../logging/logger';

/** What one span becomes in the log: ids, timing, outcome and its masked attributes, on one line. */
export function spanLine(span: ReadableSpan): Record<string, unknown> {
  const context = span.spanContext();
  return {
    // `span`, not `name`: the logger redacts any `name` key as personal data.
    span: span.name,
    traceId: context.traceId,
    spanId: context.spanId,
    ...(span.parentSpanContext && { parentSpanId: span.parentSpanContext.spanId }),
    ms: Math.round(hrTimeToMilliseconds(span.duration) * 10) / 10,
    ...(span.status.code === SpanStatusCode.ERROR && { error: span.status.message ?? 'error' }),
    ...(span.links.length > 0 && {
      links: span.links.map((link) => `${link.context.traceId}-${link.context.spanId}`),
    }),
    ...(Object.keys(span.attributes).length > 0 && { attributes: span.attributes }),
  };
}

/**
 * Spans to the service's own log when no collector is configured: one compact line each, through
 * the logger, so NIK masking and key redaction apply to them as to every other line.
 */
export class LogSpanExporter implements SpanExporter {
  constructor(private readonly logger: Logger) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    for (const span of spans) this.logger.info(spanLine(span), 'span');
    done({ code: ExportResultCode.SUCCESS });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
