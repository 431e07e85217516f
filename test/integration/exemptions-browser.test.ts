import './support/own-topics';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { registerCodec, TOPICS, type KafkaProducer } from '@waspada/common';
import { CONTRACTS, type RiskAlert } from '@waspada/schemas';
import { writeAnalystsFile } from './support/analysts';
import { launchChromium, pageProblems } from './support/browser';
import { eventually, testConnections, uniqueName, useTestKit, useOwnTopics } from './support/clients';
import { startDashboardProcess, type DashboardProcess } from './support/dashboard-process';
import { switchLanguage, visibleText } from './support/page-language';
import { withOwnRedisDb } from './support/risk-pipeline';

/**
 * Exemptions ("snooze with review") from the browser: an analyst proposes one from the person
 * page, the analyst cannot approve it, a supervisor approves it on the rules page, sees it in
 * force, and revokes it with a reason. The person is indexed from one alert this test publishes
 * (the person page shows only someone the dashboard has a record of); the exemptions go on the
 * shared exemptions topic under a NIK no other run uses.
 */

const DAY = 86_400_000;
/**
 * The dashboard's analyst index. On the shared Redis, database 10 is used by no other file
 * (server-faults' database 10 is on its private stack; cases.test.ts has 3).
 */
const REDIS_DB = 10;
const SHOTS = process.env.SCREENSHOTS_DIR && resolve(__dirname, '..', '..', process.env.SCREENSHOTS_DIR);
const BOGOR = '3201';

// This file's services read topics of their own, never what other files left (own-topics.ts).
useOwnTopics();

const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const two = (value: number) => String(value).padStart(2, '0');

