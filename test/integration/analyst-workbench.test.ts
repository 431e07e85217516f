import './support/own-topics';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  compileAvroType,
  createAvroDecoder,
  createRedis,
  registerCodec,
  TOPICS,
  type Connections,
  type KafkaProducer,
} from '@waspada/common';
import { openInProcessAgencies, type AgencyName } from '@waspada/producer-kit';
import type { RiskProcessor } from '@waspada/risk-processor';
import { CONTRACTS, type AccessRecord, type AlertAction, type RiskAlert } from '@waspada/schemas';
import { writeAnalystsFile } from './support/analysts';
import { launchChromium, pageProblems } from './support/browser';
import {
  eventually,
  logger,
  readTopicUntil,
  testConnections,
  uniqueName,
  useTestKit,
  useOwnTopics,
} from './support/clients';
import { startDashboardProcess, type DashboardProcess } from './support/dashboard-process';
import { switchLanguage, visibleText } from './support/page-language';
import {
  scamHubScan,
  startTestProcessor,
  uniqueInstance,
  waitSettled,
  withOwnRedisDb,
} from './support/risk-pipeline';

const MINUTE = 60_000;
const DAY = 86_400_000;
const analysts = writeAnalystsFile();
const TOKENS = analysts.tokens;

// This file's processors read topics of their own, never what other files left (own-topics.ts).
useOwnTopics();

/**
 * The analyst workbench on the real stack: agency events go through the producers, the risk
 * processor joins them and raises alerts, and the dashboard's analyst index reads the streams.
 * The timeline and the network are then asked for over HTTP with analyst tokens.
 */
