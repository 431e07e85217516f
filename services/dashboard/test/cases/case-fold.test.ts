import type { CaseEvent } from '@waspada/schemas';
import { caseEventOf, openingEventOf, openingNoteOf } from '../../src/cases/case-commands';
import { applyCaseEvent, caseIdOf, isOverdue, type CaseView } from '../../src/cases/case-fold';
import { type Analyst } from '@waspada/analysts';

const NIK = '3201011208960001';
const FIRST_ALERT = '5a0c6f9e-1d2b-4c3a-8e7f-0a1b2c3d4e5f';
const officer: Analyst = { id: 'regency-bogor-01', roles: ['regency'], regencyCode: '3201' };

const opening = (eventId: string, time = 1_000): CaseEvent =>
  openingEventOf({
    eventId,
    firstAlertId: FIRST_ALERT,
    alertId: FIRST_ALERT,
    nik: NIK,
    checkpointCode: 'CGK',
    actor: { kind: 'DESK', id: 'desk-cgk-01', officerId: 'officer-7' },
    openedBy: 'DESK_REFERRAL',
    sourceActionId: null,
    time,
  });

const fold = (events: readonly CaseEvent[]) =>
  events.reduce<CaseView | undefined>((view, event) => applyCaseEvent(view, event), undefined);

describe('case fold', () => {
  it('opens a case named by its situation, assigned to the origin regency office', () => {
    const view = fold([opening('00000000-0000-4000-8000-000000000001')]);
    expect(view).toMatchObject({
      caseId: caseIdOf(FIRST_ALERT),
      status: 'OPEN',
      originRegencyCode: '3201',
      assignee: { kind: 'REGENCY_OFFICE', code: '3201' },
      openedBy: 'DESK_REFERRAL',
      notes: 0,
    });
    expect(caseIdOf(FIRST_ALERT)).toBe(caseIdOf(FIRST_ALERT));
    expect(caseIdOf(FIRST_ALERT)).not.toBe(caseIdOf('5a0c6f9e-1d2b-4c3a-8e7f-0a1b2c3d4e60'));
  });

  it('keeps the first opening when a second referral opens the same case again', () => {
    const first = opening('00000000-0000-4000-8000-000000000001', 1_000);
    const view = fold([first, opening('00000000-0000-4000-8000-000000000002', 2_000)]);
    expect(view?.history).toEqual([first]);
    expect(view?.openedAt).toBe(1_000);
  });

  it('applies assignment, status, notes, due date and closing in order, each in the history', () => {
    const open = fold([opening('00000000-0000-4000-8000-000000000001')]) as CaseView;
    const steps = [
      { change: 'ASSIGNED', body: { assignee: { kind: 'BP3MI', code: '32' } } },
      { change: 'STATUS_CHANGED', body: { status: 'IN_PROGRESS' } },
      { change: 'NOTE_ADDED', body: { note: 'family visited in Desa Cibeureum' } },
      { change: 'DUE_DATE_SET', body: { dueDate: '2026-12-10' } },
      { change: 'CLOSED', body: { outcome: 'NON_PROCEDURAL_DEPARTURE_PREVENTED' } },
    ] as const;
    let view = open;
    steps.forEach((step, index) => {
      view = applyCaseEvent(view, caseEventOf(view, step, officer, 2_000 + index)) as CaseView;
    });
    expect(view).toMatchObject({
      assignee: { kind: 'BP3MI', code: '32' },
      status: 'CLOSED',
      outcome: 'NON_PROCEDURAL_DEPARTURE_PREVENTED',
      closedAt: 2_004,
      dueDate: '2026-12-10',
      notes: 1,
      updatedAt: 2_004,
    });
    expect(view.history.map((event) => event.change)).toEqual([
      'OPENED',
      'ASSIGNED',
      'STATUS_CHANGED',
      'NOTE_ADDED',
      'DUE_DATE_SET',
      'CLOSED',
    ]);
  });

  it('takes only notes once closed: the outcome, a backtest label, stays as recorded', () => {
    let view = fold([opening('00000000-0000-4000-8000-000000000001')]) as CaseView;
    const close = (outcome: 'CLEARED_LEGITIMATE' | 'TRAFFICKING_CONFIRMED', time: number) =>
      caseEventOf(view, { change: 'CLOSED', body: { outcome } }, officer, time);
    view = applyCaseEvent(view, close('TRAFFICKING_CONFIRMED', 2_000)) as CaseView;
    const reopened = applyCaseEvent(
      view,
      caseEventOf(view, { change: 'STATUS_CHANGED', body: { status: 'OPEN' } }, officer, 3_000),
    );
    expect(applyCaseEvent(view, close('CLEARED_LEGITIMATE', 3_000))).toBe(view);
    expect(reopened).toBe(view);
    const noted = applyCaseEvent(
      view,
      caseEventOf(view, { change: 'NOTE_ADDED', body: { note: 'reported to Polda Jabar' } }, officer, 4_000),
    );
    expect(noted).toMatchObject({ status: 'CLOSED', outcome: 'TRAFFICKING_CONFIRMED', notes: 1 });
  });

  it('ignores a change to a case never opened', () => {
    const view = fold([opening('00000000-0000-4000-8000-000000000001')]) as CaseView;
    const stray = openingNoteOf(opening('00000000-0000-4000-8000-000000000003'), 'a note', officer);
    expect(applyCaseEvent(undefined, stray)).toBeUndefined();
    expect(applyCaseEvent(view, stray)?.notes).toBe(1);
  });

  it('counts a case overdue from the day after its due day, and never once closed', () => {
    expect(isOverdue({ status: 'OPEN', dueDate: '2026-12-03' }, '2026-12-03')).toBe(false);
    expect(isOverdue({ status: 'IN_PROGRESS', dueDate: '2026-12-03' }, '2026-12-04')).toBe(true);
    expect(isOverdue({ status: 'CLOSED', dueDate: '2026-12-03' }, '2026-12-04')).toBe(false);
    expect(isOverdue({ status: 'OPEN', dueDate: null }, '2026-12-04')).toBe(false);
  });
});
