/** Signing an officer in to the desk with its token, and out again. */
import { updateCounts } from './desk-cards.js';
import { connect, disconnect, setStatus } from './desk-connection.js';
import { desk, elements, readStored, store } from './desk-page.js';
import { createDeskState } from './desk-state.js';
import { clearTimelines } from './desk-timeline.js';

/**
 * A token and officer in the fragment sign in at once; the fragment never reaches a server.
 * @returns {import('./desk-page.js').Session | null}
 */
export function sessionFromFragment() {
  if (location.hash.length < 2) return null;
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token')?.trim();
  const officer = params.get('officer')?.trim();
  if (!token || !officer) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return { token, officer };
}

/** @param {string} [message] */
export function showSignIn(message) {
  elements.signIn.hidden = false;
  elements.officerBox.hidden = true;
  elements.signInOfficer.value = desk.session?.officer ?? readStored('officer', '') ?? '';
  elements.signInToken.value = '';
  elements.signInError.hidden = !message;
  elements.signInError.textContent = message ?? '';
  elements.empty.hidden = true;
  setStatus('signed out');
  (elements.signInOfficer.value ? elements.signInToken : elements.signInOfficer).focus();
}

/** @param {import('./desk-page.js').Session} next */
export function signIn(next) {
  desk.session = next;
  store('token', next.token);
  store('officer', next.officer);
  elements.signIn.hidden = true;
  elements.officerBox.hidden = false;
  elements.officerId.textContent = next.officer;
  updateCounts();
  connect();
}

/** @param {string} [message] */
export function signOut(message) {
  disconnect();
  store('token', undefined);
  // Nobody signed in sees no one's data; the next sign-in gets the backlog again.
  desk.state = createDeskState();
  clearTimelines();
  elements.list.replaceChildren();
  elements.notice.hidden = true;
  desk.session = desk.session ? { token: '', officer: desk.session.officer } : null;
  showSignIn(message);
}