describe('analyst workbench', () => {
  const kit = useTestKit();
  let connections: Connections;
  let processor: RiskProcessor;
  let dashboard: DashboardProcess | undefined;
  let agencies: Awaited<ReturnType<typeof openInProcessAgencies>>;
  let producer: KafkaProducer;
  let base: string;
  const processorGroup = uniqueName('analyst-processor');
  const indexStart = Date.now() - 60_000;

  // Working-age men from Bogor (3201) born 12 Aug 1996; random serials keep runs apart. A masked
  // NIK shows only the last two digits, so no two people of the run share them: the pages are
  // read by their masked NIKs.
  const endings = new Set<number>();
  const newNik = () => {
    let serial: number;
    do serial = randomInt(1, 10_000);
    while (endings.has(serial % 100));
    endings.add(serial % 100);
    return `320101120896${String(serial).padStart(4, '0')}`;
  };
  /** Letters only, so it folds as a name token: keeps this run's sponsors apart from others'. */
  const runToken = Array.from({ length: 7 }, () => String.fromCharCode(65 + randomInt(0, 26))).join('');
  const runName = runToken.charAt(0) + runToken.slice(1).toLowerCase();

  /** Publishes one agency record through its producer; resolves with its event id. */
  const submitOne = async (agency: AgencyName, eventTime: number, record: Record<string, unknown>) => {
    const [id] = await agencies.submit([{ agency, record: { ...record, eventTime } }]);
    return id as string;
  };
  /** A pre-clearance scan of a one-way trip to Cambodia (scam compounds): it raises an alert. */
  const departure = (nik: string, eventTime: number, extra: Record<string, unknown> = {}) =>
    submitOne('borderCrossing', eventTime, {
      ...scamHubScan(nik, {
        checkpointCode: 'CGK',
        counterId: 'C-07',
        fullName: 'Agus Setiawan',
        birthDate: '1996-08-12',
      }).record,
      ...extra,
    });

  const get = async (path: string, token?: string) => {
    const response = await fetch(`${base}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const decodeAlert = () =>
    createAvroDecoder<RiskAlert>(kit().registry, compileAvroType(CONTRACTS.alert.schema));
  /** Where the alerts topic ended before this run: its alerts all come after. */
  let alertStarts: { partition: number; high: string }[] = [];
  /** The alerts raised about these people, read from the alerts topic from this run's start. */
  async function alertsOf(niks: readonly string[]): Promise<Map<string, RiskAlert[]>> {
    const decode = decodeAlert();
    const wanted = new Set(niks);
    const found = new Map<string, RiskAlert[]>();
    const consumer = kit().kafka.consumer({
      groupId: uniqueName('analyst-alerts-reader'),
      autoCommit: false,
    });
    await consumer.connect();
    try {
      await consumer.subscribe([TOPICS.alerts], { fromBeginning: true });
      await consumer.run(async (batch) => {
        for (const record of batch.records) {
          const nik = record.key?.toString() ?? '';
          if (!wanted.has(nik)) continue;
          found.set(nik, [...(found.get(nik) ?? []), (await decode(record.value)).value]);
        }
      });
      for (const { partition, high } of alertStarts)
        consumer.seek({ topic: TOPICS.alerts, partition, offset: high });
      await eventually(() => found.size === wanted.size, `alerts about ${niks.length} people`, 180_000);
      return found;
    } finally {
      await consumer.disconnect();
    }
  }

  /** Until the dashboard's index has read the alert (the network answers for it). */
  const indexed = (alertId: string) =>
    eventually(
      async () => (await get(`/api/analyst/alerts/${alertId}/network`, TOKENS.analyst)).status === 200,
      `the analyst index to read alert ${alertId}`,
    );

  /** The dashboard on this test's Redis database, with the analyst index under `indexGroup`. */
  const startDashboard = (indexGroup: string) =>
    startDashboardProcess(connections, (url) => ({
      WASPADA_ANALYSTS_FILE: analysts.file,
      WASPADA_ANALYST_INDEX_GROUP: indexGroup,
      // Shared topics keep every earlier run's records: the index starts at this run.
      WASPADA_ANALYST_INDEX_START: new Date(indexStart).toISOString(),
      WASPADA_METRICS_TARGETS: `dashboard=${url}`,
      WASPADA_SAMPLE_INTERVAL_MS: '60000',
      WASPADA_ALERT_HISTORY_HOURS: '1',
    }));

  beforeAll(async () => {
    connections = await withOwnRedisDb(testConnections(), 11);
    alertStarts = await kit().admin.topicOffsets(TOPICS.alerts);
    agencies = await openInProcessAgencies(connections, logger);
    processor = await startTestProcessor(connections, processorGroup, uniqueInstance('analyst'));
    dashboard = await startDashboard(uniqueName('analyst-index'));
    base = dashboard.base;
    producer = kit().kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await dashboard?.stop();
    await processor?.close();
    await agencies?.close();
  });

  describe('person timeline', () => {
    const nik = newNik();
    const now = Date.now();
    const ids: Record<string, string> = {};
    let alert: RiskAlert;
    const actionId = randomUUID();

    beforeAll(async () => {
      ids.identity = await submitOne('identity', now - 3000 * DAY, {
        nik,
        eventType: 'SNAPSHOT',
        fullName: 'Agus Setiawan',
        birthDate: '1996-08-12',
        sex: 'MALE',
        birthPlace: 'Bogor',
        addressRegencyCode: '3201',
      });
      ids.refused = await submitOne('passport', now - 60 * DAY, {
        nik,
        eventType: 'REFUSED',
        applicationId: `APP-${nik}-1`,
        officeCode: 'KANIM-3201',
        officeRegencyCode: '3201',
        declaredPurpose: 'TOURISM',
        destinationCountry: 'MY',
        decisionReason: 'SUSPECTED_NON_PROCEDURAL_WORK',
      });
      ids.placement = await submitOne('placement', now - 40 * DAY, {
        nik,
        eventType: 'WORKER_REGISTERED',
        placementId: `PMI-${nik}`,
        p3miId: `P3MI-${runToken}`,
        p3miName: `PT Sinar ${runName}`,
        p3miLicenceStatus: 'ACTIVE',
        destinationCountry: 'TW',
      });
      ids.submitted = await submitOne('passport', now - 20 * DAY, {
        nik,
        eventType: 'APPLICATION_SUBMITTED',
        applicationId: `APP-${nik}-2`,
        officeCode: 'KANIM-3171',
        officeRegencyCode: '3171',
        fullName: 'Agus Setiawan',
        birthDate: '1996-08-12',
        sex: 'MALE',
        declaredPurpose: 'TOURISM',
        destinationCountry: 'KH',
      });
      ids.issued = await submitOne('passport', now - 13 * DAY, {
        nik,
        eventType: 'ISSUED',
        applicationId: `APP-${nik}-2`,
        officeCode: 'KANIM-3171',
        officeRegencyCode: '3171',
        passportNumber: `C${nik.slice(-7)}`,
      });
      ids.crossing = await departure(nik, now - 30 * MINUTE);
      ids.abroad = await submitOne('citizenAbroad', now - 10 * MINUTE, {
        nik,
        reportId: `PWNI-${nik}`,
        passportNumber: `C${nik.slice(-7)}`,
        fullName: 'Agus Setiawan',
        category: 'ONLINE_SCAM_COMPOUND',
        countryCode: 'KH',
        city: 'Sihanoukville',
        caseStatus: 'OPEN',
        reportedBy: 'FAMILY',
      });
      // The departure scan's alert: an earlier one (the passport's, say) may be published first.
      let alerts: RiskAlert[] = [];
      await eventually(
        async () => {
          alerts = (await alertsOf([nik])).get(nik) ?? [];
          return alerts.some((candidate) => candidate.triggerEventId === ids.crossing);
        },
        'the alert raised by the departure scan',
        240_000,
      );
      alert = alerts.find((candidate) => candidate.triggerEventId === ids.crossing) as RiskAlert;
      // The desk refers the traveller: an action as the notifier records it.
      const codec = await registerCodec<AlertAction>(
        kit().registry,
        CONTRACTS.alertAction.subject,
        CONTRACTS.alertAction.schema,
      );
      const action: AlertAction = {
        actionId,
        alertId: alert.alertId,
        firstAlertId: alert.firstAlertId,
        nik,
        checkpointCode: 'CGK',
        deskId: 'cgk-1',
        officerId: 'officer-17',
        action: 'REFERRED',
        reason: null,
        ruleIds: alert.rules.map((rule) => rule.ruleId),
        ruleSetVersion: alert.ruleSetVersion,
        severity: alert.severity,
        actionTime: Date.now(),
      };
      await producer.send([{ topic: TOPICS.alertActions, key: nik, value: codec.encode(action) }]);
      await waitSettled(kit(), processorGroup);
      await indexed(alert.alertId);
      await eventually(async () => {
        const { body } = await get(
          `/api/analyst/persons/${nik}/timeline?reason=${encodeURIComponent('waiting for the desk action')}`,
          TOKENS.analyst,
        );
        return ((body.events ?? []) as { eventId: string }[]).some((event) => event.eventId === actionId);
      }, 'the desk action in the timeline');
    }, 300_000);

    it('joins every agency, the alert and the desk action in event-time order, NIK masked for an analyst', async () => {
      const reason = `case ${randomUUID().slice(0, 8)}: checking a referral`;
      const { status, body } = await get(
        `/api/analyst/persons/${nik}/timeline?reason=${encodeURIComponent(reason)}`,
        TOKENS.analyst,
      );
      expect(status).toBe(200);
      expect(body.nik).toBe(`${nik.slice(0, 4)}**********${nik.slice(14)}`);
      expect(JSON.stringify(body)).not.toContain(nik);
      const events = body.events as { eventId: string; agency: string; kind: string; eventTime: string }[];
      const times = events.map((event) => Date.parse(event.eventTime));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const line = (eventId: string) => events.find((event) => event.eventId === eventId);
      expect(line(ids.identity as string)).toMatchObject({ agency: 'DUKCAPIL', kind: 'identity' });
      expect(line(ids.refused as string)).toMatchObject({ agency: 'IMIGRASI', kind: 'passport' });
      expect(line(ids.placement as string)).toMatchObject({ agency: 'KP2MI', kind: 'placement' });
      expect(line(ids.issued as string)).toMatchObject({ agency: 'IMIGRASI', kind: 'passport' });
      expect(line(ids.crossing as string)).toMatchObject({ agency: 'IMIGRASI', kind: 'crossing' });
      expect(line(ids.abroad as string)).toMatchObject({ agency: 'KEMLU', kind: 'abroad' });
      expect(line(alert.alertId)).toMatchObject({ agency: 'WASPADA', kind: 'alert', alertId: alert.alertId });
      expect(line(actionId)).toMatchObject({ kind: 'desk-action', alertId: alert.alertId });
      // The agency events in the order they happened, the alert right after the scan that raised it.
      const order = [ids.identity, ids.refused, ids.placement, ids.submitted, ids.issued, ids.crossing];
      const positions = order.map((id) => events.findIndex((event) => event.eventId === id));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(events.findIndex((event) => event.eventId === alert.alertId)).toBeGreaterThan(
        positions[positions.length - 1] as number,
      );

      // The view was recorded before it was served: who, which NIK, why.
      const decode = createAvroDecoder<AccessRecord>(
        kit().registry,
        compileAvroType(CONTRACTS.access.schema),
      );
      const records = await readTopicUntil(
        kit(),
        TOPICS.access,
        (all) => all.some((record) => record.key?.toString() === nik && record.value?.includes(reason)),
        'the timeline view on the access trail',
      );
      const trail = await Promise.all(
        records
          .filter((record) => record.key?.toString() === nik)
          .map(async (record) => (await decode(record.value)).value),
      );
      expect(trail.find((entry) => entry.purpose === reason)).toMatchObject({
        actorKind: 'ANALYST',
        actorId: analysts.ids.analyst,
        operation: 'VIEW_TIMELINE',
        nik,
        service: 'dashboard',
      });
    });

    it('shows an investigator the full NIK and the birth date', async () => {
      const { status, body } = await get(
        `/api/analyst/persons/${nik}/timeline?reason=${encodeURIComponent('investigation 2026/114')}`,
        TOKENS.investigator,
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({ nik, nikMasked: false, identity: { birthDate: '1996-08-12' } });
    });

    it('refuses a view without a reason, naming the field, and records nothing', async () => {
      const { status, body } = await get(`/api/analyst/persons/${nik}/timeline`, TOKENS.analyst);
      expect(status).toBe(400);
      expect(body.error).toMatch(/^reason: required/);
      expect((await get(`/api/analyst/persons/${nik}/timeline?reason=%20%20`, TOKENS.analyst)).status).toBe(
        400,
      );
      const badNik = await get('/api/analyst/persons/12345/timeline?reason=x', TOKENS.analyst);
      expect(badNik).toMatchObject({ status: 400, body: { error: 'nik: a NIK is 16 digits' } });
    });

    it('answers 401 without a token or with a wrong one', async () => {
      expect((await get(`/api/analyst/persons/${nik}/timeline?reason=x`)).status).toBe(401);
      expect(
        (await get(`/api/analyst/persons/${nik}/timeline?reason=x`, `wrong-${randomUUID()}`)).status,
      ).toBe(401);
      expect((await get(`/api/analyst/alerts/${alert.alertId}/network`)).status).toBe(401);
      expect((await get('/api/analyst/entities/top')).status).toBe(401);
    });

    it('opens the same timeline from an alert id, recording the alert as the occasion', async () => {
      const { status, body } = await get(
        `/api/analyst/alerts/${alert.alertId}/timeline?reason=${encodeURIComponent('from the network page')}`,
        TOKENS.analyst,
      );
      expect(status).toBe(200);
      expect((body.events as { eventId: string }[]).map((event) => event.eventId)).toContain(ids.crossing);
    });
  });
  describe('network of cases', () => {
    // Two to three hours ago (inside the processor's late-alert window), to the millisecond: the
    // ranking below asks for a ten-second period no other run's alerts fall into.
    const at = Date.now() - 2 * 3_600_000 - randomInt(0, 3_600_000);
    const upper = runToken;
    const shared = [`Djoko Santoso ${runName}`, `H. Joko Santosa ${runName}`, `DJOKO SANTOSO ${upper}`];
    const people = {
      shared: shared.map(() => newNik()),
      single: newNik(),
      watchlisted: newNik(),
      different: newNik(),
    };
    const entryId = `WL-${runToken}`;
    const alertOf = new Map<string, RiskAlert>();
    type Network = {
      entities: {
        id: string;
        kind: string;
        names: string[];
        watchlist: { entryId: string }[];
        people: { nik: string }[];
        alerts: { alertId: string }[];
      }[];
    };
    const network = async (nik: string) => {
      const alert = alertOf.get(nik) as RiskAlert;
      const { status, body } = await get(`/api/analyst/alerts/${alert.alertId}/network`, TOKENS.analyst);
      return status === 200 ? (body as unknown as Network) : undefined;
    };
    const sponsorOf = async (nik: string) =>
      (await network(nik))?.entities.find((entity) => entity.kind === 'sponsor');
    const masked = (nik: string) => `${nik.slice(0, 4)}**********${nik.slice(14)}`;

    beforeAll(async () => {
      await submitOne('watchlist', at - 10 * DAY, {
        entryId,
        entryType: 'RECRUITER',
        name: `Haji Sutrisno Wibowo ${runName}`,
        aliases: [],
        identifier: null,
        reason: 'named by victims repatriated from Malaysia',
        active: true,
      });
      for (const [index, nik] of people.shared.entries())
        await departure(nik, at + index * 1_000, { sponsor: shared[index] });
      await departure(people.single, at + 3_000, { sponsor: `Bambang Wijaya ${runName}` });
      await departure(people.watchlisted, at + 4_000, { sponsor: `SOETRISNO WIBOWO ${upper}` });
      await departure(people.different, at + 5_000, { sponsor: `Sutrisno Wijaya ${runName}` });
      const everyone = [...people.shared, people.single, people.watchlisted, people.different];
      const alerts = await alertsOf(everyone);
      for (const nik of everyone) {
        const departureAlert = (alerts.get(nik) ?? []).find((alert) =>
          alert.situation.startsWith('departure:'),
        );
        if (!departureAlert) throw new Error(`no departure alert about ${masked(nik)}`);
        alertOf.set(nik, departureAlert);
      }
      // The crossings and the alerts come on different topics: wait until both are linked.
      await eventually(async () => {
        for (const nik of everyone) if (((await sponsorOf(nik))?.names.length ?? 0) === 0) return false;
        const sponsor = await sponsorOf(people.shared[0] as string);
        return (sponsor?.alerts.length ?? 0) >= 2;
      }, 'the network to link every traveller to their sponsor');
    });

    it('links alerts whose sponsor is spelled differently, through that sponsor', async () => {
      const [first, second, third] = people.shared as [string, string, string];
      const sponsor = await sponsorOf(first);
      // Spellings that fold alike (case, titles) are one spelling; the others are kept.
      expect(sponsor?.names).toHaveLength(2);
      expect(sponsor?.names).toContain(shared[1]);
      expect(sponsor?.people.map((person) => person.nik).sort()).toEqual(
        [masked(second), masked(third)].sort(),
      );
      expect(sponsor?.alerts.map((alert) => alert.alertId).sort()).toEqual(
        [alertOf.get(second)?.firstAlertId, alertOf.get(third)?.firstAlertId].sort(),
      );
      // The same entity seen from the other spellings.
      expect((await sponsorOf(second))?.id).toBe(sponsor?.id);
      expect((await sponsorOf(third))?.id).toBe(sponsor?.id);
      // A different broker is not linked.
      expect((await sponsorOf(people.single))?.id).not.toBe(sponsor?.id);
    });

    it('marks a spelling variant of a watchlisted recruiter, and not a different person', async () => {
      expect((await sponsorOf(people.watchlisted))?.watchlist.map((entry) => entry.entryId)).toEqual([
        entryId,
      ]);
      expect((await sponsorOf(people.different))?.watchlist).toEqual([]);
      expect((await sponsorOf(people.single))?.watchlist).toEqual([]);
    });

    it('ranks the sponsor of the most alerts in the period first', async () => {
      const query = `from=${at - 1}&to=${at + 10_000}&limit=10`;
      const { status, body } = await get(`/api/analyst/entities/top?${query}`, TOKENS.analyst);
      expect(status).toBe(200);
      const ranked = body.entities as { id: string; kind: string; alerts: number; people: number }[];
      const sponsor = await sponsorOf(people.shared[0] as string);
      expect(ranked[0]).toMatchObject({ id: sponsor?.id, kind: 'sponsor', alerts: 3, people: 3 });
      expect(ranked.slice(1).every((entity) => entity.alerts < 3)).toBe(true);
      expect(ranked.map((entity) => entity.id)).toEqual(
        expect.arrayContaining([
          (await sponsorOf(people.watchlisted))?.id,
          (await sponsorOf(people.single))?.id,
        ]),
      );
      // Outside the period, none of them counts.
      const before = await get(`/api/analyst/entities/top?from=${at - 60_000}&to=${at - 1}`, TOKENS.analyst);
      expect((before.body.entities as { id: string }[]).map((entity) => entity.id)).not.toContain(
        sponsor?.id,
      );
      const bad = await get('/api/analyst/entities/top?from=yesterday', TOKENS.analyst);
      expect(bad).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^from: /) } });
    });

    it("shows the timeline, the network and one bar on every analyst page in a browser, under the pages' CSP", async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const problems = pageProblems(page);
        const [nik, other] = people.shared as [string, string];
        const alert = alertOf.get(nik) as RiskAlert;

        await page.goto(`${base}/analyst/person`);
        await page.fill('#token', TOKENS.investigator);
        await page.click('#sign-in-form button');
        await page.fill('#nik', nik);
        await page.fill('#reason', 'browser check of the person page');
        await page.click('#lookup button');
        await page.waitForSelector(`#events tr[data-kind="alert"] >> text=${alert.alertId}`);
        expect(await page.textContent('#person-nik')).toBe(nik);
        expect(await page.textContent('#who')).toContain(analysts.ids.investigator);
        // Each line of the joined record comes as catalogue keys and values, read in the reader's
        // language: Bahasa Indonesia first, English after the switch.
        const alertRow = page.locator('#events tr[data-kind="alert"]').first();
        expect(await alertRow.textContent()).toMatch(
          /Peringatan.*peringatan (Tinggi|Kritis|Sedang|Rendah), skor \d+, situasi /,
        );
        expect(await visibleText(page, 'id')).toMatch(
          /Perlintasan\s+pindai keberangkatan sebelum pemeriksaan di /,
        );
        await switchLanguage(page, 'en');
        await page
          .locator('#events tr[data-kind="alert"]', {
            hasText: /alert (High|Critical|Medium|Low), score \d+, situation /,
          })
          .first()
          .waitFor({ timeout: 15_000 });
        expect(await visibleText(page, 'en')).toMatch(/Crossing\s+departure scan before clearance at /);
        await switchLanguage(page, 'id');

        // The token stays in the tab: the network page needs no second sign-in.
        await page.goto(`${base}/analyst/network?alert=${alert.alertId}`);
        const sponsor = await sponsorOf(nik);
        const article = page.locator(`article[data-entity="${sponsor?.id}"]`);
        await article.waitFor();
        expect(await article.textContent()).toContain(masked(other));
        await page.waitForSelector('#top tr');

        // Every analyst page has the same bar, and the same tab's token signs it in.
        await page.goto(`${base}/analyst/rules`);
        await page.locator('#page').waitFor({ state: 'visible' });
        expect(await page.locator('.analyst-nav a').allTextContents()).toEqual([
          'Riwayat orang',
          'Jaringan kasus',
          'Backtest',
          'Set aturan',
          'Operasional',
        ]);
        expect(await page.getAttribute('.analyst-nav a[aria-current="page"]', 'href')).toBe('/analyst/rules');
        expect(await page.textContent('#who')).toContain(analysts.ids.investigator);
        expect(await visibleText(page, 'id')).toContain('Versi set aturan');
        // English by the switch, and still English on the next page this browser opens.
        await switchLanguage(page, 'en');
        expect(await page.locator('.analyst-nav a').allTextContents()).toEqual([
          'Person timeline',
          'Network of cases',
          'Backtests',
          'Rule sets',
          'Operations',
        ]);
        expect(await visibleText(page, 'en')).toContain('Rule-set versions');
        await page.goto(`${base}/analyst/person`);
        await page.locator('#page').waitFor({ state: 'visible' });
        expect(await visibleText(page, 'en')).toContain('Show timeline');
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });

    type GraphNode = {
      id: string;
      kind: string;
      ref?: string;
      nik?: string;
      latestAlert?: { alertId: string; href: string } | null;
    };
    type Graph = {
      centre: string;
      alertId: string | null;
      nodes: GraphNode[];
      edges: { source: string; target: string }[];
    };
    const graphOf = async (entityId: string, token = TOKENS.analyst) => {
      const { status, body } = await get(
        `/api/analyst/entities/${encodeURIComponent(entityId)}/network`,
        token,
      );
      return { status, graph: body as unknown as Graph, error: body.error };
    };

    it('draws an entity, a person and an alert as nodes and edges with no NIK, recording every person shown', async () => {
      const sponsor = await sponsorOf(people.shared[0] as string);
      const id = sponsor?.id as string;
      const { status, graph } = await graphOf(id);
      expect(status).toBe(200);
      expect(graph.centre).toBe(id);
      const persons = graph.nodes.filter((node) => node.kind === 'person');
      expect(persons.map((node) => node.nik).sort()).toEqual(people.shared.map(masked).sort());
      expect(graph.edges.map((edge) => edge.target)).toEqual(persons.map(() => id));
      expect(graph.edges.map((edge) => edge.source).sort()).toEqual(persons.map((node) => node.id).sort());
      for (const node of persons) {
        expect(node.id).toBe(`person:${node.ref}`);
        expect(node.latestAlert?.href).toBe(`/analyst/person?alert=${node.latestAlert?.alertId}`);
      }
      const everyone = [...alertOf.keys()];
      for (const nik of everyone) expect(JSON.stringify(graph)).not.toContain(nik);

      // A person opens by ref: the entities their events name, the sponsor among them.
      const second = persons.find((node) => node.nik === masked(people.shared[1] as string)) as GraphNode;
      const person = await graphOf(second.id);
      expect(person.status).toBe(200);
      expect(person.graph.centre).toBe(second.id);
      expect(person.graph.nodes.map((node) => node.id)).toContain(id);
      expect(person.graph.edges).toContainEqual(expect.objectContaining({ source: second.id, target: id }));
      // An alert opens as its person, the alert named.
      const alert = alertOf.get(people.single) as RiskAlert;
      const ofAlert = await graphOf(`alert:${alert.alertId}`);
      expect(ofAlert.status).toBe(200);
      expect(ofAlert.graph.alertId).toBe(alert.alertId);
      expect(ofAlert.graph.nodes.find((node) => node.id === ofAlert.graph.centre)?.nik).toBe(
        masked(people.single),
      );
      for (const nik of everyone) expect(JSON.stringify([person.graph, ofAlert.graph])).not.toContain(nik);

      // Every person shown is on the access trail, before the answer: who, whom, which view.
      const decode = createAvroDecoder<AccessRecord>(
        kit().registry,
        compileAvroType(CONTRACTS.access.schema),
      );
      const purpose = `network of ${id}`;
      const shownOf = (records: readonly { key: Buffer | null; value: Buffer | null }[]) =>
        new Set(
          records
            .filter(
              (record) =>
                people.shared.includes(record.key?.toString() ?? '') && record.value?.includes(purpose),
            )
            .map((record) => record.key?.toString()),
        );
      const records = await readTopicUntil(
        kit(),
        TOPICS.access,
        (all) => shownOf(all).size === people.shared.length,
        'the network view of every person shown on the access trail',
      );
      const trail = await Promise.all(
        records
          .filter((record) => [...people.shared, people.single].includes(record.key?.toString() ?? ''))
          .map(async (record) => (await decode(record.value)).value),
      );
      for (const nik of people.shared)
        expect(trail.find((entry) => entry.nik === nik && entry.purpose === purpose)).toMatchObject({
          actorKind: 'ANALYST',
          actorId: analysts.ids.analyst,
          operation: 'VIEW_NETWORK',
          alertId: null,
          service: 'dashboard',
        });
      expect(trail).toContainEqual(
        expect.objectContaining({
          nik: people.shared[1],
          operation: 'VIEW_NETWORK',
          purpose: `network of person ${masked(people.shared[1] as string)}`,
        }),
      );
      expect(trail).toContainEqual(
        expect.objectContaining({ nik: people.single, operation: 'VIEW_NETWORK', alertId: alert.alertId }),
      );
      // The network of an alert (the list above the graph) records everyone it shows the same way.
      const firstAlert = alertOf.get(people.shared[0] as string) as RiskAlert;
      expect(trail).toContainEqual(
        expect.objectContaining({
          nik: people.shared[1],
          operation: 'VIEW_NETWORK',
          alertId: firstAlert.alertId,
          purpose: `network of alert ${firstAlert.alertId}`,
        }),
      );
    });

    it('refuses an unknown kind, a ref it never gave and a caller without a token; takes a long entity id', async () => {
      expect(await graphOf('planet:mars')).toMatchObject({
        status: 400,
        error: expect.stringMatching(/^entityId: /),
      });
      expect(await graphOf(`person:${'A'.repeat(43)}`)).toMatchObject({
        status: 404,
        error: expect.stringMatching(/^entityId: this person ref is unknown/),
      });
      expect(await graphOf('person:not-a-ref')).toMatchObject({ status: 400 });
      // A name as long as an agency writes one is still an id the route takes (Fastify's default is 100).
      expect(await graphOf(`sponsor:${'X'.repeat(450)}`)).toMatchObject({
        status: 404,
        error: expect.stringMatching(/^entityId: no entity sponsor:X+ is indexed$/),
      });
      const sponsor = await sponsorOf(people.shared[0] as string);
      expect(
        (await get(`/api/analyst/entities/${encodeURIComponent(sponsor?.id as string)}/network`)).status,
      ).toBe(401);
      // The library is served from node_modules, and only its module build.
      const library = await fetch(`${base}/vendor/cytoscape/cytoscape.esm.min.mjs`);
      expect(library.status).toBe(200);
      expect(library.headers.get('content-type')).toMatch(/javascript/);
      expect((await fetch(`${base}/vendor/cytoscape/cytoscape.cjs.js`)).status).toBe(404);
    });

    it('draws the graph of an alert in a browser and opens a sponsor by a click on it, under the CSP', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
        const problems = pageProblems(page);
        const [nik, second, third] = people.shared as [string, string, string];
        const alert = alertOf.get(nik) as RiskAlert;
        const sponsor = (await sponsorOf(nik))?.id as string;

        await page.goto(`${base}/analyst/network`);
        await page.fill('#token', TOKENS.analyst);
        await page.click('#sign-in-form button');
        await page.locator('#page').waitFor({ state: 'visible' });
        await page.goto(`${base}/analyst/network?alert=${alert.alertId}`);
        const node = (id: string) => page.locator(`#graph-nodes li[data-node="${id}"]`);
        await node(sponsor).waitFor();
        expect(await page.locator('#graph-nodes li[data-kind="person"]').count()).toBe(1);
        expect(await page.textContent('#graph-detail')).toContain(masked(nik));

        // A click on the sponsor's node in the drawing opens it: the other two travellers appear.
        const graph = page.locator('#graph');
        await graph.scrollIntoViewIfNeeded();
        const at = await settledPosition(page, sponsor);
        const box = await graph.boundingBox();
        await page.mouse.click((box?.x ?? 0) + at.x, (box?.y ?? 0) + at.y);
        await eventually(
          async () => (await page.locator('#graph-nodes li[data-kind="person"]').count()) === 3,
          'the sponsor opened by a click, its other two travellers drawn',
          20_000,
        );
        const list = (await page.textContent('#graph-nodes')) ?? '';
        expect(list).toContain(masked(second));
        expect(list).toContain(masked(third));
        expect(await node(sponsor).textContent()).toContain('sudah dibuka');
        expect(await page.textContent('#graph-detail')).toContain('orang terkait');
        expect(await visibleText(page, 'id')).toContain('Gambar jaringan');

        // The list opens a node as the click does, and reads in English after the switch.
        await switchLanguage(page, 'en');
        const thirdNode = page.locator('#graph-nodes li[data-kind="person"]', { hasText: masked(third) });
        await thirdNode.locator('button').click();
        await eventually(
          async () => ((await thirdNode.textContent()) ?? '').includes('opened'),
          'the traveller opened from the list',
          20_000,
        );
        expect(await page.textContent('#graph-detail')).toContain('Latest alert:');
        expect(await visibleText(page, 'en')).toContain('Network graph');
        // What the page drew before the switch is drawn again in English.
        await page.waitForSelector(`#top button[data-graph="${sponsor}"]`);
        expect(await page.textContent(`#top button[data-graph="${sponsor}"]`)).toBe('Graph');
        expect(await page.textContent('#network')).toContain('2 other people:');

        // The ranking's button starts a new graph from the entity itself.
        await page.click(`#top button[data-graph="${sponsor}"]`);
        await eventually(
          async () => ((await page.textContent('#graph-detail')) ?? '').includes('3 people linked'),
          'the graph of the sponsor from the ranking',
          20_000,
        );
        expect(await page.locator('#graph-nodes li[data-kind="person"]').count()).toBe(3);

        const html = await page.content();
        for (const person of people.shared) expect(html).not.toContain(person);
        expect(problems).toEqual([]);
        const shots = join(__dirname, '..', '..', '.waspada', 'screenshots');
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, 'analyst-network-graph.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    });

    it('is the same after a second index reads every topic again from where the first started', async () => {
      const mine = (key: string) =>
        [...alertOf.keys()].some((nik) => key.includes(nik)) ||
        key.includes(runToken) ||
        [...alertOf.values()].some(
          (alert) => key.includes(alert.alertId) || key.includes(alert.firstAlertId),
        );
      const before = await dumpIndex(connections.redisUrl, mine);
      expect(Object.keys(before).length).toBeGreaterThan(10);
      const group = uniqueName('analyst-index-replay');
      // Per partition: where the second index starts (the same time as the first) and the end now.
      const ranges: { topic: string; partition: number; start: bigint; end: bigint }[] = [];
      for (const topic of INDEX_TOPICS) {
        const starts = await kit().admin.offsetsForTime(topic, indexStart);
        for (const { partition, high } of await kit().admin.topicOffsets(topic)) {
          const start = BigInt(starts.find((entry) => entry.partition === partition)?.offset ?? high);
          // The alerts topic is transactional: its last offset may be a commit marker, never read.
          const end = BigInt(high) - (topic === TOPICS.alerts ? 1n : 0n);
          if (start < end) ranges.push({ topic, partition, start, end });
        }
      }
      const started = Date.now();
      const second = await startDashboard(group);
      try {
        await eventually(
          async () => {
            for (const topic of INDEX_TOPICS) {
              const committed = new Map(
                (await kit().admin.groupOffsets(group, topic)).map((entry) => [
                  entry.partition,
                  BigInt(entry.offset),
                ]),
              );
              for (const range of ranges)
                if (range.topic === topic && (committed.get(range.partition) ?? -1n) < range.end)
                  return false;
            }
            return true;
          },
          'the second index to read every topic to its end',
          280_000,
        );
        const records = ranges.reduce((sum, range) => sum + range.end - range.start, 0n);
        process.stdout.write(
          `analyst index, second read: ${records} records in ${((Date.now() - started) / 1000).toFixed(1)} s (with start-up)\n`,
        );
      } finally {
        await second.stop();
      }
      expect(await dumpIndex(connections.redisUrl, mine)).toEqual(before);
    });
  });

  describe('rule editor', () => {
    const post = async (path: string, token: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    /** A version no earlier run proposed: the rule-changes topic keeps every run's proposals. */
    const newVersion = () => `2026.12.${randomInt(1_000, 1_000_000_000)}`;
    interface LiveAnswer {
      version: string;
      contentSha256: string;
      content: string;
    }

    it('refuses a bad threshold by the path of its field, against the same schema as the file', async () => {
      const live = (await get('/api/analyst/rulesets/live', TOKENS.analyst)).body as unknown as LiveAnswer;
      const edited = JSON.parse(live.content) as {
        version: string;
        rules: Record<string, { params: object }>;
      };
      edited.version = newVersion();
      edited.rules.R05 = { ...edited.rules.R05!, params: { ...edited.rules.R05!.params, windowDays: 0 } };

      const answer = await post('/api/analyst/rulesets/validate', TOKENS.analyst, {
        content: JSON.stringify(edited),
      });

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        valid: false,
        against: live.version,
        problems: [{ path: 'rules.R05.params.windowDays', message: expect.any(String) }],
      });
      expect(answer.body.changes).toContainEqual({
        path: 'rules.R05.params.windowDays',
        kind: 'changed',
        live: 90,
        proposed: 0,
      });
      expect((await post('/api/analyst/rulesets/validate', 'wrong-token-xxxxxxxxxxxxxxxx', {})).status).toBe(
        401,
      );
    });

    it('edits a threshold of the live version in a form, shows the diff, proposes it and lists it, in both languages', async () => {
      const live = (await get('/api/analyst/rulesets/live', TOKENS.analyst)).body as unknown as LiveAnswer;
      const version = newVersion();
      const windowDays = '[data-path="rules.R05.params.windowDays"]';
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const problems = pageProblems(page);
        await page.goto(`${base}/analyst/rules`);
        await page.fill('#token', TOKENS.analyst);
        await page.click('#sign-in-form button');
        await page.locator('#page').waitFor({ state: 'visible' });
        await page.locator('#live-version', { hasText: live.version }).waitFor();
        expect(await page.textContent('#live-hash')).toBe(live.contentSha256);
        expect(await visibleText(page, 'id')).toContain('Versi yang berlaku');

        await page.click('#edit-from-live');
        await page.locator(windowDays).waitFor({ state: 'attached' });
        await page.fill('#edit-version', version);
        await page.locator('details[data-rule="R05"] summary').click();
        // A value the schema refuses: named beside its field, and nothing can be proposed.
        await page.fill(windowDays, '0');
        await page.locator(`#edit-problems li[data-path="rules.R05.params.windowDays"]`).waitFor();
        await page.locator(`${windowDays}[aria-invalid="true"]`).waitFor();
        expect(await page.isDisabled('#edit-propose')).toBe(true);
        // A good one: the diff against live lists it, with the new version.
        await page.fill(windowDays, '120');
        const change = page.locator('#edit-changes tr[data-path="rules.R05.params.windowDays"]', {
          hasText: '120',
        });
        await change.waitFor();
        expect((await change.innerText()).replace(/\s+/g, ' ')).toContain('90 → 120');
        await page.locator('#edit-changes tr[data-path="version"]', { hasText: version }).waitFor();
        expect(await page.locator('#edit-changes tr').count()).toBe(2);
        expect(await page.locator(`${windowDays}[aria-invalid]`).count()).toBe(0);
        await page.fill('#edit-comment', 'R05 window of 120 days');
        await page.locator('#edit-propose:not([disabled])').waitFor();
        await page.click('#edit-propose');

        await page.locator(`#versions tr[data-version="${version}"][data-status="PROPOSED"]`).waitFor();
        await page.locator('#proposed', { hasText: version }).waitFor();
        const proposed = (await get(`/api/analyst/rulesets/${version}`, TOKENS.analyst)).body as {
          proposedBy: string;
          content: string;
        };
        expect(proposed.proposedBy).toBe(analysts.ids.analyst);
        const content = JSON.parse(proposed.content) as {
          rules: { R05: { params: { windowDays: number } } };
        };
        expect(content.rules.R05.params.windowDays).toBe(120);

        // The shadow difference of the proposed version, one click away, as new/dropped/changed counts.
        await page.click('#proposed-diff');
        await page.locator('#diff-confusion').waitFor();
        await eventually(
          async () => ((await page.textContent('#confusion-new')) ?? '') !== '',
          'the shadow difference of the proposed version',
          120_000,
        );
        expect(await page.textContent('#diff-version')).toBe(version);
        await visibleText(page, 'id');

        await switchLanguage(page, 'en');
        const english = await visibleText(page, 'en');
        expect(english).toContain('Live version');
        expect(english).toContain(`Version ${version} proposed.`);
        expect(english).toContain(`alerted by ${version}`);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
});

/**
 * Where a node of the page's graph is drawn, relative to the graph's box, once the layout has
 * stopped moving it. Cytoscape keeps its instance on its container (`_cyreg`, its own registry).
 */
async function settledPosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  let last = { x: Number.NaN, y: Number.NaN };
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const now = await page.evaluate((nodeId) => {
      type Cy = { getElementById(id: string): { renderedPosition(): { x: number; y: number } } };
      const container = (
        globalThis as unknown as { document: { querySelector(s: string): { _cyreg?: { cy?: Cy } } } }
      ).document.querySelector('#graph');
      return (
        container._cyreg?.cy?.getElementById(nodeId).renderedPosition() ?? { x: Number.NaN, y: Number.NaN }
      );
    }, id);
    if (now.x === last.x && now.y === last.y && Number.isFinite(now.x)) return now;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`node ${id} did not settle in the graph`);
}

/** Every topic the analyst index reads. */
const INDEX_TOPICS = [
  TOPICS.watchlist,
  TOPICS.placement,
  TOPICS.borderCrossing,
  TOPICS.alerts,
  TOPICS.alertActions,
];

/** The analyst index's keys that `keep` selects, with their contents in a comparable form. */
async function dumpIndex(redisUrl: string, keep: (key: string) => boolean): Promise<Record<string, unknown>> {
  const redis = createRedis(redisUrl);
  await redis.connect();
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', 'waspada:analyst:*', 'COUNT', 1000);
      cursor = next;
      keys.push(...found.filter(keep));
    } while (cursor !== '0');
    const dump: Record<string, unknown> = {};
    for (const key of keys.sort()) {
      const type = await redis.type(key);
      if (type === 'string') dump[key] = await redis.get(key);
      else if (type === 'hash') dump[key] = await redis.hgetall(key);
      else if (type === 'set') dump[key] = (await redis.smembers(key)).sort();
      else if (type === 'zset') dump[key] = await redis.zrange(key, 0, -1, 'WITHSCORES');
      else dump[key] = type;
    }
    return dump;
  } finally {
    await redis.quit();
  }
}
