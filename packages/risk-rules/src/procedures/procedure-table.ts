import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUES, type Language } from '@waspada/messages';
import { z } from 'zod';
import { SEVERITY_ORDER } from '../person/person-state';

/**
 * The standard procedure at every desk: per rule and alert severity, what to ask the traveller,
 * what to check (and in which agency's system), whom to notify, and what the desk does. One
 * versioned table, named by the rule set (`procedures`), so a change of procedure is reviewed and
 * approved like a change of rules, and every alert names the version its desk follows.
 *
 * From table 2026.12.2 on, every step, action and party is a message key of the catalogue
 * (`procedure.R02.ask.job`, `procedure.party.BP3MI`), which the desk reads in the officer's
 * language; older tables hold English sentences, which the desk shows as they are.
 */

export type ProcedureSeverity = (typeof SEVERITY_ORDER)[number];

export const PROCEDURE_PARTIES = [
  'SHIFT_SUPERVISOR',
  'BP3MI',
  'KP2MI',
  'SATGAS_TPPO',
  'ORIGIN_REGENCY',
  'KEMLU',
  'DUKCAPIL',
  'KANIM',
  'UPTD_PPA',
] as const;
export type ProcedureParty = (typeof PROCEDURE_PARTIES)[number];

const party = z.enum(PROCEDURE_PARTIES);
const sentences = z.array(z.string().min(10)).min(1);
const severityEntry = z.object({ action: z.string().min(10), notify: z.array(party) }).strict();

