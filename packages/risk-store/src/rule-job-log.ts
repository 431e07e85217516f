import { TOPICS, type KafkaClient, type Logger, type SchemaRegistryClient } from '@waspada/common';
import { applyRuleJobEvent, emptyRuleJobFold, type RuleJobFold } from '@waspada/risk-rules';
import { CONTRACTS, type RuleJobEvent } from '@waspada/schemas';
import { v4 as uuidV4 } from 'uuid';
import { openTopicFold } from './topic-fold';

/** What a step sets beyond its job, kind, step and actor; the rest stays null. */
export type RuleJobDetails = Partial<
  Pick<
    RuleJobEvent,
    | 'ruleSetVersion'
    | 'ruleSetContent'
    | 'periodFrom'
    | 'periodTo'
    | 'phase'
    | 'done'
    | 'total'
    | 'reportId'
    | 'error'
  >
>;

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
      log.append({
        eventId: uuidV4(),
        ...job,
        at: clock(),
        ruleSetVersion: null,
        ruleSetContent: null,
        periodFrom: null,
        periodTo: null,
        phase: null,
        done: null,
        total: null,
        reportId: null,
        error: null,
        ...details,
      }),
    close: () => log.close(),
  };
}
