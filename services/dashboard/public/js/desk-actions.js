/** What the officer decides about an alert (refer, acknowledge, dismiss), recorded by the notifier. */
import { checkpoint, desk, readStored, store, wiring } from './desk-page.js';
import { clockTime, h } from './dom.js';
import { t } from './i18n.js';

/**
 * @typedef {import('./desk-state.js').Card} Card
 * @typedef {import('./api-types.js').DeskActionAnswer} DeskActionAnswer
 * @typedef {import('./api-types.js').ErrorAnswer} ErrorAnswer
 * @typedef {'REFER' | 'ACKNOWLEDGE' | 'DISMISS'} DeskAction
 */

/**
 * A card's decision: recorded (kept in the tab's storage), being recorded, or the error of the
 * last click; kept as a message key and values, so it reads in whichever language is chosen later.
 * @typedef {object} Outcome
 * @property {import('./i18n.js').MessageKey} [key]
 * @property {Record<string, string>} [params]
 * @property {string} [text]  the words of an outcome stored before outcomes carried keys
 * @property {boolean} [recorded]
 * @property {string} [action]
 * @property {boolean} [pending]
 * @property {boolean} [failed]
 */

/** Per card: the recorded outcome or the error of the last click. */
export const outcomes = new Map(
  Object.entries(readStored('outcomes', /** @type {Record<string, Outcome>} */ ({}))),
);

/** @param {Outcome} outcome */
export function outcomeText(outcome) {
  return outcome.key ? t(outcome.key, outcome.params) : (outcome.text ?? '');
}

/**
 * @param {Card} card
 * @param {DeskAction} action
 * @param {string} label
 * @param {string} testid
 * @param {string} style
 */
export function actionButton(card, action, label, testid, style) {
  const pending = outcomes.get(card.firstAlertId)?.pending;
  return h(
    'button',
    {
      type: 'button',
      className: `action ${style}`,
      'data-testid': testid,
      disabled: Boolean(pending),
      onclick: () => void act(card, action),
    },
    label,
  );
}

/**
 * @param {Card} card
 * @param {DeskAction} action
 */
async function act(card, action) {
  if (!desk.session) return;
  /** @type {string | undefined} */
  let reason;
  if (action === 'DISMISS') {
    const answer = window.prompt(t('desk.dismissPrompt'), '');
    if (answer === null) return;
    reason = answer.trim();
    if (!reason) {
      setOutcome(card, { failed: true, key: 'desk.dismissNeedsReason' });
      return;
    }
  }
  const alertId = card.latest.alertId;
  setOutcome(card, { pending: true, key: 'desk.recording' });
  try {
    const response = await fetch(
      `${desk.notifierUrl}/desks/${encodeURIComponent(checkpoint)}/alerts/${encodeURIComponent(alertId)}/actions`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${desk.session.token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUuid(),
        },
        body: JSON.stringify({
          action,
          officerId: desk.session.officer,
          ...(reason !== undefined && { reason }),
        }),
        cache: 'no-store',
      },
    );
    /** @type {unknown} */
    const answer = await response.json().catch(() => ({}));
    const body = /** @type {Partial<DeskActionAnswer> & ErrorAnswer} */ (answer);
    if (response.status === 401 || response.status === 403) {
      setOutcome(card, { failed: true, key: 'desk.notRecordedToken' });
      wiring.signOut(t('desk.tokenRefusedOnAction'));
      return;
    }
    if (!response.ok) {
      const fields = Array.isArray(body.fields) ? body.fields.map((field) => field.reason).join('; ') : '';
      setOutcome(card, {
        failed: true,
        key: 'desk.notRecorded',
        params: { reason: fields || body.error || `HTTP ${response.status}` },
      });
      return;
    }
    const recorded = {
      outcome: String(body.action),
      officer: desk.session.officer,
      time: clockTime(body.actionTime ?? ''),
    };
    setOutcome(card, {
      recorded: true,
      action: body.action,
      ...(reason
        ? { key: 'desk.recordedWithReason', params: { ...recorded, reason } }
        : { key: 'desk.recorded', params: recorded }),
    });
  } catch {
    setOutcome(card, { failed: true, key: 'desk.notRecordedNoAnswer' });
  }
}

/**
 * @param {Card} card
 * @param {Outcome} outcome
 */
function setOutcome(card, outcome) {
  outcomes.set(card.firstAlertId, outcome);
  if (!outcome.pending)
    store('outcomes', Object.fromEntries([...outcomes].filter(([, entry]) => entry.recorded)));
  wiring.render(card, false);
}

/** crypto.randomUUID exists only in secure contexts; an officer's page may be served over plain http. */
function randomUuid() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
