/**
 * What the fault tests share: a feed cut into parts to publish around a fault, the checks every
 * fault must pass, and services run as processes of their own so they can be killed.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { createRedis, type Connections } from '@waspada/common';
import { createStateStore } from '@waspada/risk-store';
import type { SimEvent } from '@waspada/simulator';
import { eventually, serviceEnv, uniqueName, type TestKit } from './clients';
import {
  readWholeTopic,
  simulatedFeed,
  startTestProcessor,
  uniqueInstance,
  waitCaughtUp,
  withOwnRedisDb,
  type PublishedAlert,
} from './risk-pipeline';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A feed cut into six interleaved parts, each holding some of every case's events. The watchlist
 * comes apart: it is published before the travellers it names, as agencies list recruiters long
 * before their recruits leave, and a processor reads it whole at start.
 */
export function feedInParts(cases: number) {
  const feed = simulatedFeed({ seed: randomInt(1, 1_000_000_000), cases, traffickingShare: 0.3 });
  const watchlist = feed.events.filter((event) => event.agency === 'watchlist');
  const people = feed.events.filter((event) => event.agency !== 'watchlist');
  const parts = Array.from({ length: 6 }, (_, index) =>
    people.filter((_event, position) => position % 6 === index),
  );
  return { feed, watchlist, parts };
}

/** No alert id twice, and no situation opened twice: what a desk would see as a duplicate. */
export function expectNoRepeats(alerts: readonly PublishedAlert[]): void {
  const ids = alerts.map((entry) => entry.alert.alertId);
  expect(ids.length - new Set(ids).size).toBe(0);
  const opened = alerts
    .filter((entry) => entry.alert.kind === 'NEW')
    .map((entry) => `${entry.alert.person.nik}/${entry.alert.situation}`);
  expect(opened.length - new Set(opened).size).toBe(0);
}

/** Each person's joined record (this feed's events, in event-time order) as kept in Redis. */
export async function historiesIn(
  connections: Connections,
  niks: ReadonlySet<string>,
  eventIds: ReadonlySet<string>,
) {
  const redis = createRedis(connections.redisUrl);
  await redis.connect();
  try {
    const people = await createStateStore(redis).loadPeople([...niks]);
    return new Map(
      [...people].map(([nik, person]) => [
        nik,
        (person.state?.history ?? []).map((event) => event.eventId).filter((id) => eventIds.has(id)),
      ]),
    );
  } finally {
    await redis.quit();
  }
}

/**
 * Every person's joined record after a fault equals what a processor that never saw the fault
 * keeps: one started afterwards on its own group and Redis database `referenceDb` of the same
 * servers, reading the same topics from the start. A Redis Cluster has one database: the records
 * after the fault are read first, then the cluster is emptied for the clean run.
 */
export async function expectRecordsAsCleanRun(
  kit: TestKit,
  connections: Connections,
  referenceDb: number,
  niks: ReadonlySet<string>,
  eventIds: ReadonlySet<string>,
): Promise<void> {
  const afterFault = await historiesIn(connections, niks, eventIds);
  const referenceConnections = await withOwnRedisDb(connections, referenceDb);
  const referenceGroup = uniqueName('clean-run');
  const reference = await startTestProcessor(referenceConnections, referenceGroup, uniqueInstance('clean'));
  try {
    await waitCaughtUp(kit.admin, referenceGroup);
  } finally {
    await reference.close();
  }
  const clean = await historiesIn(referenceConnections, niks, eventIds);
  expect(afterFault.size).toBe(niks.size);
  expect(afterFault).toEqual(clean);
}

/** A service as its own process, so it can be killed with SIGKILL like a crashed machine. */
export async function spawnService(
  main: string,
  connections: Connections,
  instanceId: string,
  port: number,
  settings: Record<string, string>,
) {
  const logDir = join(__dirname, '..', '..', '.waspada', 'test-results', 'processes');
  mkdirSync(logDir, { recursive: true });
  const logFile = openSync(join(logDir, `${instanceId}-${Date.now()}.log`), 'a');
  const child: ChildProcess = spawn(process.execPath, [require.resolve(main)], {
    env: serviceEnv(connections, {
      WASPADA_HTTP_PORT: String(port),
      WASPADA_INSTANCE_ID: instanceId,
      LOG_LEVEL: 'info',
      ...settings,
    }),
    // Its log is kept beside the test results, to read what it was doing when it was killed.
    stdio: ['ignore', logFile, logFile],
  });
  closeSync(logFile);
  await eventually(
    async () =>
      (
        await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(5_000) }).catch(
          () => undefined,
        )
      )?.status === 200,
    `${main} to be ready`,
  );
  return child;
}

/** What a desk system's posting of scans came to: the event ids answered 202, and each status's count. */
export interface PostedScans {
  readonly accepted: Set<string>;
  readonly answers: Record<number, number>;
}

/**
 * Scans at the counters posted to the border producer's HTTP API, ten a request, as a desk system
 * sends them: a 503 is sent again after a second. Anything but "accepted" must say plainly that
 * sending again is right. `sent` is told how many requests have been accepted so far, and is
 * awaited before the next, so a fault lands at a known point of the feed and the rest arrives while
 * it lasts.
 */
export async function postScans(
  address: string,
  scans: readonly SimEvent[],
  sent: (requests: number, of: number) => void | Promise<void> = () => undefined,
): Promise<PostedScans> {
  const accepted = new Set<string>();
  const answers: Record<number, number> = {};
  const batches: SimEvent[][] = [];
  for (let index = 0; index < scans.length; index += 10) batches.push(scans.slice(index, index + 10));
  for (const [index, batch] of batches.entries()) {
    for (;;) {
      const response = await fetch(`${address}/v1/records/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch.map((event) => event.record)),
      });
      answers[response.status] = (answers[response.status] ?? 0) + 1;
      const body = (await response.json()) as { retryable?: boolean; results?: { eventId?: string }[] };
      if (response.status === 202) {
        for (const result of body.results ?? []) if (result.eventId) accepted.add(result.eventId);
        break;
      }
      expect({ status: response.status, retryable: body.retryable }).toEqual({
        status: 503,
        retryable: true,
      });
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      await sleep(1_000);
    }
    await sent(index + 1, batches.length);
  }
  return { accepted, answers };
}

/** The event ids on a topic, read with read_committed. */
export async function eventIdsOn(kit: TestKit, topic: string): Promise<Set<string>> {
  return new Set(
    (await readWholeTopic(kit, topic)).map((record) => record.headers['waspada-event-id']?.toString() ?? ''),
  );
}
