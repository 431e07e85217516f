import { locales } from 'zod';
import { ruleSetSchema } from './rule-set';

/** One field the rule-set schema refuses, by its dotted path in the file (`rules.R05.params.windowDays`). */
export interface RuleSetProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * One field that differs between two rule sets, by its dotted path. A list (countries, purposes,
 * regencies) is one value: its change is shown whole, as a reviewer reads it, not element by element.
 */
export type RuleSetChange =
  | { readonly path: string; readonly kind: 'changed'; readonly live: unknown; readonly proposed: unknown }
  | { readonly path: string; readonly kind: 'added'; readonly proposed: unknown }
  | { readonly path: string; readonly kind: 'removed'; readonly live: unknown };

/**
 * What the rule-set schema says of a proposed file's parsed JSON: every problem with its path, none
 * when the file is valid. The same schema the processors load a file with, so a version that passes
 * here is one they will run. The schema's own messages come in the language asked for (zod's
 * Indonesian locale for `id`); the few written for Waspada's checks are in English.
 */
export function ruleSetProblems(raw: unknown, language: 'id' | 'en' = 'en'): RuleSetProblem[] {
  const result = ruleSetSchema.safeParse(raw, language === 'id' ? { error: indonesian } : undefined);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** zod's Indonesian messages, built once. */
const indonesian = locales.id().localeError;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields of `proposed` that differ from `live`, in the order of the live file (fields only the
 * proposal has come after those of their object). Objects are walked; anything else, lists
 * included, is compared as a whole value.
 */
export function ruleSetChanges(live: unknown, proposed: unknown, prefix = ''): RuleSetChange[] {
  if (!isRecord(live) || !isRecord(proposed)) {
    return sameValue(live, proposed) ? [] : [{ path: prefix, kind: 'changed', live, proposed }];
  }
  const changes: RuleSetChange[] = [];
  const at = (key: string) => (prefix === '' ? key : `${prefix}.${key}`);
  for (const [key, value] of Object.entries(live)) {
    if (!(key in proposed)) changes.push({ path: at(key), kind: 'removed', live: value });
    else changes.push(...ruleSetChanges(value, proposed[key], at(key)));
  }
  for (const [key, value] of Object.entries(proposed)) {
    if (!(key in live)) changes.push({ path: at(key), kind: 'added', proposed: value });
  }
  return changes;
}
