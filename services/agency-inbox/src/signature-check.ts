import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import {
  verifyWaspadaV0,
  WASPADA_V0_SIGNATURE_HEADER,
  type SignatureCheck,
  type Subscriber,
} from '@waspada/delivery';

export type IncomingHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A header sent once, as Node presents it (lower-case name); undefined when absent or repeated. */
export const headerText = (headers: IncomingHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

const STANDARD_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * How one subscriber's requests are checked, under the scheme its entry in the delivery file
 * names, over the raw body as received.
 *
 * A Standard Webhooks request is checked by the standard's own library, as an agency would in any
 * language: `new Webhook(secret).verify(body, headers)` checks that webhook-id, webhook-timestamp
 * and webhook-signature are there, that the timestamp is at most five minutes off, and that one of
 * the signatures is by the secret. The receiver holds one secret, its current one: during a
 * rotation the notifier signs with both, so this passes before and after the receiver switches.
 */
export function verifierOf(
  subscriber: Pick<Subscriber, 'signing' | 'secret'>,
  toleranceSeconds: number,
): (body: string, headers: IncomingHeaders) => SignatureCheck {
  if (subscriber.signing === 'waspada-v0')
    return (body, headers) =>
      verifyWaspadaV0(subscriber.secret, body, headerText(headers, WASPADA_V0_SIGNATURE_HEADER), {
        nowSeconds: Math.floor(Date.now() / 1000),
        toleranceSeconds,
      });
  const webhook = new Webhook(subscriber.secret);
  return (body, headers) => {
    const given: Record<string, string> = {};
    for (const name of STANDARD_HEADERS) {
      const value = headerText(headers, name);
      if (value !== undefined) given[name] = value;
    }
    try {
      webhook.verify(body, given, { jsonParse: false });
      return { ok: true, timestamp: Number(given['webhook-timestamp']) };
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return { ok: false, reason: error.message };
    }
  };
}
