import type { RuleJobEvent } from '@waspada/schemas';

/**
 * Backtests and shadow runs started from the browser, as a pure function of their steps on
 * `waspada.rules.jobs.v1` (one partition, so every reader sees one order):
 *
 *   REQUESTED (by an analyst) ──▶ STARTED (a worker claims it) ──▶ PROGRESS … ──▶ DONE | FAILED
 *
 * The first STARTED after a request names the worker that owns the job; a STARTED by another worker
 * later on the topic changes nothing, so two workers racing for one job agree on the winner by
 * reading the log. A worker that restarts in the middle of a job it owns starts it again (a second
 * STARTED by the same owner is a new attempt). Steps of a job never requested, or after its end,
 * are ignored.
 */

export type RuleJobKind = RuleJobEvent['kind'];
export type RuleJobStatus = 'REQUESTED' | 'RUNNING' | 'DONE' | 'FAILED';

export interface RuleJobState {
  readonly jobId: string;
  readonly kind: RuleJobKind;
  readonly status: RuleJobStatus;
  readonly requestedBy: string;
  readonly requestedAt: number;
  readonly ruleSetVersion: string | null;
  /** A draft's rule-set JSON, when the request carried one (BACKTEST only). */
  readonly ruleSetContent: string | null;
  readonly periodFrom: number | null;
  readonly periodTo: number | null;
  /** The worker instance that claimed it. */
  readonly owner: string | null;
  readonly attempts: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly progress: { readonly phase: string; readonly done: number; readonly total: number } | null;
  readonly reportId: string | null;
  readonly error: string | null;
}

export interface RuleJobFold {
  /** Every job in the order it was requested. */
  readonly jobs: ReadonlyMap<string, RuleJobState>;
  readonly eventIds: ReadonlySet<string>;
}

/** What a step sets beyond its job, kind, step and actor; the rest stays null. */
export type RuleJobDetails = Partial<
  Pick<
    RuleJobEvent,
    | 'ruleSetVersion'
    | 'ruleSetContent'
    | 'periodFrom'
    | 'periodTo'
    | 'phase'
    | 'done'
    | 'total'
    | 'reportId'
    | 'error'
  >
>;

/** One step of a job as the topic carries it: the details given, every other field null. */
export function ruleJobStep(
  job: Pick<RuleJobEvent, 'eventId' | 'jobId' | 'kind' | 'step' | 'actorId' | 'at'>,
  details: RuleJobDetails = {},
): RuleJobEvent {
  return {
    ...job,
    ruleSetVersion: null,
    ruleSetContent: null,
    periodFrom: null,
    periodTo: null,
    phase: null,
    done: null,
    total: null,
    reportId: null,
    error: null,
    ...details,
  };
}

export function emptyRuleJobFold(): RuleJobFold {
  return { jobs: new Map(), eventIds: new Set() };
}

/** Folds one step in; the fold given is not changed. */
export function applyRuleJobEvent(fold: RuleJobFold, event: RuleJobEvent): RuleJobFold {
  if (fold.eventIds.has(event.eventId)) return fold;
  const eventIds = new Set(fold.eventIds).add(event.eventId);
  const job = fold.jobs.get(event.jobId);
  const next = nextState(job, event);
  if (next === job) return { jobs: fold.jobs, eventIds };
  const jobs = new Map(fold.jobs);
  jobs.set(event.jobId, next as RuleJobState);
  return { jobs, eventIds };
}

function nextState(job: RuleJobState | undefined, event: RuleJobEvent): RuleJobState | undefined {
  if (event.step === 'REQUESTED') {
    if (job) return job; // a request repeated under its job id changes nothing
    return {
      jobId: event.jobId,
      kind: event.kind,
      status: 'REQUESTED',
      requestedBy: event.actorId,
      requestedAt: event.at,
      ruleSetVersion: event.ruleSetVersion,
      ruleSetContent: event.ruleSetContent,
      periodFrom: event.periodFrom,
      periodTo: event.periodTo,
      owner: null,
      attempts: 0,
      startedAt: null,
      endedAt: null,
      progress: null,
      reportId: null,
      error: null,
    };
  }
  if (!job || job.status === 'DONE' || job.status === 'FAILED') return job;
  if (job.owner !== null && job.owner !== event.actorId) return job; // not the owner's step
  switch (event.step) {
    case 'STARTED':
      return {
        ...job,
        status: 'RUNNING',
        owner: event.actorId,
        attempts: job.attempts + 1,
        startedAt: event.at,
        progress: null,
      };
    case 'PROGRESS':
      if (job.owner === null) return job;
      return {
        ...job,
        progress: {
          phase: event.phase ?? '',
          done: Number(event.done ?? 0),
          total: Number(event.total ?? 0),
        },
      };
    case 'DONE':
    case 'FAILED':
      if (job.owner === null) return job;
      return {
        ...job,
        status: event.step,
        endedAt: event.at,
        reportId: event.reportId,
        error: event.error,
      };
  }
}

/**
 * The shadow run the analysts want now: the last shadow request on the topic, if it was a start
 * that has not failed. A stop, or a start that failed, means no shadow.
 */
export function wantedShadow(fold: RuleJobFold): RuleJobState | undefined {
  let last: RuleJobState | undefined;
  for (const job of fold.jobs.values()) if (job.kind !== 'BACKTEST') last = job;
  return last?.kind === 'SHADOW_START' && last.status !== 'FAILED' ? last : undefined;
}

/**
 * The next job a worker should run: the oldest one not yet ended that nobody claimed, or that this
 * worker claimed and did not finish (it stopped in the middle). Shadow jobs are settled by
 * `wantedShadow` instead, except those still waiting for their claim.
 */
export function nextRuleJob(fold: RuleJobFold, worker: string): RuleJobState | undefined {
  for (const job of fold.jobs.values()) {
    if (job.status === 'REQUESTED') return job;
    if (job.status === 'RUNNING' && job.owner === worker && job.kind === 'BACKTEST') return job;
  }
  return undefined;
}
