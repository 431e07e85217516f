import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export { Counter, Gauge, Histogram, Summary } from 'prom-client';
export type { Registry } from 'prom-client';

/** A metrics registry per service with process metrics (CPU, memory, event-loop lag, GC). */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'waspada_' });
  return registry;
}

/**
 * A histogram of a commit window's stages (WindowStage in commit-window.ts), and the `observe` to
 * hand the window: where a record's time between arriving and being committed goes.
 */
export function windowStageHistogram(registry: Registry, name: string) {
  const histogram = new Histogram({
    name,
    help: "Each stage of each commit window, in seconds: open (first record to close), judge (the service's close), publish (sending what it decided), commit (offsets and commits)",
    labelNames: ['stage'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    histogram,
    observe: (stage: string, seconds: number) => histogram.observe({ stage }, seconds),
  };
}
