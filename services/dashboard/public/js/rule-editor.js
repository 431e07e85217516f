/**
 * The rule-set editor's form, generated from the content of the version it starts from: per rule
 * whether it is on, its severity, score, actions and parameters; the general thresholds above.
 * Numbers are number fields, lists of codes are comma-separated text, a country group is a choice
 * among the reference data's groups with its countries shown. A rule's title and description are
 * not in the form (the advanced file form changes them). Each field carries its path in the file
 * (`data-path="rules.R05.params.windowDays"`), which is also the path the server's problems name.
 */
import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * @typedef {Record<string, unknown>} JsonObject
 * @typedef {Readonly<Record<string, readonly string[]>>} CountryGroups
 */

/** Left to the advanced form: prose, not thresholds. */
const NOT_IN_FORM = new Set(['title', 'description']);

/** @param {unknown} value @returns {value is JsonObject} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The countries of the chosen group, as codes and as names in the reader's language.
 * @param {HTMLElement} target
 * @param {readonly string[]} codes
 */
function showCountries(target, codes) {
  target.replaceChildren(
    h('code', {}, codes.join(', ')),
    ' ',
    t('analyst.rules.groupCountries', { countries: codes.join(',') }),
  );
}

/**
 * One field of the form for a value of the file.
 * @param {string} key
 * @param {unknown} value
 * @param {string} path
 * @param {CountryGroups} groups
 * @returns {HTMLElement}
 */
function field(key, value, path, groups) {
  const name = h('code', {}, key);
  if (typeof value === 'boolean') {
    return h(
      'label',
      { className: 'edit-field edit-flag' },
      h('input', { type: 'checkbox', dataset: { path, kind: 'boolean' }, ...(value && { checked: true }) }),
      ' ',
      name,
    );
  }
  if (typeof value === 'number') {
    return h(
      'label',
      { className: 'edit-field' },
      name,
      h('input', { type: 'number', step: 'any', value, dataset: { path, kind: 'number' } }),
    );
  }
  if (typeof value === 'string' && Object.hasOwn(groups, value)) {
    const countries = h('small', { className: 'group-countries' });
    const select = h(
      'select',
      { dataset: { path, kind: 'text' } },
      ...Object.keys(groups).map((group) =>
        h('option', { value: group, ...(group === value && { selected: true }) }, group),
      ),
    );
    const show = () => showCountries(countries, groups[select.value] ?? []);
    select.addEventListener('change', show);
    show();
    return h('label', { className: 'edit-field' }, name, select, countries);
  }
  if (Array.isArray(value)) {
    return h(
      'label',
      { className: 'edit-field edit-list' },
      name,
      h('input', {
        value: value.map(String).join(', '),
        dataset: { path, kind: 'list' },
        'data-i18n-attr': 'title:analyst.rules.listHint',
        title: t('analyst.rules.listHint'),
      }),
    );
  }
  if (isObject(value)) {
    return h(
      'fieldset',
      { className: 'edit-group', dataset: { group: path } },
      h('legend', {}, name),
      ...fieldsOf(value, path, groups),
    );
  }
  return h(
    'label',
    { className: 'edit-field' },
    name,
    h('input', { value: String(value), dataset: { path, kind: 'text' } }),
  );
}

/**
 * @param {JsonObject} object
 * @param {string} prefix
 * @param {CountryGroups} groups
 */
function fieldsOf(object, prefix, groups) {
  return Object.entries(object)
    .filter(([key]) => !NOT_IN_FORM.has(key))
    .map(([key, value]) => field(key, value, prefix ? `${prefix}.${key}` : key, groups));
}

/**
 * The form's fields for a rule set's content (its version is the editor's own field).
 * @param {JsonObject} content
 * @param {CountryGroups} groups
 * @returns {HTMLElement[]}
 */
