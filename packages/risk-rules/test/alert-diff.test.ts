import type { RiskAlert } from '@waspada/schemas';
import { diffAlerts, standingAlerts } from '../src';

const T0 = Date.parse('2026-11-29T01:00:00Z');

function alert(
  nik: string,
  situation: string,
  fields: Partial<Pick<RiskAlert, 'kind' | 'revision' | 'severity' | 'ruleSetVersion'>> & {
    rules?: string[];
  } = {},
): RiskAlert {
  const firstAlertId = `first-${nik}-${situation}-${fields.ruleSetVersion ?? 'live'}`;
  return {
    alertId: `${firstAlertId}-${fields.revision ?? 0}`,
    firstAlertId,
    revision: fields.revision ?? 0,
    kind: fields.kind ?? 'NEW',
    situation,
    person: {
      nik,
      fullName: null,
      birthDate: null,
      sex: null,
      ageYears: null,
      originRegencyCode: nik.slice(0, 4),
      originRegencyName: null,
    },
    target: { checkpointCode: 'CGK', counterId: null, regencyCode: null },
    severity: fields.severity ?? 'HIGH',
    score: 60,
    rules: (fields.rules ?? ['R02']).map((ruleId) => ({
      ruleId,
      title: ruleId,
      severity: 'HIGH',
      score: 60,
      reasons: [],
    })),
    recommendedActions: [],
    ruleSetVersion: fields.ruleSetVersion ?? '2026.11.1',
    triggerEventId: 'e1',
    eventTime: T0,
    alertTime: T0 + 100,
  } as unknown as RiskAlert;
}

const A = '3201014101990001';
const B = '3201014101990002';
const C = '3201014101990003';
const D = '3201014101990004';

describe('shadow difference', () => {
  it('keeps the last revision of each alert and leaves resolved ones out', () => {
    const standing = standingAlerts([
      alert(A, 'departure:CGK:2026-11-29'),
      alert(A, 'departure:CGK:2026-11-29', { kind: 'ESCALATED', revision: 1, severity: 'CRITICAL' }),
      alert(B, 'departure:CGK:2026-11-29'),
      alert(B, 'departure:CGK:2026-11-29', { kind: 'RESOLVED', revision: 1 }),
    ]);
    expect([...standing.values()].map((side) => [side.nik, side.severity])).toEqual([[A, 'CRITICAL']]);
  });

  it('lists alerts only the new version raises, alerts it drops and severity changes, per NIK and situation', () => {
    const live = [
      alert(A, 'departure:CGK:2026-11-29', { rules: ['R05'], severity: 'MEDIUM' }),
      alert(B, 'departure:CGK:2026-11-29'),
      alert(C, 'departure:CGK:2026-11-29', { severity: 'MEDIUM' }),
    ];
    const shadow = [
      alert(B, 'departure:CGK:2026-11-29', { ruleSetVersion: '2026.11.2' }),
      alert(C, 'departure:CGK:2026-11-29', { ruleSetVersion: '2026.11.2', severity: 'HIGH' }),
      alert(D, 'report:abc', { ruleSetVersion: '2026.11.2', rules: ['R11'] }),
    ];
    const diff = diffAlerts(live, shadow);
    expect(diff.onlyNew.map((side) => [side.nik, side.situation, side.rules])).toEqual([
      [D, 'report:abc', ['R11']],
    ]);
    expect(diff.dropped.map((side) => [side.nik, side.rules])).toEqual([[A, ['R05']]]);
    expect(
      diff.severityChanged.map((change) => [change.live.nik, change.live.severity, change.shadow.severity]),
    ).toEqual([[C, 'MEDIUM', 'HIGH']]);
    expect(diff).toMatchObject({ unchanged: 1, liveAlerts: 3, shadowAlerts: 3 });
  });

  it('finds no difference between a version and itself', () => {
    const alerts = [alert(A, 'departure:CGK:2026-11-29'), alert(B, 'report:x', { severity: 'LOW' })];
    expect(diffAlerts(alerts, alerts)).toMatchObject({
      onlyNew: [],
      dropped: [],
      severityChanged: [],
      unchanged: 2,
    });
  });
});
