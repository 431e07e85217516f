import type { KafkaAdmin, Logger } from '@waspada/common';
import { committedTopics, groupLag, type GroupLag } from './consumer-lag';
import type { DashboardMetrics } from './dashboard-metrics';
import { topicKind, watchedTopics, type TopicKind } from './topic-catalog';
import {
  rateSeries,
  SampleHistory,
  summariseOffsets,
  type PartitionOffsets,
  type Point,
  type TopicSample,
} from './topic-rates';

export interface TopicView {
  readonly topic: string;
  readonly kind: TopicKind;
  /** False for a declared topic the cluster does not have (yet). */
  readonly exists: boolean;
  readonly partitions: number;
  /** Offsets held now (high - low, summed). */
  readonly size: number;
  /** Messages per second between the last two polls. */
  readonly rate: number | null;
  readonly rates: Point[];
}

export interface GroupView {
  readonly groupId: string;
  /** The group's state as the coordinator reports it (Stable, Empty, ...), if it answered. */
  readonly state: string | null;
  /** Consumers in the group now: zero for a stopped service, or a test's leftover group. */
  readonly members: number | null;
  readonly lag: number;
  readonly byTopic: Readonly<Record<string, number>>;
  readonly points: Point[];
}

interface LagSample extends GroupLag {
  readonly t: number;
}

/** Requests in flight at once: test runs can leave hundreds of groups behind. */
const CONCURRENCY = 8;

/**
 * Polls the end offsets of Waspada's topics and the committed offsets of every consumer group, and
 * keeps them for the charts. One poll at a time: a slow cluster makes polls rarer, never pile up.
 *
 * The admin client is this sampler's own and is replaced after any failed request: KafkaJS puts
 * every topic it was once asked about into each later metadata request, so once another client
 * deletes one of them (tests delete their subscribers' dead-letter topics), every later request of
 * that client fails. Only Waspada's topics are asked about, so other clients' test topics never
 * get in.
 */
export function createOffsetsSampler(
  createAdmin: () => KafkaAdmin,
  options: {
    retentionMs: number;
    /** A poll that takes longer is given up, and its client replaced. */
    timeoutMs: number;
    ownGroupPrefix: string;
    logger: Logger;
    metrics: DashboardMetrics;
  },
) {
  const topics = new SampleHistory<TopicSample>(options.retentionMs);
  const lags = new SampleHistory<LagSample>(options.retentionMs);
  let missing: string[] = [];
  let states = new Map<string, { state: string; members: number }>();
  let running = false;
  let admin: KafkaAdmin | undefined;
  let closed = false;

  async function connected(): Promise<KafkaAdmin> {
    if (closed) throw new Error('the dashboard is shutting down');
    if (!admin) {
      const fresh = createAdmin();
      await fresh.connect();
      admin = fresh;
    }
    return admin;
  }

  async function retire(): Promise<void> {
    const old = admin;
    admin = undefined;
    await old?.disconnect().catch(() => undefined);
  }

  /** Asks for every key, a few at a time; counts the failures so the client can be renewed. */
  async function each<V>(keys: readonly string[], ask: (key: string) => Promise<V>) {
    const result = new Map<string, V>();
    let failures = 0;
    for (let i = 0; i < keys.length; i += CONCURRENCY) {
      const slice = keys.slice(i, i + CONCURRENCY);
      const settled = await Promise.allSettled(slice.map(ask));
      settled.forEach((outcome, index) => {
        const key = slice[index];
        if (key === undefined) return;
        if (outcome.status === 'fulfilled') result.set(key, outcome.value);
        else failures += 1;
      });
    }
    return { result, failures };
  }

  /** Resolves to the number of requests that failed. */
  async function sample(now: number): Promise<number> {
    const client = await connected();
    const existing = await client.listTopics();
    const watched = watchedTopics(existing);
    missing = watched.missing;
    topics.retainOnly(new Set(watched.present));
    const offsets = await each(watched.present, (topic) => client.topicOffsets(topic));
    for (const [topic, partitions] of offsets.result) topics.add(topic, summariseOffsets(now, partitions));

    const groups = (await client.listGroups()).filter((group) => !group.startsWith(options.ownGroupPrefix));
    lags.retainOnly(new Set(groups));
    const committed = await each(groups, (group) => client.groupOffsetsAllTopics(group));
    let stateFailures = 0;
    try {
      const described = await client.describeGroups([...committed.result.keys()]);
      states = new Map(described.map(({ groupId, state, members }) => [groupId, { state, members }]));
    } catch {
      stateFailures = 1;
    }
    const highs = new Map(
      [...offsets.result].map(([topic, partitions]) => [
        topic,
        new Map(partitions.map((partition: PartitionOffsets) => [partition.partition, partition.high])),
      ]),
    );
    for (const [group, positions] of committed.result) {
      // A group that reads only other clients' topics (a test's) has no lag this page can tell.
      if (!committedTopics(positions).some((topic) => highs.has(topic))) continue;
      lags.add(group, { t: now, ...groupLag(positions, highs) });
    }
    topics.prune(now);
    lags.prune(now);
    return offsets.failures + committed.failures + stateFailures;
  }

  return {
    /** Polls once, unless the previous poll is still running. */
    async poll(now: number): Promise<void> {
      if (running) return;
      running = true;
      const started = process.hrtime.bigint();
      let timer: NodeJS.Timeout | undefined;
      try {
        const failures = await Promise.race([
          sample(now),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${options.timeoutMs} ms`)),
              options.timeoutMs,
            );
          }),
        ]);
        options.metrics.samples.inc({ outcome: failures === 0 ? 'ok' : 'partial' });
        if (failures > 0) {
          options.logger.debug({ failures }, 'some offsets could not be read: renewing the admin client');
          await retire();
        }
      } catch (error) {
        options.metrics.samples.inc({ outcome: 'failed' });
        options.logger.warn(
          { reason: (error as Error).message },
          'offsets poll failed; the charts keep their last values',
        );
        await retire();
      } finally {
        clearTimeout(timer);
        options.metrics.sampleSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
        running = false;
      }
    },
    async close() {
      closed = true;
      await retire();
    },
    topics(): TopicView[] {
      const present = topics.keys().map((topic): TopicView => {
        const samples = topics.samples(topic);
        const rates = rateSeries(samples);
        const latest = samples[samples.length - 1];
        const lastRate = rates[rates.length - 1];
        return {
          topic,
          kind: topicKind(topic),
          exists: true,
          partitions: latest?.partitions ?? 0,
          size: latest?.size ?? 0,
          rate: lastRate && latest && lastRate[0] === latest.t ? lastRate[1] : null,
          rates,
        };
      });
      const absent = missing
        .filter((topic) => !present.some((view) => view.topic === topic))
        .map((topic): TopicView => ({
          topic,
          kind: topicKind(topic),
          exists: false,
          partitions: 0,
          size: 0,
          rate: null,
          rates: [],
        }));
      return [...present, ...absent];
    },
    groups(): GroupView[] {
      return lags.keys().map((groupId) => {
        const samples = lags.samples(groupId);
        const latest = samples[samples.length - 1];
        const described = states.get(groupId);
        return {
          groupId,
          state: described?.state ?? null,
          members: described?.members ?? null,
          lag: latest?.total ?? 0,
          byTopic: latest?.byTopic ?? {},
          points: samples.map((sample): Point => [sample.t, sample.total]),
        };
      });
    },
  };
}

export type OffsetsSampler = ReturnType<typeof createOffsetsSampler>;
