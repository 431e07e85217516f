import {
  createKafkaClient,
  createMetricsRegistry,
  createOpsServer,
  dependencyChecks,
  createSchemaRegistryClient,
  registerCodec,
  type BrokerConnections,
  type Logger,
  type OpsServer,
  type RateLimitSettings,
} from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { CONTRACTS, type RejectedRecord } from '@waspada/schemas';
import { createBatchingPublisher } from './batching-publisher';
import { INTAKE_RATE_LIMIT, intakeRateLimitBody, registerRecordRoutes } from './http-api';
import type { AgencyDefinition } from './intake';
import { createRecordIntakeService, type RecordIntakeService } from './record-intake-service';

export interface ProducerServiceConfig {
  readonly connections: BrokerConnections;
  readonly host: string;
  readonly port: number;
  /** Per client address (agency systems hold no token here); INTAKE_RATE_LIMIT when absent. */
  readonly rateLimit?: RateLimitSettings;
}

export interface ProducerService {
  readonly intake: RecordIntakeService;
  /** The HTTP API and ops endpoints, once listening. */
  readonly ops: OpsServer;
  /** Stops taking requests, publishes what was accepted, then disconnects. */
  close(): Promise<void>;
}

/**
 * Wires one agency's producer: registry codecs (the subject's compatibility set first), an
 * idempotent Kafka producer behind the batching publisher, the HTTP API with health and metrics.
 * `listen: false` gives the intake alone, for the file import.
 */
export async function startProducerService<T>(
  definition: AgencyDefinition<T>,
  config: ProducerServiceConfig,
  logger: Logger,
  options: { listen: boolean } = { listen: true },
): Promise<ProducerService> {
  const registry = createSchemaRegistryClient(config.connections.registry);
  await registry.ping();
  const codec = await registerCodec<T>(registry, definition.contract.subject, definition.contract.schema);
  const rejectedCodec = await registerCodec<RejectedRecord>(
    registry,
    CONTRACTS.rejected.subject,
    CONTRACTS.rejected.schema,
  );

  const kafka = createKafkaClient({ ...config.connections.kafka, clientId: definition.service }, logger);
  const producer = kafka.producer();
  await producer.connect();
  const publisher = createBatchingPublisher(producer);

  const metrics = createMetricsRegistry(definition.service);
  const intake = createRecordIntakeService({
    definition,
    reference: referenceData(),
    codec,
    rejectedCodec,
    publisher,
    metrics,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ops = createOpsServer({
    service: definition.service,
    host: config.host,
    port: config.port,
    metrics,
    logger,
    readiness: dependencyChecks({ kafka: admin, registry }),
    rateLimit: { ...(config.rateLimit ?? INTAKE_RATE_LIMIT), refusalBody: intakeRateLimitBody },
  });
  registerRecordRoutes(ops.app, intake);
  if (options.listen) await ops.start();
  logger.info({ topic: definition.contract.topic, schemaId: codec.schemaId }, `${definition.service} ready`);

  return {
    intake,
    ops,
    async close() {
      ops.drain();
      // Closing the server waits for in-flight requests, whose records are then published below.
      await ops.close();
      await publisher.close();
      await producer.disconnect();
      await admin.disconnect();
    },
  };
}
