import {
  compileAvroType,
  createAvroDecoder,
  registerCodec,
  TOPICS,
  type KafkaClient,
  type Logger,
  type SchemaRegistryClient,
} from '@waspada/common';
import {
  applyRuleChange,
  decideStep,
  emptyFold,
  RuleChangeRefused,
  type RuleChangeFold,
  type StepDecision,
  type StepRequest,
} from '@waspada/risk-rules';
import { CONTRACTS, type RuleChange } from '@waspada/schemas';
import { v4 as uuidV4 } from 'uuid';

const ruleChangeType = compileAvroType(CONTRACTS.ruleChange.schema);
/** How long `current` waits for the reader to reach the topic's end. */
const CATCH_UP_MS = 30_000;

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
 * the live version: a reader follows the single partition from its start in a group of its own and
 * folds each step in; `current` waits until the reader has reached the end offset of the moment.
 * Steps from this process are taken one at a time, so a double click cannot pass the checks twice;
 * writers in other processes are kept honest by the fold, which applies each change id once and
 * ignores a step the lifecycle refuses.
 */
export async function openRuleChangeLog(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  options: { readonly logger: Logger; readonly topic?: string; readonly clock?: () => number },
): Promise<RuleChangeLog> {
  const topic = options.topic ?? TOPICS.ruleChanges;
  const clock = options.clock ?? Date.now;
  const codec = await registerCodec<RuleChange>(
    registry,
    CONTRACTS.ruleChange.subject,
    CONTRACTS.ruleChange.schema,
  );
  const decode = createAvroDecoder<RuleChange>(registry, ruleChangeType);
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer();
  await producer.connect();

  let fold = emptyFold();
  /** Where the reader's next fetch starts: everything before it is folded in. */
  let next = 0n;
  const consumer = kafka.consumer({ groupId: `waspada-rule-changes-${uuidV4()}`, autoCommit: false });
  // The fetch position, not the last record's offset + 1: the one definition of a topic's end
  // (see readTopics), which a topic ending in something other than a record still reaches.
  consumer.onFetched((fetched) => {
    next = fetched.next;
  });
  await consumer.connect();
  await consumer.subscribe([topic], { fromBeginning: true });
  await consumer.run(async (batch) => {
    for (const record of batch.records) {
      try {
        fold = applyRuleChange(fold, (await decode(record.value)).value);
      } catch (error) {
        options.logger.warn(
          { topic, offset: record.offset, reason: (error as Error).message },
          'rule change record skipped',
        );
      }
    }
  });

  async function current(): Promise<RuleChangeFold> {
    const [end] = await admin.topicOffsets(topic);
    const high = BigInt(end?.high ?? '0');
    const deadline = Date.now() + CATCH_UP_MS;
    while (next < high) {
      // A reader that cannot reach the end (the broker is gone) must not hold a request forever.
      if (Date.now() > deadline) {
        throw new Error(
          `the rule-changes reader is at offset ${next} of ${high} after ${CATCH_UP_MS / 1000} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return fold;
  }

  let queue: Promise<unknown> = Promise.resolve();
  function take(request: StepRequest): Promise<StepDecision> {
    const step = async () => {
      const decision = decideStep(await current(), request, clock());
      if (decision.duplicate) return decision;
      await producer.send([
        {
          topic,
          key: decision.change.version,
          value: codec.encode(decision.change),
          headers: { 'waspada-change-id': decision.change.changeId },
          timestamp: decision.change.stepTime,
        },
      ]);
      const after = await current();
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

  return {
    current,
    take,
    async close() {
      await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
    },
  };
}
