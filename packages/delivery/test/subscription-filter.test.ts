import type { RiskAlert } from '@waspada/schemas';
import { matchesFilter } from '../src/subscription-filter';
import { filterWith, riskAlert } from './fixtures';

type Kind = RiskAlert['kind'];
type Severity = RiskAlert['severity'];

/** A RESOLVED follow-up as the processor writes it: no rules, score 0, severity LOW. */
const resolved = () =>
  riskAlert({ kind: 'RESOLVED', revision: 1, severity: 'LOW', score: 0, rules: [], recommendedActions: [] });

describe('matchesFilter', () => {
  it('lets an empty filter take every kind of alert', () => {
    for (const kind of ['NEW', 'ESCALATED', 'DOWNGRADED', 'RESOLVED'] as const)
      expect(matchesFilter(riskAlert({ kind, severity: 'LOW' }), filterWith())).toBe(true);
  });

  describe('minSeverity', () => {
    it.each<[Kind, Severity, boolean]>([
      ['NEW', 'MEDIUM', false],
      ['NEW', 'HIGH', true],
      ['NEW', 'CRITICAL', true],
      ['ESCALATED', 'MEDIUM', false],
      ['ESCALATED', 'HIGH', true],
    ])('judges a %s alert of severity %s against HIGH: %s', (kind, severity, expected) => {
      expect(matchesFilter(riskAlert({ kind, severity }), filterWith({ minSeverity: 'HIGH' }))).toBe(
        expected,
      );
    });

    it('lets a downgrade or a resolution through below the minimum, so the subscriber learns of it', () => {
      const filter = filterWith({ minSeverity: 'CRITICAL' });
      expect(matchesFilter(riskAlert({ kind: 'DOWNGRADED', severity: 'LOW' }), filter)).toBe(true);
      expect(matchesFilter(resolved(), filter)).toBe(true);
    });
  });

  it('takes only the listed kinds', () => {
    const filter = filterWith({ kinds: ['NEW', 'RESOLVED'] });
    expect(matchesFilter(riskAlert({ kind: 'NEW' }), filter)).toBe(true);
    expect(matchesFilter(resolved(), filter)).toBe(true);
    expect(matchesFilter(riskAlert({ kind: 'ESCALATED' }), filter)).toBe(false);
    expect(matchesFilter(riskAlert({ kind: 'DOWNGRADED' }), filter)).toBe(false);
  });

  describe('rules', () => {
    it('takes an alert when any of its rules is listed', () => {
      expect(matchesFilter(riskAlert(), filterWith({ rules: ['R09'] }))).toBe(true);
      expect(matchesFilter(riskAlert(), filterWith({ rules: ['R02', 'R04'] }))).toBe(true);
    });

    it('refuses an alert none of whose rules is listed', () => {
      expect(matchesFilter(riskAlert(), filterWith({ rules: ['R02', 'R11'] }))).toBe(false);
    });

    it('lets a downgrade through even when it dropped the listed rule, so a received alert is never left high', () => {
      const downgrade = riskAlert({ kind: 'DOWNGRADED', revision: 1, rules: [] });
      expect(matchesFilter(downgrade, filterWith({ rules: ['R09'] }))).toBe(true);
    });

    it('lets a resolution, which has no rules left, through', () => {
      expect(matchesFilter(resolved(), filterWith({ rules: ['R09'] }))).toBe(true);
    });
  });

  describe('situations', () => {
    it('matches the situation kind before the first colon', () => {
      const departure = riskAlert({ situation: 'departure:PLBN-ENTIKONG:2026-11-20' });
      expect(matchesFilter(departure, filterWith({ situations: ['departure'] }))).toBe(true);
      expect(matchesFilter(departure, filterWith({ situations: ['overstay', 'report'] }))).toBe(false);
    });

    it('matches a situation with no colon as a whole', () => {
      const documents = riskAlert({ situation: 'documents', target: { checkpointCode: null } });
      expect(matchesFilter(documents, filterWith({ situations: ['documents'] }))).toBe(true);
      expect(matchesFilter(documents, filterWith({ situations: ['departure'] }))).toBe(false);
    });

    it('does not take an overstay for a departure though both name a checkpoint and a date', () => {
      const overstay = riskAlert({ situation: 'overstay:PLBN-ENTIKONG:2026-11-20' });
      expect(matchesFilter(overstay, filterWith({ situations: ['departure'] }))).toBe(false);
      expect(matchesFilter(overstay, filterWith({ situations: ['overstay'] }))).toBe(true);
    });
  });

  describe('regions', () => {
    /** From Kabupaten Bogor (3201, West Java); the passport office that follows up is in Sanggau (6103, West Kalimantan). */
    const alert = riskAlert({ target: { regencyCode: '6103' } });

    it.each([
      ['the origin province', '32'],
      ['the origin regency', '3201'],
      ['the target province', '61'],
      ['the target regency', '6103'],
    ])('takes an alert by %s (%s)', (_what, region) => {
      expect(matchesFilter(alert, filterWith({ regions: [region] }))).toBe(true);
    });

    it('refuses an alert from other provinces and regencies', () => {
      expect(matchesFilter(alert, filterWith({ regions: ['35', '3202', '6104'] }))).toBe(false);
    });

    it('matches a code as a prefix only, not anywhere in the regency code', () => {
      expect(matchesFilter(alert, filterWith({ regions: ['20', '01', '10'] }))).toBe(false);
    });

    it('takes an alert when any listed region matches', () => {
      expect(matchesFilter(alert, filterWith({ regions: ['35', '61'] }))).toBe(true);
    });
  });

  describe('checkpoints', () => {
    it('takes an alert at a listed checkpoint only', () => {
      expect(matchesFilter(riskAlert(), filterWith({ checkpoints: ['PLBN-ARUK', 'PLBN-ENTIKONG'] }))).toBe(
        true,
      );
      expect(matchesFilter(riskAlert(), filterWith({ checkpoints: ['CGK', 'DPS'] }))).toBe(false);
    });

    it('refuses an alert with no checkpoint when checkpoints are listed, and takes it otherwise', () => {
      const report = riskAlert({ situation: 'report:KBRI-KUL-2027-0117', target: { checkpointCode: null } });
      expect(matchesFilter(report, filterWith({ checkpoints: ['PLBN-ENTIKONG'] }))).toBe(false);
      expect(matchesFilter(report, filterWith())).toBe(true);
    });
  });

  it('takes an alert only when every listed criterion holds', () => {
    const all = filterWith({
      minSeverity: 'HIGH',
      kinds: ['NEW', 'ESCALATED'],
      rules: ['R10'],
      situations: ['departure'],
      regions: ['32'],
      checkpoints: ['PLBN-ENTIKONG'],
    });
    expect(matchesFilter(riskAlert(), all)).toBe(true);
    expect(matchesFilter(riskAlert({ severity: 'MEDIUM' }), all)).toBe(false);
    expect(matchesFilter(riskAlert(), { ...all, kinds: ['DOWNGRADED'] })).toBe(false);
    expect(matchesFilter(riskAlert(), { ...all, rules: ['R02'] })).toBe(false);
    expect(matchesFilter(riskAlert(), { ...all, situations: ['report'] })).toBe(false);
    expect(matchesFilter(riskAlert(), { ...all, regions: ['51'] })).toBe(false);
    expect(matchesFilter(riskAlert(), { ...all, checkpoints: ['CGK'] })).toBe(false);
  });
});
