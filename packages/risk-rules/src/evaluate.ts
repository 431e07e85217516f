import { WaspadaError } from '@waspada/common';
import type { RuleContext } from './context';
import { SEVERITY_ORDER, severityRank, type PersonState, type Severity } from './person/person-state';
import { viewOf, type PersonView } from './person/person-view';
import { reason, RULES, type Reason } from './rules';
import { ACTION_ORDER, RULE_IDS, type RecommendedAction, type RuleId } from './ruleset/rule-set';
import type { Situation } from './situations';

export interface FiredRule {
  readonly ruleId: RuleId | 'ORIGIN';
  readonly title: string;
  readonly severity: Severity;
  readonly score: number;
  readonly reasons: readonly Reason[];
}

/** A rule that fired but was left out under an approved exemption of the person. */
export interface ExemptedRule {
  readonly ruleId: RuleId;
  readonly exemptionId: string;
  readonly validUntil: number;
}

/** The judgement of one situation: what an alert about it says now. */
export interface Decision {
  readonly situation: Situation;
  readonly view: PersonView;
  readonly score: number;
  readonly severity: Severity;
  readonly rules: readonly FiredRule[];
  readonly actions: readonly RecommendedAction[];
  /** Rules that fired and were not counted, each under its exemption. */
  readonly exempted: readonly ExemptedRule[];
}

export class RuleError extends WaspadaError {
  constructor(
    readonly ruleId: RuleId,
    cause: unknown,
  ) {
    super(
      'WSP_RULE_FAILED',
      `rule ${ruleId} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'RuleError';
  }
}

/** How long after a departure's last record the traveller may still be reached at the checkpoint. */
export const DESK_WINDOW_MS = 2 * 3_600_000;

/**
 * Whether a departure is judged on knowledge that came after the traveller left the checkpoint (a
 * companion's scan hours later, a watchlist entry days later): its alert goes to the origin
 * regency and the agencies, not to a desk. Decided from the history, so a replay decides the same.
 */
export function pastTheCounter(view: PersonView): boolean {
  return view.situation.kind === 'departure' && view.knownAt - view.situation.time > DESK_WINDOW_MS;
}

/**
 * Severity follows the strongest evidence. It is the strongest fired rule's own severity, raised
 * one level when at least one other rule corroborates it and the score reaches that level's band
 * (`severityFrom`). So one weak signal is never CRITICAL however high its score; a MEDIUM rule
 * alone stays MEDIUM; the origin-region bonus adds to the score (for ranking) but is not a rule and
 * corroborates nothing.
 */
export function severityOf(
  fired: readonly FiredRule[],
  score: number,
  bands: { readonly MEDIUM: number; readonly HIGH: number; readonly CRITICAL: number },
): Severity {
  const rules = fired.filter((rule) => rule.ruleId !== 'ORIGIN');
  const strongest = rules.reduce(
    (rank, rule) => Math.max(rank, severityRank(rule.severity)),
    severityRank('LOW'),
  );
  const next = SEVERITY_ORDER[strongest + 1];
  const corroborated = new Set(rules.map((rule) => rule.ruleId)).size >= 2;
  if (next !== undefined && next !== 'LOW' && corroborated && score >= bands[next]) return next;
  return SEVERITY_ORDER[strongest] ?? 'LOW';
}

/**
 * Judges one situation with every enabled rule that applies to it. The score is the sum of the
 * rules that fired (capped at 100), plus the origin-region bonus, which never fires alone; the
 * severity is set by severityOf.
 */
export function evaluateSituation(
  state: PersonState,
  situation: Situation,
  context: RuleContext,
): Decision | null {
  const { ruleSet } = context;
  const view = viewOf(state, situation, context.reference);
  const fired: FiredRule[] = [];
  const exempted: ExemptedRule[] = [];
  for (const ruleId of RULE_IDS) {
    const config = ruleSet.rules[ruleId];
    const rule = RULES[ruleId];
    if (!config.enabled || !rule.appliesTo.includes(situation.kind)) continue;
    let hit;
    try {
      hit = (
        rule.check as (v: PersonView, c: typeof config, x: RuleContext) => ReturnType<typeof rule.check>
      )(view, config, context);
    } catch (error) {
      throw new RuleError(ruleId, error);
    }
    if (!hit) continue;
    // Exemptions hold by the situation's event time, so a replay leaves out what the topic said then.
    const exemption = context.exemptions?.of(state.nik, ruleId, situation.time);
    if (exemption) {
      exempted.push({ ruleId, exemptionId: exemption.exemptionId, validUntil: exemption.validUntil });
      continue;
    }
    fired.push({
      ruleId,
      title: config.title,
      severity:
        hit.severity !== undefined && severityRank(hit.severity) < severityRank(config.severity)
          ? hit.severity
          : config.severity,
      score: Math.max(0, config.score + (hit.extraScore ?? 0)),
      reasons: hit.reasons,
    });
  }
  if (fired.length === 0) return null;

  const { hotspots } = ruleSet;
  const origin = view.originRegencyCode;
  if (
    hotspots.score > 0 &&
    (hotspots.regencies.includes(origin) || hotspots.provinces.includes(origin.slice(0, 2)))
  ) {
    const name = context.reference.regencies.get(origin)?.name ?? origin;
    fired.push({
      ruleId: 'ORIGIN',
      title: 'High-risk origin region',
      severity: 'LOW',
      score: hotspots.score,
      reasons: [reason('ORIGIN.hotspot', { regency: name }, [])],
    });
  }

  const score = Math.min(
    100,
    fired.reduce((sum, rule) => sum + rule.score, 0),
  );
  const severity = severityOf(fired, score, ruleSet.severityFrom);
  const wanted = new Set<RecommendedAction>(
    fired.flatMap((rule) => (rule.ruleId === 'ORIGIN' ? [] : ruleSet.rules[rule.ruleId].actions)),
  );
  // Past the counter (a re-screen days later), nobody can be referred at the desk: the origin
  // regency and the agencies follow up instead.
  const atTheCounter = situation.kind === 'departure' && !pastTheCounter(view);
  if (!atTheCounter) wanted.delete('REFER_SECONDARY_INSPECTION');
  if (!atTheCounter) wanted.add('NOTIFY_ORIGIN_REGENCY');
  const actions = ACTION_ORDER.filter((action) => wanted.has(action));
  return { situation, view, score, severity, rules: fired, actions, exempted };
}
