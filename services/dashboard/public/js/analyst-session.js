import { h } from './dom.js';

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

/** GET on the analyst API; the answer's JSON, or an error carrying the server's message. */
export async function analystGet(path) {
  const response = await fetch(path, {
    cache: 'no-store',
    headers: { authorization: `Bearer ${analystToken() ?? ''}` },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error ?? `${path} answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

/**
 * Shows the sign-in form until a token is accepted, then the analyst's id and roles in the bar;
 * resolves with `/api/analyst/me` once signed in.
 */
export function signIn({ form, tokenInput, error, who, page }) {
  return new Promise((resolve) => {
    const done = (me) => {
      form.closest('section').hidden = true;
      page.hidden = false;
      who.replaceChildren(
        h('strong', {}, me.id),
        ` (${me.roles.join(', ')}${me.mayUnmaskNik ? ', sees full NIKs' : ', NIKs masked'}) `,
        h('button', { type: 'button', className: 'link-button', onclick: signOut }, 'Sign out'),
      );
      resolve(me);
    };
    const attempt = async () => {
      try {
        done(await analystGet('/api/analyst/me'));
      } catch (failure) {
        sessionStorage.removeItem(KEY);
        form.closest('section').hidden = false;
        page.hidden = true;
        if (failure.status !== 401 || tokenInput.value) error.textContent = failure.message;
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
      form.closest('section').hidden = false;
      page.hidden = true;
    }
  });
}

/** Masked NIK, severity and time cells look the same on every analyst page. */
export function severityBadge(severity) {
  return h('span', { className: `severity severity-${String(severity).toLowerCase()}` }, severity);
}
