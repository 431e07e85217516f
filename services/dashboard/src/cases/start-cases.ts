import type { FastifyInstance } from 'fastify';
import {
  compileAvroType,
  createAvroDecoder,
  registerCodec,
  type KafkaAdmin,
  type KafkaClient,
  type KafkaProducer,
  type Logger,
  type Redis,
  type SchemaRegistryClient,
} from '@waspada/common';
import type { ReferenceData } from '@waspada/domain';
import { CONTRACTS, type AccessTrail, type AlertAction, type CaseEvent } from '@waspada/schemas';
import { type AnalystDirectory } from '@waspada/analysts';
import type { AnalystStore } from '../analyst/analyst-store';
import { registerCaseApi } from './case-api';
import { CASE_OPENER_GROUP, startCaseOpener } from './case-opener';
import { caseProjectionGroup, startCaseProjector } from './case-projector';
import { createCaseStore, LIVE_CASES_PREFIX } from './case-store';

/** Prefix of the dashboard's transactional ids (the Kafka ACLs grant it). */
export const DASHBOARD_TRANSACTIONAL_PREFIX = 'waspada-dashboard';

export interface CasesConfig {
  readonly redisUrl: string;
  /** The case projection's group; by default named after the Redis database and prefix it fills. */
  readonly projectionGroupId?: string;
  /** Where the projection is kept (LIVE_CASES_PREFIX by default); another prefix rebuilds it beside. */
  readonly prefix?: string;
  /** The case opener's group; CASE_OPENER_GROUP, shared by every dashboard of the cluster, by default. */
  readonly openerGroupId?: string;
}

/**
 * Case management inside the dashboard: the opener turning referrals into cases, the projection of
 * the case topic into Redis, and the case API. In the dashboard for the reason the analyst index
 * is: it holds the clients already, and its analyst accounts are who works the cases.
 */
export async function startCases(
  io: {
    readonly kafka: KafkaClient;
    readonly admin: KafkaAdmin;
    readonly registry: SchemaRegistryClient;
    readonly redis: Redis;
    readonly producer: KafkaProducer;
    readonly access: AccessTrail;
    readonly analysts: AnalystDirectory;
    readonly alerts: AnalystStore;
    readonly reference: ReferenceData;
    readonly clock: () => number;
    readonly logger: Logger;
  },
  config: CasesConfig,
) {
  const codec = await registerCodec<CaseEvent>(
    io.registry,
    CONTRACTS.caseEvent.subject,
    CONTRACTS.caseEvent.schema,
  );
  const prefix = config.prefix ?? LIVE_CASES_PREFIX;
  const store = createCaseStore(io.redis, prefix);
  const projector = await startCaseProjector({
    kafka: io.kafka,
    registry: io.registry,
    store,
    groupId: config.projectionGroupId ?? caseProjectionGroup(config.redisUrl, prefix),
    logger: io.logger,
  });
  const opener = await startCaseOpener({
    kafka: io.kafka,
    admin: io.admin,
    decodeAction: createAvroDecoder<AlertAction>(io.registry, compileAvroType(CONTRACTS.alertAction.schema)),
    caseCodec: codec,
    groupId: config.openerGroupId ?? CASE_OPENER_GROUP,
    transactionalIdPrefix: DASHBOARD_TRANSACTIONAL_PREFIX,
    logger: io.logger,
  });
  return {
    register(app: FastifyInstance) {
      registerCaseApi(app, {
        analysts: io.analysts,
        cases: store,
        alerts: io.alerts,
        producer: io.producer,
        codec,
        access: io.access,
        reference: io.reference,
        clock: io.clock,
      });
    },
    async close() {
      await Promise.allSettled([opener.close(), projector.close()]);
    },
  };
}
