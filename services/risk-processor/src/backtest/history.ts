import {
  type IncomingBatch,
  type IncomingRecord,
  compileAvroType,
  createAvroDecoder,
  endOffsets,
  readTopics,
  tpOf,
  withAdmin,
  TOPICS,
  type StopOffsets,
  type KafkaClient,
  type SchemaRegistryClient,
} from '@waspada/common';
import { PERSON_TOPICS } from '@waspada/risk-store';
import { CONTRACTS, type AlertAction, type CaseEvent } from '@waspada/schemas';
import { createEventDecoder } from '../event-decoding';
import { HistoryArena } from './history-arena';
import { packEvent } from './packed-events';

/**
 * Where a backtest reads: the agency topics, the desk actions and the case outcomes. The live topics by default;
 * tests point it at topics of their own. Each agency topic is named by the live topic whose
 * events it holds, so the processor's decoding applies unchanged.
 */
export interface HistoryTopics {
  /** Live agency topic → the topic to read its events from. */
  readonly agencies: Readonly<Record<string, string>>;
  readonly alertActions: string;
  /** The case topic, whose closed cases' outcomes label situations beside the desk actions; none read when absent. */
  readonly cases?: string;
}

export const LIVE_HISTORY_TOPICS: HistoryTopics = {
  agencies: Object.fromEntries(Object.keys(PERSON_TOPICS).map((topic) => [topic, topic])),
  alertActions: TOPICS.alertActions,
  cases: TOPICS.cases,
};

/** Where a kind of event sorts among events of the same millisecond: the order the live processor applies topics in. */
const TOPICS_BY_RANK = Object.keys(PERSON_TOPICS);
const TOPIC_RANK = new Map(TOPICS_BY_RANK.map((topic, index) => [topic, index]));

export interface AgencyHistory {
  /** The events of the period, packed, in the order a backtest replays them. */
  readonly events: HistoryArena;
  readonly records: number;
  /** Records the processor would dead-letter (undecodable, wrong key, no NIK): left out, as live. */
  readonly refused: number;
  /** Records at or after the end of the period: not known yet at its end. */
  readonly afterPeriod: number;
  /** Offsets below the end that no pass could read: transaction markers, normally. */
  readonly unread: number;
}

/**
 * A quarter of KafkaJS's default: a fetch of 30 partitions at 1 MiB each, decoded record by record,
 * left the backtest process 75 MiB larger for the rest of its run (memory a process once held
 * mostly stays counted as its own), for a read about 8% faster.
 */
const FETCH_BYTES_PER_PARTITION = 256 * 1024;

/**
 * Reads every partition up to its stop offset, each record once (readTopics reaches each stop
 * offset or fails). A pass that still left a partition short is repeated, skipping what was already
 * handed over, until a pass brings nothing new; `unread` counts the offsets below the ends that no
 * record took (transaction markers), for the report.
 */
async function readCompletely(
  kafka: KafkaClient,
  stopAt: StopOffsets,
  onBatch: (batch: IncomingBatch) => Promise<void>,
): Promise<{ unread: number }> {
  const next = new Map<string, bigint>();
  let pending: StopOffsets = new Map([...stopAt].filter(([, stop]) => stop > 0n));
  while (pending.size > 0) {
    let progressed = false;
    const topics = [...new Set([...pending.keys()].map((tp) => tp.slice(0, tp.lastIndexOf(':'))))];
    await readTopics(kafka, {
      topics,
      stopAt: pending,
      maxBytesPerPartition: FETCH_BYTES_PER_PARTITION,
      onBatch: async (batch) => {
        const tp = tpOf(batch.topic, batch.partition);
        const from = next.get(tp) ?? 0n;
        const fresh = batch.records.filter((record) => BigInt(record.offset) >= from);
        const last = fresh[fresh.length - 1];
        if (!last) return;
        progressed = true;
        next.set(tp, BigInt(last.offset) + 1n);
        await onBatch({ ...batch, records: fresh });
      },
    });
    pending = new Map([...pending].filter(([tp, stop]) => (next.get(tp) ?? 0n) < stop));
    if (!progressed) break;
  }
  return { unread: [...pending].reduce((sum, [tp, stop]) => sum + Number(stop - (next.get(tp) ?? 0n)), 0) };
}

