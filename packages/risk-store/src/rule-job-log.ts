import { TOPICS, type KafkaClient, type Logger, type SchemaRegistryClient } from '@waspada/common';
import {
  applyRuleJobEvent,
  emptyRuleJobFold,
  ruleJobStep,
  type RuleJobDetails,
  type RuleJobFold,
} from '@waspada/risk-rules';
import { CONTRACTS, type RuleJobEvent } from '@waspada/schemas';
import { v4 as uuidV4 } from 'uuid';
import { openTopicFold } from './topic-fold';

export interface RuleJobLog {
  /** Every job's state: the fold of the topic up to its end as it is now. */
  current(): Promise<RuleJobFold>;
  /** Writes one step of a job and returns the fold with it. */
  record(
    job: Pick<RuleJobEvent, 'jobId' | 'kind' | 'step' | 'actorId'>,
    details?: RuleJobDetails,
  ): Promise<RuleJobFold>;
  close(): Promise<void>;
}

/**
 * The rule-jobs topic as one module: the dashboard writes requests and lists jobs with it, the
 * processor's job worker claims, reports progress and ends jobs with it (foldRuleJobs says which
 * steps count).
 */
export async function openRuleJobLog(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  options: { readonly logger: Logger; readonly topic?: string; readonly clock?: () => number },
): Promise<RuleJobLog> {
  const clock = options.clock ?? Date.now;
  const log = await openTopicFold(kafka, registry, {
    contract: CONTRACTS.ruleJob,
    topic: options.topic ?? TOPICS.ruleJobs,
    empty: emptyRuleJobFold(),
    apply: applyRuleJobEvent,
    logger: options.logger,
    name: 'rule-jobs',
  });
  return {
    current: () => log.current(),
    record: (job, details = {}) =>
      log.append(ruleJobStep({ eventId: uuidV4(), ...job, at: clock() }, details)),
    close: () => log.close(),
  };
}
