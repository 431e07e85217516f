import { WaspadaError } from '../errors';
import type { KafkaAdmin, TopicDeclaration } from './kafka-types';

/**
 * A topic as the code declares it. `joinedByNik` marks topics the risk processor joins per person:
 * they must all have the same partition count, or one NIK lands on different partitions (and
 * different processor instances) in different topics.
 */
export interface TopicSpec {
  readonly name: string;
  readonly description: string;
  readonly partitions: number;
  readonly joinedByNik: boolean;
  readonly cleanupPolicy: 'delete' | 'compact' | 'compact,delete';
  /** Milliseconds to keep records; `forever` for topics the state is rebuilt from. */
  readonly retention: number | 'forever';
  /** Configs beyond cleanup and retention, as Kafka names them. */
  readonly extraConfigs?: Readonly<Record<string, string>>;
}

export interface TopicPlanOptions {
  /** 1 on the single-broker local stack, 3 on a production cluster. */
  readonly replicationFactor: number;
}

export interface TopicApplyReport {
  readonly created: string[];
  readonly reconfigured: string[];
  readonly unchanged: string[];
}

/** Refuses a catalogue that would break the per-person join. */
export function validateTopicSpecs(specs: readonly TopicSpec[]): void {
  const names = new Set<string>();
  for (const spec of specs) {
    if (names.has(spec.name))
      throw new WaspadaError('WSP_TOPIC_MISMATCH', `topic ${spec.name} is declared twice`);
    names.add(spec.name);
    if (!/^[a-zA-Z0-9._-]{1,249}$/.test(spec.name)) {
      throw new WaspadaError(
        'WSP_TOPIC_MISMATCH',
        `topic name "${spec.name}" has characters Kafka does not allow`,
      );
    }
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
      throw new WaspadaError(
        'WSP_TOPIC_MISMATCH',
        `topic ${spec.name}: partitions must be a positive whole number`,
      );
    }
  }
  const joined = specs.filter((spec) => spec.joinedByNik);
  const counts = new Set(joined.map((spec) => spec.partitions));
  if (counts.size > 1) {
    throw new WaspadaError(
      'WSP_TOPIC_MISMATCH',
      `topics joined by NIK must have one partition count, found ${joined
        .map((spec) => `${spec.name}=${spec.partitions}`)
        .join(', ')}`,
    );
  }
}

export function toDeclaration(spec: TopicSpec, options: TopicPlanOptions): TopicDeclaration {
  return {
    name: spec.name,
    partitions: spec.partitions,
    replicationFactor: options.replicationFactor,
    configs: {
      'cleanup.policy': spec.cleanupPolicy,
      'retention.ms': spec.retention === 'forever' ? '-1' : String(spec.retention),
      ...(options.replicationFactor > 1 && { 'min.insync.replicas': String(options.replicationFactor - 1) }),
      ...spec.extraConfigs,
    },
  };
}

/** How long a new topic may take to serve reads before applyTopics gives up. */
const SERVING_TIMEOUT_MS = 30_000;

/**
 * Waits until each new topic answers an offsets request. The broker answers the creation once
 * its partitions have leaders in the metadata, which can come before the leader serves them
 * ("not the leader for that topic-partition"), and a service started right after provisioning
 * asks for offsets first thing.
 */
async function untilServing(admin: KafkaAdmin, names: readonly string[]): Promise<void> {
  const deadline = Date.now() + SERVING_TIMEOUT_MS;
  for (const name of names) {
    for (;;) {
      try {
        await admin.topicOffsets(name);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
}

/**
 * Makes the cluster match the declarations: creates missing topics, resets configs that drifted,
 * and changes nothing else, so running it twice is a no-op. It never deletes a topic and never
 * adds partitions to an existing one: more partitions would move NIKs to other partitions and
 * break the join and the per-person order, which needs a planned migration, not a start-up step.
 */
export async function applyTopics(
  admin: KafkaAdmin,
  specs: readonly TopicSpec[],
  options: TopicPlanOptions,
): Promise<TopicApplyReport> {
  validateTopicSpecs(specs);
  const declarations = specs.map((spec) => toDeclaration(spec, options));
  const existing = new Set(await admin.listTopics());
  const missing = declarations.filter((declaration) => !existing.has(declaration.name));
  const present = declarations.filter((declaration) => existing.has(declaration.name));
  const report: TopicApplyReport = { created: [], reconfigured: [], unchanged: [] };

  if (missing.length > 0) {
    await admin.createTopics(missing);
    await untilServing(
      admin,
      missing.map((declaration) => declaration.name),
    );
    report.created.push(...missing.map((declaration) => declaration.name));
  }
  const configKeys = [...new Set(declarations.flatMap((declaration) => Object.keys(declaration.configs)))];
  const states = await admin.describeTopics(
    present.map((declaration) => declaration.name),
    configKeys,
  );
  for (const declaration of present) {
    const state = states.find((candidate) => candidate.name === declaration.name);
    if (!state) continue;
    if (state.partitions !== declaration.partitions) {
      throw new WaspadaError(
        'WSP_TOPIC_MISMATCH',
        `topic ${declaration.name} has ${state.partitions} partitions but is declared with ${declaration.partitions}; ` +
          'changing the count re-keys every NIK, so migrate to a new topic version instead of altering this one',
      );
    }
    const drifted = Object.entries(declaration.configs).some(([key, value]) => state.configs[key] !== value);
    if (drifted) {
      await admin.setTopicConfigs(declaration.name, declaration.configs);
      report.reconfigured.push(declaration.name);
    } else {
      report.unchanged.push(declaration.name);
    }
  }
  return report;
}
