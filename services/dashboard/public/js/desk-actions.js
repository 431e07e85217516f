/** What the officer decides about an alert (refer, acknowledge, dismiss), recorded by the notifier. */
import { checkpoint, desk, humanise, readStored, store, wiring } from './desk-page.js';
import { clockTime, h } from './dom.js';

/**
 * @typedef {import('./desk-state.js').Card} Card
 * @typedef {import('./api-types.js').DeskActionAnswer} DeskActionAnswer
 * @typedef {import('./api-types.js').ErrorAnswer} ErrorAnswer
 * @typedef {'REFER' | 'ACKNOWLEDGE' | 'DISMISS'} DeskAction
 */

/**
 * A card's decision: recorded (kept in the tab's storage), being recorded, or the error of the
 * last click.
 * @typedef {object} Outcome
 * @property {string} text
 * @property {boolean} [recorded]
 * @property {string} [action]
 * @property {boolean} [pending]
 * @property {boolean} [failed]
 */

/** @type {Record<string, string>} */
const OUTCOME_LABEL = {
  ACKNOWLEDGED: 'Acknowledged',
  REFERRED: 'Referred to secondary inspection',
  DISMISSED: 'Dismissed',
};

/** Per card: the recorded outcome or the error of the last click. */
export const outcomes = new Map(
  Object.entries(readStored('outcomes', /** @type {Record<string, Outcome>} */ ({}))),
);

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
    const answer = window.prompt('Why is this alert dismissed? The reason is kept with the decision.', '');
    if (answer === null) return;
    reason = answer.trim();
    if (!reason) {
      setOutcome(card, { failed: true, text: 'Not dismissed: a dismissal needs a reason.' });
      return;
    }
  }
  const alertId = card.latest.alertId;
  setOutcome(card, { pending: true, text: 'Recording…' });
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
      setOutcome(card, { failed: true, text: 'Not recorded: the desk token was refused. Sign in again.' });
      wiring.signOut('The notifier refused the desk token. Sign in again; the decision was not recorded.');
      return;
    }
    if (!response.ok) {
      const fields = Array.isArray(body.fields) ? body.fields.map((field) => field.reason).join('; ') : '';
      setOutcome(card, {
        failed: true,
        text: `Not recorded: ${fields || body.error || `error ${response.status}`}. Try again.`,
      });
      return;
    }
    const recordedAction = String(body.action);
    const label = OUTCOME_LABEL[recordedAction] ?? humanise(recordedAction);
    setOutcome(card, {
      recorded: true,
      action: body.action,
      text: `${label} by officer ${desk.session.officer} at ${clockTime(body.actionTime ?? '')}${reason ? ` (${reason})` : ''}`,
    });
  } catch {
    setOutcome(card, { failed: true, text: 'Not recorded: the notifier did not answer. Try again.' });
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
