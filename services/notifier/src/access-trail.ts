import type { KafkaProducer } from '@waspada/common';
import { createAccessTrail as createAccessTrailWriter, type AccessTrail } from '@waspada/schemas';
import type { NotifierIo } from './notifier-io';
import type { NotifierMetrics } from './notifier-metrics';
import { SERVICE } from './notifier-metrics';

export type { AccessEntry, AccessTrail } from '@waspada/schemas';

/** The shared access-trail writer, counting what the notifier records by operation. */
export function createAccessTrail(
  io: NotifierIo,
  producer: KafkaProducer,
  metrics: NotifierMetrics,
): AccessTrail {
  return createAccessTrailWriter({
    producer,
    codec: io.accessCodec,
    service: SERVICE,
    onRecorded: (entry) => metrics.accessRecords.inc({ operation: entry.operation }),
  });
}
