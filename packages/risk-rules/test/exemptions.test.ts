import type { RuleExemption } from '@waspada/schemas';
import {
  applyExemptionStep,
  decideExemptionStep,
  emptyExemptionFold,
  evaluateSituation,
  ExemptionRefused,
  exemptionsOf,
  type ExemptionFold,
  type ExemptionRequest,
  type PersonState,
} from '../src';
import {
  abroadEvent,
  contextWith,
  crossingEvent,
  DAY,
  daysAgo,
  departureOf,
  nikFor,
  NOW,
  passportEvent,
  resetEventIds,
  stateWith,
  watchlistEntry,
} from './support/builders';

const BUDI = nikFor({ regency: '3578', birthDate: '1995-03-12', sex: 'MALE' });
const ana = { id: 'analyst-01', roles: ['analyst'] };
const sari = { id: 'supervisor-01', roles: ['supervisor'] };
const budi = { id: 'supervisor-02', roles: ['supervisor'] };
const proposal = (
  fields: Partial<Extract<ExemptionRequest, { step: 'PROPOSED' }>> = {},
): ExemptionRequest => ({
  step: 'PROPOSED',
  nik: BUDI,
  ruleId: 'R01',
  validFrom: NOW - DAY,
  validUntil: NOW + 30 * DAY,
  reason: 'Registered seasonal worker, checked with BP3MI Jawa Timur',
  actor: ana,
  ...fields,
});

