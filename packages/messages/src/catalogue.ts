import * as reasons from './catalogue/reasons.js';
import * as desk from './catalogue/desk.js';
import * as pages from './catalogue/pages.js';
import * as analyst from './catalogue/analyst.js';
import * as procedures from './catalogue/procedures.js';
import * as timeline from './catalogue/timeline.js';
import * as cases from './catalogue/cases.js';
import * as ruleJobs from './catalogue/rule-jobs.js';
import * as exemptions from './catalogue/exemptions.js';

/**
 * Every text an officer or analyst reads, in Bahasa Indonesia (the default) and English. Bahasa
 * Indonesia is the source: its keys and placeholders type the rest.
 */
export const CATALOGUES = {
  id: {
    ...reasons.id,
    ...pages.id,
    ...desk.id,
    ...analyst.id,
    ...timeline.id,
    ...cases.id,
    ...ruleJobs.id,
    ...exemptions.id,
    ...procedures.id,
  },
  en: {
    ...reasons.en,
    ...pages.en,
    ...desk.en,
    ...analyst.en,
    ...timeline.en,
    ...cases.en,
    ...ruleJobs.en,
    ...exemptions.en,
    ...procedures.en,
  },
} as const;

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'id';

export type MessageKey = keyof typeof CATALOGUES.id;
/** The keys a rule may give a reason: `R01.…` to `R12.…` and the origin bonus's. */
export type ReasonKey = Extract<MessageKey, `R${string}.${string}` | `ORIGIN.${string}`>;
/** The keys a desk procedure table may name: its steps, its actions per severity, its parties. */
export type ProcedureKey = Extract<MessageKey, `procedure.${string}`>;

type PlaceholderNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholderNames<Rest>
  : never;

/** The parameters a key's text names, each a string as the alert contract carries it. */
export type ParamsOf<K extends MessageKey> = {
  readonly [Name in PlaceholderNames<(typeof CATALOGUES.id)[K]>]: string;
};
