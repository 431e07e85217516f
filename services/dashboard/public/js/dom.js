/**
 * Small helpers both pages share. Elements are built with text nodes only, never from HTML
 * strings, so nothing in an alert (a name, a reason) can become markup.
 */

/**
 * @param {string} tag
 * @param {Record<string, unknown>} [props] className, dataset, on<Event> handlers, other attributes
 * @param {...(Node | string | number | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'className') element.className = String(value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function')
      element.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return element;
}

const two = (value) => String(value).padStart(2, '0');

/** 14:03:27 */
export function clockTime(time) {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return '—';
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** 14:03 */
export function minuteTime(time) {
  const date = new Date(time);
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 14:03:27 today, else 21 Nov 2026 14:03 */
export function dayTime(time) {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return '—';
  const now = new Date();
  if (date.toDateString() === now.toDateString()) return clockTime(date);
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ${minuteTime(date)}`;
}

/** waspada.immigration.passport.v1 → immigration.passport */
export function shortTopic(topic) {
  return topic.replace(/^waspada\./, '').replace(/\.v\d+$/, '');
}

export async function getJson(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}
