import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Checkpoint } from '@waspada/domain';
import type { AlertStats } from './alert-stats';
import { type AnalystDirectory } from '@waspada/analysts';
import type { DashboardMetrics } from './dashboard-metrics';
import type { LiveAlerts } from './live-alerts';
import type { OffsetsSampler } from './offsets-sampler';
import type { ServiceHealth } from './service-health';
import { SSE_PING, sseEvent } from '@waspada/common';

export const PUBLIC_DIR = join(__dirname, '..', 'public');
const CHART_JS_DIR = dirname(require.resolve('chart.js'));
/** The message catalogue built as ES modules (see packages/messages/tsconfig.browser.json). */
const MESSAGES_DIR = join(dirname(require.resolve('@waspada/messages')), 'browser');
/** The desk reads its alert stream with eventsource-parser's one-file ES module build. */
const SSE_PARSER_DIR = dirname(require.resolve('eventsource-parser'));
/** The network graph's library, its ES module build (package.json's exports name no other directory). */
const CYTOSCAPE_DIR = dirname(require.resolve('cytoscape'));
const HEARTBEAT_MS = 15_000;
/** A page that stops reading is dropped once this much waits for it; it reconnects by itself. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const BACKLOG = 50;

export interface DashboardApiDeps {
  readonly sampler: OffsetsSampler;
  readonly stats: AlertStats;
  readonly live: LiveAlerts;
  readonly health: ServiceHealth;
  readonly metrics: DashboardMetrics;
  readonly checkpoints: ReadonlyMap<string, Checkpoint>;
  readonly regencyName: (code: string) => string | undefined;
  readonly alertsLoading: () => boolean;
  /** Analysts and their roles, for the analyst pages' APIs (each guarded by analystGuard). */
  readonly analysts: AnalystDirectory;
  readonly clock: () => number;
  readonly settings: {
    /** Where desk pages reach the notifier's desk API, from the officer's browser. */
    readonly notifierUrl: string;
    readonly traceUrlTemplate: string | null;
    readonly sampleIntervalMs: number;
    readonly historyMinutes: number;
  };
}

/**
 * The pages and the JSON they are drawn from, on the dashboard's HTTP port:
 *
 *   GET /                         ops page
 *   GET /desk/:checkpoint         desk page of one checkpoint (talks to the notifier itself)
 *   GET /api/config               what the pages need to know (the notifier's URL, intervals)
 *   GET /api/checkpoints          every checkpoint, for the links to the desk pages
 *   GET /api/topics               message rate and size of every Waspada topic, last 30 minutes
 *   GET /api/lag                  lag of every consumer group over time
 *   GET /api/dead-letters         rejected and dead-lettered records: sizes and rates
 *   GET /api/alerts/summary       alerts per minute by severity, rule and checkpoint (?minutes=)
 *   GET /api/alerts/recent        the latest alerts, NIK masked (?limit=)
 *   GET /api/alerts/stream        the same as Server-Sent Events, live
 *   GET /api/services             each service's readiness, and the notifier's delivery figures
 */
