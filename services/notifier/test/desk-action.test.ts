import { hashToken } from '@waspada/delivery';
import type { RiskAlert } from '@waspada/schemas';
import { actionPurpose, deskActionOf, parseDeskAction } from '../src/desk-action';

/** An officer's click at the desk, as the alert-action record the analysts and backtests read. */
const DESK = { deskId: 'entikong-1', checkpointCode: 'PLBN-ENTIKONG', tokenHash: hashToken('t') };
const ALERT = {
  alertId: 'alert-2',
  firstAlertId: 'alert-1',
  person: { nik: '3201126407980003' },
  rules: [{ ruleId: 'R01' }, { ruleId: 'R07' }],
  ruleSetVersion: '2026.11.1',
  severity: 'HIGH',
} as unknown as RiskAlert;
const NOW = Date.UTC(2026, 10, 20, 1, 15);

const actionOf = (body: unknown, idempotencyKey?: string) => {
  const parsed = parseDeskAction(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return deskActionOf({
    desk: DESK,
    checkpoint: 'PLBN-ENTIKONG',
    alertId: 'alert-2',
    alert: ALERT,
    request: parsed.request,
    idempotencyKey,
    now: NOW,
  });
};

describe('desk actions', () => {
  it('records a referral with the alert it answers, the rules and the officer', () => {
    expect(actionOf({ action: 'REFER', officerId: ' IMI-0042 ' }, 'click-1')).toEqual({
      actionId: expect.any(String),
      alertId: 'alert-2',
      firstAlertId: 'alert-1',
      nik: '3201126407980003',
      checkpointCode: 'PLBN-ENTIKONG',
      deskId: 'entikong-1',
      officerId: 'IMI-0042',
      action: 'REFERRED',
      reason: null,
      ruleIds: ['R01', 'R07'],
      ruleSetVersion: '2026.11.1',
      severity: 'HIGH',
      actionTime: NOW,
    });
  });

  it('gives a retried click with the same Idempotency-Key the same action id, and another key another', () => {
    const body = { action: 'ACKNOWLEDGE', officerId: 'IMI-0042' };
    expect(actionOf(body, 'click-1').actionId).toBe(actionOf(body, 'click-1').actionId);
    expect(actionOf(body, 'click-1').actionId).not.toBe(actionOf(body, 'click-2').actionId);
    expect(actionOf(body).actionId).not.toBe(actionOf(body).actionId);
  });

  it('refuses a dismissal without a reason, naming the field', () => {
    expect(parseDeskAction({ action: 'DISMISS', officerId: 'IMI-0042' })).toEqual({
      ok: false,
      fields: [{ field: 'reason', reason: 'a dismissal needs a reason' }],
    });
  });

  it('refuses unknown fields and actions, and a body that is not an object', () => {
    const refused = parseDeskAction({ action: 'DELETE', officerId: 'IMI-0042', note: 'x' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.fields.map((entry) => entry.field).sort()).toEqual(['(body)', 'action']);
    expect(parseDeskAction(null)).toMatchObject({ ok: false, fields: [{ field: '(body)' }] });
  });

  it('says in the access trail what the officer did and why', () => {
    const dismissal = actionOf({
      action: 'DISMISS',
      officerId: 'IMI-0042',
      reason: 'family with return tickets',
    });
    expect(actionPurpose(dismissal)).toBe('dismissed alert at PLBN-ENTIKONG: family with return tickets');
  });
});
