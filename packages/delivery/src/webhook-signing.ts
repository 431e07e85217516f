import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * How a webhook request is signed, chosen per subscriber (`signing` in the delivery file):
 *
 * - `standard-webhooks` (the default), https://www.standardwebhooks.com:
 *
 *     webhook-id: <alert id>             the same on every retry and redelivery of the alert
 *     webhook-timestamp: <unix seconds>  the time of this attempt
 *     webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>"> [v1,<...> ...]
 *
 *   keyed by the base64 part of a `whsec_<base64>` secret; during a rotation one signature per
 *   active secret, space-separated, so a receiver holding either secret verifies. Receivers verify
 *   with the standard's library in their language (`new Webhook(secret).verify(body, headers)`).
 *
 * - `waspada-v0`, Waspada's earlier scheme, kept for a receiver that has not moved yet:
 *
 *     Waspada-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">
 *
 *   keyed by the secret's text as it is; one secret, no rotation.
 *
 * Either way the timestamp is inside the signed text, so a receiver that refuses old timestamps
 * also refuses a replayed request.
 */
export const SIGNING_SCHEMES = ['standard-webhooks', 'waspada-v0'] as const;
export type SigningScheme = (typeof SIGNING_SCHEMES)[number];

export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
/** The header of the `waspada-v0` scheme. */
export const WASPADA_V0_SIGNATURE_HEADER = 'waspada-signature';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

const SECRET_PREFIX = 'whsec_';
/** The standard's bounds for a signing key: 24 to 64 random bytes. */
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A new secret in the standard's format: `whsec_` and the base64 of 32 random bytes. */
export function newStandardSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * Why a secret is not in the standard's format, in words an operator can act on; undefined when it
 * is. The secret itself is never part of the answer.
 */
export function standardSecretProblem(secret: string): string | undefined {
  const expected = `a Standard Webhooks secret is "${SECRET_PREFIX}" followed by the base64 of ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} random bytes`;
  if (!secret.startsWith(SECRET_PREFIX)) return `${expected}; this one does not start with ${SECRET_PREFIX}`;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) return `${expected}; what follows ${SECRET_PREFIX} is not base64`;
  const bytes = Buffer.from(encoded, 'base64').length;
  if (bytes < MIN_KEY_BYTES || bytes > MAX_KEY_BYTES) return `${expected}; this one holds ${bytes} bytes`;
  return undefined;
}

/** The signature headers of one attempt: the message id, the body as sent, the attempt's time. */
export type WebhookSigner = (
  messageId: string,
  body: string,
  timestampSeconds: number,
) => Record<string, string>;

/**
 * Signs under `scheme` with `secrets`, the current one first (and, for the standard, the one being
 * retired second). The keys are decoded once here, not per request.
 */
export function webhookSigner(scheme: SigningScheme, secrets: readonly [string, ...string[]]): WebhookSigner {
  if (scheme === 'waspada-v0') {
    const [secret] = secrets;
    return (_messageId, body, timestampSeconds) => ({
      [WASPADA_V0_SIGNATURE_HEADER]: signWaspadaV0(secret, body, timestampSeconds),
    });
  }
  const keys = secrets.map((secret) => new Webhook(secret));
  return (messageId, body, timestampSeconds) => {
    const at = new Date(timestampSeconds * 1000);
    return {
      [WEBHOOK_ID_HEADER]: messageId,
      [WEBHOOK_TIMESTAMP_HEADER]: String(timestampSeconds),
      [WEBHOOK_SIGNATURE_HEADER]: keys.map((key) => key.sign(messageId, at, body)).join(' '),
    };
  };
}

/** `waspada-v0`: `t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signWaspadaV0(secret: string, body: string, timestampSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${digest}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/** Checks a `waspada-v0` header; a `standard-webhooks` request is checked with the standard's library. */
export function verifyWaspadaV0(
  secret: string,
  body: string,
  header: string | undefined,
  options: { nowSeconds: number; toleranceSeconds: number },
): SignatureCheck {
  if (!header) return { ok: false, reason: `no ${WASPADA_V0_SIGNATURE_HEADER} header` };
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp)) return { ok: false, reason: 'no timestamp t=' };
  if (Math.abs(options.nowSeconds - timestamp) > options.toleranceSeconds)
    return { ok: false, reason: `timestamp ${timestamp} is outside the tolerance` };
  // Checked first: timingSafeEqual throws on inputs of different byte lengths.
  if (!/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'signature does not match' };
  const expected = signWaspadaV0(secret, body, timestamp).split('v1=')[1] as string;
  const ok = timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  return ok ? { ok: true, timestamp } : { ok: false, reason: 'signature does not match' };
}
