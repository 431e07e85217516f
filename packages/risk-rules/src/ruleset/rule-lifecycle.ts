import { createHash } from 'node:crypto';
import { NATIONAL_ROLES } from '@waspada/analysts';
import { WaspadaError, type ErrorCode, nameUuid } from '@waspada/common';
import type { RuleChange } from '@waspada/schemas';
import { parseRuleSet, type RuleSet } from './rule-set';

/**
 * The life of a rule-set version, as a pure function of its steps on `waspada.rules.changes.v1`:
 *
 *   PROPOSED ──approve (a supervisor, not the proposer, on the proposed hash)──▶ APPROVED ──live──▶ LIVE
 *      │                                                                            │
 *      └────────────────────reject (a supervisor, with a reason)────────────────────┴──▶ REJECTED
 *
 * A version put live retires the one live before it. Every step names the SHA-256 of the content it
 * was taken on, so content changed after review is refused. decideStep says whether a step may be
 * taken and builds its event; foldRuleChanges replays the topic through the same checks, so a step
 * written by a faulty or concurrent writer never changes a version's state.
 */

export type RuleChangeStep = RuleChange['step'];

export interface RuleChangeActor {
  readonly id: string;
  readonly roles: readonly string[];
}

export type VersionStatus = 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'LIVE' | 'RETIRED';

export interface RuleSetVersionState {
  readonly version: string;
  readonly status: VersionStatus;
  readonly contentSha256: string;
  readonly content: string;
  readonly proposedBy: string;
  /** Every step taken on this version, in topic order. */
  readonly steps: readonly RuleChange[];
}

export interface RuleChangeFold {
  /** Versions in the order they were proposed. */
  readonly versions: ReadonlyMap<string, RuleSetVersionState>;
  /** The version processors run, if one was ever put live. */
  readonly live: string | undefined;
  readonly changeIds: ReadonlySet<string>;
  /** Steps on the topic that the rules refuse (written around the checks); they change nothing. */
  readonly ignored: readonly { readonly change: RuleChange; readonly reason: string }[];
}

export const RULE_CHANGE_REFUSALS = [
  'WSP_RULES_INVALID_CONTENT',
  'WSP_RULES_VERSION_TAKEN',
  'WSP_RULES_UNKNOWN_VERSION',
  'WSP_RULES_SELF_APPROVAL',
  'WSP_RULES_NOT_SUPERVISOR',
  'WSP_RULES_WRONG_STATE',
  'WSP_RULES_CONTENT_CHANGED',
  'WSP_RULES_REASON_REQUIRED',
  'WSP_RULES_BAD_ACTOR',
] as const satisfies readonly ErrorCode[];
export type RuleChangeRefusalCode = (typeof RULE_CHANGE_REFUSALS)[number];

/** A step the lifecycle does not allow: nothing is written, and the message says why. */
export class RuleChangeRefused extends WaspadaError {
  declare readonly code: RuleChangeRefusalCode;

  constructor(code: RuleChangeRefusalCode, message: string) {
    super(code, message);
    this.name = 'RuleChangeRefused';
  }
}

/** What someone asks for; the event is built from it only if the lifecycle allows it. */
export type StepRequest =
  | {
      readonly step: 'PROPOSED';
      readonly content: string;
      readonly actor: RuleChangeActor;
      readonly comment?: string;
    }
  | {
      readonly step: 'APPROVED' | 'REJECTED' | 'LIVE';
      readonly version: string;
      readonly actor: RuleChangeActor;
      /** The hash the actor reviewed; the proposal's hash when left out (a CLI approving what is on the topic). */
      readonly contentSha256?: string;
      readonly comment?: string;
    };

export interface StepDecision {
  readonly change: RuleChange;
  /** The same step was already taken (a retried click): nothing new to write. */
  readonly duplicate: boolean;
}

/** Namespace of the change ids (UUID v5): fixed, so the same step always gets the same id. */
const CHANGE_NAMESPACE = '0b8a3c1e-5f0d-5e8c-9a57-5b3f2a6d7c41';
const changeUuid = nameUuid(CHANGE_NAMESPACE);

export const sha256Hex = (content: string): string =>
  createHash('sha256').update(content, 'utf8').digest('hex');

