/**
 * Precision and recall of a backtest, from what it judged and two sources of labels. Pure: the
 * engine collects the outcomes, these functions count.
 *
 * Two units, one per label source:
 * - desk outcomes label a situation (one person at one departure, report or document run): an
 *   alert the desk REFERRED is a positive, one it DISMISSED a negative, one only acknowledged (or
 *   never acted on) is unlabelled and left out;
 * - the simulator's ground truth labels a person: a trafficking case or not. A person counts as
 *   alerted when any of their situations in the period was.
 *
 * Per rule, "predicted" means the rule fired, so a rule's recall is the share of all positives it
 * caught by itself, and its false negatives include positives other rules caught.
 */

import { messagePart, messageText, type MessagePart } from '@waspada/messages';

/** One situation judged in the period: whether an alert stood on it, and every rule that fired. */
export interface SituationOutcome {
  readonly nik: string;
  /** The situation key (`departure:CGK:2026-11-20`, `report:…`, `documents`, `overstay:…`). */
  readonly key: string;
  /** The first alert id a live processor gives this situation: how desk actions are matched. */
  readonly firstAlertId: string;
  readonly time: number;
  readonly alerted: boolean;
  readonly rules: readonly string[];
}

export type DeskLabel = 'REFERRED' | 'DISMISSED';

export interface TruthLabel {
  readonly trafficking: boolean;
  readonly scenario: string;
}

export interface Confusion {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  /** null when nothing was predicted positive: no alert, so no precision to speak of. */
  readonly precision: number | null;
  /** null when there are no positives among the labelled. */
  readonly recall: number | null;
}

export function confusionOf(items: Iterable<{ predicted: boolean; actual: boolean }>): Confusion {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  for (const { predicted, actual } of items) {
    if (predicted && actual) truePositives += 1;
    else if (predicted) falsePositives += 1;
    else if (actual) falseNegatives += 1;
    else trueNegatives += 1;
  }
  const predictedPositive = truePositives + falsePositives;
  const positives = truePositives + falseNegatives;
  return {
    truePositives,
    falsePositives,
    falseNegatives,
    trueNegatives,
    precision: predictedPositive === 0 ? null : truePositives / predictedPositive,
    recall: positives === 0 ? null : truePositives / positives,
  };
}

export interface Evaluation {
  /** Units with a label (situations for desks, people for ground truth). */
  readonly labelled: number;
  /** Alerted units without a label: acknowledged-only alerts, people outside the ground truth. */
  readonly alertedUnlabelled: number;
  readonly overall: Confusion;
  readonly rules: Readonly<Record<string, Confusion>>;
}

function evaluate<U extends { alerted: boolean; rules: ReadonlySet<string> }>(
  units: readonly U[],
  labelOf: (unit: U) => boolean | undefined,
  ruleIds: readonly string[],
): Evaluation {
  const labelled: { unit: U; actual: boolean }[] = [];
  let alertedUnlabelled = 0;
  for (const unit of units) {
    const actual = labelOf(unit);
    if (actual === undefined) {
      if (unit.alerted) alertedUnlabelled += 1;
    } else labelled.push({ unit, actual });
  }
  const rules: Record<string, Confusion> = {};
  for (const ruleId of ruleIds) {
    rules[ruleId] = confusionOf(
      labelled.map(({ unit, actual }) => ({ predicted: unit.rules.has(ruleId), actual })),
    );
  }
  return {
    labelled: labelled.length,
    alertedUnlabelled,
    overall: confusionOf(labelled.map(({ unit, actual }) => ({ predicted: unit.alerted, actual }))),
    rules,
  };
}

/** Situations against the desks' decisions, matched by the situation's first alert id (person + situation). */
export function evaluateAgainstDesks(
  situations: readonly SituationOutcome[],
  labels: ReadonlyMap<string, DeskLabel>,
  ruleIds: readonly string[],
): Evaluation {
  return evaluate(
    situations.map((situation) => ({ ...situation, rules: new Set(situation.rules) })),
    (situation) => {
      const label = labels.get(situation.firstAlertId);
      return label === undefined ? undefined : label === 'REFERRED';
    },
    ruleIds,
  );
}

/** One person judged in the period: alerted if any of their situations was, with every rule that fired. */
export interface PersonOutcome {
  readonly nik: string;
  readonly alerted: boolean;
  readonly rules: ReadonlySet<string>;
}

export function peopleOf(situations: readonly SituationOutcome[]): PersonOutcome[] {
  const people = new Map<string, { nik: string; alerted: boolean; rules: Set<string> }>();
  for (const situation of situations) {
    const person = people.get(situation.nik) ?? { nik: situation.nik, alerted: false, rules: new Set() };
    person.alerted ||= situation.alerted;
    for (const rule of situation.rules) person.rules.add(rule);
    people.set(situation.nik, person);
  }
  return [...people.values()];
}

