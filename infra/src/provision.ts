import {
  applyTopics,
  createKafkaClient,
  createSchemaRegistryClient,
  type Connections,
  type Logger,
  type TopicApplyReport,
  WASPADA_TOPICS,
} from '@waspada/common';
import { CONTRACTS } from '@waspada/schemas';
import { applyKafkaAcls } from './security/kafka-acls';

export interface ProvisionReport {
  readonly topics: TopicApplyReport;
  /** Subjects given their compatibility level by this run (before any version is registered). */
  readonly subjectsConfigured: string[];
  /** Kafka ACL entries granted (0 on a cluster without credentials). */
  readonly aclGrants: number;
}

/** Every contract's subject evolves under BACKWARD: new readers must read every old record. */
const SUBJECT_COMPATIBILITY = 'BACKWARD';

/**
 * Applies Waspada's topics and sets each event subject's compatibility level before its first
 * version is registered, so the registry checks every producer's schema from the start. A second
 * run changes nothing.
 */
export async function provision(
  connections: Connections,
  logger: Logger,
  replicationFactor: number,
): Promise<ProvisionReport> {
  const admin = createKafkaClient({ ...connections.kafka, clientId: 'waspada-provision' }, logger).admin();
  await admin.connect();
  let topics: TopicApplyReport;
  let aclGrants = 0;
  try {
    topics = await applyTopics(admin, WASPADA_TOPICS, { replicationFactor });
    // A cluster with credentials runs an authorizer: each service gets exactly its permissions.
    if (connections.kafka.sasl) aclGrants = await applyKafkaAcls(admin);
  } finally {
    await admin.disconnect();
  }
  const registry = createSchemaRegistryClient(connections.registry);
  const subjectsConfigured: string[] = [];
  for (const contract of Object.values(CONTRACTS)) {
    if ((await registry.compatibility(contract.subject)) === undefined) {
      await registry.setCompatibility(contract.subject, SUBJECT_COMPATIBILITY);
      subjectsConfigured.push(contract.subject);
    }
  }
  return { topics, subjectsConfigured, aclGrants };
}
