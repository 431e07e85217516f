import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { v5 as uuidv5, v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import {
  bearerToken,
  endSpan,
  maskNik,
  rateLimitMessage,
  SpanKind,
  startSpan,
  TOPICS,
  type KafkaProducer,
  type Logger,
  type RateLimitRefusal,
  type RateLimitSettings,
} from '@waspada/common';
import { hashToken, type Desk } from '@waspada/delivery';
import { createStateStore } from '@waspada/risk-store';
import type { AlertAction, RiskAlert } from '@waspada/schemas';
import type { AccessTrail } from './access-trail';
import type { DeskFeed } from './desk-feed';
import type { DeskEntry } from './desk-log';
import type { NotifierIo } from './notifier-io';
import type { NotifierMetrics } from './notifier-metrics';
import { SSE_PING, sseEvent, sseFrame } from './sse';
import { timelineOf } from '@waspada/risk-rules';

const ACTION_NAMESPACE = '6f7d1e0a-3c55-4c1b-8f0e-2a9d4b7c1e33';
const HEARTBEAT_MS = 15_000;
/** A screen that stops reading is dropped once this much waits for it; it resumes on reconnect. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const ACTIONS = { ACKNOWLEDGE: 'ACKNOWLEDGED', REFER: 'REFERRED', DISMISS: 'DISMISSED' } as const;
const actionBody = z
  .object({
    action: z.enum(['ACKNOWLEDGE', 'REFER', 'DISMISS']),
    officerId: z.string().trim().min(1).max(64),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((body) => body.action !== 'DISMISS' || body.reason !== undefined, {
    message: 'a dismissal needs a reason',
    path: ['reason'],
  });

/**
 * Requests per minute from one desk token (or, without a valid one, from one address): a screen
 * opens one stream and reconnects at most every few seconds, an officer clicks a few times a
 * minute; a desk that asks more is a broken page or a script.
 */
export const DESK_API_RATE_LIMIT: RateLimitSettings = { max: 1_200, windowMs: 60_000 };

/** The 429 of the desk API, in its `{ error }` shape. */
export const deskApiRateLimitBody = (refusal: RateLimitRefusal) => ({ error: rateLimitMessage(refusal) });

/** The desk holding this token; every desk is compared, in constant time each, so timing tells nothing. */
export function deskOfToken(desks: readonly Desk[], token: string | undefined): Desk | undefined {
  const hash = token ? hashToken(token) : undefined;
  let match: Desk | undefined;
  for (const desk of desks) if (hash && timingSafeEqual(hash, desk.tokenHash) && !match) match = desk;
  return match;
}

export interface DeskApiOptions {
  readonly desks: readonly Desk[];
  /** Alerts a screen that connects without a last id is shown. */
  readonly backlog: number;
}

/**
 * The desk API, on the notifier's HTTP port:
 *
 *   GET  /desks/:checkpoint/stream                     live alerts (SSE), resumable by Last-Event-ID
 *   POST /desks/:checkpoint/alerts/:alertId/actions    acknowledge, refer or dismiss
 *   GET  /desks/:checkpoint/alerts/:alertId/timeline   the person's joined record (access recorded)
 *
 * Each desk has a token of its own, valid for its checkpoint only.
 */
export function registerDeskApi(
  app: FastifyInstance,
  deps: {
    io: NotifierIo;
    feed: DeskFeed;
    producer: KafkaProducer;
    access: AccessTrail;
    metrics: NotifierMetrics;
    logger: Logger;
  },
  options: DeskApiOptions,
) {
  const { feed, metrics, logger } = deps;
  const store = createStateStore(deps.io.redis);
  const screens = new Map<string, Set<FastifyReply['raw']>>();

  const frameOf = (entry: DeskEntry) => sseFrame('alert', entry.json, entry.alertId);

  feed.subscribe((checkpoint, entry) => {
    const connected = screens.get(checkpoint);
    if (!connected || connected.size === 0) return;
    const span = startSpan('desk push', {
      kind: SpanKind.PRODUCER,
      parent: entry.trace,
      attributes: {
        'waspada.alert_id': entry.alertId,
        'waspada.checkpoint': checkpoint,
        'waspada.screens': connected.size,
      },
    });
    const frame = frameOf(entry);
    for (const raw of connected) write(raw, frame);
    endSpan(span);
    metrics.deskPushed.inc({ mode: 'live' }, connected.size);
    const alert = entry.raw as RiskAlert;
    const now = Date.now();
    metrics.pushLatency.observe({ from: 'scan' }, (now - alert.eventTime) / 1000);
    metrics.pushLatency.observe({ from: 'alert' }, (now - alert.alertTime) / 1000);
  });

  function write(raw: FastifyReply['raw'], frame: string) {
    if (raw.writableLength > MAX_BUFFERED_BYTES) {
      raw.destroy();
      return;
    }
    raw.write(frame);
  }

  /** The desk whose token this is, if it may act for the checkpoint; replies 401 or 403 otherwise. */
  function authenticate(request: FastifyRequest, reply: FastifyReply, checkpoint: string): Desk | undefined {
    const match = deskOfToken(options.desks, bearerToken(request));
    if (!match) {
      metrics.deskAuthFailures.inc();
      void reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'a valid desk token is required' });
      return undefined;
    }
    if (match.checkpointCode !== checkpoint) {
      metrics.deskAuthFailures.inc();
      void reply
        .code(403)
        .send({ error: `this token is for checkpoint ${match.checkpointCode}, not ${checkpoint}` });
      return undefined;
    }
    return match;
  }

  type CheckpointParams = { checkpoint: string };
  type AlertParams = { checkpoint: string; alertId: string };

  app.get<{ Params: CheckpointParams; Querystring: { lastEventId?: string } }>(
    '/desks/:checkpoint/stream',
    async (request, reply) => {
      const { checkpoint } = request.params;
      const desk = authenticate(request, reply, checkpoint);
      if (!desk) return reply;
      await feed.loaded;
      const header = request.headers['last-event-id'];
      const lastId = (Array.isArray(header) ? header[0] : header) ?? request.query.lastEventId;

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.socket?.setNoDelay(true);
      // Resume and going live happen in one turn of the event loop: no alert can fall between them.
      const resumed = feed.log(checkpoint).resume(lastId || undefined, options.backlog);
      if (resumed.kind === 'unknown')
        write(
          raw,
          sseEvent('reset', {
            reason: 'the last alert id is not in the desk history; the latest alerts follow',
          }),
        );
      for (const entry of resumed.entries) write(raw, frameOf(entry));
      write(raw, sseEvent('caught-up', { replayed: resumed.entries.length }));
      metrics.deskPushed.inc({ mode: 'resume' }, resumed.entries.length);
      let connected = screens.get(checkpoint);
      if (!connected) screens.set(checkpoint, (connected = new Set()));
      connected.add(raw);
      metrics.deskConnected.inc({ checkpoint });
      logger.info(
        { desk: desk.deskId, resumedFrom: lastId ?? null, replayed: resumed.entries.length },
        'desk connected',
      );
      const heartbeat = setInterval(() => write(raw, SSE_PING), HEARTBEAT_MS);
      raw.on('close', () => {
        clearInterval(heartbeat);
        connected.delete(raw);
        metrics.deskConnected.dec({ checkpoint });
        logger.info({ desk: desk.deskId }, 'desk disconnected');
      });
      return reply;
    },
  );

  app.post<{ Params: AlertParams }>('/desks/:checkpoint/alerts/:alertId/actions', async (request, reply) => {
    const { checkpoint, alertId } = request.params;
    const desk = authenticate(request, reply, checkpoint);
    if (!desk) return reply;
    const body = actionBody.safeParse(request.body);
    if (!body.success)
      return reply.code(400).send({
        error: 'invalid action',
        fields: body.error.issues.map((issue) => ({
          field: issue.path.join('.') || '(body)',
          reason: issue.message,
        })),
      });
    const entry = feed.log(checkpoint).find(alertId);
    if (!entry) return reply.code(404).send({ error: `alert ${alertId} is not in this desk's history` });
    const alert = entry.raw as RiskAlert;
    const idempotencyKey = request.headers['idempotency-key'];
    const actionId =
      typeof idempotencyKey === 'string' && idempotencyKey.length > 0
        ? uuidv5(`${desk.deskId}|${alertId}|${idempotencyKey}`, ACTION_NAMESPACE)
        : uuidv4();
    const action: AlertAction = {
      actionId,
      alertId,
      firstAlertId: alert.firstAlertId,
      nik: alert.person.nik,
      checkpointCode: checkpoint,
      deskId: desk.deskId,
      officerId: body.data.officerId,
      action: ACTIONS[body.data.action],
      reason: body.data.reason ?? null,
      ruleIds: alert.rules.map((rule) => rule.ruleId),
      ruleSetVersion: alert.ruleSetVersion,
      severity: alert.severity,
      actionTime: Date.now(),
    };
    // A repeated request with the same key records nothing new and answers as the first did.
    const seenKey = `waspada:{action:${actionId}}`;
    const earlier = await deps.io.redis.get(seenKey);
    if (earlier !== null) return reply.code(200).send(JSON.parse(earlier) as unknown);
    await deps.producer.send([
      { topic: TOPICS.alertActions, key: alert.person.nik, value: deps.io.actionCodec.encode(action) },
    ]);
    await deps.access.record([
      {
        actorKind: 'DESK',
        actorId: desk.deskId,
        officerId: action.officerId,
        operation: 'DESK_ACTION',
        nik: alert.person.nik,
        alertId,
        purpose: `${action.action.toLowerCase()} alert at ${checkpoint}${action.reason ? `: ${action.reason}` : ''}`,
      },
    ]);
    const answer = {
      actionId,
      action: action.action,
      alertId,
      actionTime: new Date(action.actionTime).toISOString(),
    };
    await deps.io.redis.set(seenKey, JSON.stringify(answer), 'EX', 86_400);
    metrics.actions.inc({ action: action.action });
    logger.info(
      { desk: desk.deskId, action: action.action, nik: maskNik(alert.person.nik) },
      'desk action recorded',
    );
    return reply.code(201).send(answer);
  });

  app.get<{ Params: AlertParams }>('/desks/:checkpoint/alerts/:alertId/timeline', async (request, reply) => {
    const { checkpoint, alertId } = request.params;
    const desk = authenticate(request, reply, checkpoint);
    if (!desk) return reply;
    const officer = request.headers['x-waspada-officer'];
    if (typeof officer !== 'string' || officer.trim().length === 0)
      return reply.code(400).send({ error: 'the X-Waspada-Officer header names the officer who looks' });
    const entry = feed.log(checkpoint).find(alertId);
    if (!entry) return reply.code(404).send({ error: `alert ${alertId} is not in this desk's history` });
    await deps.access.record([
      {
        actorKind: 'DESK',
        actorId: desk.deskId,
        officerId: officer.trim(),
        operation: 'VIEW_TIMELINE',
        nik: entry.nik,
        alertId,
        purpose: `handling alert ${alertId} at ${checkpoint}`,
      },
    ]);
    const state = (await store.loadPeople([entry.nik])).get(entry.nik)?.state;
    if (!state) return reply.code(404).send({ error: 'no record of this person is kept' });
    return reply.send(timelineOf(state));
  });

  return {
    connectedScreens: () => [...screens.values()].reduce((sum, set) => sum + set.size, 0),
    /** Ends every live stream, so shutdown does not wait for screens that never hang up. */
    closeStreams() {
      for (const set of screens.values()) for (const raw of set) raw.end();
    },
  };
}
