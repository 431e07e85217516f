import { type Analyst } from '@waspada/analysts';
import type { CaseView } from '../../src/cases/case-fold';
import { countCases, mayOpenCase, mayReachCase, wibDay, workQueue } from '../../src/cases/case-queue';

const view = (caseId: string, overrides: Partial<CaseView> = {}): CaseView => ({
  caseId,
  firstAlertId: `first-${caseId}`,
  alertId: null,
  nik: '3201011208960001',
  originRegencyCode: '3201',
  checkpointCode: 'CGK',
  openedBy: 'DESK_REFERRAL',
  openedAt: 1_000,
  updatedAt: 1_000,
  assignee: { kind: 'REGENCY_OFFICE', code: '3201' },
  status: 'OPEN',
  dueDate: null,
  outcome: null,
  closedAt: null,
  notes: 0,
  history: [],
  ...overrides,
});

const bogor: Analyst = { id: 'regency-bogor-01', roles: ['regency'], regencyCode: '3201' };
const analyst: Analyst = { id: 'analyst-01', roles: ['analyst'] };
const TODAY = '2026-12-03';

describe('who opens a case by hand', () => {
  it('lets a regency account open cases of its own people only, whatever office it names', () => {
    expect(mayOpenCase(bogor, { originRegencyCode: '3201' })).toBe(true);
    expect(mayOpenCase(bogor, { originRegencyCode: '3301' })).toBe(false);
    expect(mayOpenCase({ ...bogor, regencyCode: undefined }, { originRegencyCode: '3201' })).toBe(false);
    expect(mayOpenCase(analyst, { originRegencyCode: '3301' })).toBe(true);
  });
});

describe('who reaches a case', () => {
  it('lets a regency account reach cases of its people and cases assigned to its office, and no other', () => {
    expect(mayReachCase(bogor, view('own'))).toBe(true);
    expect(mayReachCase(bogor, view('handed-on', { assignee: { kind: 'BP3MI', code: '32' } }))).toBe(true);
    const fromElsewhere = {
      originRegencyCode: '3301',
      assignee: { kind: 'REGENCY_OFFICE', code: '3201' },
    } as const;
    expect(mayReachCase(bogor, view('assigned-here', fromElsewhere))).toBe(true);
    expect(mayReachCase(bogor, view('other', { originRegencyCode: '3301', assignee: null }))).toBe(false);
    expect(
      mayReachCase(
        bogor,
        view('other-office', {
          originRegencyCode: '3301',
          assignee: { kind: 'REGENCY_OFFICE', code: '3302' },
        }),
      ),
    ).toBe(false);
  });

  it('refuses a regency account without its regency code, and lets national roles reach every case', () => {
    expect(mayReachCase({ id: 'broken', roles: ['regency'] }, view('own'))).toBe(false);
    expect(mayReachCase(analyst, view('other', { originRegencyCode: '3301' }))).toBe(true);
  });
});

describe('work queue', () => {
  const cases = [
    view('a', { dueDate: '2026-12-01' }),
    view('b', { status: 'IN_PROGRESS', openedAt: 500, assignee: { kind: 'SATGAS_TPPO', code: '32' } }),
    view('c', { status: 'CLOSED', outcome: 'CLEARED_LEGITIMATE', dueDate: '2026-11-01' }),
    view('d', { originRegencyCode: '3301', assignee: { kind: 'REGENCY_OFFICE', code: '3301' } }),
    view('e', { dueDate: '2026-12-05', openedAt: 2_000 }),
  ];

  it("shows a regency account its regency's cases, overdue first, then by due day, then oldest, closed last", () => {
    const { cases: queue, counts } = workQueue(cases, bogor, {}, TODAY);
    expect(queue.map((entry) => entry.caseId)).toEqual(['a', 'e', 'b', 'c']);
    expect(counts).toEqual({
      total: 4,
      byStatus: { OPEN: 2, IN_PROGRESS: 1, CLOSED: 1 },
      overdue: 1,
      byAssignee: { 'REGENCY_OFFICE:3201': 2, 'SATGAS_TPPO:32': 1 },
    });
  });

  it('filters by assignee, regency, status and overdue; counts keep every status of the scope', () => {
    const ids = (filter: Parameters<typeof workQueue>[2]) =>
      workQueue(cases, analyst, filter, TODAY).cases.map((entry) => entry.caseId);
    expect(ids({ assigneeKind: 'SATGAS_TPPO', assigneeCode: '32' })).toEqual(['b']);
    expect(ids({ regency: '3301' })).toEqual(['d']);
    expect(ids({ status: 'CLOSED' })).toEqual(['c']);
    expect(ids({ overdue: true })).toEqual(['a']);
    expect(ids({ overdue: false, regency: '3201', status: 'OPEN' })).toEqual(['e']);
    const scoped = workQueue(cases, analyst, { regency: '3201', status: 'OPEN' }, TODAY).counts;
    expect(scoped.byStatus).toEqual({ OPEN: 2, IN_PROGRESS: 1, CLOSED: 1 });
  });

  it('counts unassigned open cases apart and leaves closed ones out of the assignee counts', () => {
    const counts = countCases([view('x', { assignee: null }), view('y', { status: 'CLOSED' })], TODAY);
    expect(counts.byAssignee).toEqual({ NONE: 1 });
  });

  it('counts due days in Western Indonesia time', () => {
    // 2026-12-03 17:30 UTC is already 4 December in Jakarta.
    expect(wibDay(Date.UTC(2026, 11, 3, 17, 30))).toBe('2026-12-04');
    expect(wibDay(Date.UTC(2026, 11, 3, 16, 59))).toBe('2026-12-03');
  });
});