export const procedureTableSchema = z
  .object({
    version: z.string().regex(/^\d{4}\.\d{2}\.\d+$/, 'a version looks like 2026.11.1'),
    description: z.string().min(10),
    parties: z.partialRecord(party, z.string().min(5)),
    rules: z.record(
      z.string().regex(/^R\d{2}$/, 'a rule id looks like R02'),
      z
        .object({
          ask: sentences,
          check: sentences,
          notify: z.array(party),
          severities: z.partialRecord(z.enum(SEVERITY_ORDER), severityEntry),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((table, context) => {
    checkTexts(table, context);
    // Every party named must be described, so a desk knows whom a code means.
    for (const [ruleId, rule] of Object.entries(table.rules)) {
      const named = [
        ...rule.notify.map((code) => ({ code, path: ['rules', ruleId, 'notify'] })),
        ...Object.entries(rule.severities).flatMap(([severity, entry]) =>
          (entry?.notify ?? []).map((code) => ({
            code,
            path: ['rules', ruleId, 'severities', severity, 'notify'],
          })),
        ),
      ];
      for (const { code, path } of named) {
        if (table.parties[code] === undefined) {
          context.addIssue({ code: 'custom', path, message: `${code} is not described under parties` });
        }
      }
    }
  });

export type ProcedureTable = z.infer<typeof procedureTableSchema>;

/** A text of a table that names a catalogue entry rather than being a sentence. */
const KEY_FORM = /^procedure\.[A-Za-z0-9_.]+$/;
const catalogueKeys = new Set(Object.keys(CATALOGUES.id));

/**
 * A table is written in keys or in sentences, never half of each: a desk reading a half-keyed
 * table would show some steps in the officer's language and others in English. Every key must
 * be in the catalogue (which holds each key in both languages).
 */
function checkTexts(
  table: {
    parties: Partial<Record<string, string>>;
    rules: Record<
      string,
      { ask: string[]; check: string[]; severities: Partial<Record<string, { action: string }>> }
    >;
  },
  context: z.RefinementCtx,
): void {
  const texts: { text: string; path: (string | number)[] }[] = [
    ...Object.entries(table.parties).map(([code, text]) => ({ text: text ?? '', path: ['parties', code] })),
    ...Object.entries(table.rules).flatMap(([ruleId, rule]) => [
      ...rule.ask.map((text, index) => ({ text, path: ['rules', ruleId, 'ask', index] })),
      ...rule.check.map((text, index) => ({ text, path: ['rules', ruleId, 'check', index] })),
      ...Object.entries(rule.severities).map(([severity, entry]) => ({
        text: entry?.action ?? '',
        path: ['rules', ruleId, 'severities', severity, 'action'],
      })),
    ]),
  ];
  const keyed = texts.filter(({ text }) => KEY_FORM.test(text));
  if (keyed.length > 0 && keyed.length < texts.length) {
    const sentence = texts.find(({ text }) => !KEY_FORM.test(text));
    context.addIssue({
      code: 'custom',
      path: sentence?.path ?? [],
      message: 'a table names message keys for every step, action and party, or for none',
    });
  }
  for (const { text, path } of keyed) {
    if (!catalogueKeys.has(text)) {
      context.addIssue({ code: 'custom', path, message: `${text} is not a key of the message catalogue` });
    }
  }
}

/** What the desk does for one rule at one alert severity. */
export interface Procedure {
  readonly version: string;
  readonly ruleId: string;
  readonly severity: ProcedureSeverity;
  readonly action: string;
  readonly ask: readonly string[];
  readonly check: readonly string[];
  readonly notify: readonly { readonly party: ProcedureParty; readonly name: string }[];
}

export const PROCEDURES_DIR = join(__dirname, '..', '..', 'procedures');
export const procedureFileOf = (version: string) => join(PROCEDURES_DIR, `procedures-${version}.json`);

export function parseProcedureTable(raw: unknown, source = 'procedure table'): ProcedureTable {
  const result = procedureTableSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`${source} is invalid:\n${problems.join('\n')}`);
  }
  return result.data;
}

const loaded = new Map<string, ProcedureTable>();

/** The table of a version from `procedures/`, read and validated once per process. */
export function loadProcedureTable(version: string): ProcedureTable {
  const known = loaded.get(version);
  if (known) return known;
  if (!/^\d{4}\.\d{2}\.\d+$/.test(version))
    throw new Error(`procedures: ${version} is not a version such as 2026.11.1`);
  const file = procedureFileOf(version);
  if (!existsSync(file)) throw new Error(`procedures: no procedure table ${version} (${file})`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`procedure table ${file} is not readable JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const table = parseProcedureTable(raw, file);
  if (table.version !== version) throw new Error(`${file}: its version field says ${table.version}`);
  loaded.set(version, table);
  return table;
}

/** The rule's base steps with the severity's action and extra parties, or undefined when the table has none. */
export function procedureFor(
  table: ProcedureTable,
  ruleId: string,
  severity: ProcedureSeverity,
): Procedure | undefined {
  const rule = table.rules[ruleId];
  const entry = rule?.severities[severity];
  if (!rule || !entry) return undefined;
  const parties = [...new Set([...rule.notify, ...entry.notify])];
  return {
    version: table.version,
    ruleId,
    severity,
    action: entry.action,
    ask: rule.ask,
    check: rule.check,
    notify: parties.map((code) => ({ party: code, name: table.parties[code] ?? code })),
  };
}

/**
 * A procedure as the reader reads it: each key in the language, a sentence of an older table as
 * it is (those tables are in English).
 */
export function procedureIn(procedure: Procedure, language: Language): Procedure {
  const catalogue: Readonly<Record<string, string>> = CATALOGUES[language];
  const read = (text: string) => (KEY_FORM.test(text) ? (catalogue[text] ?? text) : text);
  return {
    ...procedure,
    action: read(procedure.action),
    ask: procedure.ask.map(read),
    check: procedure.check.map(read),
    notify: procedure.notify.map((entry) => ({ party: entry.party, name: read(entry.name) })),
  };
}

/** The alert severities a rule can appear at: its own, and any higher the combined score reaches. */
export function severitiesFrom(severity: ProcedureSeverity): ProcedureSeverity[] {
  return SEVERITY_ORDER.slice(SEVERITY_ORDER.indexOf(severity));
}

/**
 * The lowest severity a rule's alerts can carry: its own, or lower where a parameter named
 * `...Severity` gives a weaker finding of the rule its own level (R07's unverified companions).
 */
function lowestSeverity(rule: {
  readonly severity: ProcedureSeverity;
  readonly params?: object;
}): ProcedureSeverity {
  const levels = [
    rule.severity,
    ...Object.entries(rule.params ?? {})
      .filter(
        ([key, value]) => key.endsWith('Severity') && SEVERITY_ORDER.includes(value as ProcedureSeverity),
      )
      .map(([, value]) => value as ProcedureSeverity),
  ];
  return levels.reduce((low, level) =>
    SEVERITY_ORDER.indexOf(level) < SEVERITY_ORDER.indexOf(low) ? level : low,
  );
}

/** Rule × severity pairs of the enabled rules that the table leaves without a procedure. */
export function missingProcedures(
  table: ProcedureTable,
  rules: Readonly<
    Record<
      string,
      { readonly enabled: boolean; readonly severity: ProcedureSeverity; readonly params?: object }
    >
  >,
): string[] {
  const missing: string[] = [];
  for (const [ruleId, rule] of Object.entries(rules)) {
    if (!rule.enabled) continue;
    for (const severity of severitiesFrom(lowestSeverity(rule))) {
      if (!procedureFor(table, ruleId, severity)) missing.push(`${ruleId} ${severity}`);
    }
  }
  return missing;
}
