import { createHmac } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { subscriberView } from '../src/alert-views';
import {
  newStandardSecret,
  signWaspadaV0,
  standardSecretProblem,
  verifyWaspadaV0,
  WASPADA_V0_SIGNATURE_HEADER,
  webhookSigner,
} from '../src/webhook-signing';
import { PROFILES, riskAlert, SCAN_TIME } from './fixtures';

const SECRET = 'whsec-bp3mi-kalbar-7Qx2mV9pL4tR8nZ1';
const BODY = JSON.stringify(subscriberView(riskAlert(), PROFILES.regionalAgency));
/** Unix seconds of the first attempt, three seconds after the scan. */
const SENT = SCAN_TIME / 1000 + 3;
const within = { nowSeconds: SENT + 2, toleranceSeconds: 300 };

const verify = (header: string | undefined, body = BODY, secret = SECRET, options = within) =>
  verifyWaspadaV0(secret, body, header, options);

/** Two Standard Webhooks secrets: the current one and the one a rotation retires. */
const CURRENT = `whsec_${Buffer.from('bp3mi-jabar-current-key-32-bytes').toString('base64')}`;
const RETIRING = `whsec_${Buffer.from('bp3mi-jabar-retiring-key-32bytes').toString('base64')}`;
const ALERT_ID = riskAlert().alertId;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The receiver's side, with the standard's own library: the parsed body, or the library's refusal. */
function receive(secret: string, body: string, headers: Record<string, string>): unknown {
  try {
    return new Webhook(secret).verify(body, headers);
  } catch (error) {
    if (error instanceof WebhookVerificationError) return `refused: ${error.message}`;
    throw error;
  }
}

