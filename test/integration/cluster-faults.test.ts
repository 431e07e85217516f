import { TOPICS } from '@waspada/common';
import { kafkaNodeName, type ComponentName } from '@waspada/infra';
import { BORDER_CROSSING_AGENCY, startProducerService } from '@waspada/producer-kit';
import { logger, openTestKit, step, uniqueName, type TestKit } from './support/clients';
import {
  eventIdsOn,
  expectNoRepeats,
  expectRecordsAsCleanRun,
  feedInParts,
  postScans,
} from './support/faults';
import { openPrivateStack, type RunningPrivateStack } from './support/private-stack';
import {
  finalAlerts,
  openAgencies,
  readAlerts,
  score,
  startTestProcessor,
  uniqueInstance,
  waitCaughtUp,
  withOwnRedisDb,
} from './support/risk-pipeline';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kafka as a national deployment runs it: three KRaft nodes, each topic on all three with
 * min.insync.replicas=2, so a producer's acknowledged record is on two nodes at least. Nodes die
 * with SIGKILL (a lost machine) under a running pipeline: first the leader of alerts partitions,
 * then the node leading the controller quorum. The same invariants as on one node hold.
 */
describe('the pipeline on a three-node Kafka cluster (a private stack)', () => {
  let running: RunningPrivateStack;
  let kit: TestKit;
  beforeAll(async () => {
    running = await openPrivateStack(29400, { WASPADA_KAFKA_NODES: '3' });
    kit = await openTestKit(running.connections);
  }, 300_000);
  afterAll(async () => {
    await kit?.close();
    await running?.close();
  }, 120_000);

  it('keeps every accepted record and alert when the leader of alerts partitions, then the quorum leader, is killed with SIGKILL during a feed', async () => {
    const connections = await withOwnRedisDb(running.connections, 1);
    const { feed, watchlist } = feedInParts(300);
    const cutoff = Date.now() - 3_600_000;
    const live = feed.events.filter(
      (event) => event.agency === 'borderCrossing' && event.eventTime >= cutoff,
    );
    const earlier = feed.events.filter((event) => event.agency !== 'watchlist' && !live.includes(event));
    const groupId = uniqueName('cluster');
    const agencies = await step('cluster: agencies open', () => openAgencies(connections));
    await step('cluster: watchlist published', () => agencies.submit(watchlist));
    const processor = await step('cluster: processor started', () =>
      startTestProcessor(connections, groupId, uniqueInstance('cluster')),
    );
    const border = await startProducerService(
      BORDER_CROSSING_AGENCY,
      { connections, host: '127.0.0.1', port: 0 },
      logger,
    );
    const killed: string[] = [];
    const feedEventIds = new Set<string>();
    /** Kills a node with SIGKILL; it starts again with its data 15 s later, while the feed goes on. */
    const killNode = async (node: ComponentName, why: string) => {
      await running.stack.stopComponent(node, { kill: true });
      killed.push(`${node} (${why})`);
      const back = (async () => {
        await sleep(15_000);
        await running.stack.startComponent(node);
      })();
      return { back };
    };
    try {
      await step('cluster: earlier records published', () => agencies.submit(earlier));
      // A third of the way through the scans the leader of alerts partition 0 dies; two thirds of
      // the way, once it is back, the node leading the controller quorum dies.
      let restarted: Promise<void> = Promise.resolve();
      const { accepted, answers } = await step(
        'cluster: scans posted',
        () =>
          postScans(border.ops.address(), live, async (requests, of) => {
            if (requests === Math.ceil(of / 3)) {
              const [alerts] = await kit.admin.describeTopics([TOPICS.alerts], []);
              const leader = alerts?.leaders[0] ?? -1;
              expect(leader).toBeGreaterThan(0);
              restarted = (await killNode(kafkaNodeName(leader), 'leader of alerts partition 0')).back;
            }
            if (requests === Math.ceil((2 * of) / 3)) {
              await restarted;
              restarted = (await killNode(await running.stack.kafkaQuorumLeader(), 'quorum leader')).back;
            }
          }),
        300_000,
      );
      await step('cluster: last node back', () => restarted, 120_000);
      await step('cluster: feed decided', () => waitCaughtUp(kit.admin, groupId, 240_000), 250_000);
      process.stdout.write(
        `three nodes, killed ${killed.join(', then ')}: ${live.length} scans, answers ${JSON.stringify(answers)}\n`,
      );

      const onTopic = await eventIdsOn(kit, TOPICS.borderCrossing);
      expect([...accepted].filter((eventId) => !onTopic.has(eventId))).toEqual([]);
      expect(accepted.size).toBe(live.length);
      for (const eventId of [...accepted, ...agencies.eventIds]) feedEventIds.add(eventId);
      // The same processor, never restarted, is ready again.
      expect((await fetch(`${processor.ops.address()}/health/ready`)).status).toBe(200);
    } finally {
      await border.close();
      await agencies.close();
      await processor.close();
    }

    // This feed's people only: the scans came over HTTP, the rest through the agencies.
    const alerts = await readAlerts(kit, feed.niks);
    expectNoRepeats(alerts);
    expect(score(feed.truth, finalAlerts(alerts)).missed).toEqual([]);

    // A run that never lost a node keeps the same record of every person.
    await expectRecordsAsCleanRun(kit, connections, 2, feed.niks, feedEventIds);
    process.stdout.write(
      `three nodes: ${alerts.length} alerts, none twice, every case alerted, every person as a clean run\n`,
    );
  }, 900_000);
});
