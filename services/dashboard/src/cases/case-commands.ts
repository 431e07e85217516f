import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ReferenceData } from '@waspada/domain';
import type { CaseEvent } from '@waspada/schemas';
import { type Analyst } from '@waspada/analysts';
import { caseIdOf, type CaseView } from './case-fold';
import type { CaseFilter } from './case-queue';

const MAX_NOTE = 2_000;
const ASSIGNEE_KINDS = ['DESK', 'REGENCY_OFFICE', 'BP3MI', 'SATGAS_TPPO', 'KEMLU'] as const;
const OUTCOMES = [
  'TRAFFICKING_CONFIRMED',
  'NON_PROCEDURAL_DEPARTURE_PREVENTED',
  'CLEARED_LEGITIMATE',
] as const;

/** A refused input: each problem names its field and the reason. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const checked = <T>(result: z.ZodSafeParseResult<T>): Checked<T> =>
  result.success
    ? { ok: true, value: result.data }
    : {
        ok: false,
        problems: result.error.issues.map((issue) => ({
          field: issue.path.join('.') || '(body)',
          reason: issue.message,
        })),
      };

/** A calendar day that exists (2026-02-30 does not). */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine((day) => new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'not a day of the calendar');

/**
 * Who follows a case up, with a code that must name a real office of that kind: a checkpoint of the
 * reference data for a desk, a regency for a regency office, a province for BP3MI and Satgas TPPO.
 */
function assigneeSchema(reference: ReferenceData) {
  return z
    .object({
      kind: z.enum(ASSIGNEE_KINDS, { message: `one of ${ASSIGNEE_KINDS.join(', ')}` }),
      code: z.string().trim().min(1, 'required').max(64, 'at most 64 characters'),
    })
    .strict()
    .superRefine((assignee, context) => {
      const problem = assigneeCodeProblem(reference, assignee.kind, assignee.code);
      if (problem) context.addIssue({ code: 'custom', path: ['code'], message: problem });
    });
}

function assigneeCodeProblem(reference: ReferenceData, kind: string, code: string): string | undefined {
  switch (kind) {
    case 'DESK':
      return reference.checkpoints.has(code) ? undefined : `${code} is not a TPI or PLBN checkpoint code`;
    case 'REGENCY_OFFICE':
      return reference.regencies.has(code)
        ? undefined
        : `${code} is not a Kemendagri regency code (4 digits)`;
    case 'BP3MI':
    case 'SATGAS_TPPO':
      return reference.provinces.has(code) ? undefined : `${code} is not a province code (2 digits)`;
    default:
      return undefined;
  }
}

export function caseCommandSchemas(reference: ReferenceData) {
  const assignee = assigneeSchema(reference);
  const note = z.string().trim().min(1, 'required').max(MAX_NOTE, `at most ${MAX_NOTE} characters`);
  return {
    open: z
      .object({
        alertId: z.uuid({ message: 'an alert id (UUID)' }),
        assignee: assignee.optional(),
        note: note.optional(),
      })
      .strict(),
    assign: z.object({ assignee }).strict(),
    status: z
      .object({
        status: z.enum(['OPEN', 'IN_PROGRESS'], {
          message: 'OPEN or IN_PROGRESS (a case is closed with an outcome: POST .../close)',
        }),
      })
      .strict(),
    note: z.object({ note }).strict(),
    dueDate: z.object({ dueDate: isoDay.nullable() }).strict(),
    close: z
      .object({
        outcome: z.enum(OUTCOMES, { message: `one of ${OUTCOMES.join(', ')}` }),
        note: note.optional(),
      })
      .strict(),
  };
}
export type CaseCommandSchemas = ReturnType<typeof caseCommandSchemas>;
export type CaseCommand =
  | { change: 'ASSIGNED'; body: z.infer<CaseCommandSchemas['assign']> }
  | { change: 'STATUS_CHANGED'; body: z.infer<CaseCommandSchemas['status']> }
  | { change: 'NOTE_ADDED'; body: z.infer<CaseCommandSchemas['note']> }
  | { change: 'DUE_DATE_SET'; body: z.infer<CaseCommandSchemas['dueDate']> }
  | { change: 'CLOSED'; body: z.infer<CaseCommandSchemas['close']> };

export const parseCommand = <S extends z.ZodType>(schema: S, body: unknown): Checked<z.output<S>> =>
  checked(schema.safeParse(body ?? {}));

const EMPTY_CHANGE = {
  alertId: null,
  openedBy: null,
  sourceActionId: null,
  checkpointCode: null,
  assignee: null,
  status: null,
  note: null,
  dueDate: null,
  outcome: null,
} as const satisfies Partial<CaseEvent>;

const analystActor = (analyst: Analyst): CaseEvent['actor'] => ({
  kind: 'ANALYST',
  id: analyst.id,
  officerId: null,
});

/**
 * Why a change to this case is refused, or undefined: a closed case takes notes only (its outcome
 * is a backtest label), and a regency account may hand a case only to its own regency office or to
 * the agencies above it, never to another regency's office.
 */
