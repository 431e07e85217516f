import type { ParamsOf, ReasonKey } from '@waspada/messages';
import type { RuleContext } from '../context';
import type { Severity } from '../person/person-state';
import type { PersonView } from '../person/person-view';
import type { RuleId, RuleSet } from '../ruleset/rule-set';
import type { CrossingEvent, Situation } from '../situations';

/**
 * One reason a rule fired: a key of the message catalogue with its values (codes, days, counts,
 * never words of one language), and the event ids an officer or analyst can open. The alert's
 * Bahasa Indonesia text is built from them when the alert is written.
 */
export interface Reason {
  readonly key: ReasonKey;
  readonly params: Readonly<Record<string, string>>;
  readonly evidence: readonly string[];
}

/** A reason whose values the compiler checks against the placeholders of the key's text. */
export function reason<K extends ReasonKey>(
  key: K,
  params: ParamsOf<K>,
  evidence: readonly string[],
): Reason {
  return { key, params, evidence };
}

export interface RuleHit {
  readonly reasons: readonly Reason[];
  /** Added to the rule's configured score when the evidence is stronger than the minimum. */
  readonly extraScore?: number;
  /** A weaker finding than the rule's configured severity (from its parameters); never a stronger one. */
  readonly severity?: Severity;
}

/** A rule: the situations it judges and a pure check; thresholds and weights come from the rule set. */
export interface Rule<I extends RuleId = RuleId> {
  readonly id: I;
  readonly appliesTo: readonly Situation['kind'][];
  check(view: PersonView, config: RuleSet['rules'][I], context: RuleContext): RuleHit | null;
}

export function hitOf(reasons: readonly Reason[], extraScore = 0, severity?: Severity): RuleHit | null {
  if (reasons.length === 0) return null;
  return severity === undefined ? { reasons, extraScore } : { reasons, extraScore, severity };
}

export const DAY_MS = 86_400_000;

export function dateOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY_MS);
}

/** The trigger of a departure or overstay situation: the crossing at the counter. */
export function crossingOf(view: PersonView): CrossingEvent | undefined {
  const { situation } = view;
  return situation.kind === 'departure' || situation.kind === 'overstay' ? situation.trigger : undefined;
}
