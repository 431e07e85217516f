import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyRuleChange, decideStep, DEFAULT_RULESET_FILE, emptyFold } from '@waspada/risk-rules';
import type { ShadowDiffReport } from '@waspada/risk-store';
import { actorFrom, formatDiff, formatVersions } from '../src/rules-command';
import { sameRedisDatabase } from '../src/shadow-run';

const NIK = '3201012608950001';

describe('rules command', () => {
  it('takes an analyst’s roles from the analysts file, and refuses an id not in it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'waspada-rules-cli-')), 'analysts.json');
    writeFileSync(
      file,
      JSON.stringify([{ id: 'supervisor-01', roles: ['supervisor'], tokenFile: 'supervisor-01.token' }]),
    );
    expect(actorFrom(file, 'supervisor-01')).toEqual({ id: 'supervisor-01', roles: ['supervisor'] });
    expect(() => actorFrom(file, 'nobody')).toThrow(/--by: nobody is not an analyst in/);
    expect(() => actorFrom(join(tmpdir(), 'no-such-analysts.json'), 'x')).toThrow(/does not exist/);
  });

  it('lists each version with its status and steps', () => {
    const content = readFileSync(DEFAULT_RULESET_FILE, 'utf8');
    const { change } = decideStep(
      emptyFold(),
      { step: 'PROPOSED', content, actor: { id: 'analyst-01', roles: ['analyst'] }, comment: 'first' },
      Date.parse('2026-11-29T03:00:00Z'),
    );
    const lines = formatVersions(applyRuleChange(emptyFold(), change));
    expect(lines[0]).toMatch(/^2026\.12\.2 {2}PROPOSED {2}sha256 [0-9a-f]{12}$/);
    expect(lines[1]).toBe('  2026-11-29T03:00:00.000Z  PROPOSED  analyst-01: first');
    expect(formatVersions(emptyFold())).toEqual(['no rule-set version proposed yet']);
  });

  it('prints a difference with masked NIKs, and says when the shadow run has not covered the period', () => {
    const side = {
      alertId: 'a1',
      nik: NIK,
      situation: 'departure:CGK:2026-11-29',
      severity: 'HIGH' as const,
      score: 60,
      rules: ['R02'],
      ruleSetVersion: '2026.11.1',
      eventTime: 0,
    };
    const report: ShadowDiffReport = {
      version: '2026.11.2',
      liveVersions: ['2026.11.1'],
      from: 0,
      to: 86_400_000,
      onlyNew: [],
      dropped: [side],
      severityChanged: [],
      unchanged: 0,
      liveAlerts: 1,
      shadowAlerts: 0,
      shadowBehind: null,
    };
    const text = formatDiff(report).join('\n');
    expect(text).not.toContain(NIK);
    expect(text).toMatch(
      /dropped by the new version \(1\):\n {2}- 3201\S+ {2}departure:CGK:2026-11-29 {2}HIGH {2}R02/,
    );
    expect(text).toMatch(/no shadow alerts of 2026\.11\.2 in the period/);
    expect(text).toMatch(/no shadow run of 2026\.11\.2 has committed/);
  });

  it('knows a Redis URL without a database is database 0', () => {
    expect(sameRedisDatabase('redis://127.0.0.1:16379', 'redis://127.0.0.1:16379/0')).toBe(true);
    expect(sameRedisDatabase('redis://127.0.0.1:16379', 'redis://127.0.0.1:16379/1')).toBe(false);
    expect(sameRedisDatabase('redis://10.0.0.1:6379/2', 'redis://10.0.0.2:6379/2')).toBe(false);
  });
});
