import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endSpan, SpanKind, SSE_PING, sseEvent, sseFrame, startSpan, type Logger } from '@waspada/common';
import type { Desk } from '@waspada/delivery';
import type { RiskAlert } from '@waspada/schemas';
import type { DeskFeed } from './desk-feed';
import type { DeskEntry } from './desk-log';
import type { NotifierMetrics } from './notifier-metrics';

const HEARTBEAT_MS = 15_000;
/** A screen that stops reading is dropped once this much waits for it; it resumes on reconnect. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const frameOf = (entry: DeskEntry) => sseFrame('alert', entry.json, entry.alertId);

function write(raw: FastifyReply['raw'], frame: string) {
  if (raw.writableLength > MAX_BUFFERED_BYTES) {
    raw.destroy();
    return;
  }
  raw.write(frame);
}

/**
 * The desk screens connected to each checkpoint, and their live stream:
 *
 *   GET  /desks/:checkpoint/stream    live alerts (SSE), resumable by Last-Event-ID
 *
 * Each alert the desk feed routes to a checkpoint is pushed to every screen connected there.
 */
export function registerDeskScreens(
  app: FastifyInstance,
  deps: {
    readonly feed: DeskFeed;
    readonly metrics: NotifierMetrics;
    readonly logger: Logger;
    readonly authenticate: (
      request: FastifyRequest,
      reply: FastifyReply,
      checkpoint: string,
    ) => Desk | undefined;
    /** Alerts a screen that connects without a last id is shown. */
    readonly backlog: number;
  },
) {
  const { feed, metrics, logger } = deps;
  const screens = new Map<string, Set<FastifyReply['raw']>>();

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

  app.get<{ Params: { checkpoint: string }; Querystring: { lastEventId?: string } }>(
    '/desks/:checkpoint/stream',
    async (request, reply) => {
      const { checkpoint } = request.params;
      const desk = deps.authenticate(request, reply, checkpoint);
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
      const resumed = feed.log(checkpoint).resume(lastId || undefined, deps.backlog);
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

  return {
    connectedScreens: () => [...screens.values()].reduce((sum, set) => sum + set.size, 0),
    /** Ends every live stream, so shutdown does not wait for screens that never hang up. */
    closeStreams() {
      for (const set of screens.values()) for (const raw of set) raw.end();
    },
  };
}
