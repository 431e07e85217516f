import { TOPICS, type KafkaClient, type Logger, type SchemaRegistryClient } from '@waspada/common';
import {
  applyExemptionStep,
  decideExemptionStep,
  emptyExemptionFold,
  ExemptionRefused,
  exemptionsOf,
  type ExemptionFold,
  type ExemptionRequest,
  type Exemptions,
} from '@waspada/risk-rules';
import { CONTRACTS, type RuleExemption } from '@waspada/schemas';
import { openTopicFold } from './topic-fold';

export interface ExemptionLog {
  /** Every exemption's state: the fold of the topic up to its end as it is now. */
  current(): Promise<ExemptionFold>;
  /**
   * The approved exemptions as far as the reader has come, for judging: a lookup never waits, and
   * the index is rebuilt only when a step arrived.
   */
  readonly exemptions: Exemptions;
  /**
   * Takes a step if the lifecycle allows it on the state as it is now and returns once it is in
   * the fold; a refused step throws ExemptionRefused and writes nothing.
   */
  take(request: ExemptionRequest): Promise<RuleExemption>;
  close(): Promise<void>;
}

/**
 * The exemptions topic as one module: the dashboard proposes and decides with it, every processor
 * (live and shadow) looks up the approved exemptions with it on each judgement.
 */
export async function openExemptionLog(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  options: { readonly logger: Logger; readonly topic?: string; readonly clock?: () => number },
): Promise<ExemptionLog> {
  const clock = options.clock ?? Date.now;
  const log = await openTopicFold(kafka, registry, {
    contract: CONTRACTS.ruleExemption,
    topic: options.topic ?? TOPICS.ruleExemptions,
    empty: emptyExemptionFold(),
    apply: applyExemptionStep,
    logger: options.logger,
    name: 'rule-exemptions',
  });
  let indexed: { fold: ExemptionFold; exemptions: Exemptions } | undefined;
  const index = (): Exemptions => {
    const fold = log.latest();
    if (indexed?.fold !== fold) indexed = { fold, exemptions: exemptionsOf(fold) };
    return indexed.exemptions;
  };

  let queue: Promise<unknown> = Promise.resolve();
  function take(request: ExemptionRequest): Promise<RuleExemption> {
    const step = async () => {
      const event = decideExemptionStep(await log.current(), request, clock());
      const after = await log.append(event, { timestamp: event.stepTime });
      const skipped = after.ignored.find((entry) => entry.event.eventId === event.eventId);
      // Another writer's step landed first (an approval and a revocation at once): this one did not happen.
      if (skipped) throw new ExemptionRefused('WSP_EXEMPTION_WRONG_STATE', skipped.reason);
      return event;
    };
    const result = queue.then(step, step);
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    current: () => log.current(),
    exemptions: { of: (nik, ruleId, time) => index().of(nik, ruleId, time) },
    take,
    close: () => log.close(),
  };
}
