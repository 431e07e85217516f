import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTRY_GROUPS, referenceData } from '@waspada/domain';
import { z } from 'zod';
import { SEVERITY_ORDER } from '../person/person-state';
import { loadProcedureTable, missingProcedures } from '../procedures/procedure-table';

const ACTIONS = [
  'REFER_SECONDARY_INSPECTION',
  'INTERVIEW',
  'NOTIFY_ORIGIN_REGENCY',
  'VICTIM_SUPPORT',
  'VERIFY_IDENTITY',
] as const;
const PURPOSES = ['TOURISM', 'UMRAH', 'HAJJ', 'WORK', 'BUSINESS', 'VISIT_FAMILY', 'STUDY', 'OTHER'] as const;
const CASE_CATEGORIES = [
  'TRAFFICKING',
  'ONLINE_SCAM_COMPOUND',
  'DETAINED',
  'UNPAID_WAGES',
  'ABUSE',
  'UNDOCUMENTED',
  'DEPORTED',
  'REPATRIATED',
  'DECEASED',
  'OTHER',
] as const;

const days = z.number().int().min(1).max(3650);
const VISAS = [
  'NOT_REQUIRED',
  'TOURIST',
  'VISA_ON_ARRIVAL',
  'VISIT',
  'UMRAH',
  'HAJJ',
  'STUDENT',
  'BUSINESS',
  'MEDICAL',
  'WORK',
  'SEAFARER',
  'RESIDENCE',
  'OTHER',
] as const;
const ageRange = z
  .object({ min: z.number().int().min(0).max(120), max: z.number().int().min(0).max(120) })
  .strict()
  .refine((range) => range.min <= range.max, 'min must not exceed max');
const countryGroup = z.enum(COUNTRY_GROUPS);
const regencyCode = z.string().regex(/^\d{4}$/, 'a regency code is 4 digits');

function rule<P extends z.ZodRawShape>(params: P) {
  return z
    .object({
      enabled: z.boolean(),
      title: z.string().min(3),
      description: z.string().min(10),
      severity: z.enum(SEVERITY_ORDER),
      score: z.number().int().min(0).max(100),
      actions: z.array(z.enum(ACTIONS)).min(1),
      params: z.object(params).strict(),
    })
    .strict();
}

