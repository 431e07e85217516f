import type { RuleId } from '../ruleset/rule-set';
import { R01 } from './r01-labour-as-tourist';
import { R02 } from './r02-scam-hub';
import { R03 } from './r03-refused-then-departs';
import { R04 } from './r04-identity-mismatch';
import { R05 } from './r05-document-churn';
import { R06 } from './r06-placement-mismatch';
import { R07 } from './r07-minor-alone';
import { R08 } from './r08-group-pattern';
import { R09 } from './r09-watchlist';
import { R10 } from './r10-land-border';
import { R11 } from './r11-distress-abroad';
import { R12 } from './r12-repeat-departure';
import type { Rule } from './rule';

export const RULES: { readonly [I in RuleId]: Rule<I> } = {
  R01,
  R02,
  R03,
  R04,
  R05,
  R06,
  R07,
  R08,
  R09,
  R10,
  R11,
  R12,
};
export { reason, type Reason, type Rule, type RuleHit } from './rule';
