/**
 * Small helpers both pages share. Elements are built with text nodes only, never from HTML
 * strings, so nothing in an alert (a name, a reason) can become markup.
 */
import { locale } from './i18n.js';

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [props] className, dataset, on<Event> handlers, other attributes
 * @param {...(Node | string | number | null | undefined | false)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function')
      element.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    else if (value === true) element.setAttribute(key, '');
    else if (typeof value !== 'string' && typeof value !== 'number')
      throw new TypeError(`h('${tag}'): ${key} takes text, a number or true`);
    else if (key === 'className') element.className = String(value);
    else element.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/**
 * The element the page's HTML gives this id. A missing one (or one of another kind) is a page
 * out of step with its script: say which, rather than fail later on a null.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {{ new (): T, prototype: T }} [type] the element's class, e.g. HTMLInputElement
 * @returns {T}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no element #${id}`);
  if (type && !(element instanceof type)) throw new Error(`#${id} is not a ${type.name}`);
  return /** @type {T} */ (element);
}

/** @param {number} value */
const two = (value) => String(value).padStart(2, '0');

/**
 * @typedef {string | number | Date} TimeLike  an ISO string, epoch ms or a Date
 */

/**
 * 14:03:27
 * @param {TimeLike} time
 */
export function clockTime(time) {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return '—';
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/**
 * 14:03
 * @param {TimeLike} time
 */
export function minuteTime(time) {
  const date = new Date(time);
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}

/**
 * 14:03:27 today, else 21 Nov 2026 14:03 (21 Nov 2026 in the reader's language)
 * @param {TimeLike} time
 */
export function dayTime(time) {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return '—';
  const now = new Date();
  if (date.toDateString() === now.toDateString()) return clockTime(date);
  const day = new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' });
  return `${day.format(date)} ${minuteTime(date)}`;
}

/**
 * waspada.immigration.passport.v1 → immigration.passport
 * @param {string} topic
 */
export function shortTopic(topic) {
  return topic.replace(/^waspada\./, '').replace(/\.v\d+$/, '');
}

/**
 * GET on the dashboard's own API. The caller names the answer's shape (see api-types.js); nothing
 * here checks it.
 * @template T
 * @param {string} url
 * @returns {Promise<T>}
 */
export async function getJson(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  /** @type {unknown} */
  const body = await response.json();
  return /** @type {T} */ (body);
}

/**
 * An alert's trace id: a link to the trace viewer when the dashboard has a URL template for it
 * (WASPADA_TRACE_URL_TEMPLATE, `{traceId}` standing for the id), else the id as text to search by.
 * @param {string | null | undefined} traceId
 * @param {string | null} template
 * @returns {HTMLElement | null}
 */
export function traceLink(traceId, template) {
  if (!traceId) return null;
  const label = `trace ${traceId}`;
  const props = { className: 'trace-id', dataset: { testid: 'trace', traceId } };
  if (!template) return h('span', props, label);
  const href = template.replaceAll('{traceId}', encodeURIComponent(traceId));
  return h('a', { ...props, href, target: '_blank', rel: 'noopener noreferrer' }, label);
}

/**
 * The calendar day of a time in UTC, as a date input holds it (periods on the analyst pages are UTC days).
 * @param {number} time
 */
export const utcDay = (time) => new Date(time).toISOString().slice(0, 10);
