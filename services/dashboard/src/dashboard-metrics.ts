import { Counter, createMetricsRegistry, Gauge, Histogram } from '@waspada/common';

export const SERVICE = 'dashboard';

export function dashboardMetrics() {
  const registry = createMetricsRegistry(SERVICE);
  return {
    registry,
    samples: new Counter({
      name: 'waspada_dashboard_offset_polls_total',
      help: 'Polls of topic end offsets and consumer-group offsets, by outcome (ok, partial, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    sampleSeconds: new Histogram({
      name: 'waspada_dashboard_offset_poll_seconds',
      help: 'Time one poll of every topic and group takes',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    alertsRead: new Counter({
      name: 'waspada_dashboard_alerts_read_total',
      help: 'Records read from the alerts topic, by outcome (counted, duplicate, too_old, undecodable)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    scrapes: new Counter({
      name: 'waspada_dashboard_service_checks_total',
      help: 'Health checks of the services, by target and state (ready, not-ready, down)',
      labelNames: ['target', 'state'],
      registers: [registry],
    }),
    analystIndexed: new Counter({
      name: 'waspada_dashboard_analyst_index_records_total',
      help: 'Records the analyst index read, by topic and outcome (indexed, undecodable)',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    }),
    analystRequests: new Counter({
      name: 'waspada_dashboard_analyst_requests_total',
      help: 'Answers of the analyst API, by status code (401 and 403 are refused tokens and roles)',
      labelNames: ['status'],
      registers: [registry],
    }),
    alertBudget: new Gauge({
      name: 'waspada_dashboard_alert_budget_per_thousand',
      help: 'NEW departure alerts per 1,000 departures scanned at the checkpoint, over the alert history kept',
      labelNames: ['checkpoint'],
      registers: [registry],
    }),
    flappingShare: new Gauge({
      name: 'waspada_dashboard_alert_flapping_share',
      help: 'Share of NEW alerts withdrawn (downgraded or resolved) within a minute, over the alert history kept',
      registers: [registry],
    }),
    opsStreams: new Gauge({
      name: 'waspada_dashboard_alert_streams_connected',
      help: 'Ops pages connected to the live alert stream',
      registers: [registry],
    }),
  };
}

export type DashboardMetrics = ReturnType<typeof dashboardMetrics>;
