/** The standard desk procedure on each card: what to ask, check and notify for the rules that fired. */
import { getJson, h } from './dom.js';
import { t, term } from './i18n.js';

/**
 * @typedef {import('./desk-state.js').DeskAlert} DeskAlert
 * @typedef {import('./api-types.js').ProcedureTable} ProcedureTable
 */

/**
 * A text of a table in the officer's language: tables from 2026.12.2 on name catalogue keys
 * (`procedure.R02.ask.job`); an older table's English sentence is not a key and shows as it is.
 * @param {string} text
 */
const stepText = (text) => term(text);

/**
 * Desk procedure tables by version, fetched once from the dashboard (no personal data in them).
 * @type {Map<string, Promise<ProcedureTable>>}
 */
const procedureTables = new Map();

/**
 * The standard procedure the alert names, for each rule that fired at the alert's severity: the
 * same questions, checks and notifications at every checkpoint. Filled in once the table is loaded.
 * @param {DeskAlert} alert
 * @returns {HTMLElement | null}
 */
export function procedureBlock(alert) {
  const version = alert.procedureVersion;
  const ruleIds = (alert.rules ?? []).map((rule) => rule.ruleId).filter((id) => /^R\d{2}$/.test(id));
  if (!version || ruleIds.length === 0 || alert.kind === 'RESOLVED') return null;
  const block = h(
    'div',
    { className: 'procedure', 'data-testid': 'procedure', 'data-version': version },
    h('h3', {}, t('desk.procedure.heading', { version })),
  );
  if (!procedureTables.has(version)) {
    procedureTables.set(version, getJson(`/api/procedures/${encodeURIComponent(version)}`));
  }
  procedureTables
    .get(version)
    ?.then((table) => {
      for (const ruleId of ruleIds) {
        const rule = table.rules[ruleId];
        const step = rule?.severities[alert.severity];
        if (!rule || !step) {
          block.append(
            h(
              'p',
              { className: 'procedure-missing' },
              t('desk.procedure.missing', { rule: ruleId, severity: alert.severity }),
            ),
          );
          continue;
        }
        const parties = [...new Set([...rule.notify, ...step.notify])];
        block.append(
          h(
            'section',
            { className: 'procedure-rule', dataset: { rule: ruleId } },
            h('p', { className: 'procedure-action' }, h('strong', {}, `${ruleId}: `), stepText(step.action)),
            h('h4', {}, t('desk.procedure.ask')),
            h('ul', {}, ...rule.ask.map((text) => h('li', {}, stepText(text)))),
            h('h4', {}, t('desk.procedure.check')),
            h('ul', {}, ...rule.check.map((text) => h('li', {}, stepText(text)))),
            h('h4', {}, t('desk.procedure.notify')),
            h(
              'ul',
              {},
              ...parties.map((code) => {
                const name = stepText(table.parties[code] ?? code);
                return h('li', { title: name }, name);
              }),
            ),
          ),
        );
      }
    })
    .catch((/** @type {unknown} */ error) => {
      procedureTables.delete(version);
      const reason = error instanceof Error ? error.message : String(error);
      block.append(
        h('p', { className: 'procedure-missing' }, t('desk.procedure.unavailable', { version, reason })),
      );
    });
  return block;
}
