import { byId, h } from './dom.js';
import { installLanguageSwitch, onLanguageChange, symbolName, t } from './i18n.js';

/** @typedef {import('./api-types.js').AnalystMe} AnalystMe */

/**
 * An analyst API's refusal: its message, the HTTP status it came with, and the fields it named
 * (a 400 that lists `errors: [{ field, reason }]`).
 */
export class AnalystApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {import('./api-types.js').FieldProblem[]} [fields]
   * @param {string | null} [code]  the refusal's code (`WSP_…`), when the server named one
   */
  constructor(status, message, fields = [], code = null) {
    super(message);
    this.status = status;
    this.fields = fields;
    this.code = code;
  }
}

/**
 * The analyst's sign-in, shared by the analyst pages: the token stays in this tab's session
 * storage (gone when the tab closes) and goes to the dashboard's own API only, as a Bearer token.
 */
const KEY = 'waspada.analyst.token';

export function analystToken() {
  return sessionStorage.getItem(KEY);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  location.reload();
}

/**
 * GET on the analyst API; the answer's JSON, or an error carrying the server's message. The
 * caller names the answer's shape (see api-types.js); nothing here checks it.
 * @template T
 * @param {string} path
 * @returns {Promise<T>}
 */
export async function analystGet(path) {
  const response = await fetch(path, {
    cache: 'no-store',
    headers: { authorization: `Bearer ${analystToken() ?? ''}` },
  });
  const body = /** @type {unknown} */ (await response.json().catch(() => ({})));
  if (!response.ok) {
    const { error } = /** @type {import('./api-types.js').ErrorAnswer} */ (body);
    throw new AnalystApiError(response.status, error ?? `${path} answered ${response.status}`);
  }
  return /** @type {T} */ (body);
}

/**
 * POST on the analyst API; the answer's JSON, or an AnalystApiError carrying the server's message
 * and the fields it named.
 * @template T
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<T>}
 */
export async function analystPost(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    cache: 'no-store',
    headers: { authorization: `Bearer ${analystToken() ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = /** @type {unknown} */ (await response.json().catch(() => ({})));
  if (!response.ok) {
    const { error, errors, fields, code } = /** @type {import('./api-types.js').ErrorAnswer} */ (answer);
    throw new AnalystApiError(
      response.status,
      error ?? `${path} answered ${response.status}`,
      errors ?? fields ?? [],
      code ?? null,
    );
  }
  return /** @type {T} */ (answer);
}

/** The analyst pages, in the order of the bar every one of them shows. */
const PAGES = /** @type {const} */ ([
  ['/analyst/person', 'analyst.nav.person'],
  ['/analyst/network', 'analyst.nav.network'],
  ['/analyst/backtests', 'analyst.nav.backtests'],
  ['/analyst/rules', 'analyst.nav.rules'],
  ['/', 'analyst.nav.ops'],
]);

/**
 * What the shell draws is marked for translatePage, so a change of language needs no redraw.
 * @param {import('./i18n.js').MessageKey} key
 */
const marked = (key) => ({ 'data-i18n': key });

/**
 * Puts the bar and the sign-in form every analyst page shares before the page's own content.
 * @param {HTMLElement} page
 */
function renderShell(page) {
  const who = h('span', { id: 'who', className: 'who' });
  const bar = h(
    'header',
    { className: 'analyst-bar' },
    h('span', { className: 'brand' }, 'Waspada'),
    h(
      'nav',
      { className: 'analyst-nav' },
      ...PAGES.map(([href, key]) =>
        h('a', { href, 'aria-current': href === location.pathname && 'page', ...marked(key) }, t(key)),
      ),
    ),
    who,
  );
  const tokenInput = h('input', {
    id: 'token',
    'data-testid': 'analyst-token',
    type: 'password',
    required: true,
    spellcheck: 'false',
  });
  const error = h('p', { id: 'sign-in-error', className: 'error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { id: 'sign-in-form', autocomplete: 'off' },
    h('label', {}, h('span', marked('analyst.signIn.token'), t('analyst.signIn.token')), ' ', tokenInput),
    h(
      'button',
      { type: 'submit', className: 'primary', ...marked('analyst.signIn.submit') },
      t('analyst.signIn.submit'),
    ),
    error,
  );
  const section = h(
    'section',
    { className: 'sign-in', hidden: true },
    h('h1', marked('analyst.signIn.heading'), t('analyst.signIn.heading')),
    h('p', { className: 'hint', ...marked('analyst.signIn.hint') }, t('analyst.signIn.hint')),
    form,
  );
  document.body.prepend(bar);
  page.before(section);
  installLanguageSwitch(bar);
  return { section, form, tokenInput, error, who };
}

/**
 * Shows the sign-in form until a token is accepted, then the analyst's id and roles in the bar,
 * and the page's own content (#page); resolves with `/api/analyst/me` once signed in.
 * @returns {Promise<AnalystMe>}
 */
export function signIn() {
  const page = byId('page');
  const { section, form, tokenInput, error, who } = renderShell(page);
  return new Promise((resolve) => {
    /** @param {AnalystMe} me */
    const done = (me) => {
      section.hidden = true;
      page.hidden = false;
      const showWho = () =>
        who.replaceChildren(
          h('strong', {}, me.id),
          ` (${t(me.mayUnmaskNik ? 'analyst.who.full' : 'analyst.who.masked', { roles: me.roles.join(', ') })}) `,
          h('button', { type: 'button', className: 'link-button', onclick: signOut }, t('analyst.signOut')),
        );
      showWho();
      onLanguageChange(showWho);
      resolve(me);
    };
    const attempt = async () => {
      try {
        done(/** @type {AnalystMe} */ (await analystGet('/api/analyst/me')));
      } catch (failure) {
        sessionStorage.removeItem(KEY);
        section.hidden = false;
        page.hidden = true;
        const status = failure instanceof AnalystApiError ? failure.status : undefined;
        error.textContent = status !== 401 || tokenInput.value ? messageOf(failure) : '';
        error.hidden = !error.textContent;
      }
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY, tokenInput.value.trim());
      tokenInput.value = '';
      void attempt();
    });
    if (analystToken()) void attempt();
    else {
      section.hidden = false;
      page.hidden = true;
    }
  });
}

/**
 * What went wrong, in words: an Error's message, else the thrown value itself.
 * @param {unknown} failure
 */
export function messageOf(failure) {
  return failure instanceof Error ? failure.message : String(failure);
}

/**
 * Masked NIK, severity and time cells look the same on every analyst page.
 * @param {string} severity
 */
export function severityBadge(severity) {
  return h(
    'span',
    { className: `severity severity-${String(severity).toLowerCase()}` },
    symbolName('severity', severity),
  );
}