/**
 * Reads every agency topic from its start to its end as it stood when the backtest began, decoding
 * each record as the live processor does. Events whose time is at or after `until` are dropped:
 * the backtest judges the period with what was known by then. The events come back packed, in the
 * order a backtest replays them: event time, then the live processor's topic order.
 */
export async function readAgencyHistory(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  options: {
    readonly topics: HistoryTopics;
    readonly until: number;
    readonly onProgress?: (read: number, total: number) => void;
  },
): Promise<AgencyHistory> {
  const liveTopicOf = new Map(Object.entries(options.topics.agencies).map(([live, read]) => [read, live]));
  const sourceTopics = [...liveTopicOf.keys()];
  const stopAt = await withAdmin(kafka, (admin) => endOffsets(admin, sourceTopics));
  const total = [...stopAt.values()].reduce((sum, stop) => sum + Number(stop), 0);
  const decode = createEventDecoder(registry, { checkPartition: false });
  const events = new HistoryArena(TOPICS_BY_RANK);
  let records = 0;
  let refused = 0;
  let afterPeriod = 0;
  let unread: number;
  try {
    ({ unread } = await readCompletely(kafka, stopAt, async (batch) => {
      const topic = liveTopicOf.get(batch.topic) ?? batch.topic;
      const rank = TOPIC_RANK.get(topic) ?? TOPIC_RANK.size;
      // The first record alone, so its writer schema is fetched once, not once per record of the batch.
      const [first, ...rest] = batch.records;
      // Records of a topic read under another name are decoded as the live topic's.
      const asLive = (record: IncomingRecord) => (record.topic === topic ? record : { ...record, topic });
      const decoded = first ? [await decode(asLive(first))] : [];
      decoded.push(...(await Promise.all(rest.map((record) => decode(asLive(record))))));
      for (const result of decoded) {
        if (!result.ok) {
          refused += 1;
          continue;
        }
        const time = 'event' in result ? result.event.eventTime : result.passportOnly.eventTime;
        if (time >= options.until) afterPeriod += 1;
        else if ('event' in result) {
          const { kind, ...fields } = result.event;
          events.add({ time, rank, passportOnly: false, packed: packEvent(kind, fields) });
        } else {
          events.add({ time, rank, passportOnly: true, packed: packEvent('abroad', result.passportOnly) });
        }
      }
      records += batch.records.length;
      options.onProgress?.(records, total);
    }));
    events.seal();
  } catch (error) {
    events.close();
    throw error;
  }
  return { events, records, refused, afterPeriod, unread };
}

/**
 * Every record of a topic kept forever, decoded; records this reader cannot decode are counted and
 * left out (their writer never gave a usable label).
 */
async function readLabelTopic<T>(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  topic: string,
  schema: object,
): Promise<{ values: T[]; refused: number }> {
  const decode = createAvroDecoder<T>(registry, compileAvroType(schema));
  const values: T[] = [];
  let refused = 0;
  const stopAt = await withAdmin(kafka, (admin) => endOffsets(admin, [topic]));
  await readCompletely(kafka, stopAt, async (batch) => {
    for (const record of batch.records) {
      try {
        values.push((await decode(record.value)).value);
      } catch {
        // Not a label this reader knows: the desk or office that wrote it never gave a usable one.
        refused += 1;
      }
    }
  });
  return { values, refused };
}

/** Every desk action on record (the topic is kept forever), decoded. */
export async function readDeskActions(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  topic: string,
): Promise<{ actions: AlertAction[]; refused: number }> {
  const { values, refused } = await readLabelTopic<AlertAction>(
    kafka,
    registry,
    topic,
    CONTRACTS.alertAction.schema,
  );
  return { actions: values, refused };
}

/** Every case event on record (the case topic is kept forever), decoded. */
export async function readCaseEvents(
  kafka: KafkaClient,
  registry: SchemaRegistryClient,
  topic: string,
): Promise<{ events: CaseEvent[]; refused: number }> {
  const { values, refused } = await readLabelTopic<CaseEvent>(
    kafka,
    registry,
    topic,
    CONTRACTS.caseEvent.schema,
  );
  return { events: values, refused };
}