/** People against the simulator's ground truth; people it does not know are left out. */
export function evaluateAgainstTruth(
  situations: readonly SituationOutcome[],
  truth: ReadonlyMap<string, TruthLabel>,
  ruleIds: readonly string[],
): Evaluation {
  return evaluate(peopleOf(situations), (person) => truth.get(person.nik)?.trafficking, ruleIds);
}

export interface ScenarioOutcome {
  readonly scenario: string;
  readonly trafficking: boolean;
  /** People of the scenario judged in the period. */
  readonly people: number;
  readonly alerted: number;
}

/** Per simulated scenario, how many of its people were alerted: recall per trafficking pattern. */
export function scenarioOutcomes(
  situations: readonly SituationOutcome[],
  truth: ReadonlyMap<string, TruthLabel>,
): ScenarioOutcome[] {
  const byScenario = new Map<string, { trafficking: boolean; people: number; alerted: number }>();
  for (const person of peopleOf(situations)) {
    const label = truth.get(person.nik);
    if (!label) continue;
    const entry = byScenario.get(label.scenario) ?? { trafficking: label.trafficking, people: 0, alerted: 0 };
    entry.people += 1;
    if (person.alerted) entry.alerted += 1;
    byScenario.set(label.scenario, entry);
  }
  return [...byScenario]
    .map(([scenario, entry]) => ({ scenario, ...entry }))
    .sort((a, b) => Number(b.trafficking) - Number(a.trafficking) || a.scenario.localeCompare(b.scenario));
}

export interface RuleActivity {
  readonly ruleId: string;
  /** Situations of the period on which the rule fired. */
  readonly fired: number;
  /** fired / situations judged in the period. */
  readonly fireShare: number;
}

export function ruleActivity(
  situations: readonly SituationOutcome[],
  ruleIds: readonly string[],
): RuleActivity[] {
  const fired = new Map(ruleIds.map((ruleId) => [ruleId, 0]));
  for (const situation of situations) {
    for (const rule of situation.rules) if (fired.has(rule)) fired.set(rule, (fired.get(rule) ?? 0) + 1);
  }
  return ruleIds.map((ruleId) => {
    const count = fired.get(ruleId) ?? 0;
    return { ruleId, fired: count, fireShare: situations.length === 0 ? 0 : count / situations.length };
  });
}

export interface ReviewThresholds {
  /** A rule firing on more than this share of judged situations is listed (0 to 1). */
  readonly maxFireShare: number;
  /** A rule whose desk-labelled alerts were dismissed more than this share of the time is listed (0 to 1). */
  readonly maxDismissShare: number;
  /** The dismissal test needs at least this many desk-labelled alerts of the rule, so one dismissal is not a verdict. */
  readonly minDeskLabelled: number;
}

export const DEFAULT_REVIEW_THRESHOLDS: ReviewThresholds = {
  maxFireShare: 0.1,
  maxDismissShare: 0.5,
  minDeskLabelled: 3,
};

export interface ReviewItem {
  readonly ruleId: string;
  readonly fireShare: number;
  /** Desk-labelled alerts of the rule, and how many of them were dismissed. */
  readonly deskLabelled: number;
  readonly dismissed: number;
  /** Why the rule is listed, as catalogue keys with the figures, which the analyst page reads in the reader's language. */
  readonly reasonParts: readonly MessagePart[];
  /** The same reasons in Bahasa Indonesia. */
  readonly reasons: readonly string[];
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Rules that fire too often, or whose alerts desks mostly dismiss, each with the figures that put it on the list. */
export function reviewList(
  activity: readonly RuleActivity[],
  desks: Evaluation,
  thresholds: ReviewThresholds,
): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const { ruleId, fired, fireShare } of activity) {
    const matrix = desks.rules[ruleId];
    const dismissed = matrix?.falsePositives ?? 0;
    const deskLabelled = dismissed + (matrix?.truePositives ?? 0);
    const reasonParts: MessagePart[] = [];
    if (fired > 0 && fireShare > thresholds.maxFireShare) {
      reasonParts.push(
        messagePart('analyst.backtests.reviewFires', {
          share: percent(fireShare),
          count: String(fired),
          limit: percent(thresholds.maxFireShare),
        }),
      );
    }
    if (deskLabelled >= thresholds.minDeskLabelled && dismissed / deskLabelled > thresholds.maxDismissShare) {
      reasonParts.push(
        messagePart('analyst.backtests.reviewDismissed', {
          dismissed: String(dismissed),
          labelled: String(deskLabelled),
          share: percent(dismissed / deskLabelled),
          limit: percent(thresholds.maxDismissShare),
        }),
      );
    }
    if (reasonParts.length > 0)
      items.push({
        ruleId,
        fireShare,
        deskLabelled,
        dismissed,
        reasonParts,
        reasons: reasonParts.map((part) => messageText([part])),
      });
  }
  return items;
}
