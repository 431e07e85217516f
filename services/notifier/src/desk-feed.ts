import { randomBytes } from 'node:crypto';
import {
  contextFromHeaders,
  endOffsets,
  offsetsAtTime,
  TOPICS,
  tpOf,
  traceIdOf,
  trackCatchUp,
  withAdmin,
  type Logger,
} from '@waspada/common';
import { deskView } from '@waspada/delivery';
import { DeskLog, type DeskEntry } from './desk-log';
import type { NotifierIo } from './notifier-io';

export interface DeskFeedOptions {
  readonly instanceId: string;
  /** How far back a desk can resume, and what a fresh screen is shown from. */
  readonly historyMs: number;
  readonly capacityPerDesk: number;
}

export type DeskListener = (checkpoint: string, entry: DeskEntry) => void;

/**
 * Every gateway instance reads the whole desk feed (any desk may connect to any instance), from
 * `historyMs` ago, into one DeskLog per checkpoint. It commits nothing: after a restart it reads
 * the same window again, so what a reconnecting desk is sent comes from the Kafka log, not from
 * what one process happened to keep.
 */
export async function startDeskFeed(io: NotifierIo, options: DeskFeedOptions, logger: Logger) {
  const logs = new Map<string, DeskLog>();
  const listeners = new Set<DeskListener>();
  const logOf = (checkpoint: string) => {
    let log = logs.get(checkpoint);
    if (!log) {
      log = new DeskLog(options.capacityPerDesk);
      logs.set(checkpoint, log);
    }
    return log;
  };

  const since = Date.now() - options.historyMs;
  const [starts, ends] = await withAdmin(io.kafka, (admin) =>
    Promise.all([offsetsAtTime(admin, TOPICS.deskAlerts, since), endOffsets(admin, [TOPICS.deskAlerts])]),
  );

  const groupId = `waspada-desk-gateway-${options.instanceId}-${randomBytes(4).toString('hex')}`;
  const consumer = io.kafka.consumer({ groupId, autoCommit: false, isolation: 'read_committed' });
  // Loaded once every partition has been read up to its end as it was at start.
  const catchUp = trackCatchUp(consumer, ends, starts);
  await consumer.connect();
  await consumer.subscribe([TOPICS.deskAlerts], { fromBeginning: true });
  consumer.onRebalance((assigned) => {
    for (const { partition } of assigned) {
      const offset = starts.get(tpOf(TOPICS.deskAlerts, partition));
      if (offset !== undefined)
        consumer.seek({ topic: TOPICS.deskAlerts, partition, offset: offset.toString() });
    }
  });

  await consumer.run(async (batch) => {
    for (const record of batch.records) {
      const checkpoint = record.key?.toString('utf8');
      if (!checkpoint || record.timestamp < since) continue;
      let entry: DeskEntry;
      try {
        const alert = (await io.decodeAlert(record.value)).value;
        const trace = contextFromHeaders(record.headers);
        entry = {
          alertId: alert.alertId,
          offset: record.offset,
          // The trace id beside the alert, so the desk page can link to the alert's trace; it is
          // transport context, not part of the alert's contract (see docs/tracing.md).
          json: JSON.stringify({ ...deskView(alert), traceId: traceIdOf(trace) ?? null }),
          nik: alert.person.nik,
          raw: alert,
          trace,
        };
      } catch (error) {
        // The router only copies records it could read; one this build cannot is skipped, not fatal.
        logger.warn(
          { offset: record.offset, reason: (error as Error).message },
          'desk feed record not readable',
        );
        continue;
      }
      if (logOf(checkpoint).append(entry)) for (const listener of listeners) listener(checkpoint, entry);
    }
  });

  return {
    /** Resolves once the history window has been read, so a resume finds the ids it asks for. */
    loaded: catchUp.done,
    log: logOf,
    subscribe(listener: DeskListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => [...logs.values()].reduce((sum, log) => sum + log.size, 0),
    close: () => consumer.disconnect(),
  };
}

export type DeskFeed = Awaited<ReturnType<typeof startDeskFeed>>;