/** Takes each step as the log does: decided on the fold as it is, then folded in. */
function take(fold: ExemptionFold, request: ExemptionRequest, now = NOW): [ExemptionFold, RuleExemption] {
  const event = decideExemptionStep(fold, request, now);
  return [applyExemptionStep(fold, event), event];
}
const refusalOf = (fold: ExemptionFold, request: ExemptionRequest): string => {
  try {
    decideExemptionStep(fold, request, NOW);
  } catch (error) {
    if (error instanceof ExemptionRefused) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('not refused');
};

/** A one-way "tourist" to Malaysia: R01 alone, score 40. */
function oneWayTourist(): PersonState {
  return stateWith(BUDI, [passportEvent(BUDI), crossingEvent(BUDI, { returnDate: null })]);
}

beforeEach(resetEventIds);

describe('exemptions: propose, approve by a second person, reject, revoke', () => {
  it('holds only once a supervisor other than the proposer approved it', () => {
    const [proposedFold, proposed] = take(emptyExemptionFold(), proposal());
    let fold = proposedFold;
    expect(exemptionsOf(fold).of(BUDI, 'R01', NOW)).toBeUndefined();
    const id = proposed.exemptionId;
    expect(refusalOf(fold, { step: 'APPROVED', exemptionId: id, actor: ana })).toMatch(
      /^WSP_EXEMPTION_NOT_ALLOWED/,
    );
    const self = take(fold, proposal({ actor: sari, ruleId: 'R05' }))[0];
    const selfId =
      [...self.exemptions.values()].find((state) => state.proposedBy === sari.id)?.exemptionId ?? '';
    [fold] = take(fold, { step: 'APPROVED', exemptionId: id, actor: sari });
    expect(fold.exemptions.get(id)).toMatchObject({ status: 'APPROVED', decidedBy: sari.id });
    expect(exemptionsOf(fold).of(BUDI, 'R01', NOW)?.exemptionId).toBe(id);
    // Only in its period, for its rule and its person.
    expect(exemptionsOf(fold).of(BUDI, 'R01', NOW + 31 * DAY)).toBeUndefined();
    expect(exemptionsOf(fold).of(BUDI, 'R05', NOW)).toBeUndefined();
    expect(exemptionsOf(fold).of('3578011203950099', 'R01', NOW)).toBeUndefined();
    expect(refusalOf(self, { step: 'APPROVED', exemptionId: selfId, actor: sari })).toMatch(
      /^WSP_EXEMPTION_SELF_APPROVAL/,
    );
  });

  it('refuses a proposal without a reason, a rule or a period it can hold, naming the field', () => {
    const fold = emptyExemptionFold();
    expect(refusalOf(fold, proposal({ reason: 'ok' }))).toMatch(/reason: what was checked/);
    expect(refusalOf(fold, proposal({ ruleId: 'R99' }))).toMatch(/ruleId: one of R01/);
    expect(refusalOf(fold, proposal({ nik: '12345' }))).toMatch(/nik: 16 digits/);
    expect(refusalOf(fold, proposal({ validUntil: NOW + 200 * DAY }))).toMatch(/at most 180 days/);
    expect(refusalOf(fold, proposal({ validFrom: NOW - 10 * DAY, validUntil: NOW - DAY }))).toMatch(
      /validUntil: in the future/,
    );
    expect(refusalOf(fold, proposal({ actor: { id: 'regency-3578', roles: ['regency'] } }))).toMatch(
      /holds no analyst role/,
    );
  });

  it('refuses a second exemption of the same person and rule over the same days', () => {
    const [fold] = take(emptyExemptionFold(), proposal());
    expect(refusalOf(fold, proposal({ validFrom: NOW + 10 * DAY, validUntil: NOW + 40 * DAY }))).toMatch(
      /^WSP_EXEMPTION_OVERLAP/,
    );
    // Another rule, or after the first period, is fine.
    expect(() => decideExemptionStep(fold, proposal({ ruleId: 'R05' }), NOW)).not.toThrow();
    expect(() =>
      decideExemptionStep(fold, proposal({ validFrom: NOW + 30 * DAY, validUntil: NOW + 60 * DAY }), NOW),
    ).not.toThrow();
  });

  it('stops holding once revoked, and a rejection needs a reason', () => {
    const [proposedFold, proposed] = take(emptyExemptionFold(), proposal());
    let fold = proposedFold;
    const id = proposed.exemptionId;
    expect(refusalOf(fold, { step: 'REJECTED', exemptionId: id, actor: sari })).toMatch(
      /reason: why it is turned down/,
    );
    [fold] = take(fold, { step: 'APPROVED', exemptionId: id, actor: sari });
    expect(
      refusalOf(fold, { step: 'REVOKED', exemptionId: id, actor: { id: 'analyst-02', roles: ['analyst'] } }),
    ).toMatch(/a supervisor or the proposer/);
    [fold] = take(fold, {
      step: 'REVOKED',
      exemptionId: id,
      actor: ana,
      reason: 'Contract ended; the worker came home',
    });
    expect(fold.exemptions.get(id)?.status).toBe('REVOKED');
    expect(exemptionsOf(fold).of(BUDI, 'R01', NOW)).toBeUndefined();
    expect(refusalOf(fold, { step: 'APPROVED', exemptionId: id, actor: budi })).toMatch(
      /^WSP_EXEMPTION_WRONG_STATE/,
    );
  });

  it('ignores a step written around the checks, and each event once', () => {
    const [proposedFold, proposed] = take(emptyExemptionFold(), proposal());
    let fold = proposedFold;
    const selfApproval: RuleExemption = {
      ...proposed,
      eventId: '00000000-0000-4000-8000-000000000001',
      step: 'APPROVED',
      actorId: ana.id,
      actorRoles: ['supervisor'],
      reason: null,
    };
    fold = applyExemptionStep(fold, selfApproval);
    expect(fold.exemptions.get(proposed.exemptionId)?.status).toBe('PROPOSED');
    expect(fold.ignored.map((entry) => entry.reason)).toEqual([
      'a supervisor other than the proposer approves it',
    ]);
    expect(applyExemptionStep(fold, proposed)).toBe(fold);
  });
});

describe('judging with exemptions', () => {
  it('leaves an exempted rule out of the score and names it; with nothing else fired, no alert', () => {
    const state = oneWayTourist();
    const situation = departureOf(state);
    expect(evaluateSituation(state, situation, contextWith())?.rules.map((rule) => rule.ruleId)).toEqual([
      'R01',
    ]);
    const [proposedFold, proposed] = take(
      emptyExemptionFold(),
      proposal({ validFrom: situation.time - DAY }),
    );
    let fold = proposedFold;
    [fold] = take(fold, { step: 'APPROVED', exemptionId: proposed.exemptionId, actor: sari });
    const exempt = { ...contextWith(), exemptions: exemptionsOf(fold) };
    expect(evaluateSituation(state, situation, exempt)).toBeNull();
  });

  it('keeps the other rules, scored without the exempted one', () => {
    // A deportee leaving one-way with a watchlisted sponsor: R01, R09 and R12, capped at 100.
    const state = stateWith(BUDI, [
      passportEvent(BUDI),
      abroadEvent(BUDI, { category: 'DEPORTED', caseStatus: 'CLOSED', eventTime: daysAgo(100) }),
      crossingEvent(BUDI, { returnDate: null, sponsor: 'Siti Rahmawati' }),
    ]);
    const situation = departureOf(state);
    const context = contextWith({ watchlist: [watchlistEntry()] });
    const before = evaluateSituation(state, situation, context);
    const [proposedFold, proposed] = take(
      emptyExemptionFold(),
      proposal({ validFrom: situation.time - DAY }),
    );
    let fold = proposedFold;
    [fold] = take(fold, { step: 'APPROVED', exemptionId: proposed.exemptionId, actor: sari });
    const after = evaluateSituation(state, situation, { ...context, exemptions: exemptionsOf(fold) });
    expect(after?.rules.map((rule) => rule.ruleId)).toEqual(['R09', 'R12']);
    expect(after?.exempted).toEqual([
      { ruleId: 'R01', exemptionId: proposed.exemptionId, validUntil: NOW + 30 * DAY },
    ]);
    const r01 = before?.rules.find((rule) => rule.ruleId === 'R01')?.score ?? 0;
    expect(after?.score).toBe(
      Math.min(100, (before?.rules ?? []).reduce((sum, rule) => sum + rule.score, 0) - r01),
    );
  });
});
