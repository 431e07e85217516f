import { randomUUID } from 'node:crypto';
import {
  compileAvroType,
  createAvroDecoder,
  createRedis,
  dataServers,
  parseRedisUrl,
  readTopics,
  tpOf,
  TOPICS,
  type Connections,
  type IncomingRecord,
  type KafkaAdmin,
} from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { openInProcessAgencies } from '@waspada/producer-kit';
import { startRiskProcessor, type RiskProcessor } from '@waspada/risk-processor';
import { loadRuleSet } from '@waspada/risk-rules';
import { CONTRACTS, type RiskAlert } from '@waspada/schemas';
import {
  CASE_LEAD_MS,
  generateCases,
  recordingWaves,
  type GroundTruth,
  type SimEvent,
} from '@waspada/simulator';
import { eventually, logger, type TestKit } from './clients';

export const PERSON_TOPICS = [
  TOPICS.identity,
  TOPICS.placement,
  TOPICS.passport,
  TOPICS.citizenAbroad,
  TOPICS.borderCrossing,
];

/** A simulated feed: the simulator's cases for one seed, and what is true about each person. */
export interface SimulatedFeed {
  readonly events: readonly SimEvent[];
  readonly truth: readonly GroundTruth[];
  readonly niks: ReadonlySet<string>;
}

export function simulatedFeed(options: {
  seed: number;
  cases: number;
  traffickingShare: number;
}): SimulatedFeed {
  const generator = generateCases({
    seed: options.seed,
    reference: referenceData(),
    traffickingShare: options.traffickingShare,
    clock: () => Date.now() - CASE_LEAD_MS,
  });
  const events: SimEvent[] = [];
  const truth: GroundTruth[] = [];
  for (let index = 0; index < options.cases; index += 1) {
    const next = generator.next();
    if (next.done) break;
    events.push(...next.value.events);
    truth.push(...next.value.truth);
  }
  return { events, truth, niks: new Set(truth.map((entry) => entry.nik)) };
}

/** The six agency producers in-process, fed directly through their intake (no HTTP). */
export async function openAgencies(connections: Connections) {
  const agencies = await openInProcessAgencies(connections, logger);
  const eventIds = new Set<string>();
  const send = async (events: readonly SimEvent[]) => {
    for (const id of await agencies.submit(events)) eventIds.add(id);
  };
  return {
    eventIds,
    /** History first, then what happens now, as agencies would have reported it. */
    async submit(events: readonly SimEvent[]): Promise<void> {
      for (const wave of recordingWaves(events)) await send(wave);
    },
    close: () => agencies.close(),
  };
}

/**
 * The same servers, with a Redis database of the test's own (1-15), emptied first. A Redis Cluster
 * has database 0 only: the test has the whole cluster, emptied.
 */
export async function withOwnRedisDb(connections: Connections, db: number): Promise<Connections> {
  if (parseRedisUrl(connections.redisUrl).cluster) {
    await emptyRedis(connections.redisUrl);
    return connections;
  }
  const redisUrl = `${connections.redisUrl.replace(/\/\d+$/, '')}/${db}`;
  await emptyRedis(redisUrl);
  return { ...connections, redisUrl };
}

/** Empties the database of a Redis URL, on every master of a cluster. */
export async function emptyRedis(redisUrl: string): Promise<void> {
  const redis = createRedis(redisUrl);
  await redis.connect();
  try {
    await Promise.all(dataServers(redis).map((server) => server.flushdb()));
  } finally {
    await redis.quit();
  }
}

/**
 * Waits until the group has committed every record now on the agency topics (or the topics given).
 * A topic written in transactions ends in markers no consumer reads, one per transaction that wrote
 * the partition (several per window when each partition number commits its own), and aborted
 * records no read_committed consumer gets: for such a topic pass `transactional`, a kit whose
 * read_committed reader finds where each partition's last readable record is.
 */
export async function waitCaughtUp(
  admin: KafkaAdmin,
  groupId: string,
  timeoutMs = 120_000,
  topics: readonly string[] = PERSON_TOPICS,
  transactional?: TestKit,
): Promise<void> {
  const ends = new Map<string, bigint>();
  for (const topic of topics) {
    if (transactional) {
      for (const [partition, end] of await readableEnds(transactional, topic))
        ends.set(`${topic}:${partition}`, end);
      continue;
    }
    for (const { partition, high } of await admin.topicOffsets(topic))
      ends.set(`${topic}:${partition}`, BigInt(high));
  }
  let behind = '';
  await eventually(
    async () => {
      for (const topic of topics) {
        const committed = new Map(
          (await admin.groupOffsets(groupId, topic)).map((entry) => [entry.partition, BigInt(entry.offset)]),
        );
        for (const [key, end] of ends) {
          if (!key.startsWith(`${topic}:`) || end === 0n) continue;
          const partition = Number(key.slice(topic.length + 1));
          const at = committed.get(partition) ?? -1n;
          behind = `${key} committed ${at}, end ${end}`;
          if (at < end) return false;
        }
      }
      return true;
    },
    () => `group ${groupId} to commit every record of ${topics.join(', ')} (${behind})`,
    timeoutMs,
  );
}

/**
 * Waits until the group has decided everything the records now on the agency topics lead to: every
 * record committed, and then every re-judge request its own windows asked for, again and again until
 * a round adds no request. A window can commit its last agency records together with requests (a
 * late record re-judges a companion), and what those requests decide comes one window later: a
 * test that read the alerts as soon as the agency topics were committed would miss it.
 */
