/** The desk's live channel as the page shows it: its status, and each alert it brings. */
import { render } from './desk-cards.js';
import { applyAlert } from './desk-state.js';
import { openDeskStream } from './desk-stream.js';
import { checkpoint, desk, elements, showNotice, wiring } from './desk-page.js';

/** @type {ReturnType<typeof openDeskStream> | null} */
let stream = null;

/**
 * @param {string} status
 * @param {string} [detail]
 */
export function setStatus(status, detail = '') {
  desk.live = status === 'live';
  elements.status.textContent = status;
  elements.status.dataset.state = status.replace(/\s+/g, '-');
  document.body.dataset.connection = status.replace(/\s+/g, '-');
  elements.statusDetail.textContent = detail;
}

export function connect() {
  stream?.close();
  if (!desk.session) return;
  stream = openDeskStream({
    url: `${desk.notifierUrl}/desks/${encodeURIComponent(checkpoint)}/stream`,
    token: desk.session.token,
    onAlert: (alert) => {
      try {
        receive(alert);
      } catch (error) {
        console.error('alert could not be shown', error);
      }
    },
    onReset: (reason) =>
      showNotice(
        `The notifier could not resume where this screen left off (${reason}). The latest alerts are shown; ` +
          'ask the supervisor about alerts from the time this screen was offline.',
      ),
    onStatus: (status, detail) => setStatus(status, detail),
    onAuthError: (error) =>
      wiring.signOut(
        error.status === 403
          ? `That token belongs to another checkpoint: ${error.message}.`
          : 'The notifier refused the desk token. Check it and sign in again.',
      ),
  });
}

export function disconnect() {
  stream?.close();
  stream = null;
}

/** Tries again now (the network came back), instead of waiting out the backoff. */
export function reconnectNow() {
  stream?.reconnectNow();
}

/** @param {import('./desk-state.js').DeskAlert} alert */
function receive(alert) {
  const { outcome, card } = applyAlert(desk.state, alert);
  if (outcome === 'duplicate' || !card) return;
  render(card, outcome === 'new-card' || outcome === 'updated');
}
