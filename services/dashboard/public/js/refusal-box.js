/**
 * Where a form shows the server's refusal, shared by the rule-job and exemption forms: a heading,
 * then each field the refusal names with its label on the page (the field itself marked), or the
 * server's own words. Drawn again when the language changes.
 */
import { h } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { messageOf } from './analyst-session.js';

/**
 * @typedef {import('./i18n.js').MessageKey} MessageKey
 * @typedef {{ field: string, reason: string }} Problem
 */

/**
 * @param {HTMLElement} box
 * @param {Record<string, { input: HTMLElement, label: MessageKey }>} fields  by the request's field name
 * @param {(failure: unknown) => { heading: (Node | string)[], problems: Problem[] }} read
 *   what a failure says: the words before the list, and the fields it names
 */
export function refusalBox(box, fields, read) {
  /** @type {unknown} */
  let shown;
  const draw = () => {
    for (const { input } of Object.values(fields)) input.removeAttribute('aria-invalid');
    box.hidden = shown === undefined;
    if (shown === undefined) {
      box.replaceChildren();
      return;
    }
    const { heading, problems } = read(shown);
    box.replaceChildren(
      ...heading,
      problems.length === 0
        ? messageOf(shown)
        : h(
            'ul',
            {},
            ...problems.map((problem) => {
              // `content.rules.R05.params.windowDays` belongs to the content field: its path is shown too.
              const key = problem.field.split('.')[0] ?? '';
              const known = fields[key];
              known?.input.setAttribute('aria-invalid', 'true');
              return h(
                'li',
                { dataset: { field: problem.field } },
                known ? h('strong', {}, t(known.label)) : null,
                known && problem.field === key ? null : ' ',
                known && problem.field === key ? null : h('code', {}, problem.field),
                `: ${problem.reason}`,
              );
            }),
          ),
    );
  };
  onLanguageChange(draw);
  return {
    /** @param {unknown} failure */
    show(failure) {
      shown = failure;
      draw();
    },
    clear() {
      shown = undefined;
      draw();
    },
  };
}
