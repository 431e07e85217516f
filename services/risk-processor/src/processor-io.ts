import {
  compileAvroType,
  createAvroDecoder,
  openServiceClients,
  registerCodec,
  TOPICS,
  type Connections,
  type Logger,
  type OutgoingRecord,
  type Redis,
} from '@waspada/common';
import { createStateStore } from '@waspada/risk-store';
import {
  CONTRACTS,
  type DeadLetterRecord,
  type RejudgeRequest,
  type RiskAlert,
  type WatchlistEvent,
} from '@waspada/schemas';
import { createEventDecoder } from './event-decoding';
import { REJUDGE_GROUP_HEADER } from './rejudge-source';

export const SERVICE = 'risk-processor';

/** The codecs and clients every processor command needs. */
export async function openProcessorIo(
  connections: Connections,
  logger: Logger,
  clientId: string,
  alertsTopic: string = TOPICS.alerts,
) {
  const { registry, redis, kafka } = await openServiceClients(connections, logger, clientId);
  const [alertCodec, deadLetterCodec, rejudgeCodec] = await Promise.all([
    registerCodec<RiskAlert>(registry, CONTRACTS.alert.subject, CONTRACTS.alert.schema),
    registerCodec<DeadLetterRecord>(registry, CONTRACTS.deadLetter.subject, CONTRACTS.deadLetter.schema),
    registerCodec<RejudgeRequest>(registry, CONTRACTS.rejudge.subject, CONTRACTS.rejudge.schema),
  ]);
  return {
    registry,
    redis,
    kafka,
    alertsTopic,
    store: createStateStore(redis),
    decode: createEventDecoder(registry, { checkPartition: true }),
    alertRecord: (alert: RiskAlert): OutgoingRecord => ({
      topic: alertsTopic,
      key: alert.person.nik,
      value: alertCodec.encode(alert),
      // Which instance decided: for operators tracing an alert, and for tests running several.
      headers: { 'waspada-alert-id': alert.alertId, 'waspada-decided-by': clientId },
      timestamp: alert.alertTime,
    }),
    /** A re-judge request, named with the group that asked (see rejudge-source.ts). */
    rejudgeRecord: (request: RejudgeRequest, group: string): OutgoingRecord => ({
      topic: TOPICS.rejudge,
      key: request.nik,
      value: rejudgeCodec.encode(request),
      headers: { 'waspada-event-id': request.eventId, [REJUDGE_GROUP_HEADER]: group },
    }),
    decodeWatchlist: createAvroDecoder<WatchlistEvent>(
      registry,
      compileAvroType(CONTRACTS.watchlist.schema),
    ) as (bytes: Buffer | null) => Promise<{ readonly value: WatchlistEvent }>,
    deadLetterRecord: (record: DeadLetterRecord): OutgoingRecord => ({
      topic: TOPICS.deadLetter,
      key: `${record.sourceTopic}:${record.sourcePartition}`,
      value: deadLetterCodec.encode(record),
    }),
  };
}

export type ProcessorIo = Awaited<ReturnType<typeof openProcessorIo>>;

export async function quit(redis: Redis): Promise<void> {
  await redis.quit().catch(() => redis.disconnect());
}
