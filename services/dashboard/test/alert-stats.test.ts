import { AlertStats, MINUTE_MS, type AlertFacts } from '../src/alert-stats';

const HOUR = 60 * MINUTE_MS;
const base = Date.UTC(2026, 10, 23, 8, 0, 0);
let next = 0;
const fields: Omit<AlertFacts, 'alertId' | 'firstAlertId'> = {
  kind: 'NEW',
  severity: 'HIGH',
  ruleIds: ['R01'],
  checkpointCode: 'CGK',
  situation: 'departure:CGK:2026-11-23',
  alertTime: base,
};
const alert = (overrides: Partial<AlertFacts> = {}): AlertFacts => {
  const alertId = `alert-${(next += 1)}`;
  return { alertId, firstAlertId: alertId, ...fields, ...overrides };
};

describe('AlertStats', () => {
  it('gives the share of NEW alerts withdrawn within a minute', () => {
    const stats = new AlertStats(6 * HOUR);
    const now = base + 10 * MINUTE_MS;
    const first = alert({ alertTime: base });
    stats.record(first, now);
    stats.record(alert({ alertTime: base }), now);
    stats.record(alert({ firstAlertId: first.alertId, kind: 'RESOLVED', alertTime: base + 30_000 }), now);
    expect(stats.summary(now, 15).flapping).toEqual({ newAlerts: 2, flapped: 1, share: 0.5 });
  });

  it('counts raised alerts per minute by severity, rule and checkpoint', () => {
    const stats = new AlertStats(6 * HOUR);
    const now = base + 2 * MINUTE_MS + 5_000;
    stats.record(alert({ alertTime: base + 10_000 }), now);
    stats.record(alert({ alertTime: base + 50_000, severity: 'CRITICAL', ruleIds: ['R01', 'R09'] }), now);
    stats.record(
      alert({ alertTime: base + 2 * MINUTE_MS, checkpointCode: null, severity: 'MEDIUM', ruleIds: ['R11'] }),
      now,
    );
    const summary = stats.summary(now, 3);
    expect(summary.minutes).toEqual([base, base + MINUTE_MS, base + 2 * MINUTE_MS]);
    expect(summary.raised.total).toEqual([2, 0, 1]);
    expect(summary.raised.bySeverity).toEqual({
      LOW: [0, 0, 0],
      MEDIUM: [0, 0, 1],
      HIGH: [1, 0, 0],
      CRITICAL: [1, 0, 0],
    });
    expect(summary.raised.byRule).toEqual({ R01: [2, 0, 0], R09: [1, 0, 0], R11: [0, 0, 1] });
    expect(summary.raised.byCheckpoint).toEqual({ CGK: [2, 0, 0], none: [0, 0, 1] });
    expect(summary.totals.byRule).toEqual({ R01: 2, R09: 1, R11: 1 });
  });

  it('counts NEW and ESCALATED as raised, RESOLVED and DOWNGRADED apart', () => {
    const stats = new AlertStats(HOUR);
    for (const kind of ['NEW', 'ESCALATED', 'RESOLVED', 'DOWNGRADED', 'RESOLVED'] as const)
      stats.record(alert({ kind }), base);
    const { totals } = stats.summary(base, 1);
    expect(totals.raised).toBe(2);
    expect(totals.resolved).toBe(2);
    expect(totals.downgraded).toBe(1);
    expect(totals.bySeverity.HIGH).toBe(2);
  });

  it('counts an alert id once, however often the topic carries it', () => {
    const stats = new AlertStats(HOUR);
    const twice = alert();
    expect(stats.record(twice, base)).toBe('counted');
    expect(stats.record({ ...twice }, base)).toBe('duplicate');
    expect(stats.summary(base, 1).totals.raised).toBe(1);
  });

  it('counts a rule once per alert even if the alert lists it twice', () => {
    const stats = new AlertStats(HOUR);
    stats.record(alert({ ruleIds: ['R08', 'R08'] }), base);
    expect(stats.summary(base, 1).totals.byRule).toEqual({ R08: 1 });
  });

  it('refuses alerts older than the history it keeps', () => {
    const stats = new AlertStats(HOUR);
    expect(stats.record(alert({ alertTime: base - HOUR - 1 }), base)).toBe('too_old');
    expect(stats.summary(base, 60).totals.raised).toBe(0);
  });

  it('drops minutes that fall out of the history, and the ids counted in them', () => {
    const stats = new AlertStats(HOUR);
    const early = alert({ alertTime: base });
    stats.record(early, base);
    const later = base + 2 * HOUR;
    stats.prune(later);
    expect(stats.summary(later, 60).totals.raised).toBe(0);
    // The id is forgotten with its minute; the same record read again is now simply too old.
    expect(stats.record(early, later)).toBe('too_old');
  });

  it('gives the alert budget: NEW departure alerts per 1,000 departures scanned, per checkpoint', () => {
    const stats = new AlertStats(6 * HOUR);
    const now = base + 5 * MINUTE_MS;
    const scan = (checkpointCode: string, stage = 'PRE_CLEARANCE_SCAN', direction = 'DEPARTURE') =>
      stats.recordCrossing({ direction, stage, checkpointCode, eventTime: base + 1_000 }, now);
    for (let traveller = 0; traveller < 400; traveller += 1) scan('CGK');
    for (let traveller = 0; traveller < 50; traveller += 1) scan('PLBN-ENTIKONG');
    // Neither a clearance nor an arrival is a departure scanned.
    expect(scan('CGK', 'CLEARED')).toBe(false);
    expect(scan('CGK', 'PRE_CLEARANCE_SCAN', 'ARRIVAL')).toBe(false);
    stats.record(alert({ alertTime: base + 2_000 }), now);
    stats.record(alert({ alertTime: base + 3_000 }), now);
    // Not counted: a follow-up, and an alert that is not about a departure.
    stats.record(alert({ kind: 'ESCALATED', alertTime: base + 4_000 }), now);
    stats.record(alert({ situation: 'abroad:MY', checkpointCode: null, alertTime: base + 4_000 }), now);
    expect(stats.summary(now, 10).alertBudget).toEqual([
      { checkpoint: 'CGK', departures: 400, alerted: 2, perThousand: 5 },
      { checkpoint: 'PLBN-ENTIKONG', departures: 50, alerted: 0, perThousand: 0 },
    ]);
    expect(stats.budget()).toEqual(stats.summary(now, 10).alertBudget);
  });
});
