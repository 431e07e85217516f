import { hashToken, type Desk } from '@waspada/delivery';
import { deskAccess } from '../src/desk-auth';

/** Which desk a token opens: its own checkpoint's alerts only. */
const desk = (deskId: string, checkpointCode: string, token: string): Desk => ({
  deskId,
  checkpointCode,
  tokenHash: hashToken(token),
});
const DESKS = [desk('entikong-1', 'PLBN-ENTIKONG', 'token-entikong'), desk('cgk-t3', 'CGK', 'token-cgk')];

describe('desk tokens', () => {
  it("opens the token's own checkpoint", () => {
    expect(deskAccess(DESKS, 'token-cgk', 'CGK')).toEqual({ ok: true, desk: DESKS[1] });
  });

  it("refuses another checkpoint's alerts with 403, naming both checkpoints", () => {
    expect(deskAccess(DESKS, 'token-cgk', 'PLBN-ENTIKONG')).toEqual({
      ok: false,
      status: 403,
      error: 'this token is for checkpoint CGK, not PLBN-ENTIKONG',
    });
  });

  it('refuses a missing or unknown token with 401', () => {
    expect(deskAccess(DESKS, undefined, 'CGK')).toMatchObject({ ok: false, status: 401 });
    expect(deskAccess(DESKS, 'token-cgk ', 'CGK')).toMatchObject({ ok: false, status: 401 });
    expect(deskAccess([], 'token-cgk', 'CGK')).toMatchObject({ ok: false, status: 401 });
  });
});
