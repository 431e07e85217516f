import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { MetricsTarget } from './metrics-targets';
import { SampleHistory, type Point } from './topic-rates';

export type ServiceState = 'ready' | 'not-ready' | 'down';

export interface ServiceStatus {
  readonly name: string;
  readonly url: string;
  /** ready: /health/ready answered 200; not-ready: it answered otherwise; down: no answer. */
  readonly state: ServiceState;
  /** Each readiness check and its result, as the service reported them. */
  readonly checks: Readonly<Record<string, string>>;
  readonly error: string | null;
  readonly checkedAt: number;
  /** When the state last changed (or the first check). */
  readonly since: number;
}

/** The notifier's figures the page shows, summed over every target that exposes them. */
export interface NotifierFigures {
  readonly desksConnected: number;
  readonly desksByCheckpoint: Readonly<Record<string, number>>;
  /** Cumulative webhook outcomes per `subscriber/outcome`. */
  readonly deliveries: Readonly<Record<string, number>>;
  /** Cumulative failed-and-retried webhook attempts per subscriber. */
  readonly retries: Readonly<Record<string, number>>;
}

export const NOTIFIER_METRICS = {
  desks: 'waspada_notifier_desks_connected',
  deliveries: 'waspada_notifier_webhook_deliveries_total',
  retries: 'waspada_notifier_webhook_retries_total',
} as const;

type Families = ReturnType<typeof parsePrometheusTextFormat>;

export function parseMetricsText(text: string): Families {
  return parsePrometheusTextFormat(text);
}

/** Undefined when no family of the notifier is there: the target is not a notifier. */
export function notifierFigures(families: Families): NotifierFigures | undefined {
  const byName = new Map(families.map((family) => [family.name, family]));
  const desks = byName.get(NOTIFIER_METRICS.desks);
  const deliveries = byName.get(NOTIFIER_METRICS.deliveries);
  const retries = byName.get(NOTIFIER_METRICS.retries);
  if (!desks && !deliveries && !retries) return undefined;
  const numberOf = (value: string | undefined) => {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : 0;
  };
  const desksByCheckpoint: Record<string, number> = {};
  let desksConnected = 0;
  for (const sample of desks?.metrics ?? []) {
    const value = numberOf(sample.value);
    desksConnected += value;
    const checkpoint = sample.labels?.checkpoint;
    if (checkpoint !== undefined)
      desksByCheckpoint[checkpoint] = (desksByCheckpoint[checkpoint] ?? 0) + value;
  }
  const deliveryTotals: Record<string, number> = {};
  for (const sample of deliveries?.metrics ?? []) {
    const key = `${sample.labels?.subscriber ?? '?'}/${sample.labels?.outcome ?? '?'}`;
    deliveryTotals[key] = (deliveryTotals[key] ?? 0) + numberOf(sample.value);
  }
  const retryTotals: Record<string, number> = {};
  for (const sample of retries?.metrics ?? []) {
    const key = sample.labels?.subscriber ?? 'all';
    retryTotals[key] = (retryTotals[key] ?? 0) + numberOf(sample.value);
  }
  return { desksConnected, desksByCheckpoint, deliveries: deliveryTotals, retries: retryTotals };
}

export function combineFigures(all: readonly NotifierFigures[]): NotifierFigures | undefined {
  if (all.length === 0) return undefined;
  const add = (into: Record<string, number>, from: Readonly<Record<string, number>>) => {
    for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
  };
  const desksByCheckpoint: Record<string, number> = {};
  const deliveries: Record<string, number> = {};
  const retries: Record<string, number> = {};
  for (const figures of all) {
    add(desksByCheckpoint, figures.desksByCheckpoint);
    add(deliveries, figures.deliveries);
    add(retries, figures.retries);
  }
  return {
    desksConnected: all.reduce((sum, figures) => sum + figures.desksConnected, 0),
    desksByCheckpoint,
    deliveries,
    retries,
  };
}

/**
 * Per-minute rate series of a cumulative counter sampled over time. A counter that went down
 * restarted with its process: that interval is left out rather than shown as a negative rate.
 */