describe('Standard Webhooks signing', () => {
  it('sends webhook-id, webhook-timestamp and v1,<base64 HMAC-SHA256 of "id.timestamp.body"> keyed by the decoded secret', () => {
    const at = nowSeconds();
    const headers = webhookSigner('standard-webhooks', [CURRENT])(ALERT_ID, BODY, at);
    const key = Buffer.from(CURRENT.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${ALERT_ID}.${at}.${BODY}`).digest('base64');
    expect(headers).toEqual({
      'webhook-id': ALERT_ID,
      'webhook-timestamp': String(at),
      'webhook-signature': `v1,${expected}`,
    });
  });

  it("verifies with the standard's library, which hands back the body", () => {
    const headers = webhookSigner('standard-webhooks', [CURRENT])(ALERT_ID, BODY, nowSeconds());
    expect(receive(CURRENT, BODY, headers)).toEqual(JSON.parse(BODY));
  });

  it('signs with both secrets during a rotation, so a receiver holding either one verifies', () => {
    const headers = webhookSigner('standard-webhooks', [CURRENT, RETIRING])(ALERT_ID, BODY, nowSeconds());
    const signatures = headers['webhook-signature']?.split(' ') ?? [];
    expect(signatures).toHaveLength(2);
    for (const signature of signatures) expect(signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(receive(CURRENT, BODY, headers)).toEqual(JSON.parse(BODY));
    expect(receive(RETIRING, BODY, headers)).toEqual(JSON.parse(BODY));
    expect(receive(newStandardSecret(), BODY, headers)).toBe('refused: No matching signature found');
  });

  it('keeps the message id across attempts while each attempt signs its own time', () => {
    const sign = webhookSigner('standard-webhooks', [CURRENT]);
    const first = sign(ALERT_ID, BODY, nowSeconds() - 30);
    const retry = sign(ALERT_ID, BODY, nowSeconds());
    expect(retry['webhook-id']).toBe(first['webhook-id']);
    expect(retry['webhook-signature']).not.toBe(first['webhook-signature']);
    expect(receive(CURRENT, BODY, first)).toEqual(JSON.parse(BODY));
  });

  it('is refused by the library for another body, another id, a moved timestamp or an old request', () => {
    const at = nowSeconds();
    const headers = webhookSigner('standard-webhooks', [CURRENT])(ALERT_ID, BODY, at);
    expect(receive(CURRENT, BODY.replace('"CRITICAL"', '"CRITICAl"'), headers)).toBe(
      'refused: No matching signature found',
    );
    expect(receive(CURRENT, BODY, { ...headers, 'webhook-id': `${ALERT_ID}x` })).toBe(
      'refused: No matching signature found',
    );
    expect(receive(CURRENT, BODY, { ...headers, 'webhook-timestamp': String(at - 1) })).toBe(
      'refused: No matching signature found',
    );
    const old = webhookSigner('standard-webhooks', [CURRENT])(ALERT_ID, BODY, at - 301);
    expect(receive(CURRENT, BODY, old)).toBe('refused: Message timestamp too old');
    const { 'webhook-signature': _dropped, ...unsigned } = headers;
    expect(receive(CURRENT, BODY, unsigned)).toBe('refused: Missing required headers');
  });

  it('makes new secrets in the standard format, 32 random bytes each', () => {
    const secret = newStandardSecret();
    expect(standardSecretProblem(secret)).toBeUndefined();
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(newStandardSecret()).not.toBe(secret);
  });

  it.each([
    ['no prefix', Buffer.alloc(32, 1).toString('base64'), 'this one does not start with whsec_'],
    ['base64url instead of base64', `whsec_${'-_'.repeat(22)}`, 'what follows whsec_ is not base64'],
    ['unpadded base64', `whsec_${Buffer.alloc(32, 1).toString('base64').replace(/=+$/, '')}`, 'not base64'],
    ['23 bytes', `whsec_${Buffer.alloc(23, 1).toString('base64')}`, 'this one holds 23 bytes'],
    ['65 bytes', `whsec_${Buffer.alloc(65, 1).toString('base64')}`, 'this one holds 65 bytes'],
  ])('refuses a secret with %s, saying why', (_what, secret, why) => {
    expect(standardSecretProblem(secret)).toContain(why);
  });

  it('accepts the bounds of 24 and 64 bytes', () => {
    expect(standardSecretProblem(`whsec_${Buffer.alloc(24, 1).toString('base64')}`)).toBeUndefined();
    expect(standardSecretProblem(`whsec_${Buffer.alloc(64, 1).toString('base64')}`)).toBeUndefined();
  });
});

describe('waspada-v0 signing, for a subscriber that asks for it', () => {
  it('sends only Waspada-Signature, with the first secret', () => {
    expect(webhookSigner('waspada-v0', [SECRET])(ALERT_ID, BODY, SENT)).toEqual({
      [WASPADA_V0_SIGNATURE_HEADER]: signWaspadaV0(SECRET, BODY, SENT),
    });
  });
});

describe('signWaspadaV0', () => {
  it('writes t=<seconds>,v1=<HMAC-SHA256 of "t.body"> as a receiver computes it independently', () => {
    const expected = createHmac('sha256', SECRET).update(`${SENT}.${BODY}`).digest('hex');
    expect(signWaspadaV0(SECRET, BODY, SENT)).toBe(`t=${SENT},v1=${expected}`);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs another timestamp, body or secret differently', () => {
    const signature = signWaspadaV0(SECRET, BODY, SENT);
    expect(signWaspadaV0(SECRET, BODY, SENT + 1).split('v1=')[1]).not.toBe(signature.split('v1=')[1]);
    expect(signWaspadaV0(SECRET, `${BODY} `, SENT)).not.toBe(signature);
    expect(signWaspadaV0(`${SECRET}x`, BODY, SENT)).not.toBe(signature);
  });

  it('names its header in lower case, as Node presents incoming headers', () => {
    expect(WASPADA_V0_SIGNATURE_HEADER).toBe('waspada-signature');
  });
});

describe('verifyWaspadaV0', () => {
  const header = signWaspadaV0(SECRET, BODY, SENT);

  it('accepts a signature made with the same secret over the same body and returns its timestamp', () => {
    expect(verify(header)).toEqual({ ok: true, timestamp: SENT });
  });

  it('accepts a header written by hand: parts in another order, spaces after the comma', () => {
    const [t, v1] = header.split(',') as [string, string];
    expect(verify(`${v1}, ${t}`)).toEqual({ ok: true, timestamp: SENT });
  });

  it('refuses a body changed by one character', () => {
    expect(verify(header, BODY.replace('"CRITICAL"', '"CRITICAl"'))).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
  });

  it('refuses a signature made with another secret', () => {
    expect(verify(signWaspadaV0('whsec-someone-else-entirely-000', BODY, SENT))).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
  });

  it('refuses a replay whose timestamp was moved forward, since the timestamp is signed', () => {
    const moved = header.replace(`t=${SENT}`, `t=${SENT + 600}`);
    expect(verify(moved, BODY, SECRET, { nowSeconds: SENT + 601, toleranceSeconds: 300 })).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
  });

  it('accepts clock skew up to the tolerance either way', () => {
    expect(verify(header, BODY, SECRET, { nowSeconds: SENT + 300, toleranceSeconds: 300 }).ok).toBe(true);
    expect(verify(header, BODY, SECRET, { nowSeconds: SENT - 300, toleranceSeconds: 300 }).ok).toBe(true);
  });

  it('refuses a timestamp older or newer than the tolerance, naming the timestamp', () => {
    for (const nowSeconds of [SENT + 301, SENT - 301])
      expect(verify(header, BODY, SECRET, { nowSeconds, toleranceSeconds: 300 })).toEqual({
        ok: false,
        reason: `timestamp ${SENT} is outside the tolerance`,
      });
  });

  it('refuses a request without the header', () => {
    const refusal = { ok: false, reason: 'no waspada-signature header' };
    expect(verify(undefined)).toEqual(refusal);
    expect(verify('')).toEqual(refusal);
  });

  it.each([
    ['no parts at all', 'sha256=deadbeef'],
    ['no t=', header.replace(/^t=\d+,/, '')],
    ['a t= that is not a number', header.replace(/^t=\d+/, 't=yesterday')],
    ['a t= that is not whole seconds', header.replace(/^t=\d+/, `t=${SENT}.5`)],
  ])('refuses a header with %s', (_what, malformed) => {
    expect(verify(malformed)).toEqual({ ok: false, reason: 'no timestamp t=' });
  });

  it.each([
    ['no v1=', `t=${SENT}`],
    ['an empty v1=', `t=${SENT},v1=`],
    ['a shortened v1=', header.slice(0, -2)],
    ['a v1= of the right length that is not the digest', `t=${SENT},v1=${'0'.repeat(64)}`],
    ['the v1 under another name', header.replace('v1=', 'v0=')],
    // As many characters as a digest but more bytes: must be refused, not throw in timingSafeEqual.
    ['a v1= of 64 non-ASCII characters', `t=${SENT},v1=${'é'.repeat(64)}`],
  ])('refuses a header with %s', (_what, malformed) => {
    expect(verify(malformed)).toEqual({ ok: false, reason: 'signature does not match' });
  });
});
