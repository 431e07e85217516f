import type { ChildProcess } from 'node:child_process';
import { TOPICS, type Connections } from '@waspada/common';
import { BORDER_CROSSING_AGENCY, startProducerService } from '@waspada/producer-kit';
import type { RiskProcessor } from '@waspada/risk-processor';
import {
  eventually,
  logger,
  metricValue,
  openTestKit,
  step,
  uniqueName,
  type TestKit,
} from './support/clients';
import { writeDeliveryConfig } from './support/delivery';
import {
  eventIdsOn,
  expectNoRepeats,
  expectRecordsAsCleanRun,
  feedInParts,
  historiesIn,
  postScans,
  spawnService,
} from './support/faults';
import { openPrivateStack, type RunningPrivateStack } from './support/private-stack';
import {
  finalAlerts,
  openAgencies,
  readAlerts,
  readWholeTopic,
  score,
  simulatedFeed,
  startTestProcessor,
  uniqueInstance,
  waitCaughtUp,
  waitSettled,
  withOwnRedisDb,
} from './support/risk-pipeline';

/**
 * Servers failing under a running pipeline. These tests stop Kafka and Redis, so they run on a
 * private stack of their own; the other tests' stack is never touched.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Events the processor at the port has applied; 0 while it cannot answer. */
const readEventsApplied = (port: number) =>
  metricValue(`http://127.0.0.1:${port}`, 'waspada_risk_events_total', 'outcome="applied"');

const spawnProcessor = (connections: Connections, groupId: string, instanceId: string, port: number) =>
  spawnService('@waspada/risk-processor/dist/main.js', connections, instanceId, port, {
    WASPADA_PROCESSOR_GROUP: groupId,
  });

