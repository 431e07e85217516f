/** The person's record across agencies, opened under a card on request (each look is recorded). */
import { checkpoint, desk, wiring } from './desk-page.js';
import { dayTime, h } from './dom.js';
import { summaryText, t } from './i18n.js';

/**
 * @typedef {import('./desk-state.js').Card} Card
 * @typedef {import('./api-types.js').PersonTimeline} PersonTimeline
 * @typedef {import('./api-types.js').ErrorAnswer} ErrorAnswer
 */

/**
 * A card's timeline: open or closed, and loading, failed or loaded.
 * @typedef {object} Timeline
 * @property {boolean} open
 * @property {boolean} [loading]
 * @property {string} [error]
 * @property {PersonTimeline} [data]
 */

/** Per card: the open timeline. @type {Map<string, Timeline>} */
const timelines = new Map();

/** Forgets every timeline, as a sign-out does: they hold personal data. */
export function clearTimelines() {
  timelines.clear();
}

/** @param {Card} card */
export function timelineBlock(card) {
  const entry = timelines.get(card.firstAlertId);
  const toggle = h(
    'button',
    {
      type: 'button',
      className: 'timeline-toggle link-button',
      'aria-expanded': entry?.open ? 'true' : 'false',
      onclick: () => void toggleTimeline(card),
    },
    entry?.open ? t('desk.timeline.hide') : t('desk.timeline.show'),
  );
  if (!entry?.open) return h('div', { className: 'timeline-area' }, toggle);
  const evidence = new Set(
    card.latest.rules.flatMap((rule) => rule.reasons.flatMap((reason) => reason.evidence)),
  );
  /** @type {HTMLElement} */
  let content;
  if (entry.loading) content = h('p', { className: 'muted' }, t('desk.timeline.loading'));
  else if (entry.error) content = h('p', { className: 'error' }, entry.error);
  else
    content = h(
      'ol',
      { className: 'timeline-events' },
      ...(entry.data?.events ?? []).map((event) =>
        h(
          'li',
          {
            className: `timeline-event${evidence.has(event.eventId) ? ' is-evidence' : ''}`,
            'data-testid': 'timeline-event',
            'data-event-id': event.eventId,
          },
          h('time', { datetime: event.eventTime }, dayTime(event.eventTime)),
          h('span', { className: 'agency' }, event.agency),
          h('span', { className: 'summary' }, summaryText(event)),
          evidence.has(event.eventId)
            ? h('span', { className: 'evidence-mark' }, t('desk.card.evidence'))
            : null,
        ),
      ),
    );
  return h(
    'div',
    { className: 'timeline-area' },
    toggle,
    h(
      'section',
      {
        className: 'timeline',
        'data-testid': 'timeline',
        'aria-label': t('desk.timeline.label'),
      },
      h('h4', {}, t('desk.timeline.heading')),
      content,
    ),
  );
}

/** @param {Card} card */
export async function toggleTimeline(card) {
  const current = timelines.get(card.firstAlertId);
  if (current?.open) {
    timelines.set(card.firstAlertId, { ...current, open: false });
    wiring.render(card, false);
    return;
  }
  if (current?.data) {
    timelines.set(card.firstAlertId, { ...current, open: true });
    wiring.render(card, false);
    return;
  }
  if (!desk.session) return;
  timelines.set(card.firstAlertId, { open: true, loading: true });
  wiring.render(card, false);
  /** @type {Timeline} */
  let next;
  try {
    const response = await fetch(
      `${desk.notifierUrl}/desks/${encodeURIComponent(checkpoint)}/alerts/${encodeURIComponent(card.latest.alertId)}/timeline`,
      {
        headers: { authorization: `Bearer ${desk.session.token}`, 'x-waspada-officer': desk.session.officer },
        cache: 'no-store',
      },
    );
    const body = /** @type {unknown} */ (await response.json().catch(() => ({})));
    next = response.ok
      ? { open: true, data: /** @type {PersonTimeline} */ (body) }
      : {
          open: true,
          error: t('desk.timeline.failed', {
            reason: /** @type {ErrorAnswer} */ (body).error ?? `HTTP ${response.status}`,
          }),
        };
  } catch {
    next = { open: true, error: t('desk.timeline.noAnswer') };
  }
  // A close while it loaded wins.
  if (timelines.get(card.firstAlertId)?.open) timelines.set(card.firstAlertId, next);
  wiring.render(card, false);
}
