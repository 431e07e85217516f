import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { registerCodec, TOPICS, type OutgoingRecord } from '@waspada/common';
import { CHROMIUM } from '@waspada/infra';
import {
  buildReport,
  readGroundTruth,
  runBacktest,
  writeReport,
  type BacktestReport,
  type HistoryTopics,
} from '@waspada/risk-processor';
import { departureKey, firstAlertIdOf, loadRuleSet } from '@waspada/risk-rules';
import {
  CONTRACTS,
  type AlertAction,
  type BorderCrossingEvent,
  type CaseEvent,
  type IdentityEvent,
  type PassportEvent,
} from '@waspada/schemas';
import { ADDED_FIELD_DEFAULTS } from '@waspada/schemas';
import { writeAnalystsFile } from './support/analysts';
import { logger, testConnections, useTestKit } from './support/clients';
import { readWholeTopic, withOwnRedisDb } from './support/risk-pipeline';
import { startDashboardProcess, type DashboardProcess } from './support/dashboard-process';
import { switchLanguage, visibleText } from './support/page-language';

/**
 * A backtest over a small simulated history on the real stack: a fixture of people across
 * agencies (Dukcapil identities, passport records, departure scans) on fresh topics, desk actions
 * on a fresh topic, and a ground-truth file as the simulator writes it. The backtest's per-rule
 * precision and recall must equal the hand count written below.
 */

const DAY = 86_400_000;
const FROM = Date.parse('2026-10-05T00:00:00Z');
const TO = Date.parse('2026-10-12T00:00:00Z');
const at = (iso: string) => Date.parse(iso);

interface Person {
  readonly nik: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly sex: 'MALE' | 'FEMALE';
}

/** A NIK from Bogor (3201) whose encoded birth date and sex agree with the Dukcapil record. */
function person(serial: string, fullName: string, birthDate: string, sex: 'MALE' | 'FEMALE'): Person {
  const [year = '', month = '', day = ''] = birthDate.split('-');
  const encodedDay = String(Number(day) + (sex === 'FEMALE' ? 40 : 0)).padStart(2, '0');
  return { nik: `320101${encodedDay}${month}${year.slice(2)}${serial}`, fullName, birthDate, sex };
}

const envelope = (time: number, agency: PassportEvent['sourceAgency'], system: string) => ({
  eventId: randomUUID(),
  eventTime: time,
  recordTime: time + 60_000,
  sourceAgency: agency,
  sourceSystem: system,
});

function identity(who: Person, time: number): IdentityEvent {
  return {
    ...envelope(time, 'DUKCAPIL', 'SIAK'),
    ...ADDED_FIELD_DEFAULTS.identity(),
    nik: who.nik,
    eventType: 'SNAPSHOT',
    fullName: who.fullName,
    birthDate: who.birthDate,
    sex: who.sex,
    birthPlace: 'Bogor',
    addressRegencyCode: '3201',
    changedFields: [],
    duplicateOfNik: null,
  };
}

function passport(
  who: Person,
  time: number,
  eventType: 'ISSUED' | 'REFUSED',
  passportNumber: string | null,
): PassportEvent {
  return {
    ...envelope(time, 'IMIGRASI', 'SIMKIM'),
    ...ADDED_FIELD_DEFAULTS.passport(),
    nik: who.nik,
    eventType,
    applicationId: `APP-${who.nik}-${eventType}`,
    officeCode: 'KANIM-BOGOR',
    officeRegencyCode: '3201',
    passportNumber,
    fullName: who.fullName,
    birthDate: who.birthDate,
    sex: who.sex,
    declaredPurpose: 'TOURISM',
    destinationCountry: null,
    decisionReason: eventType === 'REFUSED' ? 'SUSPECTED_NON_PROCEDURAL_WORK' : null,
  };
}

function departure(
  who: Person,
  time: number,
  passportNumber: string,
  trip: Pick<BorderCrossingEvent, 'countryCode' | 'declaredPurpose' | 'returnDate'> &
    Partial<Pick<BorderCrossingEvent, 'travelOrganizerLicence' | 'groupReference'>>,
): BorderCrossingEvent {
  return {
    ...envelope(time, 'IMIGRASI', 'SIMKIM'),
    ...ADDED_FIELD_DEFAULTS.borderCrossing(),
    nik: who.nik,
    direction: 'DEPARTURE',
    stage: 'PRE_CLEARANCE_SCAN',
    checkpointCode: 'CGK',
    checkpointType: 'AIR',
    counterId: 'D-07',
    documentType: 'PASSPORT',
    documentNumber: passportNumber,
    fullName: who.fullName,
    birthDate: who.birthDate,
    sex: who.sex,
    transitCountries: [],
    carrier: 'Garuda Indonesia',
    flightOrVessel: 'GA 820',
    bookingReference: null,
    groupReference: null,
    travelOrganizerLicence: null,
    sponsor: null,
    ...trip,
  };
}

