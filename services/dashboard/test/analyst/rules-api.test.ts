import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { RuleChangeLog, ShadowDiffReport } from '@waspada/risk-store';
import {
  applyRuleChange,
  decideStep,
  DEFAULT_RULESET_FILE,
  emptyFold,
  sha256Hex,
  type RuleChangeFold,
} from '@waspada/risk-rules';
import { loadAnalysts } from '@waspada/analysts';
import { registerRulesApi } from '../../src/analyst/rules-api';

/**
 * The HTTP side of the lifecycle: who may take which step and what each refusal answers. The log
 * here folds steps in memory with the same decideStep/applyRuleChange the Kafka-backed log uses
 * (that one is tested on the real stack in test/integration/rule-lifecycle.test.ts).
 */
function memoryLog(): RuleChangeLog & { written: number } {
  let fold: RuleChangeFold = emptyFold();
  const log = {
    written: 0,
    current: () => Promise.resolve(fold),
    take: (request: Parameters<RuleChangeLog['take']>[0]) => {
      const decision = decideStep(fold, request, Date.parse('2026-11-29T03:00:00Z'));
      if (!decision.duplicate) {
        fold = applyRuleChange(fold, decision.change);
        log.written += 1;
      }
      return Promise.resolve(decision);
    },
    close: () => Promise.resolve(),
  };
  return log;
}

const TOKENS = {
  analyst: 'analyst-token-aaaaaaaaaaaaaaaaaaaa',
  investigator: 'investigator-token-bbbbbbbbbbbbbbbb',
  first: 'supervisor-token-cccccccccccccccccc',
  second: 'supervisor-token-dddddddddddddddddd',
};
const NIK = '3201012608950001';

function analysts() {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-rules-api-'));
  const file = join(dir, 'analysts.json');
  writeFileSync(
    file,
    JSON.stringify([
      { id: 'analyst-01', roles: ['analyst'], tokenEnv: 'T_ANALYST' },
      { id: 'investigator-01', roles: ['investigator'], tokenEnv: 'T_INVESTIGATOR' },
      { id: 'supervisor-01', roles: ['supervisor'], tokenEnv: 'T_FIRST' },
      { id: 'supervisor-02', roles: ['supervisor', 'analyst'], tokenEnv: 'T_SECOND' },
    ]),
  );
  return loadAnalysts(file, {
    T_ANALYST: TOKENS.analyst,
    T_INVESTIGATOR: TOKENS.investigator,
    T_FIRST: TOKENS.first,
    T_SECOND: TOKENS.second,
  });
}

const shipped = JSON.parse(readFileSync(DEFAULT_RULESET_FILE, 'utf8')) as { version: string };
const content = `${JSON.stringify({ ...shipped, version: '2026.11.7' }, null, 2)}\n`;
const sha = sha256Hex(content);
const side = { alertId: 'a1', situation: 'departure:CGK:2026-11-29', severity: 'HIGH' as const, score: 60 };

