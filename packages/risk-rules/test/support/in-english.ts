import { CATALOGUES, ENGLISH_RENDERERS, formatMessage } from '@waspada/messages';
import type { FiredRule, Reason } from '../../src';

/** A reason as an English-reading officer sees it: the catalogue's text, countries named by Intl, days as given. */
export function inEnglish(reason: Reason): { text: string; evidence: readonly string[] } {
  const text = formatMessage(CATALOGUES.en, reason.key, reason.params, ENGLISH_RENDERERS);
  if (text === undefined) throw new Error(`${reason.key} is not in the English catalogue`);
  return { text, evidence: reason.evidence };
}

/** A fired rule with its reasons in English, to compare against the words an officer reads. */
export function readInEnglish(rule: FiredRule) {
  return { ...rule, reasons: rule.reasons.map(inEnglish) };
}
