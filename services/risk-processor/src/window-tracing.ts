import {
  contextFromHeaders,
  contextOf,
  endSpan,
  SpanKind,
  spanContextFromHeaders,
  startSpan,
  traceHeaders,
  type IncomingRecord,
  type Link,
  type OutgoingRecord,
  type Span,
} from '@waspada/common';
import type { RiskAlert } from '@waspada/schemas';

/**
 * At most this many records' contexts are linked from one window span. A window holds up to
 * 20,000 records; linking each would make the span larger than the work it describes. The records
 * that raised alerts are the ones an operator follows, and each alert has a span of its own.
 */
export const MAX_WINDOW_LINKS = 32;

export interface WindowTrace {
  /** The alert's record with the context of its alert span added to its headers. */
  withTrace(record: OutgoingRecord, alert: RiskAlert): OutgoingRecord;
  /** Ends the window's spans: when its transaction committed, or failed with the error. */
  end(error?: unknown): void;
}

/**
 * The spans of a window that decided alerts. The window span links to the records that raised
 * them (a window holds many records of many traces, so it has no one parent); each alert gets a
 * span parented to the record that raised it, in that record's trace, which the alert's Kafka
 * record carries on to the notifier. A window that decided nothing makes no span: the processor's
 * metrics time every window, and a span per window at 40 windows a second would only repeat them.
 * An alert carried from an outbox after a crash, or raised by an absence timer, has no record in
 * the window: its span is the window span's child.
 */
export function traceWindow(input: {
  readonly alerts: readonly RiskAlert[];
  readonly triggerOf: (alert: RiskAlert) => IncomingRecord | undefined;
  readonly startedAt: number;
  readonly people: number;
}): WindowTrace | undefined {
  if (input.alerts.length === 0) return undefined;
  const triggers = input.alerts.map((alert) => {
    const headers = input.triggerOf(alert)?.headers;
    const remote = spanContextFromHeaders(headers);
    return remote && { remote, parent: contextFromHeaders(headers) };
  });
  const links: Link[] = [];
  const linked = new Set<string>();
  for (const trigger of triggers) {
    if (!trigger || linked.has(trigger.remote.spanId) || links.length >= MAX_WINDOW_LINKS) continue;
    linked.add(trigger.remote.spanId);
    links.push({ context: trigger.remote });
  }
  const window = startSpan('risk-processor window', {
    startTime: input.startedAt,
    links,
    attributes: { 'waspada.people': input.people, 'waspada.alerts': input.alerts.length },
  });
  const windowContext = contextOf(window);
  const spans = new Map<string, Span>();
  input.alerts.forEach((alert, index) => {
    const trigger = triggers[index];
    spans.set(
      alert.alertId,
      startSpan(`alert ${alert.kind}`, {
        kind: SpanKind.PRODUCER,
        startTime: input.startedAt,
        parent: trigger ? trigger.parent : windowContext,
        links: trigger ? [{ context: window.spanContext() }] : [],
        attributes: {
          'waspada.alert_id': alert.alertId,
          'waspada.severity': alert.severity,
          'waspada.rules': alert.rules.map((rule) => rule.ruleId).join(','),
          'waspada.checkpoint': alert.target.checkpointCode ?? undefined,
          'waspada.trigger_event_id': alert.triggerEventId,
        },
      }),
    );
  });
  return {
    withTrace(record, alert) {
      const span = spans.get(alert.alertId);
      return span ? { ...record, headers: { ...record.headers, ...traceHeaders(contextOf(span)) } } : record;
    },
    end(error) {
      for (const span of spans.values()) endSpan(span, error);
      endSpan(window, error);
    },
  };
}
