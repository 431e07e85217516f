import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import {
  compileAvroType,
  createAvroDecoder,
  registerCodec,
  TOPICS,
  type Connections,
  type KafkaProducer,
} from '@waspada/common';
import { openInProcessAgencies, type AgencyName } from '@waspada/producer-kit';
import type { RiskProcessor } from '@waspada/risk-processor';
import { CONTRACTS, type AccessRecord, type AlertAction, type RiskAlert } from '@waspada/schemas';
import { writeAnalystsFile } from './support/analysts';
import {
  eventually,
  logger,
  readTopicUntil,
  serviceEnv,
  testConnections,
  uniqueName,
  useTestKit,
} from './support/clients';
import { freePort } from './support/delivery';
import {
  scamHubScan,
  startTestProcessor,
  uniqueInstance,
  waitCaughtUp,
  withOwnRedisDb,
} from './support/risk-pipeline';

const MINUTE = 60_000;
const DAY = 86_400_000;
const analysts = writeAnalystsFile();
const TOKENS = analysts.tokens;

/**
 * The analyst workbench on the real stack: agency events go through the producers, the risk
 * processor joins them and raises alerts, and the dashboard's analyst index reads the streams.
 * The timeline and the network are then asked for over HTTP with analyst tokens.
 */
describe('analyst workbench', () => {
  const kit = useTestKit();
  let connections: Connections;
  let processor: RiskProcessor;
  let dashboard: ChildProcess;
  let agencies: Awaited<ReturnType<typeof openInProcessAgencies>>;
  let producer: KafkaProducer;
  let base: string;
  const processorGroup = uniqueName('analyst-processor');

  // Working-age men from Bogor (3201) born 12 Aug 1996; random serials keep runs apart.
  const serials = new Set<number>();
  const newNik = () => {
    let serial: number;
    do serial = randomInt(1, 10_000);
    while (serials.has(serial));
    serials.add(serial);
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
  /** The alerts raised about these people, read from the alerts topic. */
  async function alertsOf(niks: readonly string[]): Promise<Map<string, RiskAlert[]>> {
    const decode = decodeAlert();
    const wanted = new Set(niks);
    const found = new Map<string, RiskAlert[]>();
    await readTopicUntil(
      kit(),
      TOPICS.alerts,
      (records) => {
        const keys = new Set(records.map((record) => record.key?.toString() ?? ''));
        return [...wanted].every((nik) => keys.has(nik));
      },
      `alerts about ${niks.length} people`,
    ).then(async (records) => {
      for (const record of records) {
        const nik = record.key?.toString() ?? '';
        if (!wanted.has(nik)) continue;
        const alert = (await decode(record.value)).value;
        found.set(nik, [...(found.get(nik) ?? []), alert]);
      }
    });
    return found;
  }

  /** Until the dashboard's index has read the alert (the network answers for it). */
  const indexed = (alertId: string) =>
    eventually(
      async () => (await get(`/api/analyst/alerts/${alertId}/network`, TOKENS.analyst)).status === 200,
      `the analyst index to read alert ${alertId}`,
    );

  beforeAll(async () => {
    connections = await withOwnRedisDb(testConnections(), 11);
    agencies = await openInProcessAgencies(connections, logger);
    processor = await startTestProcessor(connections, processorGroup, uniqueInstance('analyst'));
    // Its own process, as in production (and jest cannot load the static-file plugin's ES modules).
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dashboard = spawn(process.execPath, [require.resolve('@waspada/dashboard/dist/main.js')], {
      env: serviceEnv(connections, {
        WASPADA_HTTP_PORT: String(port),
        WASPADA_ANALYSTS_FILE: analysts.file,
        WASPADA_ANALYST_INDEX_GROUP: uniqueName('analyst-index'),
        WASPADA_METRICS_TARGETS: `dashboard=${base}`,
        WASPADA_SAMPLE_INTERVAL_MS: '60000',
        WASPADA_ALERT_HISTORY_HOURS: '1',
      }),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await eventually(
      () =>
        fetch(`${base}/health/ready`).then(
          (reply) => reply.ok,
          () => false,
        ),
      'the dashboard to be ready',
    );
    producer = kit().kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    if (dashboard && dashboard.exitCode === null) {
      const exited = new Promise((resolve) => dashboard.once('exit', resolve));
      dashboard.kill('SIGTERM');
      await exited;
    }
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
      const alerts = (await alertsOf([nik])).get(nik) ?? [];
      alert =
        alerts.find((candidate) => candidate.triggerEventId === ids.crossing) ?? (alerts[0] as RiskAlert);
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
      await waitCaughtUp(kit().admin, processorGroup);
      await indexed(alert.alertId);
      await eventually(async () => {
        const { body } = await get(
          `/api/analyst/persons/${nik}/timeline?reason=${encodeURIComponent('waiting for the desk action')}`,
          TOKENS.analyst,
        );
        return ((body.events ?? []) as { eventId: string }[]).some((event) => event.eventId === actionId);
      }, 'the desk action in the timeline');
    });

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
});
