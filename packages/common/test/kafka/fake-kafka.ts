import type { KafkaClient, KafkaConsumer, KafkaProducer, OutgoingRecord, RecordPosition } from '../../src';

/**
 * A fake Kafka client, producer and consumer that write down what is asked of them, in order: the
 * exactly-once protocol's steps, without a broker. The real broker runs the same code in the
 * integration and fault tests.
 */
export function fakeKafka(
  options: {
    failCommit?: (producer: string) => boolean;
    /** Sends wait for it (logged when they start), so a test sees which sends run at once. */
    sendGate?: Promise<void>;
    failSend?: (producer: string) => boolean;
  } = {},
) {
  const log: string[] = [];
  let producers = 0;
  const kafka = {
    producer: ({ transactionalId }: { transactionalId?: string }): KafkaProducer => {
      const name = `${transactionalId ?? 'plain'}#${++producers}`;
      return {
        connect: () => Promise.resolve(void log.push(`${name} connect`)),
        send: () => Promise.reject(new Error('not transactional')),
        disconnect: () => Promise.resolve(void log.push(`${name} disconnect`)),
        transaction: () => {
          log.push(`${name} begin`);
          return Promise.resolve({
            send: async (records: readonly OutgoingRecord[]) => {
              if (options.sendGate) {
                log.push(`${name} sending`);
                await options.sendGate;
              }
              if (options.failSend?.(name)) {
                log.push(`${name} send failed`);
                throw new Error('send timed out');
              }
              log.push(`${name} send ${records.map((r) => String(r.value)).join(',')}`);
            },
            sendOffsets: (group: string, positions: readonly RecordPosition[]) =>
              Promise.resolve(
                void log.push(
                  `${name} offsets ${group} ${positions.map((p) => `${p.topic}/${p.partition}@${p.offset}`).join(',')}`,
                ),
              ),
            commit: () => {
              log.push(`${name} commit`);
              return options.failCommit?.(name)
                ? Promise.reject(new Error('commit timed out'))
                : Promise.resolve();
            },
            abort: () => Promise.resolve(void log.push(`${name} abort`)),
          });
        },
      };
    },
  } as unknown as KafkaClient;
  const consumer = {
    seek: (position: RecordPosition) =>
      log.push(`seek ${position.topic}/${position.partition}@${position.offset}`),
    commit: () => Promise.resolve(void log.push('consumer commit')),
  } as unknown as KafkaConsumer;
  return { kafka, consumer, log };
}
