import {
  registerCodec,
  TOPICS,
  type KafkaClient,
  type Logger,
  type SchemaRegistryClient,
} from '@waspada/common';
import {
  applyExemptionStep,
  decideExemptionStep,
  emptyExemptionFold,
  ExemptionRefused,
  exemptionRequest,
  exemptionsOf,
  type ExemptionFold,
  type ExemptionRequest,
  type Exemptions,
} from '@waspada/risk-rules';
import { CONTRACTS, type RejudgeRequest, type RuleExemption } from '@waspada/schemas';
import { openTopicFold } from './topic-fold';

/** How long a step written waits to be read back into the fold before its request fails. */
const READ_BACK_MS = 30_000;

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
  /** Waits until the fold holds these steps (a re-judge request names one), or the time is up. */
  waitFor(eventIds: readonly string[], timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The exemptions topic as one module: the dashboard proposes and decides with it, every processor
 * (live and shadow) looks up the approved exemptions with it on each judgement.
 */
export async function openExemptionLog(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  options: {
    readonly logger: Logger;
    readonly topic?: string;
    readonly clock?: () => number;
    /**
     * Given by a writer: an approval or a revocation goes out in one transaction with the re-judge
     * request of the person (exemptionRequest), so an open alert follows the exemption at once and
     * neither is written without the other. Must fit the writer's transactional-id ACL.
     */
    readonly transactionalId?: string;
    readonly rejudgeTopic?: string;
  },
): Promise<ExemptionLog> {
  const clock = options.clock ?? Date.now;
  const topic = options.topic ?? TOPICS.ruleExemptions;
  const log = await openTopicFold(kafka, registry, {
    contract: CONTRACTS.ruleExemption,
    topic,
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

  const writer = options.transactionalId
    ? await openStepWriter(kafka, registry, {
        transactionalId: options.transactionalId,
        topic,
        rejudgeTopic: options.rejudgeTopic ?? TOPICS.rejudge,
      })
    : undefined;

  async function waitFor(eventIds: readonly string[], timeoutMs = 10_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (eventIds.some((id) => !log.latest().eventIds.has(id))) {
      if (Date.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  }

  let queue: Promise<unknown> = Promise.resolve();
  function take(request: ExemptionRequest): Promise<RuleExemption> {
    const step = async () => {
      const event = decideExemptionStep(await log.current(), request, clock());
      if (!writer) throw new Error('this exemption log was opened to read: give a transactionalId to write');
      await writer.write(event);
      // Waits for the step itself, not for the topic's end: a commit returns before the broker has
      // written its transaction's markers, and until it has, the end a read_committed reader is
      // shown stops short of the step (a list read right after an approval showed it proposed).
      if (!(await waitFor([event.eventId], READ_BACK_MS)))
        throw new Error(
          `exemption step ${event.eventId} written but not read back in ${READ_BACK_MS / 1000} s`,
        );
      const after = log.latest();
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
    waitFor,
    async close() {
      await Promise.allSettled([log.close(), writer?.close()]);
    },
  };
}

/** Writes a step, with the person's re-judge request when it changes what holds, in one transaction. */
async function openStepWriter(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  options: { readonly transactionalId: string; readonly topic: string; readonly rejudgeTopic: string },
) {
  const [steps, rejudge] = await Promise.all([
    registerCodec<RuleExemption>(registry, CONTRACTS.ruleExemption.subject, CONTRACTS.ruleExemption.schema),
    registerCodec<RejudgeRequest>(registry, CONTRACTS.rejudge.subject, CONTRACTS.rejudge.schema),
  ]);
  const producer = kafka.producer({ transactionalId: options.transactionalId });
  await producer.connect();
  return {
    async write(event: RuleExemption): Promise<void> {
      const records = [
        {
          topic: options.topic,
          key: event.exemptionId,
          value: steps.encode(event),
          timestamp: event.stepTime,
        },
      ];
      if (event.step === 'APPROVED' || event.step === 'REVOKED') {
        const request = exemptionRequest(event);
        records.push({
          topic: options.rejudgeTopic,
          key: request.nik,
          value: rejudge.encode(request),
          timestamp: request.eventTime,
        });
      }
      const transaction = await producer.transaction();
      try {
        await transaction.send(records);
        await transaction.commit();
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw error;
      }
    },
    close: () => producer.disconnect(),
  };
}
