import { v4 as uuidv4 } from 'uuid';
import { TOPICS, type KafkaProducer } from '@waspada/common';
import type { AccessRecord } from '@waspada/schemas';
import type { NotifierIo } from './notifier-io';
import type { NotifierMetrics } from './notifier-metrics';
import { SERVICE } from './notifier-metrics';

export type AccessEntry = Omit<AccessRecord, 'accessId' | 'accessTime' | 'service'>;

/**
 * The access trail (UU PDP 27/2022): who saw or acted on whose data, when and why. Written before
 * the data is served, so an access that cannot be recorded does not happen.
 */
export function createAccessTrail(io: NotifierIo, producer: KafkaProducer, metrics: NotifierMetrics) {
  return {
    async record(entries: readonly AccessEntry[]): Promise<void> {
      if (entries.length === 0) return;
      const now = Date.now();
      await producer.send(
        entries.map((entry) => ({
          topic: TOPICS.access,
          key: entry.nik,
          value: io.accessCodec.encode({ ...entry, accessId: uuidv4(), accessTime: now, service: SERVICE }),
        })),
      );
      for (const entry of entries) metrics.accessRecords.inc({ operation: entry.operation });
    },
  };
}

export type AccessTrail = ReturnType<typeof createAccessTrail>;