export function ruleSetFields(content, groups) {
  const { version: _version, rules, ...general } = content;
  const ruleSections = Object.entries(isObject(rules) ? rules : {}).map(([id, rule]) => {
    const enabled = isObject(rule) && rule.enabled === true;
    return h(
      'details',
      { className: 'edit-rule', dataset: { rule: id } },
      h(
        'summary',
        {},
        h('strong', {}, id),
        ' ',
        h('span', { 'data-i18n': `rule.${id}.title` }, t(/** @type {never} */ (`rule.${id}.title`))),
        ' · ',
        h(
          'span',
          { 'data-i18n': enabled ? 'analyst.rules.enabled' : 'analyst.rules.disabled' },
          t(enabled ? 'analyst.rules.enabled' : 'analyst.rules.disabled'),
        ),
      ),
      ...(isObject(rule) ? fieldsOf(rule, `rules.${id}`, groups) : []),
    );
  });
  return [
    h(
      'fieldset',
      { className: 'edit-group' },
      h('legend', { 'data-i18n': 'analyst.rules.general' }, t('analyst.rules.general')),
      ...fieldsOf(general, '', groups),
    ),
    h('h3', { 'data-i18n': 'analyst.rules.rulesHeading' }, t('analyst.rules.rulesHeading')),
    ...ruleSections,
  ];
}

/**
 * The value a field holds, as the file takes it. A number field that does not hold a number gives
 * its text, so the server's schema names the field rather than the page guessing a value.
 * @param {HTMLInputElement | HTMLSelectElement} input
 * @returns {unknown}
 */
function valueOf(input) {
  const kind = input.dataset.kind;
  if (kind === 'boolean' && input instanceof HTMLInputElement) return input.checked;
  const text = input.value.trim();
  if (kind === 'number') return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (kind === 'list')
    return text
      .split(/[\s,;]+/)
      .map((item) => item.trim())
      .filter(Boolean);
  return text;
}

/**
 * The rule set the form describes: the base content with every field's value set at its path.
 * @param {JsonObject} base
 * @param {HTMLElement} form
 * @returns {JsonObject}
 */
export function ruleSetOfForm(base, form) {
  const copy = /** @type {unknown} */ (JSON.parse(JSON.stringify(base)));
  const content = /** @type {JsonObject} */ (copy);
  for (const input of form.querySelectorAll('[data-path]')) {
    if (!(input instanceof HTMLInputElement || input instanceof HTMLSelectElement)) continue;
    const path = (input.dataset.path ?? '').split('.');
    const last = path.pop();
    if (last === undefined) continue;
    let target = content;
    for (const key of path) {
      const next = target[key];
      if (!isObject(next)) break;
      target = next;
    }
    target[last] = valueOf(input);
  }
  return content;
}

/**
 * Marks the fields the server's problems name, opens the rule that holds them, and clears the
 * marks of fields that are fine again.
 * @param {HTMLElement} form
 * @param {readonly { path: string, message: string }[]} problems
 */
export function markProblems(form, problems) {
  for (const note of form.querySelectorAll('.field-problem')) note.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const problem of problems) {
    const input = [...form.querySelectorAll('[data-path]')].find(
      (element) => element instanceof HTMLElement && element.dataset.path === problem.path,
    );
    const group = [...form.querySelectorAll('[data-group]')].find(
      (element) => element instanceof HTMLElement && element.dataset.group === problem.path,
    );
    const target = input ?? group;
    if (!target) continue;
    target.setAttribute('aria-invalid', 'true');
    const note = h('span', { className: 'field-problem', role: 'alert' }, problem.message);
    if (input) (input.closest('label') ?? input).append(note);
    else target.append(note);
    const rule = target.closest('details');
    if (rule) rule.open = true;
  }
}

/**
 * A value of the file as a reviewer reads it in the list of changes.
 * @param {unknown} value
 */
export function shownValue(value) {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The version after `version`: 2026.12.1 → 2026.12.2 (a suggestion; the server says if it is taken).
 * @param {string} version
 */
export function nextVersion(version) {
  const match = /^(\d{4}\.\d{2}\.)(\d+)$/.exec(version);
  return match ? `${match[1]}${Number(match[2]) + 1}` : version;
}
