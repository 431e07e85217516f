import {
  compileAvroType,
  createAvroDecoder,
  endOffsets,
  offsetsAtTime,
  readTopics,
  TOPICS,
  withAdmin,
  type KafkaClient,
  type SchemaRegistryClient,
} from '@waspada/common';
import { diffAlerts, type AlertDiff } from '@waspada/risk-rules';
import { CONTRACTS, type RiskAlert } from '@waspada/schemas';
import { PERSON_TOPICS } from './person-topics';
import { shadowGroupOf } from './shadow-group';

const alertType = compileAvroType(CONTRACTS.alert.schema);

export interface ShadowDiffReport extends AlertDiff {
  readonly version: string;
  /** Versions of the live alerts compared (the live version may have changed within the period). */
  readonly liveVersions: readonly string[];
  readonly from: number;
  readonly to: number;
  /**
   * Agency records the version's shadow run has still to judge (its group's lag on the agency
   * topics), or null when no shadow run of it ever committed: how far its alerts can be trusted.
   */
  readonly shadowBehind: number | null;
}

/** The shadow group's lag over every agency topic, or null when it never committed. */
export async function shadowLag(kafka: KafkaClient, version: string): Promise<number | null> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let behind = 0n;
    let committedAny = false;
    for (const topic of Object.keys(PERSON_TOPICS)) {
      const committed = new Map(
        (await admin.groupOffsets(shadowGroupOf(version), topic)).map((entry) => [
          entry.partition,
          BigInt(entry.offset),
        ]),
      );
      for (const { partition, high } of await admin.topicOffsets(topic)) {
        const offset = committed.get(partition) ?? -1n;
        if (offset >= 0n) committedAny = true;
        behind += BigInt(high) - (offset >= 0n ? offset : 0n);
      }
    }
    return committedAny ? Number(behind) : null;
  } finally {
    await admin.disconnect();
  }
}

/**
 * The alerts of a topic about situations in [from, to), as committed now. An alert is appended after
 * the situation it is about happened, so reading from the first record appended at `from` misses
 * none of them, however long ago the shadow run re-judged the history.
 */
export async function readAlertsOfPeriod(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  options: { readonly topic: string; readonly from: number; readonly to: number },
): Promise<{ alerts: RiskAlert[]; unreadable: number }> {
  const decode = createAvroDecoder<RiskAlert>(registry, alertType);
  const [stopAt, startAt] = await withAdmin(kafka, (admin) =>
    Promise.all([endOffsets(admin, [options.topic]), offsetsAtTime(admin, options.topic, options.from)]),
  );
  const alerts: RiskAlert[] = [];
  let unreadable = 0;
  await readTopics(kafka, {
    topics: [options.topic],
    stopAt,
    startAt,
    onBatch: async (batch) => {
      for (const record of batch.records) {
        try {
          const { value } = await decode(record.value);
          if (value.eventTime >= options.from && value.eventTime < options.to) alerts.push(value);
        } catch {
          // Not an alert this reader knows; the live path dead-letters such records, a report skips them.
          unreadable += 1;
        }
      }
    },
  });
  return { alerts, unreadable };
}

/**
 * The difference a proposed version makes: the live alerts against the shadow run's alerts of that
 * version, for situations in the period.
 */
export async function shadowDiff(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  options: {
    readonly version: string;
    readonly from: number;
    readonly to: number;
    readonly liveTopic?: string;
    readonly shadowTopic?: string;
    /** Only these people (a test's own feed on shared topics). */
    readonly niks?: ReadonlySet<string>;
  },
): Promise<ShadowDiffReport> {
  const period = { from: options.from, to: options.to };
  const [live, shadow, shadowBehind] = await Promise.all([
    readAlertsOfPeriod(kafka, registry, { topic: options.liveTopic ?? TOPICS.alerts, ...period }),
    readAlertsOfPeriod(kafka, registry, { topic: options.shadowTopic ?? TOPICS.shadowAlerts, ...period }),
    shadowLag(kafka, options.version),
  ]);
  const mine = (alert: RiskAlert) => options.niks === undefined || options.niks.has(alert.person.nik);
  const liveAlerts = live.alerts.filter(mine);
  const diff = diffAlerts(
    liveAlerts,
    shadow.alerts.filter((alert) => alert.ruleSetVersion === options.version && mine(alert)),
  );
  return {
    version: options.version,
    liveVersions: [...new Set(liveAlerts.map((alert) => alert.ruleSetVersion))].sort(),
    ...period,
    shadowBehind,
    ...diff,
  };
}
