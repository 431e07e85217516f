import {
  createAvroDecoder,
  openServiceClients,
  registerCodec,
  compileAvroType,
  type AvroCodec,
  type Connections,
  type DecodedRecord,
  type KafkaClient,
  type Logger,
  type Redis,
  type SchemaRegistryClient,
} from '@waspada/common';
import {
  CONTRACTS,
  type AccessRecord,
  type AlertAction,
  type DeadLetterRecord,
  type DeliveryDeadLetter,
  type RiskAlert,
} from '@waspada/schemas';

/** Clients and codecs every notifier role and command uses, opened once per process. */
export interface NotifierIo {
  readonly registry: SchemaRegistryClient;
  readonly redis: Redis;
  readonly kafka: KafkaClient;
  /** Alerts read under the reader schema this build knows, whatever compatible version wrote them. */
  decodeAlert(bytes: Buffer | null): Promise<DecodedRecord<RiskAlert>>;
  decodeDeliveryDeadLetter(bytes: Buffer | null): Promise<DecodedRecord<DeliveryDeadLetter>>;
  readonly actionCodec: AvroCodec<AlertAction>;
  readonly accessCodec: AvroCodec<AccessRecord>;
  readonly deliveryDeadLetterCodec: AvroCodec<DeliveryDeadLetter>;
  readonly deadLetterCodec: AvroCodec<DeadLetterRecord>;
}

export async function openNotifierIo(
  connections: Connections,
  logger: Logger,
  clientId: string,
): Promise<NotifierIo> {
  const { registry, redis, kafka } = await openServiceClients(connections, logger, clientId);
  const [actionCodec, accessCodec, deliveryDeadLetterCodec, deadLetterCodec] = await Promise.all([
    registerCodec<AlertAction>(registry, CONTRACTS.alertAction.subject, CONTRACTS.alertAction.schema),
    registerCodec<AccessRecord>(registry, CONTRACTS.access.subject, CONTRACTS.access.schema),
    registerCodec<DeliveryDeadLetter>(
      registry,
      CONTRACTS.deliveryDeadLetter.subject,
      CONTRACTS.deliveryDeadLetter.schema,
    ),
    registerCodec<DeadLetterRecord>(registry, CONTRACTS.deadLetter.subject, CONTRACTS.deadLetter.schema),
  ]);
  return {
    registry,
    redis,
    kafka,
    decodeAlert: createAvroDecoder<RiskAlert>(registry, compileAvroType(CONTRACTS.alert.schema)),
    decodeDeliveryDeadLetter: createAvroDecoder<DeliveryDeadLetter>(registry, deliveryDeadLetterCodec.type),
    actionCodec,
    accessCodec,
    deliveryDeadLetterCodec,
    deadLetterCodec,
  };
}
