import { NIK_SHAPE } from '@waspada/domain';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AlertAction, CaseEvent, CaseTypes } from '@waspada/schemas';
import type { DeskLabel, TruthLabel } from './metrics';

/**
 * The desks' verdict on each situation, by its first alert id: the latest REFERRED or DISMISSED
 * (an officer may change their mind; the last word stands). Acknowledgements say nothing about
 * whether the alert was right, so a situation only acknowledged has no label.
 */
export function deskLabelsOf(
  actions: Iterable<Pick<AlertAction, 'firstAlertId' | 'action' | 'actionTime'>>,
): Map<string, DeskLabel> {
  const latest = new Map<string, { label: DeskLabel; time: number }>();
  for (const { firstAlertId, action, actionTime } of actions) {
    if (action === 'ACKNOWLEDGED') continue;
    const known = latest.get(firstAlertId);
    if (!known || actionTime >= known.time) latest.set(firstAlertId, { label: action, time: actionTime });
  }
  return new Map([...latest].map(([id, { label }]) => [id, label]));
}

/**
 * What a case outcome says about the alert that opened it: a trafficking case confirmed, or a
 * non-procedural departure prevented, means the alert was right (as a referral says); a traveller
 * cleared as legitimate means it was a false alarm (as a dismissal says).
 */
const OUTCOME_LABELS: Readonly<Record<CaseTypes.CaseOutcome, DeskLabel>> = {
  TRAFFICKING_CONFIRMED: 'REFERRED',
  NON_PROCEDURAL_DEPARTURE_PREVENTED: 'REFERRED',
  CLEARED_LEGITIMATE: 'DISMISSED',
};

/**
 * The desks' labels with the case outcomes laid over them: a closed case's outcome comes from the
 * follow-up, after the desk's first look, and stands over the desk's verdict on the same situation.
 * A case closes once (the fold ignores later closings), so the first closing of a case, in the order
 * the topic holds them, counts.
 */
export function labelsWithCaseOutcomes(
  deskLabels: ReadonlyMap<string, DeskLabel>,
  events: Iterable<Pick<CaseEvent, 'caseId' | 'firstAlertId' | 'change' | 'outcome' | 'eventTime'>>,
): { labels: Map<string, DeskLabel>; outcomes: number } {
  const closings = new Map<string, { firstAlertId: string; label: DeskLabel; time: number }>();
  for (const { caseId, firstAlertId, change, outcome, eventTime } of events) {
    if (change !== 'CLOSED' || outcome === null) continue;
    // The first closing in topic order, as the case's own fold keeps it: a case's events are all on
    // its person's partition, read in order, while clocks of two dashboards may disagree.
    if (!closings.has(caseId))
      closings.set(caseId, { firstAlertId, label: OUTCOME_LABELS[outcome], time: eventTime });
  }
  const labels = new Map(deskLabels);
  for (const { firstAlertId, label } of closings.values()) labels.set(firstAlertId, label);
  return { labels, outcomes: closings.size };
}

const truthLine = z
  .object({
    caseId: z.string().min(1),
    nik: z.string().regex(NIK_SHAPE, 'must be 16 digits'),
    scenario: z.string().min(1),
    trafficking: z.boolean(),
  })
  .loose();

/**
 * The simulator's ground truth (`.waspada/simulator/ground-truth-seed-<seed>.ndjson`, one
 * `{caseId, nik, scenario, trafficking}` a line) by NIK. A bad line stops the backtest with its
 * line number, field and reason: figures from a half-read file would be wrong without saying so.
 */
export function parseGroundTruth(text: string, file: string): Map<string, TruthLabel> {
  const truth = new Map<string, TruthLabel>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file} line ${index + 1}: not JSON (${(error as Error).message})`, { cause: error });
    }
    const parsed = truthLine.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${file} line ${index + 1}: field ${issue?.path.join('.') || '(line)'} ${issue?.message ?? 'is invalid'}`,
      );
    }
    const { nik, scenario, trafficking } = parsed.data;
    // A person in two cases (a companion of a victim, say) is a case if any of them is.
    const known = truth.get(nik);
    if (!known || (trafficking && !known.trafficking)) truth.set(nik, { trafficking, scenario });
  });
  return truth;
}

export function readGroundTruth(file: string): Map<string, TruthLabel> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`--ground-truth ${file}: cannot be read (${(error as Error).message})`, { cause: error });
  }
  return parseGroundTruth(text, file);
}
