import type { CaseTypes } from '@waspada/schemas';
import { type Analyst } from '@waspada/analysts';
import { isOverdue, type CaseView } from './case-fold';

/** What a work queue asks for; every part optional, all given parts must match. */
export interface CaseFilter {
  readonly assigneeKind?: CaseTypes.CaseAssigneeKind;
  readonly assigneeCode?: string;
  /** The origin regency (Kemendagri code) of the person. */
  readonly regency?: string;
  readonly status?: CaseTypes.CaseStatus;
  readonly overdue?: boolean;
}

/**
 * Whether an account may see and change a case. A regency account (UU PDP 27/2022: only those
 * whose work needs the data) reaches the cases of people from its regency and the cases assigned
 * to its office; every other role reaches every case.
 */
export function mayReachCase(
  analyst: Analyst,
  view: Pick<CaseView, 'originRegencyCode' | 'assignee'>,
): boolean {
  if (!analyst.roles.includes('regency')) return true;
  const own = analyst.regencyCode;
  if (own === undefined) return false;
  return (
    view.originRegencyCode === own || (view.assignee?.kind === 'REGENCY_OFFICE' && view.assignee.code === own)
  );
}

/**
 * Who may open a case by hand: a regency account only for people of its own regency. Reaching a
 * case assigned to its office is not enough here, since the opener chooses the assignee.
 */
export function mayOpenCase(analyst: Analyst, opening: Pick<CaseView, 'originRegencyCode'>): boolean {
  return !analyst.roles.includes('regency') || opening.originRegencyCode === analyst.regencyCode;
}

export function matchesFilter(view: CaseView, filter: CaseFilter, today: string): boolean {
  return (
    (filter.assigneeKind === undefined || view.assignee?.kind === filter.assigneeKind) &&
    (filter.assigneeCode === undefined || view.assignee?.code === filter.assigneeCode) &&
    (filter.regency === undefined || view.originRegencyCode === filter.regency) &&
    (filter.status === undefined || view.status === filter.status) &&
    (filter.overdue === undefined || isOverdue(view, today) === filter.overdue)
  );
}

export interface CaseCounts {
  readonly total: number;
  readonly byStatus: Record<CaseTypes.CaseStatus, number>;
  readonly overdue: number;
  /** Open and in-progress cases per assignee, `KIND:code` (unassigned as `NONE`). */
  readonly byAssignee: Record<string, number>;
}

/** Counts over a queue, for the tabs and badges of a work queue. */
export function countCases(views: readonly CaseView[], today: string): CaseCounts {
  const byStatus: Record<CaseTypes.CaseStatus, number> = { OPEN: 0, IN_PROGRESS: 0, CLOSED: 0 };
  const byAssignee: Record<string, number> = {};
  let overdue = 0;
  for (const view of views) {
    byStatus[view.status] += 1;
    if (isOverdue(view, today)) overdue += 1;
    if (view.status === 'CLOSED') continue;
    const key = view.assignee ? `${view.assignee.kind}:${view.assignee.code}` : 'NONE';
    byAssignee[key] = (byAssignee[key] ?? 0) + 1;
  }
  return { total: views.length, byStatus, overdue, byAssignee };
}

/**
 * A work queue: the cases the account may reach that match the filter, overdue first, then by due
 * day, then oldest first, closed cases last; with counts over everything the account may reach under the filter's
 * assignee and regency (so the status tabs show what each would hold).
 */
export function workQueue(
  views: readonly CaseView[],
  analyst: Analyst,
  filter: CaseFilter,
  today: string,
): { cases: CaseView[]; counts: CaseCounts } {
  const reachable = views.filter((view) => mayReachCase(analyst, view));
  const { status: _status, overdue: _overdue, ...scope } = filter;
  const counts = countCases(
    reachable.filter((view) => matchesFilter(view, scope, today)),
    today,
  );
  const cases = reachable
    .filter((view) => matchesFilter(view, filter, today))
    .sort(
      (a, b) =>
        Number(a.status === 'CLOSED') - Number(b.status === 'CLOSED') ||
        Number(isOverdue(b, today)) - Number(isOverdue(a, today)) ||
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
        a.openedAt - b.openedAt ||
        a.caseId.localeCompare(b.caseId),
    );
  return { cases, counts };
}

const WIB_OFFSET_MS = 7 * 3_600_000;
/** The calendar day in Western Indonesia time (UTC+7), where due days are counted. */
export const wibDay = (time: number): string => new Date(time + WIB_OFFSET_MS).toISOString().slice(0, 10);
