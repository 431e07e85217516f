import { setTimeout as sleep } from 'node:timers/promises';
import { WaspadaError } from '@waspada/common';
import {
  IDEMPOTENCY_HEADER,
  subscriberView,
  webhookSigner,
  type Subscriber,
  type WebhookSigner,
} from '@waspada/delivery';
import type { RiskAlert } from '@waspada/schemas';
import { retryDelayMs } from './backoff';
import type { NotifierMetrics } from './notifier-metrics';

export type DeliveryOutcome =
  | { readonly ok: true; readonly attempts: number }
  | {
      readonly ok: false;
      readonly attempts: number;
      readonly firstAttemptAt: number;
      readonly lastStatus: number | null;
      readonly lastError: string;
    };

/** Thrown when the worker is stopping or lost the partition: the alert is left for the next owner. */
export class DeliveryInterrupted extends WaspadaError {
  constructor(message = 'the webhook worker is stopping or lost the partition') {
    super('WSP_DELIVERY_INTERRUPTED', message);
    this.name = 'DeliveryInterrupted';
  }
}

/** Each subscriber's keys, decoded once rather than per request. */
const signers = new WeakMap<Subscriber, WebhookSigner>();

function signerOf(subscriber: Subscriber): WebhookSigner {
  let signer = signers.get(subscriber);
  if (!signer) {
    signer = webhookSigner(
      subscriber.signing,
      subscriber.previousSecret ? [subscriber.secret, subscriber.previousSecret] : [subscriber.secret],
    );
    signers.set(subscriber, signer);
  }
  return signer;
}

/**
 * Delivers one alert to one subscriber: POST of the profile's view, signed under the subscriber's
 * scheme with the alert id as the message id (webhook-id) and idempotency key, so every retry and
 * redelivery of the alert carries the same id, retried with backoff on network errors, timeouts, 408, 425, 429 and 5xx. Any
 * other 4xx is the receiver refusing this body for good, so it goes to the dead-letter topic at once.
 */
export async function deliverAlert(
  subscriber: Subscriber,
  alert: RiskAlert,
  deps: {
    metrics: NotifierMetrics;
    /** Called between attempts: keeps the consumer's group membership alive, says whether to go on. */
    keepGoing: () => Promise<boolean>;
    /** The W3C trace context of the delivery's span (`traceparent`), sent with every attempt. */
    traceHeaders?: Readonly<Record<string, string>>;
  },
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(subscriberView(alert, subscriber.profile, subscriber.language));
  const firstAttemptAt = Date.now();
  let lastStatus: number | null = null;
  let lastError = '';
  for (let attempt = 1; attempt <= subscriber.maxAttempts; attempt += 1) {
    if (attempt > 1) {
      deps.metrics.retries.inc({ subscriber: subscriber.id });
      await waitWhileAlive(
        retryDelayMs({ baseMs: subscriber.backoffBaseMs, maxMs: subscriber.backoffMaxMs }, attempt - 1),
        deps.keepGoing,
      );
    }
    const stopTimer = deps.metrics.attemptSeconds.startTimer({ subscriber: subscriber.id });
    try {
      const response = await fetch(subscriber.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signerOf(subscriber)(alert.alertId, body, Math.floor(Date.now() / 1000)),
          [IDEMPOTENCY_HEADER]: alert.alertId,
          'waspada-attempt': String(attempt),
          'user-agent': 'waspada-notifier',
          ...deps.traceHeaders,
        },
        body,
        signal: AbortSignal.timeout(subscriber.timeoutMs),
      });
      // The body is not needed, but it must be read or the connection is not reused.
      await response.arrayBuffer().catch(() => undefined);
      lastStatus = response.status;
      if (response.ok) return { ok: true, attempts: attempt };
      lastError = `answered HTTP ${response.status}`;
      if (!retryable(response.status))
        return {
          ok: false,
          attempts: attempt,
          firstAttemptAt,
          lastStatus,
          lastError: `${lastError}, which is not retried`,
        };
    } catch (error) {
      lastStatus = null;
      lastError = describeFailure(error, subscriber.timeoutMs);
    } finally {
      stopTimer();
    }
  }
  return { ok: false, attempts: subscriber.maxAttempts, firstAttemptAt, lastStatus, lastError };
}

function retryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError')
    return `no answer within ${timeoutMs} ms`;
  const cause = failure.cause?.code ?? failure.cause?.message;
  return `${failure.message ?? String(error)}${cause ? ` (${cause})` : ''}`;
}

/** Sleeps in short steps, so a stop or a lost partition is noticed and group heartbeats continue. */
async function waitWhileAlive(ms: number, keepGoing: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (!(await keepGoing())) throw new DeliveryInterrupted('stopping');
    const left = until - Date.now();
    if (left <= 0) return;
    await sleep(Math.min(left, 1_000));
  }
}
