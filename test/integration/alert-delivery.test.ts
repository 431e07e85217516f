import './support/own-topics';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { CHROMIUM } from '@waspada/infra';
import {
  compileAvroType,
  createAvroDecoder,
  deliveryDeadLetterTopic,
  TOPICS,
  type Connections,
  type IncomingRecord,
} from '@waspada/common';
import { loadDeliveryConfig, newStandardSecret, verifyWaspadaV0 } from '@waspada/delivery';
import { notifierMetrics, openNotifierIo, redeliver, startNotifier, type Notifier } from '@waspada/notifier';
import type { RiskProcessor } from '@waspada/risk-processor';
import { loadRuleSet } from '@waspada/risk-rules';
import {
  CONTRACTS,
  type AccessRecord,
  type AlertAction,
  type DeliveryDeadLetter,
  type RiskAlert,
} from '@waspada/schemas';
import {
  eventually,
  logger,
  readTopicUntil,
  testConnections,
  useTestKit,
  useOwnTopics,
} from './support/clients';
import { writeAnalystsFile } from './support/analysts';
import {
  openDeskStream,
  startWebhookReceiver,
  writeDeliveryConfig,
  type DeskStream,
} from './support/delivery';
import {
  openAgencies,
  readWholeTopic,
  scamHubScan,
  startTestProcessor,
  uniqueInstance,
  waitCaughtUp,
  waitSettled,
  withOwnRedisDb,
} from './support/risk-pipeline';
import { startDashboardProcess, type DashboardProcess } from './support/dashboard-process';
import { switchLanguage, visibleText } from './support/page-language';

/**
 * From the alerts topic to the people who act: the desk where the traveller stands (live,
 * resumable, token per desk), agency webhooks (signed, retried, dead-lettered, redelivered, under
 * field profiles), desk actions and the access trail. Everything on the real local stack.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The three Standard Webhooks headers of a request as the receiver got them, for the library. */
function standardHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = headers[name];
    if (typeof value === 'string') picked[name] = value;
  }
  return picked;
}

// This file's processors read topics of their own, never what other files left (own-topics.ts).
useOwnTopics();

