import { TOPICS, type KafkaClient, type Logger, type SchemaRegistryClient } from '@waspada/common';
import {
  applyRuleChange,
  decideStep,
  emptyFold,
  RuleChangeRefused,
  type RuleChangeFold,
  type StepDecision,
  type StepRequest,
} from '@waspada/risk-rules';
import { CONTRACTS } from '@waspada/schemas';
import { openTopicFold } from './topic-fold';

export interface RuleChangeLog {
  /** Every version's state: the fold of the topic up to its end as it is now. */
  current(): Promise<RuleChangeFold>;
  /**
   * Takes a step if the lifecycle allows it on the state as it is now, writes its event, and
   * returns once the event is in the fold. A refused step throws RuleChangeRefused and writes
   * nothing; a step already taken writes nothing and comes back marked duplicate.
   */
  take(request: StepRequest): Promise<StepDecision>;
  close(): Promise<void>;
}

/**
 * The rule-changes topic as one module, behind the CLI, the dashboard and the processor that loads
 * the live version: the topic read as a fold (openTopicFold).
 * Steps from this process are taken one at a time, so a double click cannot pass the checks twice;
 * writers in other processes are kept honest by the fold, which applies each change id once and
 * ignores a step the lifecycle refuses.
 */
export async function openRuleChangeLog(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  options: { readonly logger: Logger; readonly topic?: string; readonly clock?: () => number },
): Promise<RuleChangeLog> {
  const clock = options.clock ?? Date.now;
  const log = await openTopicFold(kafka, registry, {
    contract: CONTRACTS.ruleChange,
    topic: options.topic ?? TOPICS.ruleChanges,
    empty: emptyFold(),
    apply: applyRuleChange,
    logger: options.logger,
    name: 'rule-changes',
  });

  let queue: Promise<unknown> = Promise.resolve();
  function take(request: StepRequest): Promise<StepDecision> {
    const step = async () => {
      const decision = decideStep(await log.current(), request, clock());
      if (decision.duplicate) return decision;
      const after = await log.append(decision.change, {
        headers: { 'waspada-change-id': decision.change.changeId },
        timestamp: decision.change.stepTime,
      });
      if (!after.changeIds.has(decision.change.changeId)) {
        // Another writer's step landed first on the topic (an approval and a rejection at once):
        // the fold skipped this one, so it did not happen.
        const skipped = after.ignored.find((entry) => entry.change.changeId === decision.change.changeId);
        throw new RuleChangeRefused(
          'WSP_RULES_WRONG_STATE',
          `another step on version ${decision.change.version} came first: ${skipped?.reason ?? 'this one was skipped'}`,
        );
      }
      return decision;
    };
    const result = queue.then(step, step);
    queue = result.catch(() => undefined);
    return result;
  }

  return { current: () => log.current(), take, close: () => log.close() };
}
