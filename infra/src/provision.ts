import {
  applyTopics,
  createKafkaClient,
  type Logger,
  type TopicApplyReport,
  WASPADA_TOPICS,
} from '@waspada/common';
import type { StackEndpoints } from './stack/stack-config';

/** Applies Waspada's topic declarations to the cluster; a second run changes nothing. */
export async function provisionTopics(
  endpoints: StackEndpoints,
  logger: Logger,
  replicationFactor = 1,
): Promise<TopicApplyReport> {
  const admin = createKafkaClient(
    { brokers: endpoints.kafkaBrokers, clientId: 'waspada-provision' },
    logger,
  ).admin();
  await admin.connect();
  try {
    return await applyTopics(admin, WASPADA_TOPICS, { replicationFactor });
  } finally {
    await admin.disconnect();
  }
}
