import type { SimEvent } from './scenarios';

/** Older than this, an event is history: an agency recorded it long before today's scan. */
export const HISTORY_MS = 3_600_000;

/**
 * A batch of simulated events split into the waves in which the agencies' systems would have
 * recorded them: history first (last month's placement, last year's registry entry), then what
 * happens now, each wave in event-time order. A case is generated whole, so without this its
 * placement and its scan would be sent in the same request round, agency by agency in parallel,
 * and the scan could reach Kafka before the placement that explains it; live, the placement is
 * in Kafka months earlier.
 */
export function recordingWaves<T extends Pick<SimEvent, 'eventTime'>>(
  batch: readonly T[],
  now: number = Date.now(),
): [history: T[], present: T[]] {
  const cutoff = now - HISTORY_MS;
  const ordered = [...batch].sort((a, b) => a.eventTime - b.eventTime);
  return [
    ordered.filter((event) => event.eventTime < cutoff),
    ordered.filter((event) => event.eventTime >= cutoff),
  ];
}