describe('the pipeline when its servers fail (a private stack)', () => {
  let running: RunningPrivateStack;
  let kit: TestKit;
  beforeAll(async () => {
    running = await openPrivateStack(29500);
    kit = await openTestKit(running.connections);
  }, 300_000);
  afterAll(async () => {
    await kit?.close();
    await running?.close();
  }, 120_000);

  /**
   * A server goes away a third of the way through a feed of scans posted over HTTP and comes back
   * after `seconds`: stopped cleanly, or killed with SIGKILL (no clean shutdown, as a lost machine).
   */
  it.each([
    { server: 'kafka', kill: false, seconds: 15, db: 1 },
    { server: 'kafka', kill: true, seconds: 15, db: 7 },
    { server: 'kafka', kill: false, seconds: 60, db: 8 },
    { server: 'registry', kill: true, seconds: 30, db: 9 },
  ] as const)(
    'keeps every accepted record and alert when $server is away for $seconds s (SIGKILL: $kill) during a feed, and goes on by itself',
    async ({ server, kill, seconds, db }) => {
      const connections = await withOwnRedisDb(running.connections, db);
      const { feed, watchlist } = feedInParts(300);
      const cutoff = Date.now() - 3_600_000;
      const live = feed.events.filter(
        (event) => event.agency === 'borderCrossing' && event.eventTime >= cutoff,
      );
      const earlier = feed.events.filter((event) => event.agency !== 'watchlist' && !live.includes(event));
      const groupId = uniqueName('broker-stop');
      const agencies = await openAgencies(connections);
      await agencies.submit(watchlist);
      const processor = await startTestProcessor(connections, groupId, uniqueInstance('broker-stop'));
      const border = await startProducerService(
        BORDER_CROSSING_AGENCY,
        { connections, host: '127.0.0.1', port: 0 },
        logger,
      );
      try {
        await agencies.submit(earlier);
        // The broker (or the registry) goes away a third of the way through the scans.
        let third = false;
        const outage = (async () => {
          await eventually(() => third, 'a third of the scans to be sent', 120_000);
          await running.stack.stopComponent(server, { kill });
          await sleep(seconds * 1_000);
          await running.stack.startComponent(server);
        })();
        const { accepted, answers } = await postScans(border.ops.address(), live, (sent, of) => {
          if (sent >= of / 3) third = true;
        });
        await outage;
        await waitSettled(kit, groupId, 240_000);
        process.stdout.write(
          `${server} away ${seconds} s (SIGKILL: ${kill}): ${live.length} scans, answers ${JSON.stringify(answers)}\n`,
        );

        const onTopic = await eventIdsOn(kit, TOPICS.borderCrossing);
        expect([...accepted].filter((eventId) => !onTopic.has(eventId))).toEqual([]);
        expect(accepted.size).toBe(live.length);
        const alerts = await readAlerts(kit, feed.niks);
        expectNoRepeats(alerts);
        expect(score(feed.truth, finalAlerts(alerts)).missed).toEqual([]);
        // The same processor, never restarted, is ready again.
        expect((await fetch(`${processor.ops.address()}/health/ready`)).status).toBe(200);
      } finally {
        await border.close();
        await agencies.close();
        await processor.close();
      }
    },
    600_000,
  );

  it.each([
    { dropData: true, db: 2, what: 'rebuilds the state from Kafka when Redis comes back empty' },
    {
      dropData: false,
      db: 11,
      what: 'goes on without a rebuild when Redis is killed with SIGKILL mid-feed and restarts with its data',
    },
  ])(
    '$what, and alerts stay as a clean run',
    async ({ dropData, db }) => {
      const connections = await withOwnRedisDb(running.connections, db);
      const { feed, watchlist, parts } = feedInParts(300);
      const groupId = uniqueName('redis-loss');
      const instanceId = uniqueInstance('redis-loss');
      const agencies = await openAgencies(connections);
      await agencies.submit(watchlist);
      const processor = await startTestProcessor(connections, groupId, instanceId);
      try {
        for (const part of parts.slice(0, 3)) await agencies.submit(part);
        await waitSettled(kit, groupId);
        // While the processor applies the next parts, Redis stops and comes back: with nothing (no
        // disk), or killed with SIGKILL (a lost machine) and back with its data. Every local Redis
        // writes each change to disk before it answers, so a kill loses no write the processor saw
        // succeed, and the state needs no rebuild.
        const during = agencies.submit([...(parts[3] ?? []), ...(parts[4] ?? [])]);
        await sleep(500);
        await running.stack.stopComponent('redis', { dropData, kill: !dropData });
        await sleep(3_000);
        await running.stack.startComponent('redis');
        await during;
        await agencies.submit(parts[5] ?? []);
        await waitSettled(kit, groupId, 240_000);
        const rebuilds = await metricValue(processor.ops.address(), 'waspada_risk_state_rebuilds_total');
        if (dropData) expect(rebuilds).toBeGreaterThanOrEqual(1);
        else expect(rebuilds).toBe(0);
      } finally {
        await agencies.close();
        await processor.close();
      }

      const alerts = (await readAlerts(kit, feed.niks)).filter((entry) =>
        agencies.eventIds.has(entry.alert.triggerEventId),
      );
      expectNoRepeats(alerts);
      expect(score(feed.truth, finalAlerts(alerts)).missed).toEqual([]);

      // A run that never lost Redis keeps the same record of every person.
      await expectRecordsAsCleanRun(kit, connections, 3, feed.niks, agencies.eventIds);
    },
    420_000,
  );

  it('loses and repeats no alert when an instance joins and another leaves during a feed', async () => {
    const connections = await withOwnRedisDb(running.connections, 4);
    const { feed, watchlist, parts } = feedInParts(300);
    const groupId = uniqueName('rebalance');
    const agencies = await openAgencies(connections);
    await agencies.submit(watchlist);
    const first = await startTestProcessor(connections, groupId, uniqueInstance('first'));
    let second: RiskProcessor | undefined;
    let firstOpen = true;
    try {
      for (const part of parts.slice(0, 2)) await agencies.submit(part);
      // The first instance decides the first parts before the second joins: the topics of this
      // private stack also hold the earlier tests' feeds, which a new group reads first.
      await waitSettled(kit, groupId);
      second = await startTestProcessor(connections, groupId, uniqueInstance('second'));
      for (const part of parts.slice(2, 4)) await agencies.submit(part);
      await eventually(() => second!.partitions().length > 0, 'the second instance to get partitions');
      firstOpen = false;
      await first.close();
      for (const part of parts.slice(4)) await agencies.submit(part);
      await eventually(
        () => second!.partitions().length === 6,
        'the second instance to take every partition',
      );
      await waitSettled(kit, groupId);
    } finally {
      await agencies.close();
      if (firstOpen) await first.close();
      await second?.close();
    }
    const alerts = (await readAlerts(kit, feed.niks)).filter((entry) =>
      agencies.eventIds.has(entry.alert.triggerEventId),
    );
    const deciders = new Set(alerts.map((entry) => entry.decidedBy));
    expect(deciders.size).toBe(2);
    expectNoRepeats(alerts);
    expect(score(feed.truth, finalAlerts(alerts)).missed).toEqual([]);
  }, 420_000);
  it('copies every alert to the desk feed once when the desk router is killed with SIGKILL during a feed', async () => {
    const connections = await withOwnRedisDb(running.connections, 10);
    const { feed, watchlist, parts } = feedInParts(300);
    const groupId = uniqueName('router-crash-processor');
    const routerGroup = uniqueName('router-crash');
    const instanceId = uniqueInstance('router');
    const port = 28121;
    const delivery = writeDeliveryConfig({
      desks: [{ deskId: 'cgk-1', checkpointCode: 'CGK' }],
      subscribers: [],
    });
    const agencies = await step('router test: agencies open', () => openAgencies(connections));
    await step('router test: watchlist published', () => agencies.submit(watchlist));
    const processor = await step('router test: processor started', () =>
      startTestProcessor(connections, groupId, uniqueInstance('router-feed')),
    );
    const routerSettings = {
      WASPADA_NOTIFIER_ROLES: 'router',
      WASPADA_NOTIFIER_GROUP: routerGroup,
      WASPADA_DELIVERY_FILE: delivery.file,
    };
    const spawnRouter = () =>
      spawnService('@waspada/notifier/dist/main.js', connections, instanceId, port, routerSettings);
    const routedToDesks = () =>
      metricValue(`http://127.0.0.1:${port}`, 'waspada_notifier_alerts_routed_total', 'route="desk"');
    let router: ChildProcess | undefined;
    try {
      router = await step('router test: router started', spawnRouter);
      // The processor first reads the earlier tests' feeds on this stack; the router group started
      // at the alerts topic's end, so it routes this feed's alerts only.
      await step('router test: earlier feeds decided', () => waitSettled(kit, groupId, 90_000), 100_000);
      await step('router test: half the feed published', async () => {
        for (const part of parts.slice(0, 3)) await agencies.submit(part);
      });
      await step(
        'router test: 20 alerts copied',
        () => eventually(async () => (await routedToDesks()) >= 20, 'the router to copy 20 alerts', 60_000),
        70_000,
      );
      const copiedAtKill = await routedToDesks();
      router.kill('SIGKILL');
      process.stdout.write(`router kill -9 after ${copiedAtKill} copies\n`);
      await step('router test: rest of the feed published', async () => {
        for (const part of parts.slice(3)) await agencies.submit(part);
      });
      router = await step('router test: router started again', spawnRouter);
      await step('router test: feed decided', () => waitSettled(kit, groupId, 90_000), 100_000);
      await step(
        'router test: alerts routed',
        () => waitCaughtUp(kit.admin, routerGroup, 90_000, [TOPICS.alerts], kit),
        100_000,
      );
    } finally {
      router?.kill('SIGTERM');
      await step('router test: agencies closed', () => agencies.close(), 30_000);
      await step('router test: processor closed', () => processor.close(), 60_000);
    }
    const aimed = new Set(
      (await step('router test: alerts read', () => readAlerts(kit, feed.niks)))
        .filter(
          (entry) => agencies.eventIds.has(entry.alert.triggerEventId) && entry.alert.target.checkpointCode,
        )
        .map((entry) => entry.alert.alertId),
    );
    expect(aimed.size).toBeGreaterThan(20);
    const copies = (await step('router test: desk feed read', () => readWholeTopic(kit, TOPICS.deskAlerts)))
      .map((record) => record.headers['waspada-alert-id']?.toString() ?? '')
      .filter((id) => aimed.has(id));
    expect(copies.length - new Set(copies).size).toBe(0);
    expect([...aimed].filter((id) => !copies.includes(id))).toEqual([]);
    process.stdout.write(`router kill -9: ${aimed.size} alerts aimed at desks, each copied once\n`);
  }, 1_800_000);

  // Last: later tests' processors would have to read its 50,000 events first.
  it('loses and repeats no alert when the processor is killed with SIGKILL in the middle of a feed of 50,000 events, and keeps every person as a clean run does', async () => {
    const crashConnections = await withOwnRedisDb(running.connections, 5);
    const referenceConnections = await withOwnRedisDb(running.connections, 6);
    // At least 50,000 events, so the kill lands while the processor has thousands of records in hand.
    const feed = simulatedFeed({
      seed: (Date.now() % 1_000_000_000) + 7,
      cases: 9_600,
      traffickingShare: 0.3,
    });
    expect(feed.events.length).toBeGreaterThanOrEqual(50_000);
    const chunks = Array.from({ length: 6 }, (_, index) =>
      feed.events.filter((_event, position) => position % 6 === index),
    );
    const groupId = uniqueName('risk-crash');
    const instanceId = uniqueInstance('crash');
    const port = 28120;
    const agencies = await openAgencies(crashConnections);
    let child = await spawnProcessor(crashConnections, groupId, instanceId, port);
    try {
      // Half the feed while it runs, a kill -9 while it is still working, the rest while it is down.
      // The kill lands at a random point between a fifth and four fifths of that half, so across
      // runs it meets windows being judged, saved and committed.
      const half = chunks.slice(0, 3);
      const killAfter = Math.round(half.flat().length * (0.2 + Math.random() * 0.6));
      for (const chunk of half) await agencies.submit(chunk);
      await eventually(
        async () => (await readEventsApplied(port)) >= killAfter,
        `the processor to apply ${killAfter} events before it is killed`,
        300_000,
      );
      const appliedAtKill = await readEventsApplied(port);
      child.kill('SIGKILL');
      process.stdout.write(`kill -9 after ${appliedAtKill} events applied\n`);
      for (const chunk of chunks.slice(3)) await agencies.submit(chunk);
      child = await spawnProcessor(crashConnections, groupId, instanceId, port);
      await waitSettled(kit, groupId);
    } finally {
      child.kill('SIGTERM');
      await agencies.close();
    }

    const referenceGroup = uniqueName('risk-reference');
    const referenceInstance = uniqueInstance('reference');
    const reference = await startTestProcessor(referenceConnections, referenceGroup, referenceInstance);
    try {
      await waitSettled(kit, referenceGroup);
    } finally {
      await reference.close();
    }

    // Only alerts about this feed's events: another test's feed may reuse a NIK by chance.
    const published = (await readAlerts(kit, feed.niks)).filter((entry) =>
      agencies.eventIds.has(entry.alert.triggerEventId),
    );
    expectNoRepeats(published.filter((entry) => entry.decidedBy.endsWith(instanceId)));
    const crashRun = published.filter((entry) => entry.decidedBy.endsWith(instanceId));
    const cleanRun = published.filter((entry) => entry.decidedBy.endsWith(referenceInstance));
    const ids = crashRun.map((entry) => entry.alert.alertId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(crashRun.length).toBeGreaterThan(0);
    expect(cleanRun.length).toBeGreaterThan(0);
    expect(score(feed.truth, finalAlerts(crashRun)).missed).toEqual([]);

    // Each person's joined record (this feed's events, in event-time order) is what a run that never
    // crashed keeps. Which alerts a late record still raises depends on when it arrived (situations
    // older than the late-alert window are not raised late), so alerts are compared on the cases above.
    const [crashed, clean] = await Promise.all([
      historiesIn(crashConnections, feed.niks, agencies.eventIds),
      historiesIn(referenceConnections, feed.niks, agencies.eventIds),
    ]);
    expect(crashed.size).toBe(feed.niks.size);
    expect(crashed).toEqual(clean);
    process.stdout.write(
      `kill -9: ${feed.events.length} events, ${feed.niks.size} people, ${new Set(ids).size} alerts, none twice\n`,
    );
  }, 900_000);
});