// The people. Each has a Dukcapil snapshot and a passport well before the period, so their
// "documents" situations fall before it and each person's only situation in the period is their
// departure (scan at CGK). With the shipped rule set (2026.11.1):
const P1 = person('0001', 'Agus Saputra', '2001-05-15', 'MALE'); // 25, to Cambodia: R02 (scam hub)
const P2 = person('0002', 'Budi Hartono', '1996-03-10', 'MALE'); // 30, one-way to Malaysia as a tourist: R01
const P3 = person('0003', 'Citra Lestari', '1986-07-21', 'FEMALE'); // 40, one-way to Malaysia as a tourist: R01
const P4 = person('0004', 'Dedi Kurnia', '1991-01-02', 'MALE'); // 35, a week in Singapore: nothing fires
const P5 = person('0005', 'Eka Wulandari', '1998-09-09', 'FEMALE'); // refused for non-procedural work, then departs: R03
const P6 = person('0006', 'Fajar Nugraha', '2012-06-10', 'MALE'); // 14, alone to Singapore: R07
const P7 = person('0007', 'Gita Purnama', '2004-02-14', 'FEMALE'); // 22, a week in Singapore: nothing fires
const P8 = person('0008', 'Hadi Gunawan', '2001-11-30', 'MALE'); // to Cambodia BEFORE the period
const P9 = person('0009', 'Indah Permata', '2000-04-04', 'FEMALE'); // to Cambodia AFTER the period

const known = at('2026-06-01T02:00:00Z');
const crossings: BorderCrossingEvent[] = [
  departure(P1, at('2026-10-06T03:00:00Z'), 'C1000001', {
    countryCode: 'KH',
    declaredPurpose: 'TOURISM',
    returnDate: '2026-10-13',
  }),
  departure(P2, at('2026-10-06T05:00:00Z'), 'C1000002', {
    countryCode: 'MY',
    declaredPurpose: 'TOURISM',
    returnDate: null,
  }),
  departure(P3, at('2026-10-07T05:00:00Z'), 'C1000003', {
    countryCode: 'MY',
    declaredPurpose: 'TOURISM',
    returnDate: null,
  }),
  departure(P4, at('2026-10-08T01:00:00Z'), 'C1000004', {
    countryCode: 'SG',
    declaredPurpose: 'TOURISM',
    returnDate: '2026-10-15',
  }),
  departure(P5, at('2026-10-08T04:00:00Z'), 'C1000005', {
    countryCode: 'SA',
    declaredPurpose: 'UMRAH',
    returnDate: '2026-10-20',
    travelOrganizerLicence: 'PPIU-0042',
    groupReference: 'UMRAH-OCT-12',
  }),
  departure(P6, at('2026-10-09T02:00:00Z'), 'C1000006', {
    countryCode: 'SG',
    declaredPurpose: 'TOURISM',
    returnDate: '2026-10-14',
  }),
  departure(P7, at('2026-10-10T06:00:00Z'), 'C1000007', {
    countryCode: 'SG',
    declaredPurpose: 'TOURISM',
    returnDate: '2026-10-17',
  }),
  departure(P8, at('2026-09-20T03:00:00Z'), 'C1000008', {
    countryCode: 'KH',
    declaredPurpose: 'TOURISM',
    returnDate: '2026-09-27',
  }),
  departure(P9, at('2026-10-12T05:00:00Z'), 'C1000009', {
    countryCode: 'KH',
    declaredPurpose: 'TOURISM',
    returnDate: '2026-10-19',
  }),
];
const people = [P1, P2, P3, P4, P5, P6, P7, P8, P9];
const identities = people.map((who) => identity(who, known));
const passports = people.map((who, index) =>
  who === P5
    ? // P5 holds an old passport; the refused application was for a new one, before the period.
      passport(who, at('2026-08-01T02:00:00Z'), 'REFUSED', null)
    : passport(who, known - 30 * DAY, 'ISSUED', `C100000${index + 1}`),
);

