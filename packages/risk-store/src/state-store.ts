import { randomUUID } from 'node:crypto';
import { NIK_SHAPE } from '@waspada/domain';
import {
  PERSON_PARTITIONS,
  partitionOfKey,
  scanKeys,
  unlinkKeys,
  WaspadaError,
  type Redis,
} from '@waspada/common';
import {
  historyOf,
  isTimelessLink,
  linkMember,
  parseLinkMember,
  type CompanionFlag,
  type LinkedPerson,
  type LinkKey,
  type LinkWrite,
  type PersonEvent,
  type PersonState,
} from '@waspada/risk-rules';
import type { RejudgeRequest, RiskAlert } from '@waspada/schemas';

/**
 * The processor's Redis layout. Every key carries a hash tag, so the keys one command or one
 * script needs share a Redis Cluster slot and nothing assumes a single node. What one partition
 * number p of the co-partitioned topics (a task, see createTaskFencing) owns shares p's slot, so a
 * write of a task's keys can check the task's epoch in the same script (fencedWrites):
 *
 *   waspada:{task:<p>}:record:<nik>  hash: the person's joined history, one field per event
 *                                    (`e:<eventId>`, JSON), and the alert ledger (`ledger`, JSON);
 *                                    p is the partition the NIK's records go to (partitionOfKey). A
 *                                    window writes only the events new since the person was read,
 *                                    not the whole history again (see recordWrites)
 *   waspada:{task:<p>}:timers        sorted set: absence timers of partition p, by due event time
 *   waspada:{task:<p>}:watermark     highest event time seen on partition p
 *   waspada:{task:<p>}:outbox        alerts of partition p's last window, until committed (see applyBatch)
 *   waspada:{task:<p>}:epoch:<group> the epoch of the group's instance that last took task p
 *   waspada:{<nik>}:flags            hash: marks left by other people's reports abroad (R11); written
 *                                    by whichever task handles the report, so not fenced (a mark is a
 *                                    fact of a record, the same whoever writes it)
 *   waspada:{link:<key>}             sorted set: people on a booking, sponsor, passport number (the
 *                                    same: facts of records, written from every task)
 *   waspada:{risk}:state-built.v3    set once the state is complete (a first start or a rebuild); a Redis
 *                                    that lost its data has lost this key too, which is how it is noticed.
 *                                    `.v3` is this layout: a state of a layout before (a person's whole
 *                                    state as one JSON string under `…:person:<nik>`, or under
 *                                    `waspada:{<nik>}:state`) has no such mark and is rebuilt at start
 *   waspada:{risk}:rebuild-claim     the instance rebuilding the state after such a loss
 *
 * Other services keep their own keys in the same database, so a rebuild deletes only these patterns.
 *
 * Commands are issued concurrently and ioredis auto-pipelining sends them in one round trip per
 * node, so a batch of a thousand people costs a few round trips, not a thousand.
 */
export const taskOfNik = (nik: string) => partitionOfKey(nik, PERSON_PARTITIONS);
const taskKey = (partition: number, part: string) => `waspada:{task:${partition}}:${part}`;
const recordKey = (nik: string) => taskKey(taskOfNik(nik), `record:${nik}`);
const flagsKey = (nik: string) => `waspada:{${nik}}:flags`;
const linkKey = (key: LinkKey) => `waspada:{link:${key}}`;
const epochKey = (partition: number, group: string) => taskKey(partition, `epoch:${group}`);
const BUILT_KEY = 'waspada:{risk}:state-built.v3';
const CLAIM_KEY = 'waspada:{risk}:rebuild-claim';
/**
 * The first pattern also matches the layout before v2 (`waspada:{<nik>}:state`), the third v2's
 * `…:person:<nik>` strings, so a rebuild removes them.
 */
const PROCESSOR_PATTERNS = [
  `waspada:{${'[0-9]'.repeat(16)}}:*`,
  'waspada:{link:*',
  'waspada:{task:*',
  'waspada:{risk}:state-built*',
];
const PERSON_PATTERN = 'waspada:{task:*}:record:*';
const LEDGER_FIELD = 'ledger';
const EVENT_FIELD = 'e:';

