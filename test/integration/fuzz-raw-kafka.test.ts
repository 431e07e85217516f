import { randomInt, randomUUID } from 'node:crypto';
import {
  compileAvroType,
  createAvroDecoder,
  createRedis,
  registerCodec,
  TOPICS,
  type AvroCodec,
  type OutgoingRecord,
} from '@waspada/common';
import type { RiskProcessor } from '@waspada/risk-processor';
import { createStateStore } from '@waspada/risk-store';
import { CONTRACTS, type DeadLetterRecord } from '@waspada/schemas';
import { eventually, openTestKit, uniqueName, type TestKit } from './support/clients';
import { generator, type Random } from './support/fuzz';
import { openPrivateStack, type RunningPrivateStack } from './support/private-stack';
import {
  PERSON_TOPICS,
  readAlerts,
  scamHubScan,
  startTestProcessor,
  uniqueInstance,
  waitSettled,
  withOwnRedisDb,
} from './support/risk-pipeline';
import { samples } from './support/samples';

/**
 * Bad bytes written straight to the agency topics, as a misbehaving or foreign producer would:
 * 10,000 records that are not Waspada events, each keyed by a valid NIK, with good events between
 * them, on a private stack (ports 29779-29793). The risk processor must put every bad one on the dead-letter topic with the stage,
 * the field, the reason and the original bytes, stay ready, and act on every good one.
 */
const RAW_BAD = 10_000;
const GOOD_EVERY = 20;
const SCANS = 5;
const REDIS_DB = 7;

const TOPIC_CONTRACT = {
  [TOPICS.identity]: 'identity',
  [TOPICS.placement]: 'placement',
  [TOPICS.passport]: 'passport',
  [TOPICS.citizenAbroad]: 'citizenAbroad',
  [TOPICS.borderCrossing]: 'borderCrossing',
} as const;
type PersonContract = (typeof TOPIC_CONTRACT)[keyof typeof TOPIC_CONTRACT];

/** A bad record sent, and what its dead letter must say. */
interface Bad {
  readonly kind: string;
  readonly record: OutgoingRecord & { key: string };
  readonly stage: DeadLetterRecord['stage'];
  readonly field: string;
}

