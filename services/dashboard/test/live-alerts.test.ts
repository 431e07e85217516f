import type { RiskAlert } from '@waspada/schemas';
import { LiveAlerts, opsEntry, type OpsAlertEntry } from '../src/live-alerts';

const riskAlert = (alertId: string, alertTime: number): RiskAlert => ({
  alertId,
  firstAlertId: alertId,
  revision: 0,
  kind: 'NEW',
  situation: 'departure:PLBN-ENTIKONG:2026-11-23',
  severity: 'CRITICAL',
  score: 95,
  person: {
    nik: '6103055708030002',
    fullName: 'Siti Aminah',
    birthDate: '2003-08-17',
    sex: 'FEMALE',
    ageYears: 23,
    originRegencyCode: '6103',
    originRegencyName: 'Kabupaten Sanggau',
  },
  target: { checkpointCode: 'PLBN-ENTIKONG', counterId: 'C-2', regencyCode: '6103' },
  rules: [{ ruleId: 'R01', title: 'Worker on a tourist visa', severity: 'HIGH', score: 40, reasons: [] }],
  recommendedActions: ['REFER_SECONDARY_INSPECTION'],
  ruleSetVersion: '2026.11.1',
  triggerEventId: 'event-1',
  eventTime: alertTime - 50,
  alertTime,
  procedureVersion: null,
  exemptedRules: [],
});

describe('opsEntry', () => {
  it('masks the NIK and leaves out the name and the birth date', () => {
    const entry = opsEntry(riskAlert('a1', Date.UTC(2026, 10, 23, 8, 15)), () => 'PLBN Entikong');
    expect(entry.nik).toBe('6103**********02');
    const text = JSON.stringify(entry);
    expect(text).not.toContain('6103055708030002');
    expect(text).not.toContain('Siti');
    expect(text).not.toContain('2003-08-17');
    expect(entry).toMatchObject({
      severity: 'CRITICAL',
      ruleIds: ['R01'],
      checkpointCode: 'PLBN-ENTIKONG',
      checkpointName: 'PLBN Entikong',
      originRegencyName: 'Kabupaten Sanggau',
      alertTime: '2026-11-23T08:15:00.000Z',
    });
  });
});

describe('LiveAlerts', () => {
  const entry = (alertId: string, minute: number): OpsAlertEntry =>
    opsEntry(riskAlert(alertId, Date.UTC(2026, 10, 23, 8, minute)), () => undefined);

  it('passes each alert id to listeners once', () => {
    const live = new LiveAlerts(10);
    const seen: string[] = [];
    live.subscribe((published) => seen.push(published.alertId));
    live.publish(entry('a', 1));
    live.publish(entry('a', 1));
    live.publish(entry('b', 2));
    expect(seen).toEqual(['a', 'b']);
  });

  it('sends a connecting page the latest alerts oldest first, or what followed its last id', () => {
    const live = new LiveAlerts(3);
    for (const [id, minute] of [
      ['a', 1],
      ['c', 3],
      ['b', 2],
      ['d', 4],
    ] as const)
      live.publish(entry(id, minute));
    expect(live.backlog(undefined, 10).map((kept) => kept.alertId)).toEqual(['b', 'c', 'd']);
    expect(live.backlog(undefined, 2).map((kept) => kept.alertId)).toEqual(['c', 'd']);
    expect(live.backlog('b', 10).map((kept) => kept.alertId)).toEqual(['d']);
    expect(live.backlog('a', 10).map((kept) => kept.alertId)).toEqual(['b', 'c', 'd']);
  });

  it('stops calling a listener that unsubscribed', () => {
    const live = new LiveAlerts(10);
    const listener = jest.fn();
    const unsubscribe = live.subscribe(listener);
    unsubscribe();
    live.publish(entry('a', 1));
    expect(listener).not.toHaveBeenCalled();
    expect(live.subscribers()).toBe(0);
  });
});
