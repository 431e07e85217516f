import {
  compileAvroType,
  createAvroDecoder,
  endOffsets,
  isWaspadaError,
  offsetsAtTime,
  topicPartitionOf,
  trackCatchUp,
  type IncomingBatch,
  type IncomingRecord,
  type KafkaAdmin,
  type KafkaClient,
  type Logger,
  type SchemaRegistryClient,
} from '@waspada/common';

export interface HistoryFeed {
  /** True while the history of the last hours is still being read. */
  loading(): boolean;
  close(): Promise<void>;
}

export type Skipped = 'too_old' | 'undecodable';

/**
 * Reads a topic's last `historyMs` (the alerts; the border crossings, for the alert budget) under a
 * consumer group of this process's own that never commits: every start reads the last `historyMs`
 * again, and no other reader's position is touched. Reading starts at the offsets of that time,
 * and anything older that still comes (a fetch in flight before the seek) is skipped by its timestamp.
 */
export async function startHistoryFeed<T>(deps: {
  kafka: KafkaClient;
  admin: KafkaAdmin;
  registry: SchemaRegistryClient;
  groupId: string;
  topic: string;
  /** The topic's Avro schema (a contract's `schema`). */
  schema: Parameters<typeof compileAvroType>[0];
  historyMs: number;
  logger: Logger;
  clock: () => number;
  /** Each record's value, with its headers (the trace context the writer put there). */
  onRecord: (value: T, headers: IncomingRecord['headers']) => void;
  onSkipped: (outcome: Skipped) => void;
}): Promise<HistoryFeed> {
  const { logger, topic } = deps;
  const decode = createAvroDecoder<T>(deps.registry, compileAvroType(deps.schema));
  const since = deps.clock() - deps.historyMs;
  const [starts, ends] = await Promise.all([
    offsetsAtTime(deps.admin, topic, since),
    endOffsets(deps.admin, [topic]),
  ]);

  const consumer = deps.kafka.consumer({
    groupId: deps.groupId,
    autoCommit: false,
    isolation: 'read_committed',
  });
  const catchUp = trackCatchUp(consumer, ends, starts);
  await consumer.connect();
  await consumer.subscribe([topic], { fromBeginning: true });

  const handle = async (batch: IncomingBatch) => {
    const oldest = deps.clock() - deps.historyMs;
    for (const record of batch.records) {
      if (record.timestamp < oldest) {
        deps.onSkipped('too_old');
        continue;
      }
      let value: T;
      try {
        value = (await decode(record.value)).value;
      } catch (error) {
        // A registry that does not answer is not the record's fault: the batch comes again.
        if (!isWaspadaError(error, 'WSP_DECODE_FAILED')) throw error;
        deps.onSkipped('undecodable');
        logger.warn(
          { topic: record.topic, partition: record.partition, offset: record.offset, reason: error.message },
          'record skipped: it does not decode',
        );
        continue;
      }
      deps.onRecord(value, record.headers);
    }
  };
  await consumer.run(handle);
  for (const [tp, offset] of starts) consumer.seek({ ...topicPartitionOf(tp), offset: offset.toString() });
  logger.info({ group: deps.groupId, topic, since: new Date(since).toISOString() }, 'reading history');

  return {
    loading: () => !catchUp.isDone(),
    close: () => consumer.disconnect(),
  };
}
