/**
 * The line an alert shows for each rule it left out under an approved exemption of the person
 * (RiskAlert.exemptedRules), on the desk cards and the person page: the reader sees the rule was
 * not counted on purpose, until when, and that a second person approved it.
 */
import { h } from './dom.js';
import { t } from './i18n.js';

/** @typedef {import('./api-types.js').ExemptedRule} ExemptedRule */

/**
 * The last day an exemption covers (its end is not included), as YYYY-MM-DD in UTC.
 * @param {number | string} validUntil  epoch ms or ISO
 */
export function lastDayOf(validUntil) {
  const end = typeof validUntil === 'number' ? validUntil : Date.parse(validUntil);
  return Number.isNaN(end) ? String(validUntil) : new Date(end - 1).toISOString().slice(0, 10);
}

/**
 * The lines an alert shows for the rules it left out under an approved exemption, so the reader
 * sees they were not counted on purpose; null when it left none out.
 * @param {readonly ExemptedRule[] | undefined} exempted
 */
export function exemptedRulesBlock(exempted) {
  if (!exempted || exempted.length === 0) return null;
  return h(
    'ul',
    { className: 'exempted-rules' },
    ...exempted.map((rule) =>
      h(
        'li',
        {
          dataset: { testid: 'exempted-rule', ruleId: rule.ruleId, exemptionId: rule.exemptionId },
          title: rule.exemptionId,
        },
        t('exemptions.alertLine', { rules: rule.ruleId, date: lastDayOf(rule.validUntil) }),
      ),
    ),
  );
}
