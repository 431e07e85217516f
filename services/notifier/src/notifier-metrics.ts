import { Counter, createMetricsRegistry, Gauge, Histogram, windowStageHistogram } from '@waspada/common';

export const SERVICE = 'notifier';

export function notifierMetrics() {
  const registry = createMetricsRegistry(SERVICE);
  return {
    registry,
    routed: new Counter({
      name: 'waspada_notifier_alerts_routed_total',
      help: 'Alerts read from the alerts topic, by route (desk, no_desk, dead_letter)',
      labelNames: ['route'],
      registers: [registry],
    }),
    deskConnected: new Gauge({
      name: 'waspada_notifier_desks_connected',
      help: 'Desk screens connected to the live channel, by checkpoint',
      labelNames: ['checkpoint'],
      registers: [registry],
    }),
    deskPushed: new Counter({
      name: 'waspada_notifier_desk_alerts_pushed_total',
      help: 'Alerts written to connected desk screens, live or on resume',
      labelNames: ['mode'],
      registers: [registry],
    }),
    deskAuthFailures: new Counter({
      name: 'waspada_notifier_desk_auth_failures_total',
      help: 'Desk requests refused for a missing, unknown or wrong-checkpoint token',
      registers: [registry],
    }),
    routerWindowStages: windowStageHistogram(registry, 'waspada_notifier_router_window_stage_seconds'),
    pushLatency: new Histogram({
      name: 'waspada_notifier_desk_push_seconds',
      help: 'From the scan (event time) or from the alert decision to the alert written to a desk screen',
      labelNames: ['from'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30],
      registers: [registry],
    }),
    actions: new Counter({
      name: 'waspada_notifier_desk_actions_total',
      help: 'Desk actions recorded, by action',
      labelNames: ['action'],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'waspada_notifier_webhook_deliveries_total',
      help: 'Webhook outcomes per alert: delivered, dead_letter, duplicate (already delivered), filtered',
      labelNames: ['subscriber', 'outcome'],
      registers: [registry],
    }),
    retries: new Counter({
      name: 'waspada_notifier_webhook_retries_total',
      help: 'Webhook attempts that failed and were retried',
      labelNames: ['subscriber'],
      registers: [registry],
    }),
    attemptSeconds: new Histogram({
      name: 'waspada_notifier_webhook_attempt_seconds',
      help: 'Duration of one webhook attempt',
      labelNames: ['subscriber'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    accessRecords: new Counter({
      name: 'waspada_notifier_access_records_total',
      help: 'Entries written to the access trail, by operation',
      labelNames: ['operation'],
      registers: [registry],
    }),
  };
}

export type NotifierMetrics = ReturnType<typeof notifierMetrics>;