export function refusalOf(view: CaseView, command: CaseCommand, analyst: Analyst): FieldProblem | undefined {
  if (view.status === 'CLOSED' && command.change !== 'NOTE_ADDED')
    return {
      field: 'caseId',
      reason: `case ${view.caseId} is closed (${view.outcome}); only notes can be added`,
    };
  if (command.change === 'ASSIGNED' && analyst.roles.includes('regency'))
    return regencyAssignmentProblem(analyst.regencyCode, command.body.assignee);
  return undefined;
}

/**
 * Where a regency account may hand a case: its own office, or the agencies above it in its own
 * province (BP3MI, Satgas TPPO) and Kemlu; not another regency's office, another province's
 * agencies, or a checkpoint desk. Each hand-over sends the person's case to the assignee.
 */
function regencyAssignmentProblem(
  own: string | undefined,
  assignee: { readonly kind: string; readonly code: string },
): FieldProblem | undefined {
  const province = own?.slice(0, 2);
  switch (assignee.kind) {
    case 'REGENCY_OFFICE':
      return assignee.code === own
        ? undefined
        : {
            field: 'assignee.code',
            reason: `a regency account may assign to its own office (${own ?? '?'}), not to ${assignee.code}`,
          };
    case 'BP3MI':
    case 'SATGAS_TPPO':
      return assignee.code === province
        ? undefined
        : {
            field: 'assignee.code',
            reason: `a regency account may assign to ${assignee.kind} of its own province (${province ?? '?'}), not ${assignee.code}`,
          };
    case 'KEMLU':
      return undefined;
    default:
      return {
        field: 'assignee.kind',
        reason: `a regency account may not assign a case to a ${assignee.kind}`,
      };
  }
}

/** The event that records a change to a case, by an analyst account. */
export function caseEventOf(view: CaseView, command: CaseCommand, analyst: Analyst, now: number): CaseEvent {
  const base: CaseEvent = {
    ...EMPTY_CHANGE,
    eventId: randomUUID(),
    caseId: view.caseId,
    firstAlertId: view.firstAlertId,
    nik: view.nik,
    originRegencyCode: view.originRegencyCode,
    eventTime: now,
    actor: analystActor(analyst),
    change: command.change,
  };
  switch (command.change) {
    case 'ASSIGNED':
      return { ...base, assignee: command.body.assignee };
    case 'STATUS_CHANGED':
      return { ...base, status: command.body.status };
    case 'NOTE_ADDED':
      return { ...base, note: command.body.note };
    case 'DUE_DATE_SET':
      return { ...base, dueDate: command.body.dueDate };
    case 'CLOSED':
      return { ...base, outcome: command.body.outcome, note: command.body.note ?? null };
  }
}

/** The origin regency of a person: the first four digits of the NIK, as on the alert. */
export const originRegencyOf = (nik: string): string => nik.slice(0, 4);

/**
 * The opening of a case from an alert. By default the origin regency's office follows it up: the
 * home village is where a recruiter's next victims live and where a returning worker is protected.
 */
export function openingEventOf(opening: {
  readonly eventId: string;
  readonly firstAlertId: string;
  readonly alertId: string;
  readonly nik: string;
  readonly checkpointCode: string | null;
  readonly actor: CaseEvent['actor'];
  readonly openedBy: 'DESK_REFERRAL' | 'BY_HAND';
  readonly sourceActionId: string | null;
  readonly assignee?: CaseEvent['assignee'];
  readonly time: number;
}): CaseEvent {
  const originRegencyCode = originRegencyOf(opening.nik);
  return {
    ...EMPTY_CHANGE,
    eventId: opening.eventId,
    caseId: caseIdOf(opening.firstAlertId),
    firstAlertId: opening.firstAlertId,
    nik: opening.nik,
    originRegencyCode,
    eventTime: opening.time,
    actor: opening.actor,
    change: 'OPENED',
    alertId: opening.alertId,
    openedBy: opening.openedBy,
    sourceActionId: opening.sourceActionId,
    checkpointCode: opening.checkpointCode,
    assignee: opening.assignee ?? { kind: 'REGENCY_OFFICE', code: originRegencyCode },
  };
}

/** A hand opening's first note, recorded as its own event right after the opening. */
export function openingNoteOf(opening: CaseEvent, note: string, analyst: Analyst): CaseEvent {
  return {
    ...opening,
    ...EMPTY_CHANGE,
    eventId: randomUUID(),
    change: 'NOTE_ADDED',
    actor: analystActor(analyst),
    note,
  };
}

/** The query of a work queue, each parameter checked and named when refused. */
export function parseQueueQuery(query: Record<string, string | undefined>): Checked<CaseFilter> {
  return checked(
    z
      .object({
        assigneeKind: z.enum(ASSIGNEE_KINDS, { message: `one of ${ASSIGNEE_KINDS.join(', ')}` }).optional(),
        assigneeCode: z.string().trim().min(1).max(64).optional(),
        regency: z
          .string()
          .regex(/^\d{4}$/, 'a Kemendagri regency code: 4 digits')
          .optional(),
        status: z
          .enum(['OPEN', 'IN_PROGRESS', 'CLOSED'], { message: 'OPEN, IN_PROGRESS or CLOSED' })
          .optional(),
        overdue: z
          .enum(['true', 'false'], { message: 'true or false' })
          .transform((value) => value === 'true')
          .optional(),
      })
      .strict()
      .safeParse(query),
  );
}
