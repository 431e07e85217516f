import { randomBytes } from 'node:crypto';
import { contextFromHeaders, TOPICS, traceIdOf, type Logger } from '@waspada/common';
import { deskView } from '@waspada/delivery';
import { DeskLog, type DeskEntry } from './desk-log';
import type { NotifierIo } from './notifier-io';

const LOAD_QUIET_MS = 2_000;

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

  const admin = io.kafka.admin();
  await admin.connect();
  const since = Date.now() - options.historyMs;
  const starts = new Map(
    (await admin.offsetsForTime(TOPICS.deskAlerts, since)).map((entry) => [entry.partition, entry.offset]),
  );
  // Loaded once every partition has been read up to its end as it was at start.
  const pending = new Map(
    (await admin.topicOffsets(TOPICS.deskAlerts))
      .filter((entry) => BigInt(entry.high) > BigInt(starts.get(entry.partition) ?? entry.low))
      .map((entry) => [entry.partition, BigInt(entry.high)]),
  );
  await admin.disconnect();
  let markLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => {
    markLoaded = resolve;
  });
  if (pending.size === 0) markLoaded();
  // A partition whose last records were aborted, or that ends in commit markers only, delivers no
  // record at its end: quiet for a while after the history was asked for counts as read.
  let quietTimer: NodeJS.Timeout | undefined;
  const quiet = () => {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(markLoaded, LOAD_QUIET_MS);
  };

  const groupId = `waspada-desk-gateway-${options.instanceId}-${randomBytes(4).toString('hex')}`;
  const consumer = io.kafka.consumer({ groupId, autoCommit: false, isolation: 'read_committed' });
  await consumer.connect();
  await consumer.subscribe([TOPICS.deskAlerts], { fromBeginning: true });
  consumer.onRebalance((assigned) => {
    for (const { partition } of assigned) {
      const offset = starts.get(partition);
      if (offset !== undefined) consumer.seek({ topic: TOPICS.deskAlerts, partition, offset });
    }
    quiet();
  });

  await consumer.run(async (batch) => {
    quiet();
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
    const last = batch.records[batch.records.length - 1];
    const end = pending.get(batch.partition);
    // The router writes in transactions: a committed partition ends with one commit marker.
    if (last && end !== undefined && BigInt(last.offset) + 2n >= end) {
      pending.delete(batch.partition);
      if (pending.size === 0) markLoaded();
    }
  });

  return {
    /** Resolves once the history window has been read, so a resume finds the ids it asks for. */
    loaded,
    log: logOf,
    subscribe(listener: DeskListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => [...logs.values()].reduce((sum, log) => sum + log.size, 0),
    close: async () => {
      clearTimeout(quietTimer);
      await consumer.disconnect();
    },
  };
}

export type DeskFeed = Awaited<ReturnType<typeof startDeskFeed>>;