describe('the risk processor under raw bad bytes on the agency topics (a private stack)', () => {
  // Its own broker, registry and Redis: the bad records stay off the shared agency topics, which
  // every other test's processor reads from the start, and the processor reads only this feed.
  let running: RunningPrivateStack;
  let testKit: TestKit;
  const kit = () => testKit;
  let processor: RiskProcessor;
  let redisUrl: string;
  const groupId = uniqueName('risk-fuzz');
  const instanceId = uniqueInstance('fuzz');

  beforeAll(async () => {
    running = await openPrivateStack(29700);
    testKit = await openTestKit(running.connections);
    const connections = await withOwnRedisDb(running.connections, REDIS_DB);
    redisUrl = connections.redisUrl;
    processor = await startTestProcessor(connections, groupId, instanceId);
  }, 300_000);
  afterAll(async () => {
    await processor?.close();
    await testKit?.close();
    await running?.close();
  }, 120_000);

  it(`dead-letters each of ${RAW_BAD.toLocaleString('en')} undecodable or unusable records with its stage, field, reason and bytes, stays ready, and acts on the good records between them`, async () => {
    const seed = randomInt(1, 2 ** 31);
    const random = generator(seed);
    const registry = kit().registry;
    const codecs = Object.fromEntries(
      await Promise.all(
        (
          [
            'identity',
            'placement',
            'passport',
            'citizenAbroad',
            'borderCrossing',
            'watchlist',
            'alertAction',
          ] as const
        ).map(
          async (name) =>
            [name, await registerCodec(registry, CONTRACTS[name].subject, CONTRACTS[name].schema)] as const,
        ),
      ),
    ) as Record<PersonContract | 'watchlist' | 'alertAction', AvroCodec<unknown>>;
    // Ids of schemas of other kinds under the same wire header, as another team's serializer writes them.
    const foreignIds = [
      await registerForeign(
        'JSON',
        JSON.stringify({ type: 'object', properties: { nik: { type: 'string' } } }),
      ),
      await registerForeign('PROTOBUF', 'syntax = "proto3";\nmessage Person { string nik = 1; }\n'),
    ];

    // Valid NIKs of men from Bogor, each used once in this run (a key is how a dead letter is found).
    const used = new Set<string>();
    const nik = () => {
      for (;;) {
        const [day, month, year] = [random.int(1, 29), random.int(1, 13), random.int(60, 100)];
        const value = `320101${[day, month, year].map((part) => String(part).padStart(2, '0')).join('')}${String(random.int(1, 10_000)).padStart(4, '0')}`;
        if (!used.has(value)) {
          used.add(value);
          return value;
        }
      }
    };
    const event = (contract: PersonContract, who: string, extra: Record<string, unknown> = {}) => ({
      ...samples[contract],
      eventId: randomUUID(),
      nik: who,
      ...extra,
    });
    const encoded = (contract: PersonContract, who: string, extra: Record<string, unknown> = {}) =>
      codecs[contract].encode(event(contract, who, extra));

    const topics = Object.keys(TOPIC_CONTRACT) as (keyof typeof TOPIC_CONTRACT)[];
    const badRecord = (
      kind: string,
      value: Buffer | null,
      stage: Bad['stage'],
      field: string,
      topic: string,
      key: string,
    ): Bad => ({
      kind,
      record: { topic, key, value },
      stage,
      field,
    });
    const kinds: ((topic: keyof typeof TOPIC_CONTRACT, key: string, random: Random) => Bad)[] = [
      (topic, key) =>
        badRecord(
          'wrong magic byte',
          Buffer.concat([Buffer.from([random.int(1, 256)]), random.bytes(random.int(4, 60))]),
          'DECODE',
          '(record)',
          topic,
          key,
        ),
      (topic, key) => {
        const header = Buffer.alloc(5);
        header.writeInt32BE(random.int(100_000_000, 2 ** 31 - 1), 1);
        return badRecord(
          'unknown schema id',
          Buffer.concat([header, random.bytes(random.int(0, 60))]),
          'DECODE',
          '(record)',
          topic,
          key,
        );
      },
      (topic, key) => {
        const whole = encoded(TOPIC_CONTRACT[topic], key);
        return badRecord(
          'truncated Avro',
          whole.subarray(0, random.int(0, whole.length)),
          'DECODE',
          '(record)',
          topic,
          key,
        );
      },
      (topic, key) =>
        badRecord('random bytes', random.bytes(random.int(1, 300)), 'DECODE', '(record)', topic, key),
      (topic, key) => badRecord('empty value', Buffer.alloc(0), 'DECODE', '(record)', topic, key),
      (topic, key) => badRecord('no value (tombstone)', null, 'DECODE', '(record)', topic, key),
      (topic, key) => {
        const other = random.pick([...topics.filter((entry) => entry !== topic)]);
        return badRecord(
          "another topic's schema",
          encoded(TOPIC_CONTRACT[other], key),
          'DECODE',
          '(record)',
          topic,
          key,
        );
      },
      (topic, key) =>
        badRecord(
          'a watchlist entry or a desk action',
          random.next() < 0.5
            ? codecs.watchlist.encode({ ...samples.watchlist, eventId: randomUUID() })
            : codecs.alertAction.encode({ ...samples.alertAction, actionId: randomUUID(), nik: key }),
          'DECODE',
          '(record)',
          topic,
          key,
        ),
      (topic, key) => {
        const header = Buffer.alloc(5);
        header.writeInt32BE(random.pick(foreignIds), 1);
        return badRecord(
          'JSON Schema or Protobuf id',
          Buffer.concat([header, Buffer.from(`{"nik":"${key}"}`)]),
          'DECODE',
          '(record)',
          topic,
          key,
        );
      },
      (topic, key) =>
        badRecord(
          'key is not the NIK',
          encoded(TOPIC_CONTRACT[topic], nik()),
          'VALIDATE',
          '(key)',
          topic,
          key,
        ),
      (topic, key) =>
        badRecord(
          'NIK not 16 digits',
          encoded(TOPIC_CONTRACT[topic], random.pick(['', '12345', `${key.slice(0, 15)}X`, "'; DROP TABLE"])),
          'VALIDATE',
          'nik',
          topic,
          key,
        ),
      (topic, key) =>
        badRecord(
          'event time not positive',
          encoded(TOPIC_CONTRACT[topic], key, { eventTime: -random.int(0, 1_000_000) }),
          'VALIDATE',
          'eventTime',
          topic,
          key,
        ),
    ];

    // The feed: bad records with a good event every GOOD_EVERY records, and a few scans that must alert.
    const bad: Bad[] = [];
    const good: { nik: string; eventId: string }[] = [];
    const scans: { nik: string; eventId: string }[] = [];
    const feed: OutgoingRecord[] = [];
    for (let index = 0; bad.length < RAW_BAD; index += 1) {
      if (index % GOOD_EVERY === 0) {
        const who = nik();
        const topic = random.pick(topics);
        const value = event(TOPIC_CONTRACT[topic], who);
        good.push({ nik: who, eventId: value.eventId });
        feed.push({ topic, key: who, value: codecs[TOPIC_CONTRACT[topic]].encode(value) });
      } else if (index % Math.floor((RAW_BAD * 1.05) / SCANS) === 1) {
        // Working age (the rules' bound), born on a date no other test uses, so no earlier alert of theirs counts.
        let who: string;
        do who = `320101230997${String(random.int(1, 10_000)).padStart(4, '0')}`;
        while (used.has(who));
        used.add(who);
        const scan = {
          ...samples.borderCrossing,
          ...scamHubScan(who, {
            checkpointCode: 'CGK',
            counterId: 'C-07',
            fullName: 'Agus Setiawan',
            birthDate: '1997-09-23',
          }).record,
          eventId: randomUUID(),
          recordTime: Date.now(),
        };
        scans.push({ nik: who, eventId: scan.eventId });
        feed.push({ topic: TOPICS.borderCrossing, key: who, value: codecs.borderCrossing.encode(scan) });
      } else {
        const entry = random.pick(kinds)(random.pick(topics), nik(), random);
        bad.push(entry);
        feed.push(entry.record);
      }
    }

    // Where this run's records start on each partition: a dead letter of an earlier run's record is not ours.
    const starts = new Map<string, bigint>();
    for (const topic of PERSON_TOPICS) {
      for (const { partition, high } of await kit().admin.topicOffsets(topic))
        starts.set(`${topic}:${partition}`, BigInt(high));
    }
    const producer = kit().kafka.producer();
    await producer.connect();
    try {
      for (let from = 0; from < feed.length; from += 500) await producer.send(feed.slice(from, from + 500));
    } finally {
      await producer.disconnect();
    }

    // Every bad record's dead letter, read as it is committed.
    const wanted = new Map(bad.map((entry) => [entry.record.key, entry]));
    const dead = new Map<string, DeadLetterRecord>();
    const decode = createAvroDecoder<DeadLetterRecord>(
      registry,
      compileAvroType(CONTRACTS.deadLetter.schema),
    );
    const reader = kit().kafka.consumer({
      groupId: uniqueName('dead-letter-reader'),
      isolation: 'read_committed',
    });
    await reader.connect();
    try {
      await reader.subscribe([TOPICS.deadLetter], { fromBeginning: true });
      await reader.run(async (batch) => {
        for (const record of batch.records) {
          const letter = (await decode(record.value)).value;
          const key = letter.sourceKey?.toString() ?? '';
          const start = starts.get(`${letter.sourceTopic}:${letter.sourcePartition}`) ?? 0n;
          if (wanted.has(key) && BigInt(letter.sourceOffset) >= start) dead.set(key, letter);
        }
      });
      await eventually(() => dead.size >= wanted.size, `${wanted.size} dead letters`, 240_000);
    } finally {
      await reader.disconnect();
    }
    const problems: unknown[] = [];
    for (const entry of bad) {
      const letter = dead.get(entry.record.key);
      const original = letter?.originalPayload ?? null;
      const sameBytes =
        entry.record.value === null ? original === null : original?.equals(entry.record.value) === true;
      if (
        !letter ||
        letter.sourceTopic !== entry.record.topic ||
        letter.stage !== entry.stage ||
        letter.errors[0]?.field !== entry.field ||
        (letter.errors[0]?.reason.length ?? 0) < 10 ||
        !sameBytes
      ) {
        problems.push({
          kind: entry.kind,
          expected: [entry.stage, entry.field],
          got: letter && [letter.stage, letter.errors],
        });
      }
    }
    expect({ seed, count: problems.length, problems: problems.slice(0, 5) }).toEqual({
      seed,
      count: 0,
      problems: [],
    });

    // The good records: each scan alerted, each event in its person's state, the processor ready.
    const scanIds = new Set(scans.map((scan) => scan.eventId));
    let alerted = new Set<string>();
    await eventually(
      async () => {
        const alerts = await readAlerts(kit(), new Set(scans.map((scan) => scan.nik)));
        alerted = new Set(
          alerts
            .filter(
              (entry) => entry.decidedBy.endsWith(instanceId) && scanIds.has(entry.alert.triggerEventId),
            )
            .map((entry) => entry.alert.triggerEventId),
        );
        return alerted.size >= scans.length;
      },
      'an alert for every scam-hub scan',
      120_000,
    );
    await waitSettled(kit(), groupId, 240_000);
    const redis = createRedis(redisUrl);
    await redis.connect();
    try {
      const people = await createStateStore(redis).loadPeople(good.map((entry) => entry.nik));
      const missing = good.filter(
        (entry) => !people.get(entry.nik)?.state?.history.some((known) => known.eventId === entry.eventId),
      );
      expect(missing).toEqual([]);
    } finally {
      await redis.quit();
    }
    expect((await fetch(`${processor.ops.address()}/health/ready`)).status).toBe(200);

    const byKind = new Map<string, number>();
    for (const entry of bad) byKind.set(entry.kind, (byKind.get(entry.kind) ?? 0) + 1);
    process.stdout.write(
      `fuzz raw Kafka: ${bad.length} bad inputs sent (${[...byKind].map(([kind, count]) => `${kind} ${count}`).join(', ')}), ${dead.size} dead-lettered with their bytes, ${good.length} good events in state, ${alerted.size}/${scans.length} scans alerted (seed ${seed})\n`,
    );
  }, 420_000);

  /** Registers a schema of another type under a subject of this test's own; its id is a real one. */
  async function registerForeign(schemaType: 'JSON' | 'PROTOBUF', schema: string): Promise<number> {
    const url = `${running.connections.registry.url}/subjects/${uniqueName(`fuzz-${schemaType.toLowerCase()}`)}-value/versions`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schemaType, schema }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { id: number }).id;
  }
});
