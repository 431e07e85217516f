import { randomUUID } from 'node:crypto';
import { NATIONAL_ROLES } from '@waspada/analysts';
import { WaspadaError, type ErrorCode } from '@waspada/common';
import type { RuleExemption } from '@waspada/schemas';
import { RULE_IDS } from './rule-set';
import type { RuleChangeActor } from './rule-lifecycle';

/**
 * Exemptions ("snooze with review"): one rule not to alert on one person for a period, as a pure
 * function of the steps on `waspada.rules.exemptions.v1`:
 *
 *   PROPOSED (an analyst, with a reason) ──approve (a supervisor, not the proposer)──▶ APPROVED
 *      │                                                                                │
 *      └──reject (a supervisor, with a reason)──▶ REJECTED          revoke (a supervisor or the
 *                                                                   proposer, with a reason) ──▶ REVOKED
 *
 * An approved exemption holds for the person's situations whose event time lies in its period, so
 * a replay of history judges each departure as the exemptions of the topic say. The fold replays
 * every step through decideExemptionStep, so a step written around the checks changes nothing.
 */

export type ExemptionStep = RuleExemption['step'];
export type ExemptionStatus = 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'REVOKED';

/** The longest period one exemption covers: a person's situation is looked at again at least this often. */
export const MAX_EXEMPTION_DAYS = 180;
const DAY_MS = 86_400_000;

export interface ExemptionState {
  readonly exemptionId: string;
  readonly nik: string;
  readonly ruleId: string;
  readonly validFrom: number;
  readonly validUntil: number;
  readonly reason: string;
  readonly status: ExemptionStatus;
  readonly proposedBy: string;
  readonly decidedBy: string | null;
  /** Every step taken on it, in topic order. */
  readonly steps: readonly RuleExemption[];
}

export interface ExemptionFold {
  readonly exemptions: ReadonlyMap<string, ExemptionState>;
  readonly eventIds: ReadonlySet<string>;
  /** Steps on the topic the lifecycle refuses: they change nothing. */
  readonly ignored: readonly { readonly event: RuleExemption; readonly reason: string }[];
}

export const EXEMPTION_REFUSALS = [
  'WSP_EXEMPTION_INVALID',
  'WSP_EXEMPTION_UNKNOWN',
  'WSP_EXEMPTION_WRONG_STATE',
  'WSP_EXEMPTION_SELF_APPROVAL',
  'WSP_EXEMPTION_NOT_ALLOWED',
  'WSP_EXEMPTION_OVERLAP',
] as const satisfies readonly ErrorCode[];
export type ExemptionRefusalCode = (typeof EXEMPTION_REFUSALS)[number];

/** A step the lifecycle does not allow: nothing is written, and the message says why. */
export class ExemptionRefused extends WaspadaError {
  declare readonly code: ExemptionRefusalCode;

  constructor(code: ExemptionRefusalCode, message: string) {
    super(code, message);
    this.name = 'ExemptionRefused';
  }
}

export type ExemptionRequest =
  | {
      readonly step: 'PROPOSED';
      readonly nik: string;
      readonly ruleId: string;
      readonly validFrom: number;
      readonly validUntil: number;
      readonly reason: string;
      readonly actor: RuleChangeActor;
    }
  | {
      readonly step: 'APPROVED' | 'REJECTED' | 'REVOKED';
      readonly exemptionId: string;
      readonly actor: RuleChangeActor;
      readonly reason?: string;
    };

export function emptyExemptionFold(): ExemptionFold {
  return { exemptions: new Map(), eventIds: new Set(), ignored: [] };
}

const refuse = (code: ExemptionRefusalCode, message: string): never => {
  throw new ExemptionRefused(code, message);
};

