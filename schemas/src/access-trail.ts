import { randomUUID } from 'node:crypto';
import { TOPICS, type AvroCodec, type KafkaProducer } from '@waspada/common';
import { CONTRACTS } from './contracts';
import type { AccessRecord } from './generated/access-record';

/** What the caller says about an access; the writer adds its id, time and the serving service. */
export type AccessEntry = Omit<AccessRecord, 'accessId' | 'accessTime' | 'service'>;

export interface AccessTrail {
  /** Resolves once every entry is acknowledged by the brokers; serve the data only then. */
  record(entries: readonly AccessEntry[]): Promise<void>;
}

/**
 * The access trail (UU PDP 27/2022): who saw or acted on whose data, when and why, on
 * `waspada.audit.access.v1` keyed by NIK. Every service that shows personal data writes it the
 * same way, and writes before the data is served, so an access that cannot be recorded does not
 * happen.
 */
export function createAccessTrail(options: {
  readonly producer: KafkaProducer;
  /** The AccessRecord codec, registered under CONTRACTS.access.subject. */
  readonly codec: AvroCodec<AccessRecord>;
  readonly service: string;
  readonly clock?: () => number;
  /** Called for each entry once it is recorded, for metrics. */
  readonly onRecorded?: (entry: AccessEntry) => void;
}): AccessTrail {
  const clock = options.clock ?? Date.now;
  if (options.codec.subject !== CONTRACTS.access.subject)
    throw new Error(
      `the access trail needs the ${CONTRACTS.access.subject} codec, not ${options.codec.subject}`,
    );
  return {
    async record(entries) {
      if (entries.length === 0) return;
      const now = clock();
      await options.producer.send(
        entries.map((entry) => ({
          topic: TOPICS.access,
          key: entry.nik,
          value: options.codec.encode({
            ...entry,
            accessId: randomUUID(),
            accessTime: now,
            service: options.service,
          }),
        })),
      );
      for (const entry of entries) options.onRecorded?.(entry);
    },
  };
}
