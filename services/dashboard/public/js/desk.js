/**
 * The checkpoint desk page: an officer signs in with the desk token, alerts arrive live as cards,
 * and each decision goes back to the notifier. This module wires the parts together.
 */
import { render, updateCounts } from './desk-cards.js';
import { reconnectNow, refreshStatus } from './desk-connection.js';
import { checkpoint, desk, elements, readStored, showNotice, wiring } from './desk-page.js';
import { sessionFromFragment, showSignIn, signIn, signOut } from './desk-signin.js';
import { byId, getJson } from './dom.js';
import { installLanguageSwitch, onLanguageChange, t } from './i18n.js';

async function start() {
  wiring.render = render;
  wiring.signOut = signOut;
  elements.code.textContent = checkpoint;
  installLanguageSwitch(byId('page-bar'));
  onLanguageChange(redraw);
  updateCounts();
  elements.signOut.addEventListener('click', () => signOut());
  elements.signInForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = elements.signInToken.value.trim();
    const officer = elements.signInOfficer.value.trim();
    if (!token || !officer) return;
    signIn({ token, officer });
  });
  window.addEventListener('online', () => reconnectNow());
  window.addEventListener('hashchange', () => {
    const fromFragment = sessionFromFragment();
    if (fromFragment) signIn(fromFragment);
  });
  const fromFragment = sessionFromFragment();
  try {
    const [config, { checkpoints }] = await Promise.all([
      /** @type {Promise<import('./api-types.js').DashboardConfig>} */ (getJson('/api/config')),
      /** @type {Promise<import('./api-types.js').CheckpointList>} */ (getJson('/api/checkpoints')),
    ]);
    desk.notifierUrl = config.notifierUrl;
    desk.traceUrlTemplate = config.traceUrlTemplate;
    const known = checkpoints.find((entry) => entry.code === checkpoint);
    elements.name.textContent = known ? known.name : '';
  } catch {
    showNotice(t('desk.serverDown'));
    return;
  }
  updateCounts();
  const token = fromFragment?.token ?? readStored('token', '');
  const officer = fromFragment?.officer ?? readStored('officer', '');
  if (token && officer) signIn({ token, officer });
  else showSignIn();
}

/** Every card and the connection status again, in the language just chosen. */
function redraw() {
  for (const card of desk.state.cards.values()) render(card, false);
  refreshStatus();
}

void start();