describe('alert delivery', () => {
  const kit = useTestKit();
  let connections: Connections;
  let processor: RiskProcessor;
  let notifier: Notifier;
  let base: string;
  let agencies: Awaited<ReturnType<typeof openAgencies>>;
  const run = randomUUID().slice(0, 6);
  const regionalId = `t${run}-regional`;
  const failingId = `t${run}-failing`;
  const hangingId = `t${run}-hanging`;
  // Takes the request and never answers: the notifier's timeout must end each attempt.
  const hanging = createServer(() => undefined);
  // Down until the test that brings it up.
  let regionalReceiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const failing = startWebhookReceiver();
  let failingReceiver: Awaited<typeof failing>;
  // One subscriber whose receiver takes requests and sits on them, one that answers at once.
  const stalledId = `t${run}-stalled`;
  const promptId = `t${run}-prompt`;
  let stalledReceiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let promptReceiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let config: ReturnType<typeof writeDeliveryConfig>;
  // The dashboard's port, held from the start (the notifier allows it as a CORS origin) until the
  // browser tests start the dashboard on it, so no other server of the run takes it meanwhile.
  const dashboardPortHolder = createServer();
  let dashboardPort: number;

  // Working-age men from Bogor (3201) born 12 Aug 1996; random serials keep runs and files apart.
  const serials = new Set<number>();
  const newNik = () => {
    let serial: number;
    do serial = randomInt(1, 10_000);
    while (serials.has(serial));
    serials.add(serial);
    return `320101120896${String(serial).padStart(4, '0')}`;
  };
  /** A pre-clearance scan of a one-way trip to Cambodia, where scam compounds hold Indonesians. */
  const scan = (nik: string, checkpointCode: string) =>
    scamHubScan(nik, {
      checkpointCode,
      counterId: 'C-03',
      fullName: 'Agus Setiawan',
      birthDate: '1996-08-12',
    });

  beforeAll(async () => {
    connections = await withOwnRedisDb(testConnections(), 6);
    failingReceiver = await failing;
    failingReceiver.answerWith(500);
    stalledReceiver = await startWebhookReceiver();
    promptReceiver = await startWebhookReceiver();
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    regionalReceiver = await startWebhookReceiver({ down: true });
    await new Promise<void>((resolve) => dashboardPortHolder.listen(0, '127.0.0.1', resolve));
    dashboardPort = (dashboardPortHolder.address() as AddressInfo).port;
    config = writeDeliveryConfig({
      desks: [
        { deskId: 'dps-1', checkpointCode: 'DPS' },
        { deskId: 'sub-1', checkpointCode: 'SUB' },
      ],
      subscribers: [
        {
          id: regionalId,
          agency: 'BP3MI Jawa Barat',
          url: `http://127.0.0.1:${regionalReceiver.port}/waspada`,
          profile: 'regional-agency',
          filter: { regions: ['32'], checkpoints: ['DPS', 'SUB'] },
          maxAttempts: 40,
          backoffBaseMs: 100,
          backoffMaxMs: 500,
          timeoutMs: 2_000,
          // Mid-rotation: every request carries a signature by each of its two secrets.
          previousSecret: true,
        },
        {
          id: failingId,
          agency: 'Disnaker Kabupaten Bogor',
          url: `http://127.0.0.1:${failingReceiver.port}/hook`,
          profile: 'enforcement',
          filter: { regions: ['3201'], checkpoints: ['SUB'] },
          maxAttempts: 3,
          backoffBaseMs: 20,
          backoffMaxMs: 50,
        },
        {
          id: hangingId,
          agency: 'BP3MI Jawa Timur',
          url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`,
          profile: 'regional-agency',
          filter: { regions: ['3201'], checkpoints: ['SUB'] },
          maxAttempts: 2,
          backoffBaseMs: 20,
          backoffMaxMs: 50,
          timeoutMs: 300,
        },
        {
          id: stalledId,
          agency: 'Polda Banten',
          url: `http://127.0.0.1:${stalledReceiver.port}/hook`,
          profile: 'enforcement',
          filter: { regions: ['3201'], checkpoints: ['CGK'] },
          maxAttempts: 3,
          backoffBaseMs: 100,
          backoffMaxMs: 500,
          timeoutMs: 120_000,
        },
        {
          id: promptId,
          agency: 'Bareskrim TPPO',
          url: `http://127.0.0.1:${promptReceiver.port}/hook`,
          // A receiver still on Waspada's earlier scheme, which its entry asks for.
          signing: 'waspada-v0',
          profile: 'enforcement',
          filter: { regions: ['3201'], checkpoints: ['CGK'] },
        },
      ],
    });
    processor = await startTestProcessor(connections, `test-delivery-${run}`, uniqueInstance('delivery'));
    notifier = await startNotifier(
      {
        connections,
        host: '127.0.0.1',
        port: 0,
        delivery: loadDeliveryConfig(config.file, {}),
        instanceId: uniqueInstance('notifier'),
        roles: ['router', 'desks', 'webhooks'],
        corsOrigins: [`http://127.0.0.1:${dashboardPort}`],
        deskBacklog: 20,
        deskHistoryMs: 3_600_000,
        deskCapacity: 1_000,
        routerGroup: `test-notifier-router-${run}`,
      },
      logger,
    );
    await notifier.ready;
    base = notifier.ops.address();
    agencies = await openAgencies(connections);
    // The processor first reads every agency record already on the shared topics; the figures this
    // file prints are for scans judged live, not queued behind that history.
    await waitSettled(kit(), `test-delivery-${run}`);
    kit().onClose(() =>
      kit().admin.deleteTopics(
        [regionalId, failingId, hangingId, stalledId, promptId].map((id) => deliveryDeadLetterTopic(id)),
      ),
    );
    // The processor first reads all history on the shared topics, which other tests fill too.
  }, 300_000);

  afterAll(async () => {
    stalledReceiver?.releaseHeld(200);
    await agencies?.close();
    await notifier?.close();
    await processor?.close();
    await failingReceiver?.close();
    await regionalReceiver?.close();
    await stalledReceiver?.close();
    await promptReceiver?.close();
    hanging.closeAllConnections();
    hanging.close();
    if (dashboardPortHolder.listening) dashboardPortHolder.close();
  });

  const token = (deskId: string) => config.tokens.get(deskId) as string;
  /** The desk actions recorded about one traveller, once at least one is on the topic. */
  const actionsAbout = async (nik: string): Promise<AlertAction[]> => {
    const decode = createAvroDecoder<AlertAction>(
      kit().registry,
      compileAvroType(CONTRACTS.alertAction.schema),
    );
    const records = await readTopicUntil(
      kit(),
      TOPICS.alertActions,
      (all) => all.some((record) => record.key?.toString() === nik),
      `a desk action about ${nik.slice(0, 4)}`,
    );
    return Promise.all(
      records
        .filter((record) => record.key?.toString() === nik)
        .map(async (record) => (await decode(record.value)).value),
    );
  };
  const alertFor = (stream: DeskStream, nik: string) =>
    stream.alerts.find((entry) => entry.data.person.nik === nik);

  it('pushes a scan alert to the desk where the traveller stands, and not to another desk', async () => {
    const dps = await openDeskStream(base, 'DPS', token('dps-1'));
    const sub = await openDeskStream(base, 'SUB', token('sub-1'));
    try {
      expect(dps.status).toBe(200);
      await eventually(() => dps.events.some((event) => event.event === 'caught-up'), 'DPS caught up');
      const nik = newNik();
      await agencies.submit([scan(nik, 'DPS')]);
      const produced = Date.now();
      await eventually(() => alertFor(dps, nik) !== undefined, 'the alert on the DPS desk', 60_000);
      const alert = alertFor(dps, nik);
      process.stdout.write(
        `desk push: scan produced -> alert on the DPS desk in ${(dps.receivedAt.get(alert?.id ?? '') ?? 0) - produced} ms\n`,
      );
      expect(alert?.data).toMatchObject({
        kind: 'NEW',
        target: { checkpointCode: 'DPS', counterId: 'C-03' },
        person: { nik, fullName: 'Agus Setiawan' },
        // The standard desk procedure the rule set names, the same at every checkpoint.
        procedureVersion: loadRuleSet().procedures,
      });
      expect((alert?.data.rules as { ruleId: string }[]).map((rule) => rule.ruleId)).toContain('R02');
      // SUB has its own stream open the whole time and never sees it.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(alertFor(sub, nik)).toBeUndefined();
    } finally {
      dps.close();
      sub.close();
    }
  });

  it('refuses a wrong token with 401 and another checkpoint’s token with 403, showing nothing', async () => {
    const wrong = await openDeskStream(base, 'DPS', 'not-a-desk-token-at-all-000000000');
    const none = await fetch(`${base}/desks/DPS/stream`);
    const otherDesk = await openDeskStream(base, 'DPS', token('sub-1'));
    expect(wrong.status).toBe(401);
    expect(none.status).toBe(401);
    expect(await none.text()).not.toContain('alertId');
    expect(otherDesk.status).toBe(403);
    expect(wrong.alerts).toEqual([]);
    expect(otherDesk.alerts).toEqual([]);
    const action = await fetch(`${base}/desks/DPS/alerts/${randomUUID()}/actions`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'ACKNOWLEDGE', officerId: 'x' }),
    });
    expect(action.status).toBe(401);
  });

  it('gives a desk that reconnects every alert it missed, in order, exactly once', async () => {
    const first = newNik();
    const screen = await openDeskStream(base, 'DPS', token('dps-1'));
    await agencies.submit([scan(first, 'DPS')]);
    await eventually(() => alertFor(screen, first) !== undefined, 'the first alert', 60_000);
    const lastSeen = screen.alerts[screen.alerts.length - 1]?.id as string;
    screen.close();

    const missed = [newNik(), newNik(), newNik()];
    for (const nik of missed) await agencies.submit([scan(nik, 'DPS')]);
    // Wait until the desk feed has them: a fresh screen's backlog shows them.
    const probe = await openDeskStream(base, 'DPS', token('dps-1'));
    await eventually(
      () => missed.every((nik) => alertFor(probe, nik)),
      'the missed alerts on the desk feed',
      60_000,
    );
    probe.close();
    const logOrder = probe.alerts.map((entry) => entry.id);

    const resumed = await openDeskStream(base, 'DPS', token('dps-1'), lastSeen);
    try {
      await eventually(() => resumed.events.some((event) => event.event === 'caught-up'), 'resume');
      const ids = resumed.alerts.map((entry) => entry.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).not.toContain(lastSeen);
      for (const nik of missed) expect(alertFor(resumed, nik)).toBeDefined();
      // In the desk feed's order, the order a screen that stayed connected saw them in.
      const inLog = logOrder.filter((id) => ids.includes(id));
      expect(ids.filter((id) => logOrder.includes(id))).toEqual(inLog);
      expect(resumed.events.some((event) => event.event === 'reset')).toBe(false);
    } finally {
      resumed.close();
    }
  });

  it('copies each alert to the desk feed once while a second router joins the group and leaves again', async () => {
    const niks = Array.from({ length: 24 }, () => newNik());
    const second = await startNotifier(
      {
        connections,
        host: '127.0.0.1',
        port: 0,
        delivery: loadDeliveryConfig(config.file, {}),
        instanceId: uniqueInstance('second-router'),
        roles: ['router'],
        corsOrigins: [],
        deskBacklog: 20,
        deskHistoryMs: 3_600_000,
        deskCapacity: 1_000,
        routerGroup: `test-notifier-router-${run}`,
      },
      logger,
    );
    let secondOpen = true;
    try {
      // Scans keep coming while the group hands half the partitions to the second router (each
      // fences the partitions it takes before routing them) and, below, all of them back.
      for (const nik of niks.slice(0, 12)) {
        await agencies.submit([scan(nik, 'SUB')]);
        await sleep(250);
      }
      await second.ready;
      secondOpen = false;
      const leaving = second.close();
      for (const nik of niks.slice(12)) {
        await agencies.submit([scan(nik, 'SUB')]);
        await sleep(250);
      }
      await leaving;
    } finally {
      if (secondOpen) await second.close();
    }
    const alertIds = new Set(
      (
        await readTopicUntil(
          kit(),
          TOPICS.alerts,
          (records) => niks.every((nik) => records.some((record) => record.key?.toString() === nik)),
          'the alerts of every scan',
        )
      )
        .filter((record) => niks.includes(record.key?.toString() ?? ''))
        .map((record) => record.headers['waspada-alert-id']?.toString()),
    );
    expect(alertIds.size).toBeGreaterThanOrEqual(niks.length);
    // Every alert routed and committed, then the whole desk feed read: a second copy would be there.
    await waitCaughtUp(kit().admin, `test-notifier-router-${run}`, 120_000, [TOPICS.alerts], kit());
    const copies = (await readWholeTopic(kit(), TOPICS.deskAlerts))
      .map((record) => record.headers['waspada-alert-id']?.toString())
      .filter((id) => alertIds.has(id));
    expect(copies.length - new Set(copies).size).toBe(0);
    expect(new Set(copies).size).toBe(alertIds.size);
  });

  it('records desk actions on the alert-actions topic once per click, and every view in the access trail', async () => {
    const nik = newNik();
    const screen = await openDeskStream(base, 'DPS', token('dps-1'));
    await agencies.submit([scan(nik, 'DPS')]);
    await eventually(() => alertFor(screen, nik) !== undefined, 'the alert', 60_000);
    screen.close();
    const alertId = alertFor(screen, nik)?.id as string;
    const act = (body: Record<string, unknown>, key: string, desk = 'dps-1', checkpoint = 'DPS') =>
      fetch(`${base}/desks/${checkpoint}/alerts/${alertId}/actions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token(desk)}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      });

    const noReason = await act({ action: 'DISMISS', officerId: 'IMI-0042' }, 'k0');
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ fields: [{ field: 'reason' }] });
    expect((await act({ action: 'REFER', officerId: 'IMI-0042' }, 'k9', 'sub-1', 'SUB')).status).toBe(404);

    const referred = await act({ action: 'REFER', officerId: 'IMI-0042' }, 'k1');
    expect(referred.status).toBe(201);
    const { actionId } = (await referred.json()) as { actionId: string };
    const again = await act({ action: 'REFER', officerId: 'IMI-0042' }, 'k1');
    expect(again.status).toBe(200);
    expect(((await again.json()) as { actionId: string }).actionId).toBe(actionId);

    const timeline = await fetch(`${base}/desks/DPS/alerts/${alertId}/timeline`, {
      headers: { authorization: `Bearer ${token('dps-1')}`, 'x-waspada-officer': 'IMI-0042' },
    });
    expect(timeline.status).toBe(200);
    const body = (await timeline.json()) as {
      nik: string;
      events: {
        kind: string;
        summary: string;
        summaryParts: { key: string; params: Record<string, string> }[];
      }[];
    };
    expect(body.nik).toBe(nik);
    expect(body.events.some((event) => event.kind === 'crossing' && event.summary.includes('DPS'))).toBe(
      true,
    );
    // Each line also as catalogue keys and values, which the desk page reads in the officer's language.
    const crossingLine = body.events.find((event) => event.kind === 'crossing');
    expect(crossingLine?.summaryParts[0]).toEqual({
      key: 'timeline.crossing.DEPARTURE.PRE_CLEARANCE_SCAN',
      params: { checkpoint: 'DPS' },
    });
    expect(crossingLine?.summary).toMatch(/^pindai keberangkatan sebelum pemeriksaan di DPS/);
    const anonymous = await fetch(`${base}/desks/DPS/alerts/${alertId}/timeline`, {
      headers: { authorization: `Bearer ${token('dps-1')}` },
    });
    expect(anonymous.status).toBe(400);

    const ours = await actionsAbout(nik);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({
      actionId,
      alertId,
      action: 'REFERRED',
      officerId: 'IMI-0042',
      deskId: 'dps-1',
      checkpointCode: 'DPS',
    });

    const decodeAccess = createAvroDecoder<AccessRecord>(
      kit().registry,
      compileAvroType(CONTRACTS.access.schema),
    );
    // The webhook subscribers' receipts of this alert are in the trail too; the desk's are checked here.
    const deskAccesses = async (records: readonly IncomingRecord[]) =>
      (
        await Promise.all(
          records
            .filter((record) => record.key?.toString() === nik)
            .map(async (record) => (await decodeAccess(record.value)).value),
        )
      ).filter((entry) => entry.actorKind === 'DESK');
    let accesses: AccessRecord[] = [];
    await eventually(async () => {
      const trail = await readTopicUntil(
        kit(),
        TOPICS.access,
        (records) => records.length > 0,
        'the access trail',
      );
      accesses = await deskAccesses(trail);
      return accesses.length >= 2;
    }, 'the desk accesses in the trail');
    expect(accesses.map((entry) => entry.operation).sort()).toEqual(['DESK_ACTION', 'VIEW_TIMELINE']);
    expect(accesses.every((entry) => entry.actorId === 'dps-1' && entry.officerId === 'IMI-0042')).toBe(true);
  });

  it('delivers every alert once per idempotency key, signed by both secrets of a rotation, to a receiver that was down, with a masked NIK', async () => {
    const niks = [newNik(), newNik(), newNik()];
    await agencies.submit(niks.map((nik) => scan(nik, 'DPS')));
    // The receiver is down: the notifier retries with backoff.
    let exposition = '';
    await eventually(
      async () => {
        exposition = await fetch(`${base}/metrics`).then((reply) => reply.text());
        return new RegExp(
          `waspada_notifier_webhook_retries_total\\{[^}]*subscriber="${regionalId}"[^}]*\\} [1-9]`,
        ).test(exposition);
      },
      // Should it time out, what the notifier did with this subscriber's alerts says why.
      () =>
        `retries while the receiver is down; the subscriber's series: ${exposition
          .split('\n')
          .filter((line) => line.includes(regionalId))
          .join('; ')}`,
      60_000,
    );
    const receiver = regionalReceiver;
    receiver.comeUp();
    const ours = () =>
      receiver.received.filter((request) =>
        niks.some((nik) => request.body.includes(nik.slice(0, 4)) && request.body.includes(nik.slice(14))),
      );
    await eventually(
      () => new Set(ours().map((request) => request.headers['idempotency-key'])).size >= 3,
      'three alerts delivered',
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const keys = ours().map((request) => request.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);
    // Verified with the Standard Webhooks library, as an agency would: the current secret alone and
    // the retiring one alone each verify every request.
    const verifiers = [config.secrets.get(regionalId), config.previousSecrets.get(regionalId)].map(
      (secret) => new Webhook(secret as string),
    );
    for (const request of receiver.received) {
      const headers = standardHeaders(request.headers);
      expect(headers['webhook-id']).toBe(request.headers['idempotency-key']);
      expect(headers['webhook-id']).toBe((JSON.parse(request.body) as { alertId: string }).alertId);
      expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
      expect(request.headers['waspada-signature']).toBeUndefined();
      for (const verifier of verifiers)
        expect(verifier.verify(request.body, headers, { jsonParse: false })).toBeUndefined();
      expect(() =>
        new Webhook(newStandardSecret()).verify(request.body, headers, { jsonParse: false }),
      ).toThrow(WebhookVerificationError);
      // The regional profile has no NIK rights: no full NIK anywhere in what it receives.
      expect(request.body).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
      const payload = JSON.parse(request.body) as { person: Record<string, unknown> };
      expect(payload.person.birthDate).toBeUndefined();
      expect(payload.person.nik).toMatch(/^\d{4}\*{10}\d{2}$/);
    }
  });

  it('keeps delivering to other subscribers while one sits on its requests, and then delivers to it too', async () => {
    const first = newNik();
    const second = newNik();
    const about = (receiver: typeof promptReceiver, nik: string) =>
      receiver.received.filter((request) => request.body.includes(nik));
    // From now on (not before: the history read at the start is delivered first, as any day's is).
    stalledReceiver.holdAnswers();
    await agencies.submit([scan(first, 'CGK')]);
    // The stuck receiver takes requests (this alert, or one of another test's that came first) and
    // answers none: each stays open up to the subscriber's 120 s timeout.
    await eventually(() => stalledReceiver.heldCount() > 0, 'the stuck receiver holding a request', 60_000);
    await agencies.submit([scan(second, 'CGK')]);
    // Meanwhile the other subscriber gets both alerts. Were deliveries queued behind one another,
    // these waits would end only after the release below.
    await eventually(
      () => about(promptReceiver, first).length > 0 && about(promptReceiver, second).length > 0,
      'both alerts at the subscriber that answers',
      60_000,
    );
    expect(stalledReceiver.heldCount()).toBeGreaterThan(0);

    // Once the stuck receiver answers, it gets what it was owed, each alert under one idempotency key.
    stalledReceiver.releaseHeld(200);
    await eventually(
      () => about(stalledReceiver, first).length > 0 && about(stalledReceiver, second).length > 0,
      'both alerts at the receiver that was stuck',
      120_000,
    );
    for (const nik of [first, second]) {
      expect(
        new Set(about(stalledReceiver, nik).map((request) => request.headers['idempotency-key'])).size,
      ).toBe(1);
      expect(about(promptReceiver, nik)).toHaveLength(1);
      // The subscriber that asked for waspada-v0 gets that signature and no other.
      const [request] = about(promptReceiver, nik);
      expect(request?.headers['webhook-signature']).toBeUndefined();
      expect(
        verifyWaspadaV0(
          config.secrets.get(promptId) as string,
          request?.body ?? '',
          request?.headers['waspada-signature'] as string,
          { nowSeconds: Math.floor(Date.now() / 1000), toleranceSeconds: 300 },
        ),
      ).toMatchObject({ ok: true });
    }
  }, 300_000);

  it('dead-letters what a subscriber keeps refusing, and the redelivery command sends it once it answers', async () => {
    const nik = newNik();
    await agencies.submit([scan(nik, 'SUB')]);
    const decode = createAvroDecoder<DeliveryDeadLetter>(
      kit().registry,
      compileAvroType(CONTRACTS.deliveryDeadLetter.schema),
    );
    const decodeAlert = createAvroDecoder<RiskAlert>(kit().registry, compileAvroType(CONTRACTS.alert.schema));
    /** The dead letters about this traveller on a subscriber's dead-letter topic, once there is one. */
    const lettersAbout = async (subscriberId: string) => {
      let found: DeliveryDeadLetter[] = [];
      await eventually(
        async () => {
          const records = await readTopicUntil(
            kit(),
            deliveryDeadLetterTopic(subscriberId),
            (all) => all.length > 0,
            'a dead letter',
          );
          found = [];
          for (const record of records) {
            const letter = (await decode(record.value)).value;
            if ((await decodeAlert(letter.originalPayload)).value.person.nik === nik) found.push(letter);
          }
          return found.length > 0;
        },
        `the dead letter about this traveller for ${subscriberId}`,
        60_000,
      );
      return found;
    };
    const letters = await lettersAbout(failingId);
    const letter = letters[0] as DeliveryDeadLetter;
    expect(letter).toMatchObject({ subscriberId: failingId, attempts: 3, lastStatus: 500 });
    expect(letter.lastError).toContain('HTTP 500');
    const attempts = failingReceiver.received.filter(
      (request) => request.headers['idempotency-key'] === letter.alertId,
    );
    expect(attempts).toHaveLength(3);
    // Every retry is the same Standard Webhooks message: one webhook-id, the alert's.
    const failingSecret = new Webhook(config.secrets.get(failingId) as string);
    for (const attempt of attempts) {
      expect(attempt.headers['webhook-id']).toBe(letter.alertId);
      expect(
        failingSecret.verify(attempt.body, standardHeaders(attempt.headers), { jsonParse: false }),
      ).toBeUndefined();
    }
    // A receiver that never answers costs each attempt its timeout, on its own consumer group.
    const [hung] = await lettersAbout(hangingId);
    expect(hung).toMatchObject({ subscriberId: hangingId, attempts: 2, lastStatus: null });
    expect(letters.map((entry) => entry.alertId)).toContain(hung?.alertId);
    expect(hung?.lastError).toBe('no answer within 300 ms');

    failingReceiver.answerWith(200);
    const io = await openNotifierIo(connections, logger, 'test-redeliver');
    const producer = io.kafka.producer();
    await producer.connect();
    try {
      const subscriber = loadDeliveryConfig(config.file, {}).subscribers.find(
        (entry) => entry.id === failingId,
      );
      const deps = { producer, metrics: notifierMetrics(), logger, progress: () => undefined };
      const summary = await redeliver(io, subscriber as NonNullable<typeof subscriber>, deps);
      expect(summary.failedAgain).toBe(0);
      expect(summary.delivered).toBeGreaterThanOrEqual(1);
      const accepted = failingReceiver.received.filter(
        (request) => request.headers['idempotency-key'] === letter.alertId && request.status === 200,
      );
      expect(accepted).toHaveLength(1);
      // Redelivered under the same message id, signed afresh with the subscriber's secret.
      expect(accepted[0]?.headers['webhook-id']).toBe(letter.alertId);
      expect(
        failingSecret.verify(accepted[0]?.body ?? '', standardHeaders(accepted[0]?.headers ?? {}), {
          jsonParse: false,
        }),
      ).toBeUndefined();
      expect(JSON.parse(accepted[0]?.body ?? '{}')).toMatchObject({
        alertId: letter.alertId,
        person: { nik },
      });
      // A second run finds nothing left to send.
      expect(await redeliver(io, subscriber as NonNullable<typeof subscriber>, deps)).toMatchObject({
        read: 0,
      });
    } finally {
      await producer.disconnect();
      await io.redis.quit();
    }
  });

  describe('in a real browser', () => {
    let dashboard: DashboardProcess | undefined;
    let browser: Browser;
    let dashboardUrl: string;
    const shots = join(__dirname, '..', '..', '.waspada', 'screenshots');

    beforeAll(async () => {
      await new Promise((resolve) => dashboardPortHolder.close(resolve));
      dashboard = await startDashboardProcess(
        connections,
        () => ({
          WASPADA_NOTIFIER_PUBLIC_URL: base,
          WASPADA_METRICS_TARGETS: `notifier=${base}`,
          WASPADA_ANALYSTS_FILE: writeAnalystsFile().file,
        }),
        dashboardPort,
      );
      dashboardUrl = dashboard.base;
      mkdirSync(shots, { recursive: true });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        // Debian's chromium as root, offline: no sandbox, no calls home.
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
    });

    const openDesk = async (checkpoint: string, deskId: string) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(
        `${dashboardUrl}/desk/${checkpoint}#token=${encodeURIComponent(token(deskId))}&officer=IMI-0042`,
      );
      // The state, not the words: the page speaks Bahasa Indonesia until the officer switches.
      await page.locator('[data-testid="desk-status"][data-state="live"]').waitFor({ timeout: 30_000 });
      return page;
    };

    it('shows a scan alert on the right desk page, with reasons, timeline and actions, and not on another desk', async () => {
      const dps = await openDesk('DPS', 'dps-1');
      const sub = await openDesk('SUB', 'sub-1');
      // The desk channel tells the alert's id, so the page is checked for that exact alert.
      const screen = await openDeskStream(base, 'DPS', token('dps-1'));
      const nik = newNik();
      await agencies.submit([scan(nik, 'DPS')]);
      const produced = Date.now();
      await eventually(() => alertFor(screen, nik) !== undefined, 'the alert on the desk channel', 60_000);
      screen.close();
      const alertId = alertFor(screen, nik)?.id as string;
      const card = dps.locator(`[data-testid="alert-card"][data-alert-id="${alertId}"]`);
      await card.waitFor({ timeout: 30_000 });
      process.stdout.write(
        `desk page: scan produced -> card shown in the browser by ${Date.now() - produced} ms\n`,
      );
      await expect(card.getByTestId('alert-severity').textContent()).resolves.toMatch(
        /Tinggi|Kritis|Sedang|Rendah/,
      );
      await expect(card.textContent()).resolves.toContain('R02');
      // The standard procedure beside the alert, in the officer's language: for the scam-hub rule,
      // ask about the job offer and the ticket, check the employer in SISKOP2MI, notify BP3MI and
      // the TPPO task force.
      const procedure = card.getByTestId('procedure');
      await procedure.locator('[data-rule="R02"]').waitFor({ timeout: 15_000 });
      await expect(procedure.getAttribute('data-version')).resolves.toBe(loadRuleSet().procedures);
      const steps = await procedure.locator('[data-rule="R02"]').textContent();
      expect(steps).toMatch(/Siapa yang menawarkan pekerjaan/);
      expect(steps).toMatch(/Rujuk ke pemeriksaan lanjutan/);
      expect(steps).toMatch(/SISKOP2MI/);
      expect(steps).toMatch(/BP3MI/);
      expect(steps).toMatch(/Satgas TPPO/);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await sub.locator(`[data-alert-id="${alertId}"]`).count()).toBe(0);

      await card.click();
      await dps.getByTestId('timeline-event').first().waitFor({ timeout: 15_000 });
      await expect(dps.getByTestId('timeline').textContent()).resolves.toContain('DPS');
      await card.getByTestId('action-acknowledge').click();
      await card
        .getByTestId('action-outcome')
        .filter({ hasText: /Diterima oleh petugas IMI-0042/ })
        .waitFor({ timeout: 15_000 });
      await dps.screenshot({ path: join(shots, 'desk-DPS.png'), fullPage: true });

      // The officer's language: Bahasa Indonesia by default, English by the switch, remembered by
      // the browser; in neither a key or a placeholder shows instead of words.
      const inBahasa = await visibleText(dps, 'id');
      // Headings are set in capitals by the style sheet, which innerText applies.
      expect(inBahasa).toMatch(/Tindakan yang disarankan/i);
      expect(inBahasa).toMatch(/tempat WNI dipaksa bekerja di kompleks penipuan daring/);
      expect(inBahasa).toMatch(/pindai keberangkatan sebelum pemeriksaan di DPS/);
      await switchLanguage(dps, 'en');
      await procedure
        .locator('[data-rule="R02"]')
        .filter({ hasText: /Who offered you the job/ })
        .waitFor({ timeout: 15_000 });
      const inEnglish = await visibleText(dps, 'en');
      expect(inEnglish).toMatch(/Who paid for the ticket and the visa/);
      expect(inEnglish).toMatch(/departure scan before clearance at DPS/);
      expect(inEnglish).not.toMatch(/Siapa yang menawarkan pekerjaan/);
      expect(inEnglish).toMatch(/Recommended/i);
      expect(inEnglish).toMatch(/online-scam compounds hold trafficked Indonesians/);
      expect(inEnglish).toMatch(/Acknowledged by officer IMI-0042/);
      await card
        .getByTestId('alert-severity')
        .filter({ hasText: /High|Critical|Medium|Low/ })
        .waitFor();
      await dps.screenshot({ path: join(shots, 'desk-DPS-en.png'), fullPage: true });
      await dps.reload();
      await card.waitFor({ timeout: 30_000 });
      expect(await visibleText(dps, 'en')).toMatch(/Recommended/i);
      await switchLanguage(dps, 'id');
      expect(await visibleText(dps, 'id')).toMatch(/Tindakan yang disarankan/i);

      const ours = await actionsAbout(nik);
      expect(ours).toMatchObject([
        { alertId, action: 'ACKNOWLEDGED', officerId: 'IMI-0042', deskId: 'dps-1' },
      ]);
      await dps.close();
      await sub.close();
    });

    it('shows an invalid token as refused and no alerts', async () => {
      const page = await browser.newPage();
      await page.goto(`${dashboardUrl}/desk/DPS#token=wrong-token-wrong-token-wrong&officer=IMI-0042`);
      await page.locator('[data-testid="desk-status"][data-state="signed-out"]').waitFor({ timeout: 15_000 });
      await page.locator('#sign-in-error').filter({ hasText: /token/ }).waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('alert-card').count()).toBe(0);
      await page.close();
    });

    it('draws the ops view: charts of topics, lag and alerts, and the live alert stream with masked NIKs', async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(dashboardUrl);
      await page.locator('canvas').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(4);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      // A trace id is 32 hex digits, and now and then 16 of them in a row are decimal: not a NIK.
      const text = ((await page.textContent('body')) ?? '').replace(/trace [0-9a-f]{32}/g, 'trace');
      expect(text).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
      expect(await visibleText(page, 'id')).toMatch(/Peringatan langsung/i);
      await page.screenshot({ path: join(shots, 'ops.png'), fullPage: true });
      // The switch reloads the page, which then builds its charts with English units.
      await Promise.all([page.waitForEvent('load'), switchLanguage(page, 'en')]);
      await page.locator('canvas').first().waitFor({ timeout: 30_000 });
      await page.locator('#updated[data-state="ok"]').waitFor({ timeout: 30_000 });
      const inEnglish = await visibleText(page, 'en');
      expect(inEnglish).toMatch(/Live alerts/i);
      expect(inEnglish).not.toMatch(/Peringatan langsung/i);
      await page.close();
    });
  });
});
