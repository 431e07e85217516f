import type { PersonView } from '../person/person-view';
import { regenciesServedBy, type RuleSet } from '../ruleset/rule-set';
import type { CrossingEvent } from '../situations';

/**
 * Whether the traveller lives on the border this land post serves. Crossing by land is daily life
 * for them, at their own post: a resident of Sambas is a border resident at Aruk, not at Motaain.
 */
export function residentOfThisBorder(view: PersonView, crossing: CrossingEvent, ruleSet: RuleSet): boolean {
  if (crossing.checkpointType !== 'LAND') return false;
  return regenciesServedBy(ruleSet, crossing.checkpointCode).includes(view.residenceRegencyCode);
}