export const ruleSetSchema = z
  .object({
    version: z.string().regex(/^\d{4}\.\d{2}\.\d+$/, 'a version looks like 2026.11.1'),
    description: z.string(),
    /** Version of the desk procedure table (procedures/) every alert of this rule set names. */
    procedures: z
      .string()
      .regex(/^\d{4}\.\d{2}\.\d+$/, 'a procedure table version looks like 2026.11.1')
      .optional(),
    /** Score from which a combined alert is at least this severity. */
    severityFrom: z
      .object({ MEDIUM: z.number().int(), HIGH: z.number().int(), CRITICAL: z.number().int() })
      .strict(),
    workingAge: ageRange,
    /** Origin regions the brief names as high risk: raises a score, never fires alone. */
    hotspots: z
      .object({
        provinces: z.array(z.string().regex(/^\d{2}$/)),
        regencies: z.array(regencyCode),
        score: z.number().int().min(0).max(50),
      })
      .strict(),
    /** Regencies on a land border, whose residents cross by land as part of daily life. */
    borderRegencies: z.array(regencyCode).min(1),
    /**
     * Which regencies' residents each land post serves: a border resident is a resident of that
     * border, not of any border. A post not listed serves all borderRegencies (older rule sets).
     */
    borderPosts: z
      .record(
        z.string().regex(/^PLBN-[A-Z-]+$/, 'a land post code looks like PLBN-ENTIKONG'),
        z.array(regencyCode).min(1),
      )
      .optional(),
    rules: z
      .object({
        R01: rule({
          destinations: countryGroup,
          purposes: z.array(z.enum(PURPOSES)).min(1),
          freshPassportDays: days,
          maxStayDays: days,
          extraSignalScore: z.number().int().min(0).max(50),
          umrahWithoutOrganiserScore: z.number().int().min(0).max(50),
          /** Who paying the ticket is a sign of recruitment, for a traveller with no placement. */
          thirdPartyPayers: z
            .array(z.enum(['SELF', 'FAMILY', 'EMPLOYER', 'TRAVEL_AGENCY', 'SPONSOR', 'OTHER']))
            .default(['SPONSOR', 'EMPLOYER']),
          /** Visas that explain a one-way or long stay by themselves (study, residence, ship's crew, treatment). */
          explainingVisas: z.array(z.enum(VISAS)).default(['STUDENT', 'RESIDENCE', 'SEAFARER', 'MEDICAL']),
        }),
        R02: rule({
          hubs: countryGroup,
          age: ageRange,
          /** A licensed organiser's group tour returning within this many days is tourism. */
          tourMaxDays: days.default(14),
          /** Countries from which compounds are reached overland: a sponsor-paid one-way ticket there counts. */
          gateways: countryGroup.default('scamHubTransit'),
        }),
        R03: rule({
          windowDays: days,
          reasons: z
            .array(
              z.enum([
                'SUSPECTED_NON_PROCEDURAL_WORK',
                'INCOMPLETE_DOCUMENTS',
                'IDENTITY_DOUBT',
                'FORGED_DOCUMENT',
                'COURT_ORDER',
                'OTHER',
              ]),
            )
            .min(1),
        }),
        R04: rule({}),
        R05: rule({
          windowDays: days,
          maxApplications: z.number().int().min(1),
          maxLostReports: z.number().int().min(1),
        }),
        R06: rule({}),
        R07: rule({
          adultAge: z.number().int().min(14).max(25),
          companionWindowHours: z.number().int().min(1).max(72),
          /** When the adults on the booking are none of them on the child's family card: ask for consent. */
          unverifiedCompanionSeverity: z.enum(SEVERITY_ORDER).default('MEDIUM'),
        }),
        R08: rule({
          minTravellers: z.number().int().min(2),
          windowHours: z
            .number()
            .int()
            .min(1)
            .max(24 * 30),
          linkedAlertScore: z.number().int().min(0).max(50),
        }),
        R09: rule({
          entryTypes: z
            .array(
              z.enum(['RECRUITER', 'SPONSOR', 'PLACEMENT_COMPANY', 'PHONE_NUMBER', 'SOCIAL_MEDIA_ACCOUNT']),
            )
            .min(1),
        }),
        R10: rule({ allowedStayDays: days }),
        R11: rule({
          categories: z.array(z.enum(CASE_CATEGORIES)).min(1),
          companionScore: z.number().int().min(0).max(100),
        }),
        R12: rule({
          windowDays: days,
          categories: z.array(z.enum(CASE_CATEGORIES)).min(1),
          /** How a person came home that starts the window, as Immigration records it on arrival. */
          arrivalCategories: z
            .array(z.enum(['DEPORTED', 'REPATRIATED', 'EMERGENCY_TRAVEL_DOCUMENT']))
            .default(['DEPORTED', 'REPATRIATED', 'EMERGENCY_TRAVEL_DOCUMENT']),
        }),
      })
      .strict(),
  })
  .strict()
  .superRefine((set, context) => {
    const bands = set.severityFrom;
    if (!(bands.MEDIUM < bands.HIGH && bands.HIGH < bands.CRITICAL)) {
      context.addIssue({ code: 'custom', path: ['severityFrom'], message: 'needs MEDIUM < HIGH < CRITICAL' });
    }
    if (set.procedures !== undefined) {
      // Every rule the set enables needs a procedure at every severity its alerts can reach.
      try {
        const missing = missingProcedures(loadProcedureTable(set.procedures), set.rules);
        if (missing.length > 0) {
          context.addIssue({
            code: 'custom',
            path: ['procedures'],
            message: `procedure table ${set.procedures} has no entry for ${missing.join(', ')}`,
          });
        }
      } catch (error) {
        context.addIssue({ code: 'custom', path: ['procedures'], message: (error as Error).message });
      }
    }
    const regencies = referenceData().regencies;
    for (const [field, codes] of [
      ['borderRegencies', set.borderRegencies],
      ['hotspots.regencies', set.hotspots.regencies],
      ...Object.entries(set.borderPosts ?? {}).map(
        ([post, codes]) => [`borderPosts.${post}`, codes] as const,
      ),
    ] as const) {
      for (const code of codes) {
        if (!regencies.has(code)) {
          context.addIssue({
            code: 'custom',
            path: field.split('.'),
            message: `${code} is not a Kemendagri regency code`,
          });
        }
      }
    }
  });

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleId = keyof RuleSet['rules'];
export type RuleConfig = RuleSet['rules'][RuleId];
export type RecommendedAction = (typeof ACTIONS)[number];
export const RULE_IDS = Object.keys(ruleSetSchema.shape.rules.shape) as RuleId[];
export const ACTION_ORDER: readonly RecommendedAction[] = ACTIONS;

/** Where the rule-set files live: versioned data, reviewed like code. */
export const RULESET_DIR = join(__dirname, '..', '..', 'rulesets');
export const DEFAULT_RULESET_FILE = join(RULESET_DIR, 'waspada-2026.12.2.json');

/** The regencies whose residents a land post serves (see borderPosts). */
export function regenciesServedBy(ruleSet: RuleSet, checkpointCode: string): readonly string[] {
  return ruleSet.borderPosts?.[checkpointCode] ?? ruleSet.borderRegencies;
}

/**
 * Reads and validates a rule-set file once at start; every problem is reported with its path, so a
 * bad threshold stops the service with a message that says which field to fix.
 */
export function loadRuleSet(file: string = DEFAULT_RULESET_FILE): RuleSet {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`rule set ${file} is not readable JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseRuleSet(raw, file);
}

export function parseRuleSet(raw: unknown, source = 'rule set'): RuleSet {
  const result = ruleSetSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`${source} is invalid:\n${problems.join('\n')}`);
  }
  return result.data;
}
