import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: HMAC-SHA256 over `<timestamp>.<body>` with the subscriber's secret, sent as
 *
 *   Waspada-Signature: t=<unix seconds>,v1=<hex digest>
 *
 * The timestamp is inside the signed text, so a receiver that refuses old timestamps also refuses a
 * replayed request. Receivers verify with verifyWebhookSignature (or the same three lines in their
 * own language).
 */
export const SIGNATURE_HEADER = 'waspada-signature';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${digest}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | undefined,
  options: { nowSeconds: number; toleranceSeconds: number },
): SignatureCheck {
  if (!header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
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
  const expected = signWebhook(secret, body, timestamp).split('v1=')[1] as string;
  const ok = timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  return ok ? { ok: true, timestamp } : { ok: false, reason: 'signature does not match' };
}
