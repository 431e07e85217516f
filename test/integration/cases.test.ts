import './support/own-topics';
import { randomInt, randomUUID } from 'node:crypto';
import {
  compileAvroType,
  createAvroDecoder,
  createRedis,
  registerCodec,
  TOPICS,
  type Connections,
  type KafkaProducer,
} from '@waspada/common';
import {
  CONTRACTS,
  type AccessRecord,
  type AlertAction,
  type CaseEvent,
  type RiskAlert,
} from '@waspada/schemas';
import { writeAnalystsFile } from './support/analysts';
import { launchChromium, pageProblems } from './support/browser';
import { switchLanguage, visibleText } from './support/page-language';
import {
  eventually,
  readTopicUntil,
  testConnections,
  uniqueName,
  useTestKit,
  useOwnTopics,
} from './support/clients';
import { startDashboardProcess, type DashboardProcess } from './support/dashboard-process';
import { readWholeTopic, withOwnRedisDb } from './support/risk-pipeline';

const BOGOR = '3201';
const CILACAP = '3301';
const analysts = writeAnalystsFile([BOGOR, CILACAP]);

// This file's services read topics of their own, never what other files left (own-topics.ts).
useOwnTopics();

/**
 * Case management on the real stack: desk referrals written to the desk-actions topic as the
 * notifier writes them, the dashboard as its own process opening cases from them exactly once,
 * folding the case topic into Redis and serving the case API to regency accounts.
 */
