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
 * The most one Kafka request carries, under the broker's default message.max.bytes (1 MiB): the
 * broker checks each partition's record batch against it, and KafkaJS puts all of a request's
 * records for a partition in one batch, so a request of many large records would be refused whole.
 */
export const MAX_SEND_BYTES = 768 * 1024;

/** What a record weighs on the wire, near enough to keep a request under the broker's limit. */
export function recordBytes(record: OutgoingRecord): number {
  let bytes = 64 + (record.value?.length ?? 0) + (record.key?.length ?? 0);
  for (const [name, value] of Object.entries(record.headers ?? {})) bytes += name.length + value.length;
  return bytes;
}

/** Consecutive runs of records, each at most maxBytes (a record heavier than that alone), order kept. */
export function splitBySize(records: readonly OutgoingRecord[], maxBytes: number): OutgoingRecord[][] {
  const runs: OutgoingRecord[][] = [];
  let run: OutgoingRecord[] = [];
  let runBytes = 0;
  for (const record of records) {
    const bytes = recordBytes(record);
    if (run.length > 0 && runBytes + bytes > maxBytes) {
      runs.push(run);
      run = [];
      runBytes = 0;
    }
    run.push(record);
    runBytes += bytes;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Gathers records from concurrent callers (HTTP requests, import chunks) into one Kafka request:
 * a send per request would cap throughput at the broker round trip. Sends run one after another,
 * so records keep the order in which they were accepted, and a caller's promise resolves only
 * when its records are durable: an answer of "accepted" is never taken back by a crash.
 */
export function createBatchingPublisher(
  producer: KafkaProducer,
  options: { maxRecords: number; lingerMs: number; maxBytes?: number },
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
        const records = batch.flatMap((entry) => entry.records);
        for (const run of splitBySize(records, options.maxBytes ?? MAX_SEND_BYTES)) await producer.send(run);
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
