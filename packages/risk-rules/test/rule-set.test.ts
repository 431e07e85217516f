import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RULESET_FILE, loadRuleSet, parseRuleSet, RULE_IDS, RULES, RULESET_DIR } from '../src';

/** The shipped file as raw JSON, to break one field at a time. */
interface RawRuleSet {
  severityFrom: Record<string, number>;
  borderRegencies: string[];
  hotspots: { regencies: string[] };
  rules: Record<string, { params: Record<string, unknown> }>;
}

function shipped(): RawRuleSet {
  return JSON.parse(readFileSync(DEFAULT_RULESET_FILE, 'utf8')) as RawRuleSet;
}

function problemsOf(raw: unknown, source = 'waspada-test.json'): string {
  try {
    parseRuleSet(raw, source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the rule set to be refused');
}

describe('the shipped rule set', () => {
  it('changes only the desk procedure table from 2026.12.1, so the detection measured on 2026.12.1 holds', () => {
    const rulesOf = (version: string) => {
      const raw = JSON.parse(readFileSync(join(RULESET_DIR, `waspada-${version}.json`), 'utf8')) as Record<
        string,
        unknown
      >;
      delete raw.version;
      delete raw.description;
      delete raw.procedures;
      return raw;
    };
    expect(rulesOf('2026.12.2')).toEqual(rulesOf('2026.12.1'));
  });

  it('loads and validates', () => {
    const ruleSet = loadRuleSet();

    expect(ruleSet.version).toBe('2026.12.2');
    expect(ruleSet.procedures).toBe('2026.12.2');
    expect(Object.keys(ruleSet.rules)).toEqual(RULE_IDS);
    expect(RULE_IDS).toEqual([
      'R01',
      'R02',
      'R03',
      'R04',
      'R05',
      'R06',
      'R07',
      'R08',
      'R09',
      'R10',
      'R11',
      'R12',
    ]);
    expect(RULE_IDS.every((id) => ruleSet.rules[id].enabled)).toBe(true);
    expect(ruleSet.hotspots).toEqual({ provinces: ['61', '52', '32'], regencies: [], score: 10 });
  });

  it('has an implementation for every rule it configures', () => {
    for (const id of RULE_IDS) expect(RULES[id].id).toBe(id);
  });
});

describe('a broken rule set', () => {
  it('is refused for a rule the processor does not know, naming where', () => {
    const raw = shipped();
    raw.rules.R13 = raw.rules.R12!;
    expect(problemsOf(raw)).toBe('waspada-test.json is invalid:\n  rules: Unrecognized key: "R13"');
  });

  it('is refused for an unknown parameter of a rule', () => {
    const raw = shipped();
    raw.rules.R01!.params.freshPassportDay = 30;
    expect(problemsOf(raw)).toContain('rules.R01.params: Unrecognized key: "freshPassportDay"');
  });

  it('is refused for severity bands out of order', () => {
    const raw = shipped();
    raw.severityFrom.HIGH = 90;
    expect(problemsOf(raw)).toContain('severityFrom: needs MEDIUM < HIGH < CRITICAL');
  });

  it('is refused for a border regency that is not a Kemendagri code', () => {
    const raw = shipped();
    raw.borderRegencies.push('6199');
    expect(problemsOf(raw)).toContain('borderRegencies: 6199 is not a Kemendagri regency code');
  });

  it('is refused for a hotspot regency that is not a Kemendagri code', () => {
    const raw = shipped();
    raw.hotspots.regencies.push('9999');
    expect(problemsOf(raw)).toContain('hotspots.regencies: 9999 is not a Kemendagri regency code');
  });

  it('is refused for a threshold out of range, naming the parameter', () => {
    const raw = shipped();
    raw.rules.R05!.params.maxApplications = 0;
    expect(problemsOf(raw)).toMatch(/^ {2}rules\.R05\.params\.maxApplications: /m);
  });

  it('is refused for a missing rule', () => {
    const raw = shipped();
    delete raw.rules.R04;
    expect(problemsOf(raw)).toMatch(/^ {2}rules\.R04: /m);
  });

  it('names the file it came from when loaded from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waspada-rules-'));
    try {
      const bands = shipped();
      bands.severityFrom.MEDIUM = 60;
      const file = join(dir, 'bands.json');
      writeFileSync(file, JSON.stringify(bands));
      expect(() => loadRuleSet(file)).toThrow(
        `${file} is invalid:\n  severityFrom: needs MEDIUM < HIGH < CRITICAL`,
      );

      const truncated = join(dir, 'truncated.json');
      writeFileSync(truncated, '{ "version": "2026.11.2", ');
      expect(() => loadRuleSet(truncated)).toThrow(`rule set ${truncated} is not readable JSON`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