describe('exemptions from the browser', () => {
  const kit = useTestKit();
  const analysts = writeAnalystsFile();
  // A man from Kabupaten Bogor with a random birth date and serial: a NIK no other run proposes for.
  const birth = { day: randomInt(1, 29), month: randomInt(1, 13), year: randomInt(70, 100) };
  const nik = `${BOGOR}01${two(birth.day)}${two(birth.month)}${two(birth.year)}${String(randomInt(1, 10_000)).padStart(4, '0')}`;
  const alertId = randomUUID();
  let dashboard: DashboardProcess | undefined;
  let producer: KafkaProducer | undefined;
  let base: string;
  /** The exemption the analyst proposes, by its id from the page. */
  let exemptionId = '';

  beforeAll(async () => {
    const connections = await withOwnRedisDb(testConnections(), REDIS_DB);
    dashboard = await startDashboardProcess(connections, (url) => ({
      WASPADA_ANALYSTS_FILE: analysts.file,
      WASPADA_ANALYST_INDEX_GROUP: uniqueName('exemptions-index'),
      // The alerts topic keeps every earlier run's alerts: the index starts at this run.
      WASPADA_ANALYST_INDEX_START: new Date(Date.now() - 60_000).toISOString(),
      WASPADA_CASES_GROUP: uniqueName('exemptions-cases'),
      WASPADA_CASE_OPENER_GROUP: uniqueName('exemptions-case-opener'),
      WASPADA_METRICS_TARGETS: `dashboard=${url}`,
      WASPADA_SAMPLE_INTERVAL_MS: '60000',
      WASPADA_ALERT_HISTORY_HOURS: '1',
    }));
    base = dashboard.base;
    kit().onClose(async () => dashboard?.stop());

    // One alert about the person, R05 fired: the person page has a record to show.
    const now = Date.now();
    const alert: RiskAlert = {
      alertId,
      firstAlertId: alertId,
      revision: 0,
      kind: 'NEW',
      situation: 'documents',
      person: {
        nik,
        fullName: 'Budi Santoso',
        birthDate: `19${two(birth.year)}-${two(birth.month)}-${two(birth.day)}`,
        sex: 'MALE',
        ageYears: 30,
        originRegencyCode: BOGOR,
        originRegencyName: 'Kabupaten Bogor',
      },
      target: { checkpointCode: null, counterId: null, regencyCode: BOGOR },
      severity: 'MEDIUM',
      score: 35,
      rules: [{ ruleId: 'R05', title: 'Passport churn', severity: 'MEDIUM', score: 35, reasons: [] }],
      recommendedActions: ['VERIFY_IDENTITY'],
      ruleSetVersion: '2026.11.1',
      triggerEventId: randomUUID(),
      eventTime: now - 5 * 60_000,
      alertTime: now - 5 * 60_000,
      procedureVersion: null,
      exemptedRules: [],
    };
    producer = kit().kafka.producer();
    await producer.connect();
    kit().onClose(async () => producer?.disconnect());
    const codec = await registerCodec<RiskAlert>(
      kit().registry,
      CONTRACTS.alert.subject,
      CONTRACTS.alert.schema,
    );
    await producer.send([{ topic: TOPICS.alerts, key: nik, value: codec.encode(alert) }]);
    await eventually(
      async () =>
        (await call('GET', `/api/analyst/alerts/${alertId}/network`, analysts.tokens.analyst)).status === 200,
      'the analyst index to read the alert',
      120_000,
    );
  });

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

  const screenshot = async (page: Page, name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, name) });
  };

  /** A page of its own (its own session storage), signed in with `token` on `path`. */
  const signedIn = async (browser: Browser, path: string, token: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const problems = pageProblems(page);
    await page.goto(`${base}${path}`);
    await page.getByTestId('analyst-token').fill(token);
    await page.getByTestId('analyst-token').press('Enter');
    await page.locator('#page').waitFor({ state: 'visible' });
    return { page, problems };
  };

  const row = (page: Page, status?: string) =>
    page.locator(
      `[data-testid="exemption-list"] tr[data-exemption="${exemptionId}"]${status ? `[data-status="${status}"]` : ''}`,
    );

  it('proposes an exemption from the person page, naming what the server refuses', async () => {
    const browser = await launchChromium();
    try {
      const { page, problems } = await signedIn(browser, '/analyst/person', analysts.tokens.analyst);
      await page.getByTestId('nik').fill(nik);
      await page.getByTestId('reason').fill('permintaan pengecualian dari BP2MI');
      await page.getByTestId('reason').press('Enter');
      const form = page.getByTestId('exemption-form');
      await form.waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('[data-testid="exemption-list"] tbody tr').first().waitFor();
      expect(await page.getByTestId('exemption-list').innerText()).toContain(
        'Belum ada pengecualian untuk orang ini.',
      );

      // The rule that fired on the person's alert comes first, then every rule; 30 days by default.
      const rule = page.getByTestId('exemption-rule');
      expect(await rule.inputValue()).toBe('R05');
      expect(await rule.locator('optgroup').first().locator('option').allTextContents()).toEqual([
        'R05 · Permohonan paspor berulang',
      ]);
      expect(await rule.locator('optgroup').nth(1).locator('option').count()).toBe(12);
      const until = page.getByTestId('exemption-until');
      expect(await until.inputValue()).toBe(utcDay(Date.now() + 30 * DAY));
      expect(await until.getAttribute('max')).toBe(utcDay(Date.now() + 179 * DAY));

      // Too short a reason: refused by the server, the field named with its label on the page.
      await page.getByTestId('exemption-reason').fill('sudah');
      await page.getByTestId('exemption-propose').click();
      const refused = page.locator('[data-testid="exemption-error"] li[data-field="reason"]');
      await refused.waitFor();
      expect(await refused.innerText()).toContain('Alasan');
      expect(await refused.innerText()).toContain('10 to 2000 characters');
      expect(await page.locator('#exemption-reason[aria-invalid="true"]').count()).toBe(1);

      const lastDay = utcDay(Date.now() + 60 * DAY);
      await until.fill(lastDay);
      await page
        .getByTestId('exemption-reason')
        .fill(
          'Penempatan dikonfirmasi BP2MI dengan dinas tenaga kerja Bogor; permohonan paspor berulang karena paspor rusak.',
        );
      await page.getByTestId('exemption-propose').click();
      await page.getByTestId('exemption-error').waitFor({ state: 'hidden' });
      const proposed = page.locator(
        '[data-testid="exemption-list"] tr[data-exemption][data-status="PROPOSED"]',
      );
      await proposed.waitFor();
      exemptionId = (await proposed.getAttribute('data-exemption')) as string;
      expect(await proposed.innerText()).toContain('Menunggu persetujuan');
      expect(await proposed.innerText()).toContain(`Diusulkan oleh ${analysts.ids.analyst}`);
      expect(await proposed.innerText()).toContain('dinas tenaga kerja Bogor');
      expect(await page.getByTestId('exemption-done').innerText()).toContain('R05');
      // The period ends at the start of the day after the last day chosen.
      const listed = await call('GET', `/api/analyst/exemptions?nik=${nik}`, analysts.tokens.analyst);
      expect(listed.body.exemptions).toEqual([
        expect.objectContaining({
          exemptionId,
          ruleId: 'R05',
          status: 'PROPOSED',
          validUntil: new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY).toISOString(),
        }),
      ]);

      // The same rule again over the same period: refused, and said why.
      await page.getByTestId('exemption-reason').fill('Diusulkan lagi untuk periode yang sama.');
      await page.getByTestId('exemption-propose').click();
      const overlap = page.locator('[data-testid="exemption-error"][data-code="WSP_EXEMPTION_OVERLAP"]');
      await overlap.waitFor();
      expect(await overlap.innerText()).toContain('Sudah ada pengecualian aturan ini');

      const indonesian = await visibleText(page, 'id');
      expect(indonesian).toContain('Pengecualian aturan');
      expect(indonesian).toContain('Usulkan pengecualian');
      await screenshot(page, 'exemptions-person.png');
      await switchLanguage(page, 'en');
      const english = await visibleText(page, 'en');
      expect(english).toContain('Rule exemptions');
      expect(english).toContain('Propose an exemption');
      expect(english).toContain('An exemption of this rule for this person is already awaiting approval');
      expect(await row(page).innerText()).toContain('Awaiting approval');
      expect(await rule.locator('option[value="R05"]').first().innerText()).toBe('R05 · Passport churn');
      await switchLanguage(page, 'id');
      // Nothing but the refused proposals' own answers went wrong on the page.
      expect(problems.filter((problem) => !/\b(400|409)\b/.test(problem))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('lets a supervisor, not the analyst, approve it on the rules page, then revoke it with a reason', async () => {
    expect(exemptionId).not.toBe('');
    const browser = await launchChromium();
    try {
      // The analyst sees the proposal pending, with no approve or reject; the proposer may revoke.
      const analyst = await signedIn(browser, '/analyst/rules', analysts.tokens.analyst);
      await row(analyst.page, 'PROPOSED').waitFor({ timeout: 30_000 });
      expect(await analyst.page.locator(`button[data-exemption-approve="${exemptionId}"]`).count()).toBe(0);
      expect(await analyst.page.locator(`button[data-exemption-reject="${exemptionId}"]`).count()).toBe(0);
      expect(await analyst.page.locator(`button[data-exemption-revoke="${exemptionId}"]`).count()).toBe(1);
      // Nor does the server let the analyst approve it by hand.
      const byAnalyst = await call(
        'POST',
        `/api/analyst/exemptions/${exemptionId}/approve`,
        analysts.tokens.analyst,
        {},
      );
      expect(byAnalyst.status).toBe(403);
      expect(byAnalyst.body.code).toBe('WSP_EXEMPTION_NOT_ALLOWED');
      expect(analyst.problems).toEqual([]);

      const { page, problems } = await signedIn(browser, '/analyst/rules', analysts.tokens.supervisor);
      const pending = row(page, 'PROPOSED');
      await pending.waitFor({ timeout: 30_000 });
      expect(await pending.innerText()).toContain('Menunggu persetujuan');
      expect(await pending.innerText()).toContain('R05 · Permohonan paspor berulang');
      // The supervisor sees the NIK masked, as the role allows.
      expect(await pending.innerText()).not.toContain(nik);
      await page.locator(`button[data-exemption-approve="${exemptionId}"]`).click();

      const inForce = page.locator(
        `[data-testid="exemption-list"] tr[data-exemption="${exemptionId}"][data-status="APPROVED"][data-in-force="true"]`,
      );
      await inForce.waitFor();
      expect(await inForce.innerText()).toContain('Berlaku');
      expect(await inForce.innerText()).toContain(`Disetujui oleh ${analysts.ids.supervisor}`);
      expect(await page.locator(`button[data-exemption-approve="${exemptionId}"]`).count()).toBe(0);
      const indonesian = await visibleText(page, 'id');
      expect(indonesian).toContain('Pengecualian menunggu persetujuan dan yang berlaku');
      await screenshot(page, 'exemptions-rules.png');

      // A revocation with too short a reason: refused, the reason shown, the exemption still in force.
      await page.locator(`button[data-exemption-revoke="${exemptionId}"]`).click();
      await inForce.getByTestId('exemption-why').fill('selesai');
      await inForce.getByTestId('exemption-confirm').click();
      const refused = page.locator('[data-testid="exemption-error"] li[data-field="reason"]');
      await refused.waitFor();
      expect(await refused.innerText()).toContain('why it no longer holds, in 10 to 2000 characters');
      expect(await inForce.count()).toBe(1);

      await switchLanguage(page, 'en');
      const english = await visibleText(page, 'en');
      expect(english).toContain('Exemptions awaiting approval and in force');
      expect(await inForce.innerText()).toContain('In force');
      expect(await inForce.innerText()).toContain('R05 · Passport churn');
      expect(await inForce.getByTestId('exemption-confirm').innerText()).toBe('Revoke exemption');
      // The reason typed so far stays through the change of language.
      expect(await inForce.getByTestId('exemption-why').inputValue()).toBe('selesai');
      await switchLanguage(page, 'id');

      await inForce
        .getByTestId('exemption-why')
        .fill('Orang ini berangkat lagi tanpa penempatan; aturan dinilai kembali.');
      await inForce.getByTestId('exemption-confirm').click();
      // Revoked: no longer among those awaiting approval or approved.
      await row(page).waitFor({ state: 'detached' });
      await page.getByTestId('exemption-error').waitFor({ state: 'hidden' });
      await page.getByTestId('exemption-filter').selectOption('REVOKED');
      const revoked = row(page, 'REVOKED');
      await revoked.waitFor();
      expect(await revoked.innerText()).toContain(`Dicabut oleh ${analysts.ids.supervisor}`);
      expect(await revoked.innerText()).toContain('aturan dinilai kembali');
      expect(await page.locator(`button[data-exemption-revoke="${exemptionId}"]`).count()).toBe(0);
      // Nothing but the refused revocation's own 400 went wrong on the page.
      expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
    } finally {
      await browser.close();
    }

    const listed = await call('GET', `/api/analyst/exemptions?nik=${nik}`, analysts.tokens.analyst);
    expect(listed.body.exemptions).toEqual([
      expect.objectContaining({
        exemptionId,
        status: 'REVOKED',
        proposedBy: analysts.ids.analyst,
        decidedBy: analysts.ids.supervisor,
        inForce: false,
      }),
    ]);
  });
});