const situationOf = (who: Person) => {
  const crossing = crossings.find((event) => event.nik === who.nik) as BorderCrossingEvent;
  return firstAlertIdOf(who.nik, departureKey({ kind: 'crossing', ...crossing }));
};

function deskAction(who: Person, action: AlertAction['action'], time: number): AlertAction {
  return {
    actionId: randomUUID(),
    alertId: situationOf(who),
    firstAlertId: situationOf(who),
    nik: who.nik,
    checkpointCode: 'CGK',
    deskId: 'tpi-cgk-1',
    officerId: 'IMI-0042',
    action,
    reason: action === 'DISMISSED' ? 'documents in order' : null,
    ruleIds: [],
    ruleSetVersion: '2026.11.0',
    severity: 'HIGH',
    actionTime: time,
  };
}

// What the desks did (under the live rule set of the time, which alerted P4 and P7 too):
const actions: AlertAction[] = [
  deskAction(P1, 'ACKNOWLEDGED', at('2026-10-06T03:01:00Z')),
  deskAction(P1, 'REFERRED', at('2026-10-06T03:02:00Z')), // positive
  deskAction(P2, 'REFERRED', at('2026-10-06T05:02:00Z')), // positive
  deskAction(P3, 'DISMISSED', at('2026-10-07T05:02:00Z')), // negative
  deskAction(P4, 'DISMISSED', at('2026-10-08T01:02:00Z')), // negative
  deskAction(P5, 'ACKNOWLEDGED', at('2026-10-08T04:01:00Z')), // unlabelled
  deskAction(P6, 'REFERRED', at('2026-10-09T02:01:00Z')),
  deskAction(P6, 'DISMISSED', at('2026-10-09T02:09:00Z')), // the last word: negative (a parent's letter)
  deskAction(P7, 'REFERRED', at('2026-10-10T06:02:00Z')), // positive
  deskAction(P8, 'REFERRED', at('2026-09-20T03:02:00Z')), // outside the period: not counted
];

// The simulator's ground truth: P3 and P4 are ordinary travellers, the rest trafficking cases. The
// last line is a person with no records at all: not judged, so not counted.
const truthLines = [
  ...people.map((who) => ({
    caseId: `S77-C${who.nik.slice(-4)}`,
    nik: who.nik,
    scenario: who === P3 || who === P4 ? 'tourist-with-return' : 'scam-hub-recruit',
    trafficking: !(who === P3 || who === P4),
  })),
  { caseId: 'S77-C9999', nik: '3201014101990099', scenario: 'scam-hub-recruit', trafficking: true },
];

