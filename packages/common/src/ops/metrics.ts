import { Registry, collectDefaultMetrics } from 'prom-client';

export { Counter, Gauge, Histogram, Summary } from 'prom-client';
export type { Registry } from 'prom-client';

/** A metrics registry per service with process metrics (CPU, memory, event-loop lag, GC). */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'waspada_' });
  return registry;
}
