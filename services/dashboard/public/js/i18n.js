/**
 * The reader's language on every page: Bahasa Indonesia unless this browser chose English, texts
 * from the one catalogue (@waspada/messages, served at /vendor/messages/), countries and days
 * named by the browser's Intl in that language. Static text in the HTML is marked with
 * `data-i18n="key"` (and `data-i18n-attr="attribute:key"` for an attribute); what a script draws
 * is drawn again when the language changes (onLanguageChange).
 */
import { CATALOGUES, DEFAULT_LANGUAGE, formatMessage, LANGUAGES } from '/vendor/messages/index.js';

/**
 * @typedef {import('/vendor/messages/index.js').Language} Language
 * @typedef {import('/vendor/messages/index.js').MessageKey} MessageKey
 */

const STORAGE_KEY = 'waspada.language';

/** @returns {Language} */
function storedLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.find((language) => language === stored) ?? DEFAULT_LANGUAGE;
  } catch {
    // A browser that refuses storage still shows the page, in the default language.
    return DEFAULT_LANGUAGE;
  }
}

let current = storedLanguage();
/** @type {(() => void)[]} */
const listeners = [];

const LOCALES = { id: 'id-ID', en: 'en-GB' };
/** @type {Map<string, Intl.DisplayNames>} */
const regionNames = new Map();

export function language() {
  return current;
}

/** The BCP 47 locale for Intl: Indonesian, or British English (day before month, as in Indonesia). */
export function locale() {
  return LOCALES[current];
}

/** @param {string} code  ISO 3166 alpha-2 */
export function countryName(code) {
  let names = regionNames.get(current);
  if (!names) {
    names = new Intl.DisplayNames([locale()], { type: 'region' });
    regionNames.set(current, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * 21 Nov 2026 (YYYY-MM-DD read as that calendar day, not as a UTC midnight shifted by the zone).
 * @param {string} day
 */
export function dayName(day) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

const render = { country: countryName, date: dayName };

/**
 * The text of a key in the reader's language. A key the catalogue lacks shows as itself, which
 * the pages' tests look for.
 * @param {MessageKey} key
 * @param {Record<string, string | number>} [params]
 */
export function t(key, params = {}) {
  return term(key, params);
}

/**
 * The text of a key built at run time (`action.${code}`, a reason's messageKey), or the key itself.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 */
export function term(key, params = {}) {
  const values = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));
  return formatMessage(CATALOGUES[current], key, values, render) ?? key;
}

/**
 * A symbol of a closed list (`severity`, `HIGH`), or the symbol itself when the catalogue has none.
 * @param {string} prefix
 * @param {string} symbol
 */
export function symbolName(prefix, symbol) {
  const text = formatMessage(CATALOGUES[current], `${prefix}.${symbol}`, {}, render);
  return text ?? symbol;
}

/**
 * A rule's title in the reader's language, or the rule set's own title for a rule the catalogue
 * does not know (a rule added after this page was served).
 * @param {string} ruleId
 * @param {string} fallback
 */
export function ruleTitle(ruleId, fallback) {
  return formatMessage(CATALOGUES[current], `rule.${ruleId}.title`, {}, render) ?? fallback;
}

/**
 * The rule ids the catalogue has a title for (`rule.R01.title` …), in order: the rules this page
 * can name.
 * @returns {string[]}
 */
export function catalogueRuleIds() {
  return Object.keys(CATALOGUES[DEFAULT_LANGUAGE])
    .map((key) => /^rule\.(R\d{2})\.title$/.exec(key)?.[1])
    .filter((ruleId) => ruleId !== undefined)
    .sort();
}

/**
 * An alert's reason as the reader reads it: from its key and values, or its stored text when the
 * alert predates keys (or the key is not known to this page's catalogue).
 * @param {{ text: string, messageKey?: string | null, params?: Record<string, string> }} reason
 */
export function reasonText(reason) {
  if (!reason.messageKey) return reason.text;
  return formatMessage(CATALOGUES[current], reason.messageKey, reason.params ?? {}, render) ?? reason.text;
}

/**
 * A line a server wrote as catalogue parts (a timeline line, a review reason), in the reader's
 * language, joined by commas; the server's own text when it sent no parts (an older server).
 * @param {{ summary: string, summaryParts?: { key: string, params: Record<string, string> }[] }} line
 */
export function summaryText(line) {
  const parts = line.summaryParts ?? [];
  if (parts.length === 0) return line.summary;
  return parts.map((part) => term(part.key, part.params)).join(', ');
}

/** @param {() => void} listener  drawn again after every change of language */
export function onLanguageChange(listener) {
  listeners.push(listener);
}

/** Fills the marked static text of the page and sets `<html lang>`. */
export function translatePage(root = document) {
  document.documentElement.lang = current;
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = term(element.getAttribute('data-i18n') ?? '');
  }
  for (const element of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of (element.getAttribute('data-i18n-attr') ?? '').split(';')) {
      const [attribute, key] = pair.split(':');
      if (attribute && key) element.setAttribute(attribute.trim(), term(key.trim()));
    }
  }
}

/** @param {Language} next */
export function setLanguage(next) {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, but switched for this page.
  }
  translatePage();
  for (const listener of listeners) listener();
}

/**
 * Puts the language switch at the end of the page's bar and translates the page. The switch names
 * the other language, in that language, so a reader who cannot read this one still finds it.
 * @param {HTMLElement} bar
 */
export function installLanguageSwitch(bar) {
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'language-switch';
  button.className = 'link-button language-switch';
  button.dataset.testid = 'language-switch';
  bar.append(button);
  translatePage();
  const label = () => {
    const other = current === 'id' ? 'en' : 'id';
    button.textContent = CATALOGUES[other]['language.name'];
    button.title = t('language.switch');
    button.lang = other;
    button.dataset.language = current;
  };
  label();
  button.addEventListener('click', () => {
    setLanguage(current === 'id' ? 'en' : 'id');
    label();
  });
}
