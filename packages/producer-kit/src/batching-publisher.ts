import type { KafkaProducer, OutgoingRecord } from '@waspada/common';

interface Waiting {
  readonly records: readonly OutgoingRecord[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface BatchingPublisher {
  /** Resolves once every record is acknowledged by all in-sync replicas (acks=all). */
  publish(records: readonly OutgoingRecord[]): Promise<void>;
  /** Sends what is waiting and resolves when it is acknowledged. */
  close(): Promise<void>;
}

/**
 * Gathers records from concurrent callers (HTTP requests, import chunks) into one Kafka request:
 * a send per request would cap throughput at the broker round trip. Sends run one after another,
 * so records keep the order in which they were accepted, and a caller's promise resolves only
 * when its records are durable: an answer of "accepted" is never taken back by a crash.
 */
export function createBatchingPublisher(
  producer: KafkaProducer,
  options: { maxRecords: number; lingerMs: number },
): BatchingPublisher {
  let waiting: Waiting[] = [];
  let waitingRecords = 0;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    waitingRecords = 0;
    if (batch.length === 0) return chain;
    chain = chain.then(async () => {
      try {
        await producer.send(batch.flatMap((entry) => entry.records));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    });
    return chain;
  }

  return {
    publish(records) {
      if (records.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiting.push({ records, resolve, reject });
        waitingRecords += records.length;
        if (waitingRecords >= options.maxRecords) void flush();
        else timer ??= setTimeout(() => void flush(), options.lingerMs);
      });
    },
    close: () => flush(),
  };
}