/**
 * Writes a task's keys only while the epoch key still holds the writer's epoch, all or nothing
 * (within one script; see fencedChunks).
 * KEYS[1] is the epoch key; each later key has one operation in ARGV (after the epoch): SET with
 * its value, ZADD with score and member, ZREM with a member, HSET with field and value, HDEL with a
 * field.
 */
const FENCED_WRITES = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply('FENCED task taken by another instance')
end
local a = 2
for k = 2, #KEYS do
  local op = ARGV[a]
  if op == 'SET' then
    redis.call('SET', KEYS[k], ARGV[a + 1]); a = a + 2
  elseif op == 'ZADD' then
    redis.call('ZADD', KEYS[k], ARGV[a + 1], ARGV[a + 2]); a = a + 3
  elseif op == 'HSET' then
    redis.call('HSET', KEYS[k], ARGV[a + 1], ARGV[a + 2]); a = a + 3
  elseif op == 'HDEL' then
    redis.call('HDEL', KEYS[k], ARGV[a + 1]); a = a + 2
  else
    redis.call('ZREM', KEYS[k], ARGV[a + 1]); a = a + 2
  end
end
return #KEYS - 1
`;

/**
 * At most this many writes in one fenced script. A script's keys and arguments are one call's
 * arguments (about three per write), and a call of some 40,000 writes (a catch-up window's people of
 * one task) overflows the stack inside ioredis, which then fails every command of its pipeline and
 * crashes the process. A shorter script also holds Redis, single-threaded, for less time.
 */
export const MAX_FENCED_WRITES = 1_000;

/**
 * A task's writes, one list per person, in scripts of at most `max` writes each, a person's
 * writes never split between two (a person alone past `max` goes in a script of their own). Each
 * script checks the task's epoch: scripts after a fence are refused, those before it landed while
 * the task was this instance's, as a single script sent a moment earlier would have.
 */
export function fencedChunks<T>(people: readonly (readonly T[])[], max = MAX_FENCED_WRITES): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  for (const writes of people) {
    if (chunk.length > 0 && chunk.length + writes.length > max) {
      chunks.push(chunk);
      chunk = [];
    }
    for (const write of writes) chunk.push(write);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

type TaskWrite =
  | { readonly key: string; readonly op: 'SET'; readonly value: string }
  | { readonly key: string; readonly op: 'ZADD'; readonly score: number; readonly member: string }
  | { readonly key: string; readonly op: 'ZREM'; readonly member: string }
  | { readonly key: string; readonly op: 'HSET'; readonly field: string; readonly value: string }
  | { readonly key: string; readonly op: 'HDEL'; readonly field: string };

/**
 * What Redis holds of each state object this process read or wrote: the ids of its events. A
 * window's save then writes only the events that are new since, and deletes those its history no
 * longer holds (the oldest, past MAX_HISTORY), instead of the whole history again: on a replay of
 * the simulator's history that was 216 MB of JSON for 110,000 events. An id missing here (a write
 * whose answer was lost) only means its event is written again, the same field with the same value.
 */
const persisted = new WeakMap<PersonState, ReadonlySet<string>>();

/** The writes that bring a person's record in Redis to the state, and the event ids it then holds. */
function recordWrites(state: PersonState): { writes: TaskWrite[]; holds: Set<string> } {
  const key = recordKey(state.nik);
  const known = persisted.get(state);
  const holds = new Set<string>();
  const writes: TaskWrite[] = [];
  for (const event of state.history) {
    holds.add(event.eventId);
    if (!known?.has(event.eventId))
      writes.push({ key, op: 'HSET', field: EVENT_FIELD + event.eventId, value: JSON.stringify(event) });
  }
  for (const eventId of known ?? []) {
    if (!holds.has(eventId)) writes.push({ key, op: 'HDEL', field: EVENT_FIELD + eventId });
  }
  writes.push({ key, op: 'HSET', field: LEDGER_FIELD, value: JSON.stringify(state.ledger) });
  return { writes, holds };
}

/** A person's state from their record's fields, or undefined when Redis has no record of them. */
function stateOfRecord(nik: string, fields: Record<string, string>): PersonState | undefined {
  const events: PersonEvent[] = [];
  const ids = new Set<string>();
  let ledger: PersonState['ledger'] = {};
  let any = false;
  for (const [field, value] of Object.entries(fields)) {
    any = true;
    if (field === LEDGER_FIELD) ledger = JSON.parse(value) as PersonState['ledger'];
    else if (field.startsWith(EVENT_FIELD)) {
      events.push(JSON.parse(value) as PersonEvent);
      ids.add(field.slice(EVENT_FIELD.length));
    }
  }
  if (!any) return undefined;
  const state: PersonState = { nik, history: historyOf(events), ledger };
  // Every id read, those of events past MAX_HISTORY too: the next save deletes them.
  persisted.set(state, ids);
  return state;
}

/**
 * The epoch each task was taken with, by partition number; undefined for a task not taken. An
 * epoch is a token no other taking can produce again, not a counter: a Redis that lost its data
 * (or a rebuild's clear) starts a counter again, and a deposed instance could then find its old
 * number current.
 */
export interface TaskEpochs {
  readonly group: string;
  epochOf(partition: number): string | undefined;
}

/** Index entries are kept for a year of event time: the longest window a rule looks back. */
const LINK_HORIZON_MS = 400 * 86_400_000;
const LINK_LIMIT = 500;
const LINK_MEMBERS_A_CALL = 500;

export interface Outbox {
  /** Per topic, the first offset of the uncommitted window the alerts belong to. */
  readonly ranges: Readonly<Record<string, string>>;
  readonly alerts: readonly RiskAlert[];
  /** Re-judge requests the window asked of other people's partitions (absent in older outboxes). */
  readonly requests?: readonly RejudgeRequest[];
}

export interface DueTimer {
  readonly nik: string;
  readonly departureEventId: string;
  readonly due: number;
}

/**
 * The processor's state in Redis. Given the epochs its instance took its tasks with (the live
 * processor and a shadow run), each write of a task's keys is fenced: it lands only while no other
 * instance of the group has taken the task since, so an instance that lost a partition and has not
 * noticed yet cannot overwrite what the new owner reads (a person's ledger, the outbox). Without
 * (a rebuild, a replay), writes are plain.
 */
export function createStateStore(redis: Redis, epochs?: TaskEpochs) {
  const plain = (write: TaskWrite): Promise<unknown> =>
    write.op === 'SET'
      ? redis.set(write.key, write.value)
      : write.op === 'ZADD'
        ? redis.zadd(write.key, write.score, write.member)
        : write.op === 'ZREM'
          ? redis.zrem(write.key, write.member)
          : write.op === 'HSET'
            ? redis.hset(write.key, write.field, write.value)
            : redis.hdel(write.key, write.field);

  /** One fenced script (or, unfenced, plain commands) of a task's writes. */
  async function writeScript(partition: number, writes: readonly TaskWrite[]): Promise<void> {
    if (writes.length === 0) return;
    if (!epochs) {
      await Promise.all(writes.map(plain));
      return;
    }
    const epoch = epochs.epochOf(partition);
    if (epoch === undefined) {
      throw new WaspadaError('WSP_TASK_FENCED', `partition ${partition} is not a task this instance took`);
    }
    const args: (string | number)[] = [epoch];
    for (const write of writes) {
      if (write.op === 'SET') args.push('SET', write.value);
      else if (write.op === 'ZADD') args.push('ZADD', write.score, write.member);
      else if (write.op === 'ZREM') args.push('ZREM', write.member);
      else if (write.op === 'HSET') args.push('HSET', write.field, write.value);
      else args.push('HDEL', write.field);
    }
    try {
      await redis.eval(
        FENCED_WRITES,
        writes.length + 1,
        epochKey(partition, epochs.group),
        ...writes.map((write) => write.key),
        ...args,
      );
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('FENCED')) throw error;
      throw new WaspadaError(
        'WSP_TASK_FENCED',
        `partition ${partition} was taken by another instance since this one took it`,
      );
    }
  }

  const readFlags = async (nik: string): Promise<CompanionFlag[]> =>
    (await redis.hvals(flagsKey(nik))).map((flag) => JSON.parse(flag) as CompanionFlag);

  /**
   * A task's writes, given as units never split (a person's writes, a timer), in fenced scripts of
   * at most MAX_FENCED_WRITES (fencedChunks), all sent at once: one connection runs them in order.
   */
  async function writeTask(partition: number, units: readonly (readonly TaskWrite[])[]): Promise<void> {
    await Promise.all(fencedChunks(units).map((writes) => writeScript(partition, writes)));
  }

  /** Writes grouped by the task whose slot holds their keys. */
  const writeTasks = (byTask: Map<number, TaskWrite[][]>) =>
    Promise.all([...byTask].map(([partition, people]) => writeTask(partition, people)));

  return {
    /**
     * Takes task p for this group: every write of p by an instance that took it before is refused
     * from now on. Called once the task's Kafka transactional id is fenced, before anything of p
     * is read (createTaskFencing's onFenced).
     */
    async takeTask(partition: number, group: string): Promise<string> {
      const epoch = randomUUID();
      await redis.set(epochKey(partition, group), epoch);
      return epoch;
    },

    /** The marks other people's reports left on each person (R11), without their states. */
    async loadFlags(niks: readonly string[]): Promise<Map<string, CompanionFlag[]>> {
      return new Map(await Promise.all(niks.map(async (nik) => [nik, await readFlags(nik)] as const)));
    },

    async loadPeople(
      niks: readonly string[],
    ): Promise<Map<string, { state?: PersonState; flags: CompanionFlag[] }>> {
      const results = await Promise.all(
        niks.map(async (nik) => {
          const [fields, flags] = await Promise.all([redis.hgetall(recordKey(nik)), readFlags(nik)]);
          const state = stateOfRecord(nik, fields);
          return [nik, { ...(state && { state }), flags }] as const;
        }),
      );
      return new Map(results);
    },

    async savePeople(states: Iterable<PersonState>): Promise<void> {
      const byTask = new Map<number, TaskWrite[][]>();
      const holding: [PersonState, Set<string>][] = [];
      for (const state of states) {
        const task = taskOfNik(state.nik);
        const { writes, holds } = recordWrites(state);
        const taskPeople = byTask.get(task);
        if (taskPeople) taskPeople.push(writes);
        else byTask.set(task, [writes]);
        holding.push([state, holds]);
      }
      await writeTasks(byTask);
      for (const [state, holds] of holding) persisted.set(state, holds);
    },

    /**
     * An index's new members in one ZADD, up to LINK_MEMBERS_A_CALL of them: a catch-up window's
     * travellers share agencies, sponsors, bookings and family cards, and each command costs the
     * client far more than a member does (bounded, since a call's arguments are spread onto the
     * stack inside ioredis; see MAX_FENCED_WRITES).
     */
    async addLinks(writes: readonly LinkWrite[]): Promise<void> {
      const calls: (string | number)[][] = [];
      const open = new Map<string, (string | number)[]>();
      for (const write of writes) {
        const key = linkKey(write.key);
        let call = open.get(key);
        if (!call || call.length >= 1 + 2 * LINK_MEMBERS_A_CALL) {
          call = [key];
          open.set(key, call);
          calls.push(call);
        }
        call.push(write.member.time, linkMember(write.member));
      }
      await Promise.all(calls.map(([key, ...members]) => redis.zadd(key as string, ...members)));
    },

    /** Index entries within a horizon of the given event time. */
    async readLinks(keys: readonly LinkKey[], around: number): Promise<Map<LinkKey, LinkedPerson[]>> {
      const found = await Promise.all(
        keys.map(async (key) => {
          const timeless = isTimelessLink(key);
          const raw = await redis.zrangebyscore(
            linkKey(key),
            timeless ? '-inf' : around - LINK_HORIZON_MS,
            timeless ? '+inf' : around + LINK_HORIZON_MS,
            'WITHSCORES',
            'LIMIT',
            0,
            LINK_LIMIT,
          );
          const members: LinkedPerson[] = [];
          for (let index = 0; index + 1 < raw.length; index += 2) {
            members.push(parseLinkMember(raw[index] ?? '', Number(raw[index + 1])));
          }
          return [key, members] as const;
        }),
      );
      return new Map(found);
    },

    async addFlags(flags: readonly { nik: string; flag: CompanionFlag }[]): Promise<void> {
      await Promise.all(
        flags.map(({ nik, flag }) =>
          redis.hset(flagsKey(nik), `${flag.reportId}|${flag.via}`, JSON.stringify(flag)),
        ),
      );
    },

    async scheduleTimers(partition: number, timers: readonly DueTimer[]): Promise<void> {
      await writeTask(
        partition,
        timers.map((timer) => [
          {
            key: taskKey(partition, 'timers'),
            op: 'ZADD',
            score: timer.due,
            member: `${timer.nik}|${timer.departureEventId}`,
          },
        ]),
      );
    },

    async dueTimers(partition: number, until: number): Promise<DueTimer[]> {
      const raw = await redis.zrangebyscore(taskKey(partition, 'timers'), '-inf', until, 'WITHSCORES');
      const due: DueTimer[] = [];
      for (let index = 0; index + 1 < raw.length; index += 2) {
        const [nik = '', departureEventId = ''] = (raw[index] ?? '').split('|');
        due.push({ nik, departureEventId, due: Number(raw[index + 1]) });
      }
      return due;
    },

    async removeTimers(partition: number, timers: readonly DueTimer[]): Promise<void> {
      await writeTask(
        partition,
        timers.map((timer) => [
          { key: taskKey(partition, 'timers'), op: 'ZREM', member: `${timer.nik}|${timer.departureEventId}` },
        ]),
      );
    },

    async watermark(partition: number): Promise<number> {
      return Number((await redis.get(taskKey(partition, 'watermark'))) ?? 0);
    },

    async setWatermark(partition: number, time: number): Promise<void> {
      await writeTask(partition, [
        [{ key: taskKey(partition, 'watermark'), op: 'SET', value: String(time) }],
      ]);
    },

    async outbox(partition: number): Promise<Outbox | undefined> {
      const raw = await redis.get(taskKey(partition, 'outbox'));
      return raw === null ? undefined : (JSON.parse(raw) as Outbox);
    },

    async setOutbox(partition: number, outbox: Outbox): Promise<void> {
      await writeTask(partition, [
        [{ key: taskKey(partition, 'outbox'), op: 'SET', value: JSON.stringify(outbox) }],
      ]);
    },

    /**
     * Deletes every key of the processor, before a rebuild. The completeness mark goes first, so a
     * rebuild cut short leaves a state every instance knows to be incomplete. The tasks' epochs
     * stay: which instance holds a task does not change with a rebuild.
     */
    async clear(): Promise<number> {
      let removed = await redis.unlink(BUILT_KEY);
      for (const pattern of PROCESSOR_PATTERNS)
        for await (const keys of scanKeys(redis, pattern)) {
          removed += await unlinkKeys(
            redis,
            keys.filter((key) => !key.includes('}:epoch:')),
          );
        }
      return removed;
    },

    /** Whether the state is complete: false after Redis lost its data, or while it is being rebuilt. */
    async stateComplete(): Promise<boolean> {
      return (await redis.exists(BUILT_KEY)) === 1;
    },

    async markComplete(detail: { readonly by: string; readonly rebuiltEvents: number }): Promise<void> {
      await redis.set(BUILT_KEY, JSON.stringify({ ...detail, at: new Date().toISOString() }));
    },

    /** One instance rebuilds; the claim lapses if it dies, so another can take over. */
    async claimRebuild(instance: string, ttlMs: number): Promise<boolean> {
      return (await redis.set(CLAIM_KEY, instance, 'PX', ttlMs, 'NX')) === 'OK';
    },

    async extendRebuildClaim(instance: string, ttlMs: number): Promise<void> {
      if ((await redis.get(CLAIM_KEY)) === instance) await redis.pexpire(CLAIM_KEY, ttlMs);
    },

    async releaseRebuildClaim(instance: string): Promise<void> {
      if ((await redis.get(CLAIM_KEY)) === instance) await redis.unlink(CLAIM_KEY);
    },

    /** Every person key, for the rebuild's second pass; SCAN, so Redis keeps serving meanwhile. */
    async *personNiks(): AsyncGenerator<string[]> {
      for await (const keys of scanKeys(redis, PERSON_PATTERN)) {
        const niks = keys
          .map((key) => key.slice(key.lastIndexOf(':') + 1))
          .filter((nik) => NIK_SHAPE.test(nik));
        if (niks.length > 0) yield niks;
      }
    },
  };
}

export type StateStore = ReturnType<typeof createStateStore>;
