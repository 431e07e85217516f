import { NIK_SHAPE } from '@waspada/domain';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AlertAction } from '@waspada/schemas';
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
