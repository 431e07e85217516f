import { NIK_SHAPE } from '@waspada/domain';
import { scanKeys, unlinkKeys, type Redis } from '@waspada/common';
import {
  isTimelessLink,
  linkMember,
  parseLinkMember,
  type CompanionFlag,
  type LinkedPerson,
  type LinkKey,
  type LinkWrite,
  type PersonState,
} from '@waspada/risk-rules';
import type { RejudgeRequest, RiskAlert } from '@waspada/schemas';

/**
 * The processor's Redis layout. Every key carries a hash tag, so the keys one command or one
 * person needs share a Redis Cluster slot and nothing assumes a single node:
 *
 *   waspada:{<nik>}:state            the person's joined history and alert ledger (JSON)
 *   waspada:{<nik>}:flags            hash: marks left by other people's reports abroad (R11)
 *   waspada:{link:<key>}             sorted set: people on a booking, sponsor, passport number
 *   waspada:{task:<p>}:timers        sorted set: absence timers of partition p, by due event time
 *   waspada:{task:<p>}:watermark     highest event time seen on partition p
 *   waspada:{task:<p>}:outbox        alerts of partition p's last window, until committed (see applyBatch)
 *   waspada:{risk}:state-built       set once the state is complete (a first start or a rebuild); a Redis
 *                                    that lost its data has lost this key too, which is how it is noticed
 *   waspada:{risk}:rebuild-claim     the instance rebuilding the state after such a loss
 *
 * Other services keep their own keys in the same database, so a rebuild deletes only these patterns.
 *
 * Commands are issued concurrently and ioredis auto-pipelining sends them in one round trip per
 * node, so a batch of a thousand people costs a few round trips, not a thousand.
 */
const personKey = (nik: string, part: string) => `waspada:{${nik}}:${part}`;
const linkKey = (key: LinkKey) => `waspada:{link:${key}}`;
const taskKey = (partition: number, part: string) => `waspada:{task:${partition}}:${part}`;
const BUILT_KEY = 'waspada:{risk}:state-built';
const CLAIM_KEY = 'waspada:{risk}:rebuild-claim';
const PROCESSOR_PATTERNS = [`waspada:{${'[0-9]'.repeat(16)}}:*`, 'waspada:{link:*', 'waspada:{task:*'];

/** Index entries are kept for a year of event time: the longest window a rule looks back. */
const LINK_HORIZON_MS = 400 * 86_400_000;
const LINK_LIMIT = 500;

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

export function createStateStore(redis: Redis) {
  return {
    async loadPeople(
      niks: readonly string[],
    ): Promise<Map<string, { state?: PersonState; flags: CompanionFlag[] }>> {
      const results = await Promise.all(
        niks.map(async (nik) => {
          const [state, flags] = await Promise.all([
            redis.get(personKey(nik, 'state')),
            redis.hvals(personKey(nik, 'flags')),
          ]);
          return [
            nik,
            {
              ...(state !== null && { state: JSON.parse(state) as PersonState }),
              flags: flags.map((flag) => JSON.parse(flag) as CompanionFlag),
            },
          ] as const;
        }),
      );
      return new Map(results);
    },

    async savePeople(states: Iterable<PersonState>): Promise<void> {
      await Promise.all(
        [...states].map((state) => redis.set(personKey(state.nik, 'state'), JSON.stringify(state))),
      );
    },

    async addLinks(writes: readonly LinkWrite[]): Promise<void> {
      await Promise.all(
        writes.map((write) => redis.zadd(linkKey(write.key), write.member.time, linkMember(write.member))),
      );
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
          redis.hset(personKey(nik, 'flags'), `${flag.reportId}|${flag.via}`, JSON.stringify(flag)),
        ),
      );
    },

    async scheduleTimers(partition: number, timers: readonly DueTimer[]): Promise<void> {
      await Promise.all(
        timers.map((timer) =>
          redis.zadd(taskKey(partition, 'timers'), timer.due, `${timer.nik}|${timer.departureEventId}`),
        ),
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
      if (timers.length === 0) return;
      await redis.zrem(
        taskKey(partition, 'timers'),
        ...timers.map((timer) => `${timer.nik}|${timer.departureEventId}`),
      );
    },

    async watermark(partition: number): Promise<number> {
      return Number((await redis.get(taskKey(partition, 'watermark'))) ?? 0);
    },

    async setWatermark(partition: number, time: number): Promise<void> {
      await redis.set(taskKey(partition, 'watermark'), String(time));
    },

    async outbox(partition: number): Promise<Outbox | undefined> {
      const raw = await redis.get(taskKey(partition, 'outbox'));
      return raw === null ? undefined : (JSON.parse(raw) as Outbox);
    },

    async setOutbox(partition: number, outbox: Outbox): Promise<void> {
      await redis.set(taskKey(partition, 'outbox'), JSON.stringify(outbox));
    },

    /**
     * Deletes every key of the processor, before a rebuild. The completeness mark goes first, so a
     * rebuild cut short leaves a state every instance knows to be incomplete.
     */
    async clear(): Promise<number> {
      let removed = await redis.unlink(BUILT_KEY);
      for (const pattern of PROCESSOR_PATTERNS)
        for await (const keys of scanKeys(redis, pattern)) removed += await unlinkKeys(redis, keys);
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
      for await (const keys of scanKeys(redis, 'waspada:{*}:state')) {
        const niks = keys
          .map((key) => key.slice('waspada:{'.length, key.indexOf('}')))
          .filter((nik) => NIK_SHAPE.test(nik));
        if (niks.length > 0) yield niks;
      }
    },
  };
}

export type StateStore = ReturnType<typeof createStateStore>;