function checkActor(actor: RuleChangeActor): void {
  if (!/^[A-Za-z0-9._@-]{2,64}$/.test(actor.id))
    refuse('WSP_EXEMPTION_NOT_ALLOWED', 'actor id: 2 to 64 letters, digits, dot, dash, underscore or @');
  // A regency account follows up its regency's cases; what the rules look at is national work.
  if (!actor.roles.some((role) => (NATIONAL_ROLES as readonly string[]).includes(role)))
    refuse(
      'WSP_EXEMPTION_NOT_ALLOWED',
      `actor ${actor.id} holds no analyst role (${NATIONAL_ROLES.join(', ')})`,
    );
}

const reasonOf = (reason: string | undefined, what: string): string => {
  const text = reason?.trim() ?? '';
  if (text.length < 10 || text.length > 2_000)
    refuse('WSP_EXEMPTION_INVALID', `reason: ${what}, in 10 to 2000 characters`);
  return text;
};

/** Whether an exemption of this person and rule is proposed or in force over part of the period. */
function overlapping(fold: ExemptionFold, nik: string, ruleId: string, from: number, until: number) {
  for (const state of fold.exemptions.values()) {
    if (state.nik !== nik || state.ruleId !== ruleId) continue;
    if (state.status !== 'PROPOSED' && state.status !== 'APPROVED') continue;
    if (state.validFrom < until && from < state.validUntil) return state;
  }
  return undefined;
}

/**
 * Whether the step may be taken on the state as it is, at `now`; returns its event, or throws
 * ExemptionRefused saying why.
 */
export function decideExemptionStep(
  fold: ExemptionFold,
  request: ExemptionRequest,
  now: number,
  eventId: string = randomUUID(),
): RuleExemption {
  checkActor(request.actor);
  const actor = { actorId: request.actor.id, actorRoles: [...request.actor.roles], stepTime: now, eventId };
  if (request.step === 'PROPOSED') {
    if (!/^\d{16}$/.test(request.nik)) refuse('WSP_EXEMPTION_INVALID', 'nik: 16 digits');
    if (!(RULE_IDS as readonly string[]).includes(request.ruleId))
      refuse('WSP_EXEMPTION_INVALID', `ruleId: one of ${RULE_IDS.join(', ')}`);
    if (!(request.validFrom < request.validUntil))
      refuse('WSP_EXEMPTION_INVALID', 'validUntil: after validFrom');
    if (request.validUntil - request.validFrom > MAX_EXEMPTION_DAYS * DAY_MS)
      refuse('WSP_EXEMPTION_INVALID', `validUntil: at most ${MAX_EXEMPTION_DAYS} days after validFrom`);
    if (request.validUntil <= now) refuse('WSP_EXEMPTION_INVALID', 'validUntil: in the future');
    const reason = reasonOf(request.reason, 'what was checked, and with whom');
    const other = overlapping(fold, request.nik, request.ruleId, request.validFrom, request.validUntil);
    if (other)
      refuse(
        'WSP_EXEMPTION_OVERLAP',
        `exemption ${other.exemptionId} of this person and ${request.ruleId} is ${other.status.toLowerCase()} over part of that period`,
      );
    return {
      ...actor,
      exemptionId: randomUUID(),
      step: 'PROPOSED',
      nik: request.nik,
      ruleId: request.ruleId,
      validFrom: request.validFrom,
      validUntil: request.validUntil,
      reason,
    };
  }
  const state = fold.exemptions.get(request.exemptionId);
  if (!state) return refuse('WSP_EXEMPTION_UNKNOWN', `exemption ${request.exemptionId} was never proposed`);
  const isSupervisor = request.actor.roles.includes('supervisor');
  let reason: string | null = null;
  if (request.step === 'APPROVED') {
    if (!isSupervisor) refuse('WSP_EXEMPTION_NOT_ALLOWED', 'only a supervisor approves an exemption');
    if (request.actor.id === state.proposedBy)
      refuse('WSP_EXEMPTION_SELF_APPROVAL', 'a supervisor other than the proposer approves it');
    if (state.status !== 'PROPOSED')
      refuse('WSP_EXEMPTION_WRONG_STATE', `exemption ${state.exemptionId} is ${state.status.toLowerCase()}`);
  } else if (request.step === 'REJECTED') {
    if (!isSupervisor) refuse('WSP_EXEMPTION_NOT_ALLOWED', 'only a supervisor rejects an exemption');
    if (state.status !== 'PROPOSED')
      refuse('WSP_EXEMPTION_WRONG_STATE', `exemption ${state.exemptionId} is ${state.status.toLowerCase()}`);
    reason = reasonOf(request.reason, 'why it is turned down');
  } else {
    if (!isSupervisor && request.actor.id !== state.proposedBy)
      refuse('WSP_EXEMPTION_NOT_ALLOWED', 'a supervisor or the proposer revokes an exemption');
    if (state.status !== 'PROPOSED' && state.status !== 'APPROVED')
      refuse('WSP_EXEMPTION_WRONG_STATE', `exemption ${state.exemptionId} is ${state.status.toLowerCase()}`);
    reason = reasonOf(request.reason, 'why it no longer holds');
  }
  return {
    ...actor,
    exemptionId: state.exemptionId,
    step: request.step,
    nik: state.nik,
    ruleId: state.ruleId,
    validFrom: state.validFrom,
    validUntil: state.validUntil,
    reason,
  };
}

