import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  maskNik,
  rateLimitMessage,
  TOPICS,
  type KafkaProducer,
  type Logger,
  type RateLimitRefusal,
  type RateLimitSettings,
} from '@waspada/common';
import type { Desk } from '@waspada/delivery';
import { timelineOf } from '@waspada/risk-rules';
import { createStateStore } from '@waspada/risk-store';
import type { RiskAlert } from '@waspada/schemas';
import type { AccessTrail } from './access-trail';
import { actionPurpose, deskActionOf, parseDeskAction } from './desk-action';
import { authenticateDesk } from './desk-auth';
import type { DeskFeed } from './desk-feed';
import { registerDeskScreens } from './desk-screens';
import type { NotifierIo } from './notifier-io';
import type { NotifierMetrics } from './notifier-metrics';

/**
 * Requests per minute from one desk token (or, without a valid one, from one address): a screen
 * opens one stream and reconnects at most every few seconds, an officer clicks a few times a
 * minute; a desk that asks more is a broken page or a script.
 */
export const DESK_API_RATE_LIMIT: RateLimitSettings = { max: 1_200, windowMs: 60_000 };

/** The 429 of the desk API, in its `{ error }` shape. */
export const deskApiRateLimitBody = (refusal: RateLimitRefusal) => ({ error: rateLimitMessage(refusal) });

export interface DeskApiOptions {
  readonly desks: readonly Desk[];
  /** Alerts a screen that connects without a last id is shown. */
  readonly backlog: number;
}

/**
 * The desk API, on the notifier's HTTP port:
 *
 *   GET  /desks/:checkpoint/stream                     live alerts (SSE), resumable by Last-Event-ID (desk-screens.ts)
 *   POST /desks/:checkpoint/alerts/:alertId/actions    acknowledge, refer or dismiss (desk-action.ts)
 *   GET  /desks/:checkpoint/alerts/:alertId/timeline   the person's joined record (access recorded)
 *
 * Each desk has a token of its own, valid for its checkpoint only (desk-auth.ts).
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
  const authenticate = (request: FastifyRequest, reply: FastifyReply, checkpoint: string) =>
    authenticateDesk(options.desks, request, reply, checkpoint, () => metrics.deskAuthFailures.inc());
  const screens = registerDeskScreens(app, { feed, metrics, logger, authenticate, backlog: options.backlog });

  type AlertParams = { checkpoint: string; alertId: string };

  app.post<{ Params: AlertParams }>('/desks/:checkpoint/alerts/:alertId/actions', async (request, reply) => {
    const { checkpoint, alertId } = request.params;
    const desk = authenticate(request, reply, checkpoint);
    if (!desk) return reply;
    const parsed = parseDeskAction(request.body);
    if (!parsed.ok) return reply.code(400).send({ error: 'invalid action', fields: parsed.fields });
    const entry = feed.log(checkpoint).find(alertId);
    if (!entry) return reply.code(404).send({ error: `alert ${alertId} is not in this desk's history` });
    const alert = entry.raw as RiskAlert;
    const idempotencyKey = request.headers['idempotency-key'];
    const action = deskActionOf({
      desk,
      checkpoint,
      alertId,
      alert,
      request: parsed.request,
      idempotencyKey:
        typeof idempotencyKey === 'string' && idempotencyKey.length > 0 ? idempotencyKey : undefined,
      now: Date.now(),
    });
    // A repeated request with the same key records nothing new and answers as the first did.
    const seenKey = `waspada:{action:${action.actionId}}`;
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
        purpose: actionPurpose(action),
      },
    ]);
    const answer = {
      actionId: action.actionId,
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

  return screens;
}