export async function waitSettled(
  kit: TestKit,
  groupId: string,
  timeoutMs = 120_000,
  topics: readonly string[] = PERSON_TOPICS,
): Promise<void> {
  await waitCaughtUp(kit.admin, groupId, timeoutMs, topics);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = await readableEnds(kit, TOPICS.rejudge);
    await waitCaughtUp(kit.admin, groupId, Math.max(1_000, deadline - Date.now()), [TOPICS.rejudge], kit);
    const after = await readableEnds(kit, TOPICS.rejudge);
    if ([...after].every(([partition, end]) => before.get(partition) === end)) return;
    if (Date.now() > deadline)
      throw new Error(`group ${groupId} kept asking for re-judgements past ${timeoutMs} ms`);
  }
}

/** Per partition, the offset after its last record a read_committed reader gets now. */
async function readableEnds(kit: TestKit, topic: string): Promise<Map<number, bigint>> {
  const ends = new Map<number, bigint>();
  for (const record of await readWholeTopic(kit, topic)) {
    const after = BigInt(record.offset) + 1n;
    if (after > (ends.get(record.partition) ?? 0n)) ends.set(record.partition, after);
  }
  return ends;
}

export interface PublishedAlert {
  readonly alert: RiskAlert;
  readonly decidedBy: string;
  readonly offset: string;
}

/**
 * Every committed record of a topic, read from the start up to the end it has when the read starts
 * (readTopics in @waspada/common: the end is reached when the reader's position passes it, markers
 * and aborted records included), for topics other runs share, where the caller picks its own
 * records out.
 */
export async function readWholeTopic(kit: TestKit, topic: string): Promise<IncomingRecord[]> {
  const records: IncomingRecord[] = [];
  const stopAt = new Map(
    (await kit.admin.topicOffsets(topic)).map((entry) => [tpOf(topic, entry.partition), BigInt(entry.high)]),
  );
  await readTopics(kit.kafka, {
    topics: [topic],
    stopAt,
    onBatch: (batch) => {
      records.push(...batch.records);
      return Promise.resolve();
    },
  });
  return records;
}

/** Every committed alert about the given people, in topic order per person. */
export async function readAlerts(kit: TestKit, niks: ReadonlySet<string>): Promise<PublishedAlert[]> {
  const decode = createAvroDecoder<RiskAlert>(kit.registry, compileAvroType(CONTRACTS.alert.schema));
  const alerts: PublishedAlert[] = [];
  for (const record of await readWholeTopic(kit, TOPICS.alerts)) {
    if (!niks.has(record.key?.toString() ?? '')) continue;
    alerts.push({
      alert: (await decode(record.value)).value,
      decidedBy: record.headers['waspada-decided-by']?.toString() ?? '',
      offset: record.offset,
    });
  }
  return alerts;
}

/** The last word on each situation: what a desk or regency holds once every follow-up is in. */
export function finalAlerts(alerts: readonly PublishedAlert[]): RiskAlert[] {
  const latest = new Map<string, RiskAlert>();
  for (const { alert } of alerts) {
    const known = latest.get(alert.firstAlertId);
    if (!known || known.revision < alert.revision) latest.set(alert.firstAlertId, alert);
  }
  return [...latest.values()];
}

export interface Scored {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly missed: readonly GroundTruth[];
  readonly wronglyAlerted: readonly GroundTruth[];
}

/** Precision and recall per person against the simulator's ground truth. */
export function score(truth: readonly GroundTruth[], alerts: readonly RiskAlert[]): Scored {
  const alerted = new Set(
    alerts.filter((alert) => alert.kind !== 'RESOLVED').map((alert) => alert.person.nik),
  );
  const missed = truth.filter((entry) => entry.trafficking && !alerted.has(entry.nik));
  const wronglyAlerted = truth.filter((entry) => !entry.trafficking && alerted.has(entry.nik));
  const truePositives = truth.filter((entry) => entry.trafficking && alerted.has(entry.nik)).length;
  return {
    truePositives,
    falsePositives: wronglyAlerted.length,
    falseNegatives: missed.length,
    precision: truePositives / Math.max(1, truePositives + wronglyAlerted.length),
    recall: truePositives / Math.max(1, truePositives + missed.length),
    missed,
    wronglyAlerted,
  };
}

export const uniqueInstance = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A risk processor in this process with the shipped rule set, on its own group and instance id. */
export function startTestProcessor(
  connections: Connections,
  groupId: string,
  instanceId: string,
): Promise<RiskProcessor> {
  return startRiskProcessor(
    {
      connections,
      host: '127.0.0.1',
      port: 0,
      groupId,
      instanceId,
      ruleSet: loadRuleSet(),
      lateAlertWindowMs: 6 * 3_600_000,
      windowMs: 25,
    },
    logger,
  );
}

/**
 * A pre-clearance scan at an airport counter of a one-way trip to Cambodia, where scam compounds
 * hold Indonesians: the scan every delivery test starts from. Fields given replace the defaults.
 */
export function scamHubScan(
  nik: string,
  fields: { checkpointCode: string; counterId: string; fullName: string; birthDate: string },
) {
  const now = Date.now();
  return {
    agency: 'borderCrossing' as const,
    eventTime: now,
    record: {
      nik,
      eventTime: now,
      direction: 'DEPARTURE',
      stage: 'PRE_CLEARANCE_SCAN',
      checkpointType: 'AIR',
      documentType: 'PASSPORT',
      documentNumber: `C${nik.slice(-7)}`,
      sex: 'MALE',
      countryCode: 'KH',
      declaredPurpose: 'TOURISM',
      ...fields,
    },
  };
}
