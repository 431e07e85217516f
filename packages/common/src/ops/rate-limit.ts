import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';

/** How many requests one client may make per window; every API of a service shares one limit. */
export interface RateLimitSettings {
  readonly max: number;
  readonly windowMs: number;
}

/** What a refused client is told, for the API to put in its own error shape. */
export interface RateLimitRefusal {
  readonly max: number;
  readonly windowSeconds: number;
  /** Whole seconds until the window ends, as sent in Retry-After. */
  readonly retryAfterSeconds: number;
  /** `token` when the client was counted by its credential, `address` when by its IP address. */
  readonly countedBy: 'token' | 'address';
}

export interface RateLimitOptions extends RateLimitSettings {
  /**
   * Who holds the request's credential (a desk id, an analyst id), only when the credential is
   * valid: a holder has a budget of their own wherever they connect from. A request without one,
   * or with a token nobody holds, is counted against its IP address, so made-up tokens buy nothing.
   */
  readonly holderOf?: (request: FastifyRequest) => string | undefined;
  /** The 429 body, in the API's own error shape. */
  readonly refusalBody: (refusal: RateLimitRefusal) => unknown;
}

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
export function bearerToken(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** The bucket a request is counted in: its credential's holder, else its address (IPv6 by /64). */
export function rateLimitKey(holder: string | undefined, ip: string): string {
  return holder === undefined ? `address:${normalizeIP(ip)}` : `token:${holder}`;
}

/**
 * Limits every route of `app` except those in `exempt` (health and metrics: probes and scrapers
 * must always get through). Counting is @fastify/rate-limit's, in memory per process; the check
 * runs in preParsing, after CORS has set its headers (a browser can read the 429) and before a
 * body of up to 32 MiB is read. A refusal is 429 with Retry-After, counted in
 * `waspada_http_requests_rate_limited_total{route,counted_by}`.
 */
export function limitRequests(
  app: FastifyInstance,
  options: RateLimitOptions & { readonly metrics: Registry; readonly exempt: ReadonlySet<string> },
): void {
  const refused = new Counter({
    name: 'waspada_http_requests_rate_limited_total',
    help: 'HTTP requests refused with 429 for going over the per-client rate limit, by route and by what the client was counted by (token or address)',
    labelNames: ['route', 'counted_by'],
    registers: [options.metrics],
  });
  // Not awaited: the plugin loads before the server listens, and the check below only runs then.
  void app.register(fastifyRateLimit, {
    global: false,
    max: options.max,
    timeWindow: options.windowMs,
    keyGenerator: (request) => rateLimitKey(options.holderOf?.(request), request.ip),
  });
  let check: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  app.addHook('preParsing', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route !== undefined && options.exempt.has(route)) return;
    check ??= app.createRateLimit();
    const limit = await check(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    const countedBy = limit.key.startsWith('token:') ? 'token' : 'address';
    const retryAfterSeconds = Math.max(1, limit.ttlInSeconds);
    refused.inc({ route: route ?? '(no route)', counted_by: countedBy });
    await reply
      .code(429)
      .header('retry-after', String(retryAfterSeconds))
      .send(
        options.refusalBody({
          max: limit.max,
          windowSeconds: Math.ceil(limit.timeWindow / 1000),
          retryAfterSeconds,
          countedBy,
        }),
      );
  });
}

/** The sentence every API puts in its refusal. */
export function rateLimitMessage(refusal: RateLimitRefusal): string {
  const who = refusal.countedBy === 'token' ? 'this token' : 'this address';
  return `more than ${refusal.max} requests in ${refusal.windowSeconds} s from ${who}: send again in ${refusal.retryAfterSeconds} s (Retry-After)`;
}
