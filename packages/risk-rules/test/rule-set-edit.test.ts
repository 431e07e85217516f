import { readFileSync } from 'node:fs';
import { DEFAULT_RULESET_FILE, ruleSetChanges, ruleSetProblems } from '../src';

interface RawRuleSet {
  version: string;
  rules: Record<string, { enabled: boolean; params: Record<string, unknown> }>;
  hotspots: { provinces: string[]; score: number };
  [field: string]: unknown;
}

const shipped = (): RawRuleSet => JSON.parse(readFileSync(DEFAULT_RULESET_FILE, 'utf8')) as RawRuleSet;

describe('ruleSetProblems', () => {
  it('finds none in the shipped file', () => {
    expect(ruleSetProblems(shipped())).toEqual([]);
  });

  it('names the path of a threshold that is not a whole number of days', () => {
    const edited = shipped();
    edited.rules.R05!.params.windowDays = 0;
    edited.rules.R01!.params.maxStayDays = 'thirty';

    const problems = ruleSetProblems(edited);

    expect(problems.map((problem) => problem.path)).toEqual([
      'rules.R01.params.maxStayDays',
      'rules.R05.params.windowDays',
    ]);
    expect(problems.every((problem) => problem.message.length > 0)).toBe(true);
  });

  it("gives the schema's own messages in Bahasa Indonesia when asked, at the same paths", () => {
    const edited = shipped();
    edited.rules.R01!.params.maxStayDays = 'thirty';

    const [english] = ruleSetProblems(edited);
    const [indonesian] = ruleSetProblems(edited, 'id');

    expect(indonesian?.path).toBe(english?.path);
    expect(english?.message).toMatch(/expected number/);
    expect(indonesian?.message).toMatch(/diharapkan number/);
  });

  it('names an unknown country group', () => {
    const edited = shipped();
    edited.rules.R02!.params.hubs = 'KH';

    expect(ruleSetProblems(edited).map((problem) => problem.path)).toEqual(['rules.R02.params.hubs']);
  });

  // The schema checks regencies against the reference data once every field has its type.
  it('names a regency code that Kemendagri does not know', () => {
    const edited = shipped();
    edited.borderRegencies = ['6101', '9999'];

    expect(ruleSetProblems(edited)).toEqual([
      { path: 'borderRegencies', message: '9999 is not a Kemendagri regency code' },
    ]);
  });

  it('refuses a field the schema does not know, and what is not a rule set at all', () => {
    expect(ruleSetProblems({ ...shipped(), threshold: 3 })).toEqual([
      { path: '', message: expect.stringContaining('threshold') },
    ]);
    expect(ruleSetProblems([]).length).toBeGreaterThan(0);
  });
});

describe('ruleSetChanges', () => {
  it('lists nothing for the same rule set', () => {
    expect(ruleSetChanges(shipped(), shipped())).toEqual([]);
  });

  it('lists each changed field by path, live value and proposed value, in the order of the file', () => {
    const edited = shipped();
    edited.version = '2099.01.1';
    edited.hotspots.score = 15;
    edited.rules.R05!.params.windowDays = 120;
    edited.rules.R10!.enabled = false;

    expect(ruleSetChanges(shipped(), edited)).toEqual([
      { path: 'version', kind: 'changed', live: shipped().version, proposed: '2099.01.1' },
      { path: 'hotspots.score', kind: 'changed', live: 10, proposed: 15 },
      { path: 'rules.R05.params.windowDays', kind: 'changed', live: 90, proposed: 120 },
      { path: 'rules.R10.enabled', kind: 'changed', live: true, proposed: false },
    ]);
  });

  it('shows a changed list whole', () => {
    const edited = shipped();
    edited.hotspots.provinces = ['61', '52'];

    expect(ruleSetChanges(shipped(), edited)).toEqual([
      { path: 'hotspots.provinces', kind: 'changed', live: ['61', '52', '32'], proposed: ['61', '52'] },
    ]);
  });

  it('lists fields added and removed', () => {
    const live = { version: '1', borderPosts: { 'PLBN-ARUK': ['6101'] } };
    const proposed = { version: '1', borderPosts: { 'PLBN-SOTA': ['9301'] }, procedures: '2026.12.1' };

    expect(ruleSetChanges(live, proposed)).toEqual([
      { path: 'borderPosts.PLBN-ARUK', kind: 'removed', live: ['6101'] },
      { path: 'borderPosts.PLBN-SOTA', kind: 'added', proposed: ['9301'] },
      { path: 'procedures', kind: 'added', proposed: '2026.12.1' },
    ]);
  });

  it('shows a value that changed type as one change', () => {
    expect(ruleSetChanges({ workingAge: { min: 18 } }, { workingAge: 18 })).toEqual([
      { path: 'workingAge', kind: 'changed', live: { min: 18 }, proposed: 18 },
    ]);
  });
});