export function perMinute(samples: readonly { readonly t: number; readonly value: number }[]): Point[] {
  const points: Point[] = [];
  for (let i = 1; i < samples.length; i++) {
    const previous = samples[i - 1];
    const next = samples[i];
    if (!previous || !next || next.t <= previous.t || next.value < previous.value) continue;
    points.push([next.t, ((next.value - previous.value) * 60_000) / (next.t - previous.t)]);
  }
  return points;
}

export interface ServiceHealth {
  scrape(now: number): Promise<void>;
  statuses(): ServiceStatus[];
  notifier(): NotifierView;
}

export interface NotifierView {
  readonly current: NotifierFigures | null;
  readonly desksConnected: Point[];
  /** Deliveries per minute, by `subscriber/outcome`. */
  readonly deliveriesPerMinute: Readonly<Record<string, Point[]>>;
  /** Retries per minute, by subscriber. */
  readonly retriesPerMinute: Readonly<Record<string, Point[]>>;
}

/** Polls every target's /health/ready and /metrics; keeps the notifier's figures over time. */
export function createServiceHealth(
  targets: readonly MetricsTarget[],
  options: { retentionMs: number; timeoutMs: number; onScrape?: (name: string, state: ServiceState) => void },
): ServiceHealth {
  const current = new Map<string, ServiceStatus>();
  let figures: NotifierFigures | null = null;
  const desks = new SampleHistory<{ t: number; value: number }>(options.retentionMs);
  const deliveries = new SampleHistory<{ t: number; value: number }>(options.retentionMs);
  const retries = new SampleHistory<{ t: number; value: number }>(options.retentionMs);

  async function check(target: MetricsTarget, now: number) {
    let state: ServiceState = 'down';
    let checks: Record<string, string> = {};
    let error: string | null = null;
    let found: NotifierFigures | undefined;
    try {
      const response = await fetch(`${target.url}/health/ready`, {
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const body = (await response.json().catch(() => ({}))) as { checks?: Record<string, string> };
      checks = body.checks ?? {};
      state = response.ok ? 'ready' : 'not-ready';
      if (!response.ok) error = `readiness answered ${response.status}`;
    } catch (failure) {
      error = describeFailure(failure);
    }
    if (state !== 'down') {
      try {
        const response = await fetch(`${target.url}/metrics`, {
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (response.ok) found = notifierFigures(parseMetricsText(await response.text()));
      } catch {
        // Health is what matters here; a metrics page that fails once only leaves a gap in the charts.
      }
    }
    const previous = current.get(target.name);
    current.set(target.name, {
      name: target.name,
      url: target.url,
      state,
      checks,
      error,
      checkedAt: now,
      since: previous && previous.state === state ? previous.since : now,
    });
    options.onScrape?.(target.name, state);
    return found;
  }

  return {
    async scrape(now) {
      const found = (await Promise.all(targets.map((target) => check(target, now)))).filter(
        (entry): entry is NotifierFigures => entry !== undefined,
      );
      figures = combineFigures(found) ?? null;
      if (figures) {
        desks.add('all', { t: now, value: figures.desksConnected });
        for (const [key, value] of Object.entries(figures.deliveries)) deliveries.add(key, { t: now, value });
        for (const [key, value] of Object.entries(figures.retries)) retries.add(key, { t: now, value });
      }
      desks.prune(now);
      deliveries.prune(now);
      retries.prune(now);
    },
    statuses: () =>
      targets.map((target) => current.get(target.name)).filter((status) => status !== undefined),
    notifier: () => ({
      current: figures,
      desksConnected: desks.samples('all').map((sample): Point => [sample.t, sample.value]),
      deliveriesPerMinute: Object.fromEntries(
        deliveries.keys().map((key) => [key, perMinute(deliveries.samples(key))]),
      ),
      retriesPerMinute: Object.fromEntries(
        retries.keys().map((key) => [key, perMinute(retries.samples(key))]),
      ),
    }),
  };
}

function describeFailure(failure: unknown): string {
  if (failure instanceof Error) {
    if (failure.name === 'TimeoutError') return 'no answer within the timeout';
    const cause = failure.cause as { code?: string; message?: string } | undefined;
    return cause?.code ?? cause?.message ?? failure.message;
  }
  return String(failure);
}
