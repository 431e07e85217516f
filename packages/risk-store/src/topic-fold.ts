import {
  compileAvroType,
  createAvroDecoder,
  registerCodec,
  type KafkaClient,
  type Logger,
  type SchemaRegistryClient,
} from '@waspada/common';
import type { EventContract } from '@waspada/schemas';
import { v4 as uuidV4 } from 'uuid';

/** How long `current` waits for the reader to reach the topic's end. */
const CATCH_UP_MS = 30_000;

export interface TopicFold<T, F> {
  /** The fold of the topic up to its end as it is now. */
  current(): Promise<F>;
  /** The fold as far as the reader has come, without waiting: for a lookup on every judgement. */
  latest(): F;
  /** Appends one event under the contract's key and returns once the reader has folded it in. */
  append(
    event: T,
    options?: { readonly headers?: Record<string, string>; readonly timestamp?: number },
  ): Promise<F>;
  close(): Promise<void>;
}

/**
 * A single-partition topic read as state: a reader follows it from its start in a group of its
 * own and folds each event in; `current` waits until the reader has reached the end offset of the
 * moment, so what a caller reads includes everything written before it asked. The rule-changes
 * log and the rule-jobs log rest on it. A transaction is the exception: its commit returns before
 * the broker writes its markers, and the end offset a read_committed reader is given stops short
 * of it until then, so a transactional writer waits for its own record (see the exemption log).
 */
export async function openTopicFold<T, F>(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  options: {
    readonly contract: EventContract<T>;
    readonly topic?: string;
    readonly empty: F;
    readonly apply: (fold: F, event: T) => F;
    readonly logger: Logger;
    /** Names the reader's group and the log lines: rule-changes, rule-jobs. */
    readonly name: string;
  },
): Promise<TopicFold<T, F>> {
  const topic = options.topic ?? options.contract.topic;
  const codec = await registerCodec<T>(registry, options.contract.subject, options.contract.schema);
  const decode = createAvroDecoder<T>(registry, compileAvroType(options.contract.schema));
  const admin = kafka.admin();
  await admin.connect();
  // Most readers never write (a processor folds the exemptions): the producer connects on the first append.
  const producer = kafka.producer();
  let connected: Promise<void> | undefined;

  let fold = options.empty;
  /** Where the reader's next fetch starts: everything before it is folded in. */
  let next = 0n;
  const consumer = kafka.consumer({ groupId: `waspada-${options.name}-${uuidV4()}`, autoCommit: false });
  // The fetch position, not the last record's offset + 1: the one definition of a topic's end
  // (see readTopics), which a topic ending in something other than a record still reaches.
  consumer.onFetched((fetched) => {
    next = fetched.next;
  });
  await consumer.connect();
  await consumer.subscribe([topic], { fromBeginning: true });
  await consumer.run(async (batch) => {
    for (const record of batch.records) {
      try {
        fold = options.apply(fold, (await decode(record.value)).value);
      } catch (error) {
        options.logger.warn(
          { topic, offset: record.offset, reason: (error as Error).message },
          `${options.name} record skipped`,
        );
      }
    }
  });

  async function current(): Promise<F> {
    const [end] = await admin.topicOffsets(topic);
    const high = BigInt(end?.high ?? '0');
    const deadline = Date.now() + CATCH_UP_MS;
    while (next < high) {
      // A reader that cannot reach the end (the broker is gone) must not hold a request forever.
      if (Date.now() > deadline) {
        throw new Error(
          `the ${options.name} reader is at offset ${next} of ${high} after ${CATCH_UP_MS / 1000} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return fold;
  }

  return {
    current,
    latest: () => fold,
    async append(event, extra) {
      // A failed connect is tried again by the next append.
      connected ??= producer.connect().catch((error: unknown) => {
        connected = undefined;
        throw error;
      });
      await connected;
      await producer.send([
        {
          topic,
          key: options.contract.keyOf(event),
          value: codec.encode(event),
          ...(extra?.headers && { headers: extra.headers }),
          ...(extra?.timestamp !== undefined && { timestamp: extra.timestamp }),
        },
      ]);
      return current();
    },
    async close() {
      await Promise.allSettled([
        consumer.disconnect(),
        connected && producer.disconnect(),
        admin.disconnect(),
      ]);
    },
  };
}
