import {
  compileAvroType,
  createAvroDecoder,
  isWaspadaError,
  TOPICS,
  type KafkaClient,
  type Logger,
  type SchemaRegistryClient,
} from '@waspada/common';
import { CONTRACTS, type CaseEvent } from '@waspada/schemas';
import type { CaseStore } from './case-store';

/**
 * The projection lives in one Redis database (and prefix), and the group's offsets say how far it
 * is kept: a new database, or a rebuild under another prefix, starts a new group at the beginning
 * of the case topic.
 */
export function caseProjectionGroup(redisUrl: string, prefix: string): string {
  const url = new URL(redisUrl);
  const db = url.pathname.replace(/^\//, '') || '0';
  return `waspada-case-projection.${url.hostname}-${url.port || '6379'}-${db}.${prefix.replace(/[^a-z0-9-]/gi, '')}`;
}

export interface CaseProjector {
  /** Events applied, already applied (a re-read), and skipped because they do not decode. */
  counts(): { applied: number; repeated: number; skipped: number };
  close(): Promise<void>;
}

/**
 * Folds the case topic into the case store. It commits as it goes: a batch read again is skipped
 * case by case by the store's offset check, so at-least-once reading gives an exactly-once fold.
 */
export async function startCaseProjector(deps: {
  readonly kafka: KafkaClient;
  readonly registry: SchemaRegistryClient;
  readonly store: CaseStore;
  readonly groupId: string;
  readonly logger: Logger;
}): Promise<CaseProjector> {
  const decode = createAvroDecoder<CaseEvent>(deps.registry, compileAvroType(CONTRACTS.caseEvent.schema));
  let applied = 0;
  let repeated = 0;
  let skipped = 0;
  const consumer = deps.kafka.consumer({ groupId: deps.groupId, isolation: 'read_committed' });
  await consumer.connect();
  await consumer.subscribe([TOPICS.cases], { fromBeginning: true });
  await consumer.run(async (batch, control) => {
    for (const record of batch.records) {
      if (!control.isActive()) return;
      if (record.value !== null) {
        try {
          const event = (await decode(record.value)).value;
          if (await deps.store.apply(event, record.offset)) applied += 1;
          else repeated += 1;
        } catch (error) {
          // A registry or Redis that does not answer is not the record's fault: the batch comes again.
          if (!isWaspadaError(error, 'WSP_DECODE_FAILED')) throw error;
          skipped += 1;
          deps.logger.warn(
            { partition: record.partition, offset: record.offset, reason: error.message },
            'case projection: record skipped, it does not decode',
          );
        }
      }
      control.markProcessed(record);
    }
  });
  deps.logger.info({ group: deps.groupId, prefix: deps.store.prefix }, 'case projection reading');
  return {
    counts: () => ({ applied, repeated, skipped }),
    close: () => consumer.disconnect(),
  };
}