export const changeIdOf = (version: string, step: RuleChangeStep, contentSha256: string): string =>
  changeUuid(`${version}|${step}|${contentSha256}`);

export function emptyFold(): RuleChangeFold {
  return { versions: new Map(), live: undefined, changeIds: new Set(), ignored: [] };
}

/** The rule set a proposal carries, validated; its own version field names the version. */
export function ruleSetOfContent(content: string, source = 'proposed rule set'): RuleSet {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    throw new RuleChangeRefused(
      'WSP_RULES_INVALID_CONTENT',
      `${source} is not JSON: ${(error as Error).message}`,
    );
  }
  try {
    return parseRuleSet(raw, source);
  } catch (error) {
    throw new RuleChangeRefused('WSP_RULES_INVALID_CONTENT', (error as Error).message);
  }
}

const isSupervisor = (actor: RuleChangeActor) => actor.roles.includes('supervisor');

function checkActor(actor: RuleChangeActor): void {
  if (!/^[A-Za-z0-9._@-]{2,64}$/.test(actor.id)) {
    throw new RuleChangeRefused(
      'WSP_RULES_BAD_ACTOR',
      'actor id: 2 to 64 letters, digits, dot, dash, underscore or @',
    );
  }
  // A regency account follows up its regency's cases; rule sets are national work.
  if (!actor.roles.some((role) => (NATIONAL_ROLES as readonly string[]).includes(role))) {
    throw new RuleChangeRefused(
      'WSP_RULES_BAD_ACTOR',
      `actor ${actor.id} holds no analyst role (${NATIONAL_ROLES.join(', ')})`,
    );
  }
}

/**
 * Whether the step may be taken on the fold as it stands, and its event. Throws RuleChangeRefused
 * with the reason when not. A step already taken returns its first event, marked duplicate.
 */
export function decideStep(fold: RuleChangeFold, request: StepRequest, now: number): StepDecision {
  checkActor(request.actor);
  const base = {
    actorId: request.actor.id,
    actorRoles: [...request.actor.roles],
    stepTime: now,
    comment: request.comment?.trim() ? request.comment.trim() : null,
  };
  if (request.step === 'PROPOSED') {
    const ruleSet = ruleSetOfContent(request.content);
    const contentSha256 = sha256Hex(request.content);
    const known = fold.versions.get(ruleSet.version);
    if (known) {
      const first = known.steps[0];
      if (known.contentSha256 === contentSha256 && first) return { change: first, duplicate: true };
      throw new RuleChangeRefused(
        'WSP_RULES_VERSION_TAKEN',
        `version ${ruleSet.version} was already proposed by ${known.proposedBy} with other content; give the new content a new version`,
      );
    }
    const change: RuleChange = {
      ...base,
      changeId: changeIdOf(ruleSet.version, 'PROPOSED', contentSha256),
      version: ruleSet.version,
      step: 'PROPOSED',
      contentSha256,
      content: request.content,
    };
    return { change, duplicate: false };
  }

  const state = fold.versions.get(request.version);
  if (!state) {
    throw new RuleChangeRefused('WSP_RULES_UNKNOWN_VERSION', `version ${request.version} was never proposed`);
  }
  const contentSha256 = request.contentSha256 ?? state.contentSha256;
  const changeId = changeIdOf(state.version, request.step, contentSha256);
  const earlier = state.steps.find((step) => step.changeId === changeId);
  if (earlier) return { change: earlier, duplicate: true };
  if (contentSha256 !== state.contentSha256) {
    throw new RuleChangeRefused(
      'WSP_RULES_CONTENT_CHANGED',
      `version ${state.version}: the content reviewed (sha256 ${contentSha256.slice(0, 12)}…) is not the content proposed (${state.contentSha256.slice(0, 12)}…)`,
    );
  }
  if (!isSupervisor(request.actor)) {
    throw new RuleChangeRefused(
      'WSP_RULES_NOT_SUPERVISOR',
      `${request.actor.id} is not a supervisor: only a supervisor may ${verb(request.step)} a rule set`,
    );
  }
  const allowedFrom: Record<typeof request.step, readonly VersionStatus[]> = {
    APPROVED: ['PROPOSED'],
    REJECTED: ['PROPOSED', 'APPROVED'],
    LIVE: ['APPROVED'],
  };
  if (!allowedFrom[request.step].includes(state.status)) {
    throw new RuleChangeRefused(
      'WSP_RULES_WRONG_STATE',
      `version ${state.version} is ${state.status}: it cannot be ${request.step.toLowerCase()}${
        request.step === 'LIVE' && state.status === 'PROPOSED' ? ' before a second person approves it' : ''
      }`,
    );
  }
  if (request.step === 'APPROVED' && request.actor.id === state.proposedBy) {
    throw new RuleChangeRefused(
      'WSP_RULES_SELF_APPROVAL',
      `${request.actor.id} proposed version ${state.version} and cannot approve it: a second person must`,
    );
  }
  if (request.step === 'REJECTED' && base.comment === null) {
    throw new RuleChangeRefused('WSP_RULES_REASON_REQUIRED', 'comment: a rejection needs a reason');
  }
  const change: RuleChange = {
    ...base,
    changeId,
    version: state.version,
    step: request.step,
    contentSha256,
    content: null,
  };
  return { change, duplicate: false };
}

