import {
  applyAlert,
  createDeskState,
  previousRevision,
  sortedCards,
  type DeskAlert,
} from '../../../public/js/desk-state.js';

function deskAlert(overrides: Partial<DeskAlert> & { alertId: string }): DeskAlert {
  return {
    firstAlertId: overrides.alertId,
    revision: 0,
    kind: 'NEW',
    situation: 'departure:CGK:2026-11-23',
    severity: 'HIGH',
    score: 60,
    person: {
      nik: '3201014506990001',
      fullName: 'Dewi Lestari',
      birthDate: '1999-06-05',
      sex: 'FEMALE',
      ageYears: 27,
      originRegencyCode: '3201',
      originRegencyName: 'Kabupaten Bogor',
    },
    target: { checkpointCode: 'CGK', counterId: 'C-4', regencyCode: '3201' },
    rules: [{ ruleId: 'R01', title: 'Worker on a tourist visa', severity: 'HIGH', score: 60, reasons: [] }],
    recommendedActions: ['REFER_SECONDARY_INSPECTION'],
    ruleSetVersion: '2026.11.1',
    triggerEventId: 'event-1',
    eventTime: '2026-11-23T08:00:00.000Z',
    alertTime: '2026-11-23T08:00:00.050Z',
    ...overrides,
  };
}

describe('desk state', () => {
  it('shows an alert id once, however often the stream sends it', () => {
    const state = createDeskState();
    expect(applyAlert(state, deskAlert({ alertId: 'a' })).outcome).toBe('new-card');
    expect(applyAlert(state, deskAlert({ alertId: 'a' })).outcome).toBe('duplicate');
    expect(sortedCards(state)).toHaveLength(1);
  });

  it('shows a follow-up as an update of the card of its first alert', () => {
    const state = createDeskState();
    applyAlert(state, deskAlert({ alertId: 'a', severity: 'MEDIUM' }));
    const { outcome, card } = applyAlert(
      state,
      deskAlert({
        alertId: 'a-1',
        firstAlertId: 'a',
        revision: 1,
        kind: 'ESCALATED',
        severity: 'CRITICAL',
        alertTime: '2026-11-23T08:05:00.000Z',
      }),
    );
    expect(outcome).toBe('updated');
    expect(sortedCards(state)).toHaveLength(1);
    expect(card?.latest.alertId).toBe('a-1');
    expect(card && previousRevision(card)?.severity).toBe('MEDIUM');
    expect(card?.resolved).toBe(false);
  });

  it('greys out a resolved situation', () => {
    const state = createDeskState();
    applyAlert(state, deskAlert({ alertId: 'a' }));
    const { card } = applyAlert(
      state,
      deskAlert({ alertId: 'a-1', firstAlertId: 'a', revision: 1, kind: 'RESOLVED', score: 0, rules: [] }),
    );
    expect(card?.resolved).toBe(true);
  });

  it('keeps the highest revision when an older one arrives late', () => {
    const state = createDeskState();
    applyAlert(state, deskAlert({ alertId: 'a-2', firstAlertId: 'a', revision: 2, kind: 'ESCALATED' }));
    const { outcome, card } = applyAlert(state, deskAlert({ alertId: 'a' }));
    expect(outcome).toBe('older-revision');
    expect(card?.latest.alertId).toBe('a-2');
    expect(card?.followUpOnly).toBe(false);
    expect(card?.revisions.map((revision) => revision.alertId)).toEqual(['a', 'a-2']);
  });

  it('marks a follow-up whose first alert never came', () => {
    const state = createDeskState();
    const { card } = applyAlert(
      state,
      deskAlert({ alertId: 'b-1', firstAlertId: 'b', revision: 1, kind: 'ESCALATED' }),
    );
    expect(card?.firstAlertId).toBe('b');
    expect(card?.followUpOnly).toBe(true);
  });

  it('orders cards newest first, a follow-up moving its card up', () => {
    const state = createDeskState();
    applyAlert(state, deskAlert({ alertId: 'old', alertTime: '2026-11-23T08:00:00.000Z' }));
    applyAlert(state, deskAlert({ alertId: 'new', alertTime: '2026-11-23T08:01:00.000Z' }));
    expect(sortedCards(state).map((card) => card.firstAlertId)).toEqual(['new', 'old']);
    applyAlert(
      state,
      deskAlert({
        alertId: 'old-1',
        firstAlertId: 'old',
        revision: 1,
        kind: 'ESCALATED',
        alertTime: '2026-11-23T08:02:00.000Z',
      }),
    );
    expect(sortedCards(state).map((card) => card.firstAlertId)).toEqual(['old', 'new']);
  });

  it('keeps at most its capacity of cards, dropping the oldest, and never shows a dropped id again', () => {
    const state = createDeskState(2);
    for (const minute of [1, 2, 3])
      applyAlert(state, deskAlert({ alertId: `m${minute}`, alertTime: `2026-11-23T08:0${minute}:00.000Z` }));
    expect(sortedCards(state).map((card) => card.firstAlertId)).toEqual(['m3', 'm2']);
    expect(applyAlert(state, deskAlert({ alertId: 'm1' })).outcome).toBe('duplicate');
  });
});