export async function registerDashboardApi(app: FastifyInstance, deps: DashboardApiDeps) {
  const { settings } = deps;
  const notifierOrigin = new URL(settings.notifierUrl).origin;
  const streams = new Set<FastifyReply['raw']>();

  // The desk page holds a token and personal data: no framing, no other origins' scripts, no
  // referrer, and it may talk to the notifier and nothing else.
  const contentSecurityPolicy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${notifierOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    else void reply.header('content-security-policy', contentSecurityPolicy);
    return payload;
  });

  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/assets/', index: false });
  await app.register(fastifyStatic, {
    root: CHART_JS_DIR,
    prefix: '/vendor/chart.js/',
    decorateReply: false,
    index: false,
    allowedPath: (path) => path === '/chart.umd.min.js' || path === '/chart.umd.min.js.map',
  });

  await app.register(fastifyStatic, {
    root: MESSAGES_DIR,
    prefix: '/vendor/messages/',
    decorateReply: false,
    index: false,
    allowedPath: (path) => path.endsWith('.js'),
  });

  await app.register(fastifyStatic, {
    root: SSE_PARSER_DIR,
    prefix: '/vendor/eventsource-parser/',
    decorateReply: false,
    index: false,
    allowedPath: (path) => path === '/index.js' || path === '/index.js.map',
  });

  await app.register(fastifyStatic, {
    root: CYTOSCAPE_DIR,
    prefix: '/vendor/cytoscape/',
    decorateReply: false,
    index: false,
    allowedPath: (path) => path === '/cytoscape.esm.min.mjs',
  });

  app.get('/', (_request, reply) => reply.sendFile('index.html'));
  app.get('/favicon.ico', (_request, reply) => reply.redirect('/assets/favicon.svg', 301));
  app.get<{ Params: { checkpoint: string } }>('/desk/:checkpoint', (request, reply) => {
    const { checkpoint } = request.params;
    if (deps.checkpoints.has(checkpoint)) return reply.sendFile('desk.html');
    const upper = checkpoint.toUpperCase();
    if (deps.checkpoints.has(upper)) return reply.redirect(`/desk/${encodeURIComponent(upper)}`);
    return reply.code(404).type('text/html; charset=utf-8').send(unknownCheckpointPage(checkpoint));
  });

  app.get('/api/config', async () => ({
    notifierUrl: settings.notifierUrl,
    traceUrlTemplate: settings.traceUrlTemplate,
    sampleIntervalMs: settings.sampleIntervalMs,
    historyMinutes: settings.historyMinutes,
  }));

  app.get('/api/checkpoints', async () => ({
    checkpoints: [...deps.checkpoints.values()]
      .map((checkpoint) => ({
        code: checkpoint.code,
        name: checkpoint.name,
        kind: checkpoint.kind,
        type: checkpoint.type,
        province: checkpoint.province,
        regency: checkpoint.regency,
        regencyName: deps.regencyName(checkpoint.regency) ?? null,
        borderCountry: checkpoint.borderCountry ?? null,
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  }));

  app.get('/api/topics', async () => ({
    now: deps.clock(),
    intervalMs: settings.sampleIntervalMs,
    topics: deps.sampler.topics(),
  }));

  app.get('/api/lag', async () => ({ now: deps.clock(), groups: deps.sampler.groups() }));

  app.get('/api/dead-letters', async () => ({
    now: deps.clock(),
    topics: deps.sampler.topics().filter((topic) => topic.kind !== 'stream'),
  }));

  app.get<{ Querystring: { minutes?: string } }>('/api/alerts/summary', async (request) => {
    const minutes = clampInt(request.query.minutes, 60, 1, settings.historyMinutes);
    const now = deps.clock();
    return { now, loading: deps.alertsLoading(), ...deps.stats.summary(now, minutes) };
  });

  app.get<{ Querystring: { limit?: string } }>('/api/alerts/recent', async (request) => {
    const limit = clampInt(request.query.limit, BACKLOG, 1, 200);
    return { alerts: deps.live.backlog(undefined, limit).reverse() };
  });

  app.get('/api/alerts/stream', (request, reply) => {
    const header = request.headers['last-event-id'];
    const lastId = Array.isArray(header) ? header[0] : header;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    const write = (frame: string) => {
      if (raw.destroyed) return;
      if (raw.writableLength > MAX_BUFFERED_BYTES) raw.destroy();
      else raw.write(frame);
    };
    // Backlog and going live in one turn of the event loop: no alert falls between them.
    for (const entry of deps.live.backlog(lastId || undefined, BACKLOG))
      write(sseEvent('alert', entry, entry.alertId));
    const unsubscribe = deps.live.subscribe((entry) => write(sseEvent('alert', entry, entry.alertId)));
    streams.add(raw);
    deps.metrics.opsStreams.inc();
    const heartbeat = setInterval(() => write(SSE_PING), HEARTBEAT_MS);
    raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(raw);
      deps.metrics.opsStreams.dec();
    });
  });

  app.get('/api/services', async () => ({
    now: deps.clock(),
    services: deps.health.statuses(),
    notifier: deps.health.notifier(),
  }));

  return {
    /** Ends every live stream, so shutdown does not wait for pages that never hang up. */
    closeStreams() {
      for (const raw of streams) raw.end();
    },
  };
}

function clampInt(value: string | undefined, fallback: number, min: number, max: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  if (!Number.isFinite(parsed)) return fallback;
  return Math.min(max, Math.max(min, parsed));
}

function unknownCheckpointPage(code: string): string {
  const escaped = code.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Unknown checkpoint</title>
<link rel="stylesheet" href="/assets/css/dashboard.css"></head>
<body class="plain"><main class="notice"><h1>No checkpoint ${escaped}</h1>
<p>Pick your checkpoint from the <a href="/#desks">list of desks</a>.</p></main></body></html>`;
}