describe('backtest over a simulated history', () => {
  const kit = useTestKit();
  let report: BacktestReport;
  let directory: string;

  let topics: HistoryTopics;

  beforeAll(async () => {
    const { kafka, registry } = kit();
    directory = mkdtempSync(join(tmpdir(), 'waspada-backtest-'));
    topics = {
      agencies: {
        [TOPICS.identity]: await kit().topic(1, 'bt-identity'),
        [TOPICS.placement]: await kit().topic(1, 'bt-placement'),
        [TOPICS.passport]: await kit().topic(1, 'bt-passport'),
        [TOPICS.citizenAbroad]: await kit().topic(1, 'bt-abroad'),
        [TOPICS.borderCrossing]: await kit().topic(1, 'bt-crossing'),
      },
      alertActions: await kit().topic(1, 'bt-actions'),
    };
    const codec = async <T>(contract: { subject: string; schema: object }) =>
      registerCodec<T>(registry, contract.subject, contract.schema);
    const [identityCodec, passportCodec, crossingCodec, actionCodec] = await Promise.all([
      codec<IdentityEvent>(CONTRACTS.identity),
      codec<PassportEvent>(CONTRACTS.passport),
      codec<BorderCrossingEvent>(CONTRACTS.borderCrossing),
      codec<AlertAction>(CONTRACTS.alertAction),
    ]);
    const records = <T extends { nik: string | null }>(
      topic: string,
      codec: { encode(value: T): Buffer },
      values: readonly T[],
    ): OutgoingRecord[] => values.map((value) => ({ topic, key: value.nik, value: codec.encode(value) }));
    const producer = kafka.producer();
    await producer.connect();
    kit().onClose(() => producer.disconnect());
    // Crossings first: the backtest must put each person's history in event-time order itself.
    await producer.send([
      ...records(topics.agencies[TOPICS.borderCrossing] as string, crossingCodec, crossings),
      ...records(topics.agencies[TOPICS.identity] as string, identityCodec, identities),
      ...records(topics.agencies[TOPICS.passport] as string, passportCodec, passports),
      ...records(topics.alertActions, actionCodec, actions),
    ]);

    const truthFile = join(directory, 'ground-truth-seed-77.ndjson');
    writeFileSync(truthFile, truthLines.map((line) => JSON.stringify(line)).join('\n'));
    const ruleSet = loadRuleSet();
    const outcome = await runBacktest(
      { kafka, registry, logger },
      { from: FROM, to: TO, ruleSet, topics, lateAlertWindowMs: 6 * 3_600_000 },
    );
    report = buildReport(outcome, {
      ruleSet,
      ruleSetFile: 'waspada-2026.11.1.json',
      from: FROM,
      to: TO,
      // R01 fires on 2 of 7 situations (28.6%), R02, R03 and R07 on 1 of 7 (14.3%).
      thresholds: { maxFireShare: 0.2, maxDismissShare: 0.5, minDeskLabelled: 1 },
      groundTruth: { file: truthFile, labels: readGroundTruth(truthFile) },
    });
  });

  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('reads every agency record and judges only the period, with what was known before its end', () => {
    // 9 identities + 9 passport records + 9 crossings; P9's crossing is after the period.
    expect(report.input).toMatchObject({
      records: 27,
      refused: 0,
      afterPeriod: 1,
      unread: 0,
      eventsApplied: 26,
      // The seven departures P1 to P7.
      eventsInPeriod: 7,
      people: 9,
      deskActions: 10,
      ruleFailures: 0,
    });
    // P1 to P7's departures; P8's is before the period, the documents situations long before it.
    expect(report.situations).toEqual({ judged: 7, alerted: 5 });
    expect(report.alertsByKind).toEqual({ NEW: 5 });
  });

  it("lays a closed case's outcome over the desks' verdict in the next backtest", async () => {
    const { kafka, registry } = kit();
    // P5's alert was only acknowledged at the desk; the follow-up cleared her, P6's confirmed trafficking.
    const casesTopic = await kit().topic(1, 'bt-cases');
    const codec = await registerCodec<CaseEvent>(
      registry,
      CONTRACTS.caseEvent.subject,
      CONTRACTS.caseEvent.schema,
    );
    const closing = (who: Person, outcome: CaseEvent['outcome']): CaseEvent => ({
      eventId: randomUUID(),
      caseId: randomUUID(),
      firstAlertId: situationOf(who),
      nik: who.nik,
      originRegencyCode: who.nik.slice(0, 4),
      eventTime: at('2026-10-20T03:00:00Z'),
      actor: { kind: 'ANALYST', id: 'regency-3201', officerId: null },
      change: 'CLOSED',
      alertId: null,
      openedBy: null,
      sourceActionId: null,
      checkpointCode: null,
      assignee: null,
      status: null,
      note: null,
      dueDate: null,
      outcome,
    });
    const producer = kafka.producer();
    await producer.connect();
    kit().onClose(() => producer.disconnect());
    await producer.send(
      [closing(P5, 'CLEARED_LEGITIMATE'), closing(P6, 'TRAFFICKING_CONFIRMED')].map((event) => ({
        topic: casesTopic,
        key: event.nik,
        value: codec.encode(event),
      })),
    );
    const outcome = await runBacktest(
      { kafka, registry, logger },
      {
        from: FROM,
        to: TO,
        ruleSet: loadRuleSet(),
        topics: { ...topics, cases: casesTopic },
        lateAlertWindowMs: 6 * 3_600_000,
      },
    );
    expect(outcome.input.caseOutcomes).toBe(2);
    expect(outcome.deskLabels.get(situationOf(P5))).toBe('DISMISSED');
    // The desk's last word on P6 was a dismissal; the follow-up's outcome stands over it.
    expect(outcome.deskLabels.get(situationOf(P6))).toBe('REFERRED');
    expect(outcome.deskLabels.get(situationOf(P1))).toBe('REFERRED');
  });

  it('publishes nothing: the live alerts topic has no alert about the fixture people', async () => {
    // Their records exist only on this test's topics, so any alert about them would be the backtest's.
    const niks = new Set(people.map((who) => who.nik));
    const records = await readWholeTopic(kit(), TOPICS.alerts);
    expect(records.filter((record) => niks.has(record.key?.toString() ?? ''))).toEqual([]);
  });

  it('scores the alerts against the desks: referred P1, P2 (TP), P7 (FN); dismissed P3, P6 (FP), P4 (TN)', () => {
    // P5's alert was only acknowledged: unlabelled. P8's referral lies outside the period.
    expect(report.desk.labelled).toBe(6);
    expect(report.desk.alertedUnlabelled).toBe(1);
    expect(report.desk.overall).toEqual({
      truePositives: 2,
      falsePositives: 2,
      falseNegatives: 1,
      trueNegatives: 1,
      precision: 0.5,
      recall: 2 / 3,
    });
  });

  it('scores each rule against the desks as counted by hand', () => {
    const desk = Object.fromEntries(report.rules.map((rule) => [rule.ruleId, rule.desk]));
    // R01 fired on P2 (referred) and P3 (dismissed); referred P1 and P7 it missed; P4, P6 TNs.
    expect(desk.R01).toEqual({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 2,
      trueNegatives: 2,
      precision: 0.5,
      recall: 1 / 3,
    });
    // R02 fired on P1 (referred); missed P2 and P7; P3, P4, P6 TNs.
    expect(desk.R02).toEqual({
      truePositives: 1,
      falsePositives: 0,
      falseNegatives: 2,
      trueNegatives: 3,
      precision: 1,
      recall: 1 / 3,
    });
    // R03 fired only on P5, whose alert has no desk label: no precision, recall 0 of 3.
    expect(desk.R03).toEqual({
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 3,
      trueNegatives: 3,
      precision: null,
      recall: 0,
    });
    // R07 fired on P6, dismissed at the desk.
    expect(desk.R07).toEqual({
      truePositives: 0,
      falsePositives: 1,
      falseNegatives: 3,
      trueNegatives: 2,
      precision: 0,
      recall: 0,
    });
    // The other rules fired on nothing.
    for (const ruleId of ['R04', 'R05', 'R06', 'R08', 'R09', 'R10', 'R11', 'R12'])
      expect(report.rules.find((rule) => rule.ruleId === ruleId)?.alerted).toBe(0);
  });

  it('scores people against the ground truth as counted by hand', () => {
    // Judged people P1 to P7, all in the ground truth. Cases P1, P2, P5, P6 alerted (TP), P7 not
    // (FN); ordinary P3 alerted (FP), P4 not (TN).
    expect(report.groundTruth?.labelled).toBe(7);
    expect(report.groundTruth?.overall).toEqual({
      truePositives: 4,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
      precision: 0.8,
      recall: 0.8,
    });
    const truth = Object.fromEntries(report.rules.map((rule) => [rule.ruleId, rule.groundTruth]));
    // R01: P2 (case) and P3 (not); missed cases P1, P5, P6, P7; P4 TN.
    expect(truth.R01).toEqual({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 4,
      trueNegatives: 1,
      precision: 0.5,
      recall: 0.2,
    });
    // R02, R03 and R07 each caught one of the five cases and nobody else.
    for (const ruleId of ['R02', 'R03', 'R07']) {
      expect(truth[ruleId]).toEqual({
        truePositives: 1,
        falsePositives: 0,
        falseNegatives: 4,
        trueNegatives: 2,
        precision: 1,
        recall: 0.2,
      });
    }
    expect(report.groundTruth?.scenarios).toEqual([
      { scenario: 'scam-hub-recruit', trafficking: true, people: 5, alerted: 4 },
      { scenario: 'tourist-with-return', trafficking: false, people: 2, alerted: 1 },
    ]);
  });

  it('lists for review a rule that fires too often and one whose alerts desks dismiss', () => {
    // R01: 2 of 7 situations (28.6%) is above 20%; its labelled alerts were dismissed 1 of 2 (not above 50%).
    // R07: its one labelled alert was dismissed (100%).
    expect(report.review.map((item) => [item.ruleId, item.reasons])).toEqual([
      ['R01', ['terpicu pada 28.6% situasi yang dinilai (2), di atas batas 20.0%']],
      ['R07', ['meja mengabaikan 1 dari 1 peringatannya yang berlabel (100.0%), di atas batas 50.0%']],
    ]);
    expect(report.review.map((item) => item.reasonParts.map((part) => part.key))).toEqual([
      ['analyst.backtests.reviewFires'],
      ['analyst.backtests.reviewDismissed'],
    ]);
  });

  it('writes the report as JSON and markdown', () => {
    const written = writeReport(report, directory);
    expect(JSON.parse(readFileSync(written.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
    const markdown = readFileSync(written.markdown, 'utf8');
    expect(markdown).toContain('| alerted | 2 (TP) | 2 (FP) |');
    expect(markdown).toContain('- **R07**: desks dismissed 1 of its 1 labelled alerts');
  });

  describe('on the analyst page', () => {
    let dashboard: DashboardProcess | undefined;
    let base: string;
    const analysts = writeAnalystsFile();

    beforeAll(async () => {
      writeReport(report, directory);
      // Redis database 13 is this test's: the dashboard's analyst index goes there.
      const connections = await withOwnRedisDb(testConnections(), 13);
      dashboard = await startDashboardProcess(connections, (url) => ({
        WASPADA_ANALYSTS_FILE: analysts.file,
        WASPADA_BACKTESTS_DIR: directory,
        WASPADA_METRICS_TARGETS: `dashboard=${url}`,
        WASPADA_SAMPLE_INTERVAL_MS: '60000',
        WASPADA_ALERT_HISTORY_HOURS: '1',
      }));
      base = dashboard.base;
    });

    afterAll(async () => {
      await dashboard?.stop();
    });

    it('lists the report only to a signed-in analyst', async () => {
      expect((await fetch(`${base}/api/analyst/backtests`)).status).toBe(401);
      const reply = await fetch(`${base}/api/analyst/backtests`, {
        headers: { authorization: `Bearer ${analysts.tokens.supervisor}` },
      });
      expect(reply.status).toBe(200);
      const body = (await reply.json()) as { reports: { id: string; alerted: number; review: string[] }[] };
      expect(body.reports).toEqual([
        expect.objectContaining({ id: report.id, alerted: 5, review: ['R01', 'R07'] }),
      ]);
    });

    it('shows the confusion matrices, the per-rule charts and the review list', async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        // Debian's chromium as root, offline: no sandbox, no calls home.
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
        await page.goto(`${base}/analyst/backtests`);
        await page.getByTestId('analyst-token').fill(analysts.tokens.analyst);
        await page.getByTestId('analyst-token').press('Enter');
        // The newest report opens by itself.
        const desk = page.getByTestId('matrix-desk');
        await desk.locator('[data-cell="tp"]').waitFor({ timeout: 30_000 });
        expect(await desk.locator('td').allTextContents()).toEqual(['2 TP', '2 FP', '1 FN', '1 TN']);
        const truth = page.getByTestId('matrix-truth');
        expect(await truth.locator('td').allTextContents()).toEqual(['4 TP', '1 FP', '1 FN', '1 TN']);
        await expect(truth.textContent()).resolves.toContain('presisi 0.80, recall 0.80');
        await expect(page.locator('tr[data-rule="R02"]').textContent()).resolves.toContain('1 / 0 / 2 / 3');
        await expect(page.getByTestId('review').textContent()).resolves.toContain('R07');
        await expect(page.getByTestId('review').textContent()).resolves.toContain(
          'meja mengabaikan 1 dari 1 peringatannya yang berlabel',
        );
        expect(await visibleText(page, 'id')).toContain('Dibandingkan dengan keputusan meja');
        await switchLanguage(page, 'en');
        expect(await visibleText(page, 'en')).toContain('Against desk outcomes');
        await expect(page.getByTestId('review').textContent()).resolves.toContain(
          'desks dismissed 1 of its 1 labelled alerts (100.0%), above 50.0%',
        );
        await expect(truth.textContent()).resolves.toContain('precision 0.80, recall 0.80');
        // Chart.js drew into each per-rule canvas.
        for (const id of ['chart-alerted', 'chart-desk', 'chart-truth']) {
          const drawn = await page.evaluate(
            (canvasId) =>
              Boolean(
                (globalThis as unknown as { Chart: { getChart(id: string): unknown } }).Chart.getChart(
                  canvasId,
                ),
              ),
            id,
          );
          expect(drawn).toBe(true);
        }
        const shots = join(__dirname, '..', '..', '.waspada', 'screenshots');
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, 'analyst-backtests.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    });
  });
});
