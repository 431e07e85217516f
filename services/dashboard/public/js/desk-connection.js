/** The desk's live channel as the page shows it: its status, and each alert it brings. */
import { render } from './desk-cards.js';
import { applyAlert } from './desk-state.js';
import { openDeskStream } from './desk-stream.js';
import { checkpoint, desk, elements, showNotice, wiring } from './desk-page.js';
import { t } from './i18n.js';

/** @type {ReturnType<typeof openDeskStream> | null} */
let stream = null;

/** The last status, to show it again in another language. */
let shown = { state: 'signed-out', retryInSeconds: /** @type {number | undefined} */ (undefined) };

/**
 * @param {'signed out' | 'connecting' | 'catching up' | 'live' | 'reconnecting'} status
 * @param {number} [retryInSeconds]
 */
export function setStatus(status, retryInSeconds) {
  desk.live = status === 'live';
  shown = { state: status.replace(/\s+/g, '-'), retryInSeconds };
  elements.status.dataset.state = shown.state;
  document.body.dataset.connection = shown.state;
  refreshStatus();
}

export function refreshStatus() {
  const state = /** @type {'signed-out' | 'connecting' | 'catching-up' | 'live' | 'reconnecting'} */ (
    shown.state
  );
  elements.status.textContent = t(`connection.${state}`);
  elements.statusDetail.textContent =
    shown.retryInSeconds === undefined ? '' : t('desk.nextTry', { seconds: shown.retryInSeconds });
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
    onReset: (reason) => showNotice(t('desk.resumeFailed', { reason })),
    onStatus: (status, retryInSeconds) => setStatus(status, retryInSeconds),
    onAuthError: (error) =>
      wiring.signOut(
        error.status === 403
          ? t('desk.tokenOtherCheckpoint', { reason: error.message })
          : t('desk.tokenRefused'),
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
