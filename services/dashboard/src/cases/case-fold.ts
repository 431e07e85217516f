import { nameUuid } from '@waspada/common';
import type { CaseEvent, CaseTypes } from '@waspada/schemas';

/** Fixed forever: every case id ever issued is derived under it. */
const CASE_NAMESPACE = '0b8f3a52-6c1e-4f7d-9a24-5e1c7d3b9f60';
const caseUuid = nameUuid(CASE_NAMESPACE);

/**
 * One situation (its first alert) has one case: a second referral, a replay of the desk actions
 * or a hand opening racing a referral all name the same case, and the fold keeps its first opening.
 */
export const caseIdOf = (firstAlertId: string): string => caseUuid(firstAlertId);

export type CaseAssignee = CaseTypes.CaseAssignee;

/** A case as the work queues show it: the fold of its events, oldest first. */
export interface CaseView {
  readonly caseId: string;
  readonly firstAlertId: string;
  readonly alertId: string | null;
  readonly nik: string;
  readonly originRegencyCode: string;
  readonly checkpointCode: string | null;
  readonly openedBy: CaseTypes.CaseOpening | null;
  readonly openedAt: number;
  readonly updatedAt: number;
  readonly assignee: CaseAssignee | null;
  readonly status: CaseTypes.CaseStatus;
  readonly dueDate: string | null;
  readonly outcome: CaseTypes.CaseOutcome | null;
  readonly closedAt: number | null;
  readonly notes: number;
  /** Every event applied, oldest first: the case's history. */
  readonly history: readonly CaseEvent[];
}

/**
 * Applies one event to a case. Pure, and the only place a case changes, so the live projection and
 * one rebuilt from the topic agree. A second OPENED of a known case is ignored (the case id comes
 * from the situation, so it is the same case); a change to a case never opened is ignored too (the
 * API refuses it, so only a hand-written record could carry one). Changes after CLOSED other than a
 * note are ignored: a closed case's outcome is a backtest label and stays as recorded.
 */
export function applyCaseEvent(view: CaseView | undefined, event: CaseEvent): CaseView | undefined {
  if (event.change === 'OPENED') {
    if (view) return view;
    return {
      caseId: event.caseId,
      firstAlertId: event.firstAlertId,
      alertId: event.alertId,
      nik: event.nik,
      originRegencyCode: event.originRegencyCode,
      checkpointCode: event.checkpointCode,
      openedBy: event.openedBy,
      openedAt: event.eventTime,
      updatedAt: event.eventTime,
      assignee: event.assignee,
      status: 'OPEN',
      dueDate: null,
      outcome: null,
      closedAt: null,
      notes: 0,
      history: [event],
    };
  }
  if (!view) return undefined;
  if (view.status === 'CLOSED' && event.change !== 'NOTE_ADDED') return view;
  const next = {
    ...view,
    updatedAt: Math.max(view.updatedAt, event.eventTime),
    history: [...view.history, event],
  };
  switch (event.change) {
    case 'ASSIGNED':
      return { ...next, assignee: event.assignee };
    case 'STATUS_CHANGED':
      return event.status && event.status !== 'CLOSED' ? { ...next, status: event.status } : view;
    case 'NOTE_ADDED':
      return { ...next, notes: view.notes + 1 };
    case 'DUE_DATE_SET':
      return { ...next, dueDate: event.dueDate };
    case 'CLOSED':
      return event.outcome
        ? { ...next, status: 'CLOSED', outcome: event.outcome, closedAt: event.eventTime }
        : view;
  }
}

/** Open and past its due day (YYYY-MM-DD; `today` in the same calendar). */
export const isOverdue = (view: Pick<CaseView, 'status' | 'dueDate'>, today: string): boolean =>
  view.status !== 'CLOSED' && view.dueDate !== null && view.dueDate < today;
