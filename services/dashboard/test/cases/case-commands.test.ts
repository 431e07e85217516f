import { referenceData } from '@waspada/domain';
import { type Analyst } from '@waspada/analysts';
import { caseCommandSchemas, parseCommand, parseQueueQuery, refusalOf } from '../../src/cases/case-commands';
import type { CaseView } from '../../src/cases/case-fold';

const schemas = caseCommandSchemas(referenceData());
const bogor: Analyst = { id: 'regency-bogor-01', roles: ['regency'], regencyCode: '3201' };
const supervisor: Analyst = { id: 'supervisor-01', roles: ['supervisor'] };

const problems = (result: ReturnType<typeof parseCommand>) => (result.ok ? [] : result.problems);

describe('case commands', () => {
  it('accepts an assignee whose code names a real office of its kind', () => {
    for (const assignee of [
      { kind: 'DESK', code: 'CGK' },
      { kind: 'REGENCY_OFFICE', code: '3201' },
      { kind: 'BP3MI', code: '32' },
      { kind: 'SATGAS_TPPO', code: '32' },
      { kind: 'KEMLU', code: 'KBRI-PHNOM-PENH' },
    ])
      expect(parseCommand(schemas.assign, { assignee }).ok).toBe(true);
  });

  it('refuses an unknown office, naming the field and why', () => {
    expect(problems(parseCommand(schemas.assign, { assignee: { kind: 'DESK', code: 'XXX' } }))).toEqual([
      { field: 'assignee.code', reason: 'XXX is not a TPI or PLBN checkpoint code' },
    ]);
    expect(
      problems(parseCommand(schemas.assign, { assignee: { kind: 'REGENCY_OFFICE', code: '9999' } })),
    ).toEqual([{ field: 'assignee.code', reason: '9999 is not a Kemendagri regency code (4 digits)' }]);
    expect(problems(parseCommand(schemas.assign, { assignee: { kind: 'POLICE', code: '32' } }))[0]).toEqual({
      field: 'assignee.kind',
      reason: 'one of DESK, REGENCY_OFFICE, BP3MI, SATGAS_TPPO, KEMLU',
    });
  });

  it('refuses a closing without a known outcome and a status that would close without one', () => {
    expect(problems(parseCommand(schemas.close, {}))[0]?.field).toBe('outcome');
    expect(problems(parseCommand(schemas.close, { outcome: 'SOLVED' }))[0]).toEqual({
      field: 'outcome',
      reason: 'one of TRAFFICKING_CONFIRMED, NON_PROCEDURAL_DEPARTURE_PREVENTED, CLEARED_LEGITIMATE',
    });
    expect(problems(parseCommand(schemas.status, { status: 'CLOSED' }))[0]).toEqual({
      field: 'status',
      reason: 'OPEN or IN_PROGRESS (a case is closed with an outcome: POST .../close)',
    });
  });

  it('refuses an empty note, a day not on the calendar and an unknown field', () => {
    expect(problems(parseCommand(schemas.note, { note: '   ' }))).toEqual([
      { field: 'note', reason: 'required' },
    ]);
    expect(problems(parseCommand(schemas.dueDate, { dueDate: '2026-02-30' }))).toEqual([
      { field: 'dueDate', reason: 'not a day of the calendar' },
    ]);
    expect(parseCommand(schemas.dueDate, { dueDate: null }).ok).toBe(true);
    expect(problems(parseCommand(schemas.note, { note: 'x', severity: 'HIGH' }))[0]?.reason).toMatch(
      /severity/,
    );
    expect(problems(parseCommand(schemas.open, { alertId: 'not-a-uuid' }))).toEqual([
      { field: 'alertId', reason: 'an alert id (UUID)' },
    ]);
  });

  it('refuses changes to a closed case but a note, and a regency handing a case to another regency', () => {
    const closed = { caseId: 'c-1', status: 'CLOSED', outcome: 'CLEARED_LEGITIMATE' } as CaseView;
    const open = { caseId: 'c-2', status: 'OPEN', outcome: null } as CaseView;
    expect(refusalOf(closed, { change: 'STATUS_CHANGED', body: { status: 'OPEN' } }, supervisor)).toEqual({
      field: 'caseId',
      reason: 'case c-1 is closed (CLEARED_LEGITIMATE); only notes can be added',
    });
    expect(refusalOf(closed, { change: 'NOTE_ADDED', body: { note: 'x' } }, supervisor)).toBeUndefined();
    const elsewhere = {
      change: 'ASSIGNED',
      body: { assignee: { kind: 'REGENCY_OFFICE', code: '3301' } },
    } as const;
    expect(refusalOf(open, elsewhere, bogor)?.field).toBe('assignee.code');
    expect(refusalOf(open, elsewhere, supervisor)).toBeUndefined();
    const upward = { change: 'ASSIGNED', body: { assignee: { kind: 'SATGAS_TPPO', code: '32' } } } as const;
    expect(refusalOf(open, upward, bogor)).toBeUndefined();
    // Not to another province's agencies, nor to a checkpoint desk.
    const otherProvince = { change: 'ASSIGNED', body: { assignee: { kind: 'BP3MI', code: '33' } } } as const;
    expect(refusalOf(open, otherProvince, bogor)?.field).toBe('assignee.code');
    expect(refusalOf(open, otherProvince, supervisor)).toBeUndefined();
    const desk = { change: 'ASSIGNED', body: { assignee: { kind: 'DESK', code: 'CGK' } } } as const;
    expect(refusalOf(open, desk, bogor)?.field).toBe('assignee.kind');
    const kemlu = { change: 'ASSIGNED', body: { assignee: { kind: 'KEMLU', code: 'PWNI' } } } as const;
    expect(refusalOf(open, kemlu, bogor)).toBeUndefined();
  });

  it('reads a work-queue query, naming a parameter it refuses', () => {
    expect(parseQueueQuery({ status: 'OPEN', overdue: 'true', regency: '3201' })).toEqual({
      ok: true,
      value: { status: 'OPEN', overdue: true, regency: '3201' },
    });
    expect(parseQueueQuery({ overdue: 'yes' })).toEqual({
      ok: false,
      problems: [{ field: 'overdue', reason: 'true or false' }],
    });
    expect(parseQueueQuery({ colour: 'red' }).ok).toBe(false);
  });
});
