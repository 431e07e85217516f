import { createHmac } from 'node:crypto';
import { subscriberView } from '../src/alert-views';
import { SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from '../src/webhook-signing';
import { PROFILES, riskAlert, SCAN_TIME } from './fixtures';

const SECRET = 'whsec-bp3mi-kalbar-7Qx2mV9pL4tR8nZ1';
const BODY = JSON.stringify(subscriberView(riskAlert(), PROFILES.regionalAgency));
/** Unix seconds of the first attempt, three seconds after the scan. */
const SENT = SCAN_TIME / 1000 + 3;
const within = { nowSeconds: SENT + 2, toleranceSeconds: 300 };

const verify = (header: string | undefined, body = BODY, secret = SECRET, options = within) =>
  verifyWebhookSignature(secret, body, header, options);

describe('signWebhook', () => {
  it('writes t=<seconds>,v1=<HMAC-SHA256 of "t.body"> as a receiver computes it independently', () => {
    const expected = createHmac('sha256', SECRET).update(`${SENT}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, BODY, SENT)).toBe(`t=${SENT},v1=${expected}`);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs another timestamp, body or secret differently', () => {
    const signature = signWebhook(SECRET, BODY, SENT);
    expect(signWebhook(SECRET, BODY, SENT + 1).split('v1=')[1]).not.toBe(signature.split('v1=')[1]);
    expect(signWebhook(SECRET, `${BODY} `, SENT)).not.toBe(signature);
    expect(signWebhook(`${SECRET}x`, BODY, SENT)).not.toBe(signature);
  });

  it('names its header in lower case, as Node presents incoming headers', () => {
    expect(SIGNATURE_HEADER).toBe('waspada-signature');
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhook(SECRET, BODY, SENT);

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
    expect(verify(signWebhook('whsec-someone-else-entirely-000', BODY, SENT))).toEqual({
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
