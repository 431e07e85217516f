/**
 * What every part of the desk page shares: the checkpoint it serves, its elements, the tab's
 * storage, the officer's session and the cards received.
 */
import { createDeskState } from './desk-state.js';
import { byId, h } from './dom.js';
import { t } from './i18n.js';

/**
 * @typedef {import('./desk-state.js').Card} Card
 * @typedef {import('./desk-state.js').DeskState} DeskState
 * @typedef {{ token: string, officer: string }} Session
 */

export const checkpoint = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
/** @param {string} name */
const storageKey = (name) => `waspada.desk.${checkpoint}.${name}`;

export const elements = {
  code: byId('checkpoint-code'),
  name: byId('checkpoint-name'),
  status: byId('desk-status'),
  statusDetail: byId('desk-status-detail'),
  officerBox: byId('officer-box'),
  officerId: byId('officer-id'),
  signOut: byId('sign-out', HTMLButtonElement),
  signIn: byId('sign-in'),
  signInForm: byId('sign-in-form', HTMLFormElement),
  signInToken: byId('signin-token', HTMLInputElement),
  signInOfficer: byId('signin-officer', HTMLInputElement),
  signInError: byId('sign-in-error'),
  notice: byId('desk-notice'),
  list: byId('alert-list'),
  empty: byId('no-alerts'),
};

/**
 * @type {{ state: DeskState, session: Session | null, notifierUrl: string, traceUrlTemplate: string | null, live: boolean }}
 */
export const desk = {
  state: createDeskState(),
  /** The signed-in officer; a signed-out one keeps the officer id with an empty token. */
  session: null,
  notifierUrl: '',
  traceUrlTemplate: null,
  live: false,
};

/**
 * What a part of the page asks of one that imports it (actions and the timeline redraw their
 * card, a refused token signs out). desk.js sets these once, so the modules form no import cycle.
 */
export const wiring = {
  /** @type {(card: Card, fresh: boolean) => void} */
  render: () => {
    throw new Error('the desk page is not wired: render');
  },
  /** @type {(message?: string) => void} */
  signOut: () => {
    throw new Error('the desk page is not wired: signOut');
  },
};

/**
 * @template T
 * @param {string} name
 * @param {T} fallback
 * @returns {T}
 */
export function readStored(name, fallback) {
  try {
    const text = sessionStorage.getItem(storageKey(name));
    return text === null ? fallback : /** @type {T} */ (JSON.parse(text));
  } catch {
    return fallback;
  }
}

/**
 * @param {string} name
 * @param {unknown} value  undefined removes it
 */
export function store(name, value) {
  if (value === undefined) sessionStorage.removeItem(storageKey(name));
  else sessionStorage.setItem(storageKey(name), JSON.stringify(value));
}

/** @param {string} text */
export function showNotice(text) {
  elements.notice.hidden = false;
  elements.notice.replaceChildren(
    h('span', {}, text),
    h(
      'button',
      { type: 'button', className: 'link-button', onclick: () => (elements.notice.hidden = true) },
      t('desk.closeNotice'),
    ),
  );
}