const verb = (step: 'APPROVED' | 'REJECTED' | 'LIVE') =>
  step === 'APPROVED' ? 'approve' : step === 'REJECTED' ? 'reject' : 'put live';

/** The fold after one more event from the topic; a step the rules refuse is kept aside, not applied. */
export function applyRuleChange(fold: RuleChangeFold, change: RuleChange): RuleChangeFold {
  if (fold.changeIds.has(change.changeId)) return fold;
  const ignore = (reason: string): RuleChangeFold => ({
    ...fold,
    ignored: [...fold.ignored, { change, reason }],
  });
  let decided: StepDecision;
  try {
    const actor = { id: change.actorId, roles: change.actorRoles };
    decided = decideStep(
      fold,
      change.step === 'PROPOSED'
        ? { step: 'PROPOSED', content: change.content ?? '', actor }
        : {
            step: change.step,
            version: change.version,
            actor,
            contentSha256: change.contentSha256,
            ...(change.comment !== null && { comment: change.comment }),
          },
      change.stepTime,
    );
  } catch (error) {
    return ignore(error instanceof Error ? error.message : String(error));
  }
  if (decided.duplicate || decided.change.changeId !== change.changeId) {
    return ignore('not the step its id names');
  }
  const versions = new Map(fold.versions);
  let live = fold.live;
  if (change.step === 'PROPOSED') {
    versions.set(change.version, {
      version: change.version,
      status: 'PROPOSED',
      contentSha256: change.contentSha256,
      content: change.content ?? '',
      proposedBy: change.actorId,
      steps: [change],
    });
  } else {
    const state = versions.get(change.version);
    if (!state) return ignore('unknown version');
    versions.set(change.version, { ...state, status: change.step, steps: [...state.steps, change] });
    if (change.step === 'LIVE') {
      const previous = live === undefined ? undefined : versions.get(live);
      if (previous && previous.version !== change.version) {
        versions.set(previous.version, { ...previous, status: 'RETIRED' });
      }
      live = change.version;
    }
  }
  return { versions, live, changeIds: new Set([...fold.changeIds, change.changeId]), ignored: fold.ignored };
}

export function foldRuleChanges(changes: Iterable<RuleChange>): RuleChangeFold {
  let fold = emptyFold();
  for (const change of changes) fold = applyRuleChange(fold, change);
  return fold;
}

/** The rule set to run: the live version's content, checked against the hash it was approved on. */
export function liveRuleSet(fold: RuleChangeFold): RuleSet | undefined {
  if (fold.live === undefined) return undefined;
  const state = fold.versions.get(fold.live);
  if (!state) return undefined;
  return versionRuleSet(state);
}

export function versionRuleSet(state: RuleSetVersionState): RuleSet {
  if (sha256Hex(state.content) !== state.contentSha256) {
    throw new RuleChangeRefused(
      'WSP_RULES_CONTENT_CHANGED',
      `version ${state.version}: its content does not hash to the reviewed sha256`,
    );
  }
  return ruleSetOfContent(state.content, `rule set ${state.version}`);
}