describe('rule-set API', () => {
  let app: FastifyInstance;
  let log: ReturnType<typeof memoryLog>;
  let diffs: { version: string; from: number; to: number }[];
  let url: string;

  beforeEach(async () => {
    log = memoryLog();
    diffs = [];
    app = Fastify();
    registerRulesApi(app, {
      analysts: analysts(),
      log,
      diff: (version, from, to): Promise<ShadowDiffReport> => {
        diffs.push({ version, from, to });
        return Promise.resolve({
          version,
          liveVersions: ['2026.11.1'],
          from,
          to,
          onlyNew: [
            {
              ...side,
              nik: NIK,
              rules: ['R05'],
              ruleSetVersion: version,
              eventTime: from + 1,
            },
          ],
          dropped: [],
          severityChanged: [],
          unchanged: 3,
          liveAlerts: 3,
          shadowAlerts: 4,
          shadowBehind: 0,
        });
      },
      clock: () => Date.parse('2026-11-29T03:00:00Z'),
      fileRuleSet: readFileSync(DEFAULT_RULESET_FILE, 'utf8'),
      countryGroups: { onlineScamHubs: ['KH', 'LA', 'MM'] },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterEach(() => app.close());

  const call = async (method: 'GET' | 'POST', path: string, token?: string, payload?: object) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token !== undefined && { authorization: `Bearer ${token}` }),
        ...(payload && { 'content-type': 'application/json' }),
      },
      ...(payload && { body: JSON.stringify(payload) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const base = '/api/analyst/rulesets/2026.11.7';

  it('lets a supervisor other than the proposer approve, then put the version live', async () => {
    expect(
      (await call('POST', '/api/analyst/rulesets', TOKENS.first, { content, comment: 'copy' })).status,
    ).toBe(201);
    expect((await call('POST', `${base}/approve`, TOKENS.second, { contentSha256: sha })).status).toBe(201);
    expect((await call('POST', `${base}/live`, TOKENS.first, { contentSha256: sha })).status).toBe(201);
    const list = await call('GET', '/api/analyst/rulesets', TOKENS.analyst);
    expect(list.body.live).toBe('2026.11.7');
    const [entry] = list.body.versions as { status: string; steps: { step: string; actorId: string }[] }[];
    expect(entry?.steps.map((step) => [step.step, step.actorId])).toEqual([
      ['PROPOSED', 'supervisor-01'],
      ['APPROVED', 'supervisor-02'],
      ['LIVE', 'supervisor-01'],
    ]);
    const one = await call('GET', base, TOKENS.analyst);
    expect(one.body).toMatchObject({ version: '2026.11.7', status: 'LIVE', content });
  });

  it('refuses approval by the proposer, by an analyst or investigator, and going live unapproved; writes nothing', async () => {
    await call('POST', '/api/analyst/rulesets', TOKENS.first, { content });
    const written = log.written;
    expect(await call('POST', `${base}/approve`, TOKENS.first, { contentSha256: sha })).toMatchObject({
      status: 409,
      body: { code: 'WSP_RULES_SELF_APPROVAL' },
    });
    expect((await call('POST', `${base}/approve`, TOKENS.analyst, { contentSha256: sha })).status).toBe(403);
    expect((await call('POST', `${base}/approve`, TOKENS.investigator, { contentSha256: sha })).status).toBe(
      403,
    );
    expect(await call('POST', `${base}/live`, TOKENS.second, { contentSha256: sha })).toMatchObject({
      status: 409,
      body: { code: 'WSP_RULES_WRONG_STATE' },
    });
    expect(
      await call('POST', `${base}/approve`, TOKENS.second, { contentSha256: sha256Hex(`${content} `) }),
    ).toMatchObject({ status: 409, body: { code: 'WSP_RULES_CONTENT_CHANGED' } });
    expect(await call('POST', `${base}/reject`, TOKENS.second, { contentSha256: sha })).toMatchObject({
      status: 400,
      body: { code: 'WSP_RULES_REASON_REQUIRED' },
    });
    expect(log.written).toBe(written);
  });

  it('answers a retried step with the first one and writes it once', async () => {
    expect((await call('POST', '/api/analyst/rulesets', TOKENS.analyst, { content })).status).toBe(201);
    expect(await call('POST', '/api/analyst/rulesets', TOKENS.analyst, { content })).toMatchObject({
      status: 200,
      body: { duplicate: true },
    });
    expect(log.written).toBe(1);
  });

  it('names the field of a bad request, and refuses an invalid rule set with its path', async () => {
    expect(await call('POST', `${base}/approve`, TOKENS.second, { contentSha256: 'abc' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'contentSha256' }] },
    });
    const invalid = await call('POST', '/api/analyst/rulesets', TOKENS.analyst, {
      content: content.replace('"score": 60', '"score": 600'),
    });
    expect(invalid).toMatchObject({ status: 400, body: { code: 'WSP_RULES_INVALID_CONTENT' } });
    expect(String(invalid.body.error)).toMatch(/rules\.R0\d\.score/);
    expect((await call('GET', '/api/analyst/rulesets/2026.11.99', TOKENS.analyst)).status).toBe(404);
    expect((await call('GET', '/api/analyst/rulesets', 'wrong-token-xxxxxxxxxxxxxxxxxxx')).status).toBe(401);
  });

  it('shows the shadow difference with NIKs masked, unmasked only to investigators', async () => {
    await call('POST', '/api/analyst/rulesets', TOKENS.first, { content });
    const masked = await call(
      'GET',
      `${base}/diff?from=2026-11-20T00:00:00Z&to=2026-11-29T00:00:00Z`,
      TOKENS.analyst,
    );
    expect(masked.status).toBe(200);
    const [entry] = masked.body.onlyNew as { nik: string; rules: string[] }[];
    expect(entry?.nik).not.toContain(NIK);
    expect(entry?.rules).toEqual(['R05']);
    expect(diffs[0]).toEqual({
      version: '2026.11.7',
      from: Date.parse('2026-11-20T00:00:00Z'),
      to: Date.parse('2026-11-29T00:00:00Z'),
    });
    const full = await call('GET', `${base}/diff`, TOKENS.investigator);
    expect((full.body.onlyNew as { nik: string }[])[0]?.nik).toBe(NIK);
    expect((await call('GET', `${base}/diff?from=yesterday`, TOKENS.analyst)).status).toBe(400);
  });

  it('serves the shipped file as what an edit starts from until a version goes live, then that version', async () => {
    const file = await call('GET', '/api/analyst/rulesets/live', TOKENS.analyst);
    expect(file.body).toMatchObject({
      source: 'file',
      version: shipped.version,
      contentSha256: sha256Hex(readFileSync(DEFAULT_RULESET_FILE, 'utf8')),
      live: null,
      countryGroups: { onlineScamHubs: ['KH', 'LA', 'MM'] },
    });
    await call('POST', '/api/analyst/rulesets', TOKENS.first, { content, comment: 'copy' });
    await call('POST', `${base}/approve`, TOKENS.second, { contentSha256: sha });
    await call('POST', `${base}/live`, TOKENS.first, { contentSha256: sha });
    const live = await call('GET', '/api/analyst/rulesets/live', TOKENS.analyst);
    expect(live.body).toMatchObject({
      source: 'lifecycle',
      version: '2026.11.7',
      contentSha256: sha,
      content,
      live: { at: '2026-11-29T03:00:00.000Z', by: 'supervisor-01' },
    });
    expect((await call('GET', '/api/analyst/rulesets/live')).status).toBe(401);
  });

  it('validates an edit with the file schema: its changes from live, or its problems by path; writes nothing', async () => {
    const edited = JSON.parse(content) as { rules: { R05: { params: { windowDays: unknown } } } };
    edited.rules.R05.params.windowDays = 120;
    const good = await call('POST', '/api/analyst/rulesets/validate', TOKENS.analyst, {
      content: JSON.stringify(edited),
    });
    expect(good).toMatchObject({
      status: 200,
      body: {
        valid: true,
        against: shipped.version,
        problems: [],
        changes: [
          { path: 'version', kind: 'changed', live: shipped.version, proposed: '2026.11.7' },
          { path: 'rules.R05.params.windowDays', kind: 'changed', live: 90, proposed: 120 },
        ],
      },
    });

    edited.rules.R05.params.windowDays = -3;
    const bad = await call('POST', '/api/analyst/rulesets/validate', TOKENS.analyst, {
      content: JSON.stringify(edited),
    });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.problems).toEqual([{ path: 'rules.R05.params.windowDays', message: expect.any(String) }]);

    const notJson = await call('POST', '/api/analyst/rulesets/validate', TOKENS.analyst, { content: '{' });
    expect(notJson.body).toMatchObject({ valid: false, problems: [{ path: '' }], changes: [] });
    expect(log.written).toBe(0);
  });

  it('refuses to validate a version that was already proposed or is the live one', async () => {
    await call('POST', '/api/analyst/rulesets', TOKENS.first, { content });
    const taken = await call('POST', '/api/analyst/rulesets/validate', TOKENS.investigator, { content });
    expect(taken.body).toMatchObject({ valid: false, problems: [{ path: 'version' }] });
    const same = await call('POST', '/api/analyst/rulesets/validate', TOKENS.analyst, {
      content: readFileSync(DEFAULT_RULESET_FILE, 'utf8'),
    });
    expect(same.body).toMatchObject({ valid: false, problems: [{ path: 'version' }], changes: [] });
    expect((await call('POST', '/api/analyst/rulesets/validate', TOKENS.analyst, {})).status).toBe(400);
  });

  it('serves the desk procedure table a rule set names, without a token', async () => {
    const response = await call('GET', '/api/procedures/2026.11.1');
    expect(response.status).toBe(200);
    const table = response.body as { rules: Record<string, { notify: string[] }> };
    expect(table.rules.R02?.notify).toEqual(expect.arrayContaining(['BP3MI', 'SATGAS_TPPO']));
    expect((await call('GET', '/api/procedures/2030.01.1')).status).toBe(404);
  });
});