describe('cases', () => {
  const kit = useTestKit();
  let connections: Connections;
  let dashboard: DashboardProcess | undefined;
  let producer: KafkaProducer;
  let base: string;

  // A woman from Kabupaten Bogor born 12 Aug 1996 (day + 40); a random serial keeps runs apart.
  const nik = `320101520896${String(randomInt(1, 10_000)).padStart(4, '0')}`;
  const firstAlertId = randomUUID();
  /** Found in the work queue by its first alert id. */
  let caseId = '';
  const openerGroup = uniqueName('case-opener');
  const referrals = [randomUUID(), randomUUID()];

  const call = async (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const bogor = analysts.regencyTokens[BOGOR] as string;
  const cilacap = analysts.regencyTokens[CILACAP] as string;

  const action = (actionId: string, kind: AlertAction['action'], actionTime: number): AlertAction => ({
    actionId,
    alertId: firstAlertId,
    firstAlertId,
    nik,
    checkpointCode: 'CGK',
    deskId: 'tpi-cgk-1',
    officerId: 'IMI-0107',
    action: kind,
    reason: null,
    ruleIds: ['R01', 'R03'],
    ruleSetVersion: '2026.11.1',
    severity: 'HIGH',
    actionTime,
  });

  beforeAll(async () => {
    connections = await withOwnRedisDb(testConnections(), 3);
    dashboard = await startDashboardProcess(connections, (url) => ({
      WASPADA_ANALYSTS_FILE: analysts.file,
      WASPADA_ANALYST_INDEX_GROUP: uniqueName('cases-index'),
      WASPADA_ANALYST_INDEX_START: new Date().toISOString(),
      // Groups of this run: the shared topics hold every earlier run's records, and this Redis
      // database was emptied, so the projection reads the case topic from its beginning again.
      WASPADA_CASES_GROUP: uniqueName('cases-projection'),
      WASPADA_CASE_OPENER_GROUP: openerGroup,
      WASPADA_METRICS_TARGETS: `dashboard=${url}`,
      WASPADA_SAMPLE_INTERVAL_MS: '60000',
      WASPADA_ALERT_HISTORY_HOURS: '1',
    }));
    base = dashboard.base;
    producer = kit().kafka.producer();
    await producer.connect();
    const codec = await registerCodec<AlertAction>(
      kit().registry,
      CONTRACTS.alertAction.subject,
      CONTRACTS.alertAction.schema,
    );
    // The officer referred the traveller, then a colleague at the next shift referred her again.
    const now = Date.now();
    await producer.send(
      [
        action(randomUUID(), 'ACKNOWLEDGED', now - 3_000),
        ...referrals.map((id, index) => action(id, 'REFERRED', now - 2_000 + index)),
      ].map((value) => ({ topic: TOPICS.alertActions, key: nik, value: codec.encode(value) })),
    );
  });

  afterAll(async () => {
    await producer?.disconnect();
    await dashboard?.stop();
  });

  it('opens exactly one case from two referrals of the situation, in the origin regency queue', async () => {
    type Queue = { cases: { caseId: string; firstAlertId: string }[] };
    let mine: Queue['cases'] = [];
    await eventually(
      async () => {
        const answer = await call('GET', `/api/analyst/cases?regency=${BOGOR}&status=OPEN`, bogor);
        mine = (answer.body as Queue).cases.filter((entry) => entry.firstAlertId === firstAlertId);
        return answer.status === 200 && mine.length > 0;
      },
      'the case in the Bogor work queue',
      120_000,
    );
    expect(mine).toHaveLength(1);
    caseId = mine[0]?.caseId ?? '';

    const shown = await call('GET', `/api/analyst/cases/${caseId}`, bogor);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      caseId,
      firstAlertId,
      status: 'OPEN',
      openedBy: 'DESK_REFERRAL',
      originRegencyCode: BOGOR,
      assignee: { kind: 'REGENCY_OFFICE', code: BOGOR },
      // A regency account sees the NIK masked.
      nik: expect.not.stringContaining(nik.slice(6)) as unknown,
    });
    const history = shown.body.history as { change: string; sourceActionId: string }[];
    expect(history.map((event) => event.change)).toEqual(['OPENED']);

    // On the case topic: one opening per referral (the opener wrote each once), none for the acknowledgement.
    const records = await readTopicUntil(
      kit(),
      TOPICS.cases,
      (read) => read.filter((record) => record.key?.toString() === nik).length >= 2,
      'both openings on the case topic',
    );
    const decode = createAvroDecoder<CaseEvent>(kit().registry, compileAvroType(CONTRACTS.caseEvent.schema));
    const openings = await Promise.all(
      records
        .filter((record) => record.key?.toString() === nik)
        .map(async (record) => (await decode(record.value)).value),
    );
    expect(openings.map((event) => event.sourceActionId).sort()).toEqual([...referrals].sort());
    expect(new Set(openings.map((event) => event.caseId))).toEqual(new Set([caseId]));
  });

  it('opens a case by hand from an indexed alert, once, and not for another regency', async () => {
    const alertNik = `320101520896${String(randomInt(1, 10_000)).padStart(4, '0')}`;
    const alertId = randomUUID();
    const alert: RiskAlert = {
      alertId,
      firstAlertId: alertId,
      revision: 0,
      kind: 'NEW',
      situation: 'departure:CGK:2026-12-03',
      person: {
        nik: alertNik,
        fullName: 'Siti Rahayu',
        birthDate: '1996-08-12',
        sex: 'FEMALE',
        ageYears: 30,
        originRegencyCode: BOGOR,
        originRegencyName: 'Kabupaten Bogor',
      },
      target: { checkpointCode: 'CGK', counterId: null, regencyCode: BOGOR },
      severity: 'HIGH',
      score: 60,
      rules: [{ ruleId: 'R02', title: 'Scam hub', severity: 'HIGH', score: 60, reasons: [] }],
      recommendedActions: ['REFER_SECONDARY_INSPECTION'],
      ruleSetVersion: '2026.11.1',
      triggerEventId: randomUUID(),
      eventTime: Date.now(),
      alertTime: Date.now(),
      procedureVersion: null,
      exemptedRules: [],
    };
    const codec = await registerCodec<RiskAlert>(
      kit().registry,
      CONTRACTS.alert.subject,
      CONTRACTS.alert.schema,
    );
    await producer.send([{ topic: TOPICS.alerts, key: alertNik, value: codec.encode(alert) }]);

    let opened = { status: 0, body: {} as Record<string, unknown> };
    await eventually(async () => {
      opened = await call('POST', '/api/analyst/cases', analysts.tokens.analyst, {
        alertId,
        note: 'Opened from the workbench: the sponsor also recruited her cousin.',
      });
      return opened.status !== 404;
    }, 'the alert in the analyst index');
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      firstAlertId: alertId,
      openedBy: 'BY_HAND',
      notes: 1,
      assignee: { kind: 'REGENCY_OFFICE', code: BOGOR },
    });
    const again = await call('POST', '/api/analyst/cases', bogor, { alertId });
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(opened.body.caseId);
    const elsewhere = await call('POST', '/api/analyst/cases', cilacap, { alertId });
    expect(elsewhere.status).toBe(404);
    expect((elsewhere.body.fields as { field: string }[])[0]?.field).toBe('alertId');
  });

  it("keeps the case from another regency's account", async () => {
    const queue = await call('GET', '/api/analyst/cases', cilacap);
    expect(queue.status).toBe(200);
    expect((queue.body.cases as { caseId: string }[]).some((entry) => entry.caseId === caseId)).toBe(false);
    expect((await call('GET', `/api/analyst/cases/${caseId}`, cilacap)).status).toBe(404);
    const note = await call('POST', `/api/analyst/cases/${caseId}/notes`, cilacap, { note: 'not ours' });
    expect(note.status).toBe(404);
    expect(note.body.error).toMatch(/^caseId: /);
    // Nor may a regency account read a person's timeline.
    const timeline = await call('GET', `/api/analyst/persons/${nik}/timeline?reason=follow-up`, cilacap);
    expect(timeline.status).toBe(403);
  });

  it('lets the regency account note, schedule and close the case with an outcome, refusing what is wrong by field', async () => {
    const badDay = await call('POST', `/api/analyst/cases/${caseId}/due-date`, bogor, {
      dueDate: '2026-02-30',
    });
    expect(badDay.status).toBe(400);
    expect(badDay.body.fields).toEqual([{ field: 'dueDate', reason: 'not a day of the calendar' }]);

    const noted = await call('POST', `/api/analyst/cases/${caseId}/notes`, bogor, {
      note: 'Visited the family in Desa Cibeureum; the sponsor promised work in Phnom Penh.',
    });
    expect(noted.status).toBe(200);
    expect(noted.body).toMatchObject({ notes: 1, status: 'OPEN' });
    const due = await call('POST', `/api/analyst/cases/${caseId}/due-date`, bogor, { dueDate: '2026-12-20' });
    expect(due.body).toMatchObject({ dueDate: '2026-12-20' });
    const working = await call('POST', `/api/analyst/cases/${caseId}/status`, bogor, {
      status: 'IN_PROGRESS',
    });
    expect(working.body).toMatchObject({ status: 'IN_PROGRESS' });

    const noOutcome = await call('POST', `/api/analyst/cases/${caseId}/close`, bogor, { outcome: 'DONE' });
    expect(noOutcome.status).toBe(400);
    expect((noOutcome.body.fields as { field: string }[])[0]?.field).toBe('outcome');
    const closed = await call('POST', `/api/analyst/cases/${caseId}/close`, bogor, {
      outcome: 'NON_PROCEDURAL_DEPARTURE_PREVENTED',
      note: 'She stayed home; the sponsor was reported to Satgas TPPO Jawa Barat.',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', outcome: 'NON_PROCEDURAL_DEPARTURE_PREVENTED' });
    expect((closed.body.history as { change: string }[]).map((event) => event.change)).toEqual([
      'OPENED',
      'NOTE_ADDED',
      'DUE_DATE_SET',
      'STATUS_CHANGED',
      'CLOSED',
    ]);

    const reopen = await call('POST', `/api/analyst/cases/${caseId}/status`, bogor, { status: 'OPEN' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error).toMatch(/^caseId: case .* is closed/);
    const counts = await call('GET', `/api/analyst/cases?regency=${BOGOR}`, bogor);
    expect((counts.body.counts as { byStatus: { CLOSED: number } }).byStatus.CLOSED).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('puts every view and change of the case on the access trail, and none by the other regency', async () => {
    const decode = createAvroDecoder<AccessRecord>(kit().registry, compileAvroType(CONTRACTS.access.schema));
    const ofCase = async () => {
      const records = await readWholeTopic(kit(), TOPICS.access);
      const decoded = await Promise.all(
        records
          .filter((record) => record.key?.toString() === nik)
          .map(async (record) => (await decode(record.value)).value),
      );
      return decoded.filter((entry) => entry.purpose.startsWith(`case ${caseId}:`));
    };
    let trail: AccessRecord[] = [];
    await eventually(async () => {
      trail = await ofCase();
      return trail.filter((entry) => entry.operation === 'CHANGE_CASE').length >= 4;
    }, 'the case changes on the access trail');
    const byBogor = trail.filter((entry) => entry.actorId === `regency-${BOGOR}`);
    expect(
      byBogor.filter((entry) => entry.operation === 'CHANGE_CASE').map((entry) => entry.purpose),
    ).toEqual([
      `case ${caseId}: note added`,
      `case ${caseId}: due date set to 2026-12-20`,
      `case ${caseId}: status set to IN_PROGRESS`,
      `case ${caseId}: closed: NON_PROCEDURAL_DEPARTURE_PREVENTED`,
    ]);
    // The queue listing and the case shown.
    expect(byBogor.filter((entry) => entry.operation === 'VIEW_CASE').length).toBeGreaterThanOrEqual(2);
    expect(trail.filter((entry) => entry.actorId === `regency-${CILACAP}`)).toEqual([]);
    expect(new Set(trail.map((entry) => entry.service))).toEqual(new Set(['dashboard']));
  });

  it('shows the case in the work-queue page in chromium, under its CSP, with its history', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems = pageProblems(page);
      await page.goto(`${base}/analyst/cases`);
      await page.fill('#token', bogor);
      await page.click('#sign-in-form button');
      await page.selectOption('#filter-status', 'CLOSED');
      await page.click('#queue-form button');
      await page.click(`#case-rows tr[data-case-id="${caseId}"]`);
      await page.waitForSelector('[data-testid="case-history"] li >> nth=4');
      expect(await page.locator('[data-testid="case-history"] li').count()).toBe(5);
      expect(await page.textContent('#who')).toContain(`regency-${BOGOR}`);
      expect(await page.textContent('#case-rows')).not.toContain(nik);
      // Bahasa Indonesia by default; English by the switch, with the filter and the case kept.
      const inBahasa = await visibleText(page, 'id');
      expect(inBahasa).toContain('Antrean kerja');
      expect(inBahasa).toContain('Riwayat');
      expect(await page.textContent('[data-testid="case-history"]')).toContain('Dibuka');
      await switchLanguage(page, 'en');
      await page.locator('[data-testid="case-history"] li', { hasText: 'Opened' }).first().waitFor();
      const inEnglish = await visibleText(page, 'en');
      expect(inEnglish).toContain('Work queue');
      expect(inEnglish).toContain('History');
      expect(await page.inputValue('#filter-status')).toBe('CLOSED');
      expect(await page.locator('[data-testid="case-history"] li').count()).toBe(5);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('rebuilds from the case topic a projection equal to the live one', async () => {
    // A second dashboard folds the case topic from its beginning beside the live projection, under
    // a prefix and group of its own; it joins this run's opener group, so it opens nothing again.
    const prefix = `waspada:cases-rebuild-${randomUUID().slice(0, 8)}:`;
    const second = await startDashboardProcess(connections, (url) => ({
      WASPADA_ANALYSTS_FILE: analysts.file,
      WASPADA_ANALYST_INDEX_GROUP: uniqueName('cases-index'),
      WASPADA_ANALYST_INDEX_START: new Date().toISOString(),
      WASPADA_CASES_PREFIX: prefix,
      WASPADA_CASE_OPENER_GROUP: openerGroup,
      WASPADA_METRICS_TARGETS: `dashboard=${url}`,
      WASPADA_SAMPLE_INTERVAL_MS: '60000',
      WASPADA_ALERT_HISTORY_HOURS: '1',
    }));
    const redis = createRedis(connections.redisUrl);
    await redis.connect();
    /** Every case of a projection with its stored value (the case and the offset it was folded to). */
    const projection = async (of: string) => {
      const ids = await redis.zrange(`${of}all`, 0, -1, 'WITHSCORES');
      const cases = await Promise.all(
        ids.filter((_, index) => index % 2 === 0).map((id) => redis.get(`${of}case:${id}`)),
      );
      return JSON.stringify({ ids, cases });
    };
    try {
      // Other dashboards may open cases meanwhile: equal once both have read the same records.
      await eventually(
        async () => (await projection('waspada:cases:')) === (await projection(prefix)),
        'the rebuilt projection to equal the live one',
        120_000,
      );
      const stored = JSON.parse((await redis.get(`${prefix}case:${caseId}`)) ?? '{}') as {
        view?: { outcome: string; history: unknown[] };
      };
      expect(stored.view?.outcome).toBe('NON_PROCEDURAL_DEPARTURE_PREVENTED');
      expect(stored.view?.history).toHaveLength(5);
    } finally {
      await redis.quit();
      await second.stop();
    }
  });
});
