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
 * a send per request would cap throughput at the broker round trip. A caller's records go out at
 * once when nothing is being sent; while a send is in flight, what arrives waits and goes out in
 * one request when it returns. So a lone caller never waits for a timer, and under load requests
 * grow to what arrived during one round trip. Sends run one after another, so records keep the
 * order in which they were accepted, and a caller's promise resolves only when its records are
 * durable: an answer of "accepted" is never taken back by a crash.
 */
export function createBatchingPublisher(
  producer: KafkaProducer,
  options: { maxBytes?: number } = {},
): BatchingPublisher {
  let waiting: Waiting[] = [];
  /** The loop that sends while anything waits; undefined when idle. */
  let sending: Promise<void> | undefined;

  async function sendWhileWaiting(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const records = batch.flatMap((entry) => entry.records);
        for (const run of splitBySize(records, options.maxBytes ?? MAX_SEND_BYTES)) await producer.send(run);
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    sending = undefined;
  }

  return {
    publish(records) {
      if (records.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiting.push({ records, resolve, reject });
        // Started a microtask later, so the loop cannot finish (and clear `sending`) before it is
        // set, and records published in the same tick share the first request.
        sending ??= Promise.resolve().then(sendWhileWaiting);
      });
    },
    close: () => sending ?? Promise.resolve(),
  };
}
