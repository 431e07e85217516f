import { newStandardSecret, signWaspadaV0, webhookSigner } from '@waspada/delivery';
import { headerText, verifierOf } from '../src/signature-check';

const ALERT_ID = '0b9e2c4e-5f7a-4c1d-9a63-2f1e8d7c6b5a';
const BODY = JSON.stringify({ alertId: ALERT_ID, severity: 'HIGH', person: { nik: '3201**********02' } });
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("the agency inbox's check of a Standard Webhooks request, by the standard's library", () => {
  const current = newStandardSecret();
  const retiring = newStandardSecret();
  const receiver = verifierOf({ signing: 'standard-webhooks', secret: current }, 300);

  it("accepts what the notifier's signer sends, returning the signed timestamp", () => {
    const at = nowSeconds();
    const headers = webhookSigner('standard-webhooks', [current])(ALERT_ID, BODY, at);
    expect(receiver(BODY, headers)).toEqual({ ok: true, timestamp: at });
  });

  it('accepts a request signed during a rotation, whichever of the two secrets it holds', () => {
    const headers = webhookSigner('standard-webhooks', [current, retiring])(ALERT_ID, BODY, nowSeconds());
    expect(receiver(BODY, headers)).toMatchObject({ ok: true });
    expect(verifierOf({ signing: 'standard-webhooks', secret: retiring }, 300)(BODY, headers)).toMatchObject({
      ok: true,
    });
  });

  it("refuses another secret's signature, a changed body, and a request of more than five minutes ago", () => {
    const at = nowSeconds();
    const other = webhookSigner('standard-webhooks', [newStandardSecret()])(ALERT_ID, BODY, at);
    expect(receiver(BODY, other)).toEqual({ ok: false, reason: 'No matching signature found' });
    const headers = webhookSigner('standard-webhooks', [current])(ALERT_ID, BODY, at);
    expect(receiver(`${BODY} `, headers)).toEqual({ ok: false, reason: 'No matching signature found' });
    const old = webhookSigner('standard-webhooks', [current])(ALERT_ID, BODY, at - 301);
    expect(receiver(BODY, old)).toEqual({ ok: false, reason: 'Message timestamp too old' });
  });

  it('refuses a request without the standard headers, or signed only the earlier way', () => {
    expect(receiver(BODY, { 'waspada-signature': signWaspadaV0(current, BODY, nowSeconds()) })).toEqual({
      ok: false,
      reason: 'Missing required headers',
    });
    const headers = webhookSigner('standard-webhooks', [current])(ALERT_ID, BODY, nowSeconds());
    // A header sent twice is not taken as either value.
    expect(receiver(BODY, { ...headers, 'webhook-id': [ALERT_ID, ALERT_ID] })).toEqual({
      ok: false,
      reason: 'Missing required headers',
    });
  });
});

describe("the agency inbox's check of a waspada-v0 request", () => {
  const secret = 'bp3mi-legacy-secret-0123456789';
  const receiver = verifierOf({ signing: 'waspada-v0', secret }, 300);

  it('accepts the earlier Waspada-Signature and refuses a Standard Webhooks request', () => {
    const at = nowSeconds();
    expect(receiver(BODY, webhookSigner('waspada-v0', [secret])(ALERT_ID, BODY, at))).toEqual({
      ok: true,
      timestamp: at,
    });
    expect(
      receiver(BODY, webhookSigner('standard-webhooks', [newStandardSecret()])(ALERT_ID, BODY, at)),
    ).toEqual({ ok: false, reason: 'no waspada-signature header' });
  });
});

describe('headerText', () => {
  it('reads a header sent once, and nothing for one absent or repeated', () => {
    expect(headerText({ 'webhook-id': 'a' }, 'webhook-id')).toBe('a');
    expect(headerText({}, 'webhook-id')).toBeUndefined();
    expect(headerText({ 'webhook-id': ['a', 'b'] }, 'webhook-id')).toBeUndefined();
  });
});