/** Folds one step in, through the same checks as decideExemptionStep at the step's own time. */
export function applyExemptionStep(fold: ExemptionFold, event: RuleExemption): ExemptionFold {
  if (fold.eventIds.has(event.eventId)) return fold;
  const eventIds = new Set(fold.eventIds).add(event.eventId);
  const actor = { id: event.actorId, roles: event.actorRoles };
  try {
    if (event.step === 'PROPOSED') {
      if (fold.exemptions.has(event.exemptionId))
        refuse('WSP_EXEMPTION_WRONG_STATE', `exemption ${event.exemptionId} was already proposed`);
      decideExemptionStep(
        fold,
        { ...event, step: 'PROPOSED', reason: event.reason ?? '', actor },
        event.stepTime,
        event.eventId,
      );
    } else {
      decideExemptionStep(
        fold,
        {
          step: event.step,
          exemptionId: event.exemptionId,
          actor,
          ...(event.reason !== null && { reason: event.reason }),
        },
        event.stepTime,
        event.eventId,
      );
    }
  } catch (error) {
    if (!(error instanceof ExemptionRefused)) throw error;
    return { ...fold, eventIds, ignored: [...fold.ignored, { event, reason: error.message }] };
  }
  const exemptions = new Map(fold.exemptions);
  const before = fold.exemptions.get(event.exemptionId);
  exemptions.set(
    event.exemptionId,
    before
      ? {
          ...before,
          status: event.step,
          decidedBy: event.actorId,
          steps: [...before.steps, event],
        }
      : {
          exemptionId: event.exemptionId,
          nik: event.nik,
          ruleId: event.ruleId,
          validFrom: event.validFrom,
          validUntil: event.validUntil,
          reason: event.reason ?? '',
          status: 'PROPOSED',
          proposedBy: event.actorId,
          decidedBy: null,
          steps: [event],
        },
  );
  return { exemptions, eventIds, ignored: fold.ignored };
}

/** What judging asks: the approved exemption of this person and rule at this moment of event time. */
export interface Exemptions {
  of(nik: string, ruleId: string, time: number): ExemptionState | undefined;
}

/** The approved exemptions of a fold, indexed by person, for judging. */
export function exemptionsOf(fold: ExemptionFold): Exemptions {
  const byNik = new Map<string, ExemptionState[]>();
  for (const state of fold.exemptions.values()) {
    if (state.status !== 'APPROVED') continue;
    byNik.set(state.nik, [...(byNik.get(state.nik) ?? []), state]);
  }
  return {
    of: (nik, ruleId, time) =>
      byNik
        .get(nik)
        ?.find((state) => state.ruleId === ruleId && state.validFrom <= time && time < state.validUntil),
  };
}

export const NO_EXEMPTIONS: Exemptions = { of: () => undefined };
