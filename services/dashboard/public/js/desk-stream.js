// eventsource-parser, served by the dashboard from its package: fetch() can send the desk's token,
// which EventSource cannot, so the stream is parsed here.
import { createParser } from '/vendor/eventsource-parser/index.js';

/** @typedef {import('./desk-state.js').DeskAlert} DeskAlert */

/** The notifier sends `: ping` every 15 s; this long without a byte means the line is dead. */
const SILENCE_MS = 40_000;
const BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000, 10_000];

export class AuthError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * The desk's live channel: fetch() with the desk token (EventSource cannot send one), parsed as
 * Server-Sent Events, reconnected by itself after any drop with Last-Event-ID set to the last
 * alert received, so the notifier replays exactly what was missed.
 *
 * Status goes connecting → catching up → live, and reconnecting after a drop; an authentication
 * failure stops the channel (a bad token does not get better by retrying).
 *
 * @param {{
 *   url: string,
 *   token: string,
 *   onAlert: (alert: DeskAlert) => void,
 *   onReset: (reason: string) => void,
 *   onStatus: (status: 'connecting' | 'catching up' | 'live' | 'reconnecting', retryInSeconds?: number) => void,
 *   onAuthError: (error: AuthError) => void,
 * }} options
 */
export function openDeskStream(options) {
  /** @type {string | null} */
  let lastAlertId = null;
  let stopped = false;
  let attempt = 0;
  /** @type {AbortController | null} */
  let controller = null;
  /** @type {(() => void) | null} */
  let wakeUp = null;

  async function connectOnce() {
    controller = new AbortController();
    const signal = controller.signal;
    /** @type {Record<string, string>} */
    const headers = { authorization: `Bearer ${options.token}`, accept: 'text/event-stream' };
    if (lastAlertId) headers['last-event-id'] = lastAlertId;
    const response = await fetch(options.url, { headers, signal, cache: 'no-store' });
    if (response.status === 401 || response.status === 403) {
      /** @type {unknown} */
      const answer = await response.json().catch(() => ({}));
      const body = /** @type {{ error?: string }} */ (answer);
      throw new AuthError(response.status, body.error ?? `the notifier answered ${response.status}`);
    }
    if (!response.ok || !response.body) throw new Error(`the notifier answered ${response.status}`);
    options.onStatus('catching up');

    const parser = createParser({
      onEvent(event) {
        const type = event.event ?? 'message';
        if (type === 'alert') {
          /** @type {unknown} */
          const data = JSON.parse(event.data);
          const alert = /** @type {DeskAlert} */ (data);
          options.onAlert(alert);
          // Only once shown: a drop while showing it resumes from the alert before.
          lastAlertId = event.id ?? alert.alertId;
        } else if (type === 'caught-up') {
          attempt = 0;
          options.onStatus('live');
        } else if (type === 'reset') {
          const data = /** @type {{ reason?: unknown } | undefined} */ (safeJson(event.data));
          options.onReset(typeof data?.reason === 'string' ? data.reason : 'the desk history was reset');
        }
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let silence = setTimeout(() => controller?.abort(), SILENCE_MS);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        clearTimeout(silence);
        silence = setTimeout(() => controller?.abort(), SILENCE_MS);
        parser.feed(value);
      }
    } finally {
      clearTimeout(silence);
      parser.reset();
    }
  }

  async function run() {
    options.onStatus('connecting');
    while (!stopped) {
      try {
        await connectOnce();
      } catch (error) {
        if (error instanceof AuthError) {
          stopped = true;
          options.onAuthError(error);
          return;
        }
      }
      if (stopped) return;
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 10_000;
      attempt += 1;
      options.onStatus('reconnecting', Math.round(delay / 100) / 10);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, delay * (0.8 + Math.random() * 0.4));
        wakeUp = () => {
          clearTimeout(timer);
          resolve(undefined);
        };
      });
      wakeUp = null;
    }
  }

  void run();

  return {
    /** Tries again now (the network came back), instead of waiting out the backoff. */
    reconnectNow() {
      wakeUp?.();
    },
    close() {
      stopped = true;
      controller?.abort();
      wakeUp?.();
    },
  };
}

/**
 * @param {string} text
 * @returns {unknown}
 */
function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
