import {
  context,
  isSpanContextValid,
  ROOT_CONTEXT,
  trace,
  type Context,
  type SpanContext,
  type TextMapGetter,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * The W3C trace context (`traceparent`, `tracestate`) carried in Kafka record headers and HTTP
 * requests. The propagator is used directly rather than through the global one, so a record always
 * carries W3C headers whatever an embedding process registered.
 */
const propagator = new W3CTraceContextPropagator();

type HeaderSource = Readonly<Record<string, Buffer | string | undefined>>;

const headerGetter: TextMapGetter<HeaderSource> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    return value === undefined ? undefined : value.toString();
  },
};

/** The headers that carry the span context of `parent` (empty when it holds no valid span). */
export function traceHeaders(parent: Context): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(parent, headers, {
    set: (carrier: Record<string, string>, key: string, value: string) => {
      carrier[key] = value;
    },
  });
  return headers;
}

/** The context a record's or request's headers carry: what a span of the next hop parents or links to. */
export function contextFromHeaders(headers: HeaderSource | undefined): Context {
  return headers ? propagator.extract(ROOT_CONTEXT, headers, headerGetter) : ROOT_CONTEXT;
}

/** The span context carried by headers, if they carry a valid one. */
export function spanContextFromHeaders(headers: HeaderSource | undefined): SpanContext | undefined {
  const found = trace.getSpanContext(contextFromHeaders(headers));
  return found && isSpanContextValid(found) ? found : undefined;
}

/** The trace id a context's span belongs to, for an alert's payload or a log line. */
export function traceIdOf(parent: Context = context.active()): string | undefined {
  const found = trace.getSpanContext(parent);
  return found && isSpanContextValid(found) ? found.traceId : undefined;
}
