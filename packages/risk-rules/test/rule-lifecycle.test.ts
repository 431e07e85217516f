import { readFileSync } from 'node:fs';
import type { RuleChange } from '@waspada/schemas';
import {
  applyRuleChange,
  decideStep,
  DEFAULT_RULESET_FILE,
  emptyFold,
  foldRuleChanges,
  liveRuleSet,
  RuleChangeRefused,
  sha256Hex,
  type RuleChangeFold,
  type StepRequest,
} from '../src';

const shipped = JSON.parse(readFileSync(DEFAULT_RULESET_FILE, 'utf8')) as {
  version: string;
  rules: Record<string, { enabled: boolean }>;
};
const contentOf = (version: string, change: (set: typeof shipped) => void = () => undefined) => {
  const set = structuredClone(shipped);
  set.version = version;
  change(set);
  return `${JSON.stringify(set, null, 2)}\n`;
};

const ana = { id: 'ana.analyst', roles: ['analyst'] };
const sari = { id: 'sari.supervisor', roles: ['supervisor'] };
const budi = { id: 'budi.supervisor', roles: ['analyst', 'supervisor'] };
const NOW = Date.parse('2026-11-29T03:00:00Z');

/** Takes the step on the fold as the writer does: decide, then apply the event. */
function take(fold: RuleChangeFold, request: StepRequest): { fold: RuleChangeFold; change: RuleChange } {
  const { change } = decideStep(fold, request, NOW);
  return { fold: applyRuleChange(fold, change), change };
}

function refusal(fold: RuleChangeFold, request: StepRequest): RuleChangeRefused {
  try {
    decideStep(fold, request, NOW);
  } catch (error) {
    if (error instanceof RuleChangeRefused) return error;
    throw error;
  }
  throw new Error('the step was allowed');
}

const v2 = contentOf('2026.11.2', (set) => {
  const r05 = set.rules.R05;
  if (r05) r05.enabled = false;
});
const proposed = () =>
  take(emptyFold(), { step: 'PROPOSED', content: v2, actor: ana, comment: 'R05 off' }).fold;

describe('rule-set lifecycle', () => {
  it('proposes a version with its content and hash, named by the rule set its content holds', () => {
    const { fold, change } = take(emptyFold(), { step: 'PROPOSED', content: v2, actor: ana });
    expect(change).toMatchObject({
      version: '2026.11.2',
      step: 'PROPOSED',
      actorId: 'ana.analyst',
      contentSha256: sha256Hex(v2),
      content: v2,
    });
    expect(fold.versions.get('2026.11.2')?.status).toBe('PROPOSED');
  });

  it('approves by a supervisor other than the proposer, then goes live, retiring the live version', () => {
    let fold = foldRuleChanges([]);
    const v1 = contentOf('2026.11.1');
    fold = take(fold, { step: 'PROPOSED', content: v1, actor: ana }).fold;
    fold = take(fold, { step: 'APPROVED', version: '2026.11.1', actor: sari }).fold;
    fold = take(fold, { step: 'LIVE', version: '2026.11.1', actor: sari }).fold;
    expect(fold.live).toBe('2026.11.1');
    fold = take(fold, { step: 'PROPOSED', content: v2, actor: sari }).fold;
    fold = take(fold, {
      step: 'APPROVED',
      version: '2026.11.2',
      actor: budi,
      contentSha256: sha256Hex(v2),
    }).fold;
    expect(fold.versions.get('2026.11.2')?.status).toBe('APPROVED');
    fold = take(fold, { step: 'LIVE', version: '2026.11.2', actor: sari }).fold;
    expect(fold.live).toBe('2026.11.2');
    expect(fold.versions.get('2026.11.1')?.status).toBe('RETIRED');
    expect(liveRuleSet(fold)?.rules.R05.enabled).toBe(false);
    expect(fold.versions.get('2026.11.2')?.steps.map((step) => step.step)).toEqual([
      'PROPOSED',
      'APPROVED',
      'LIVE',
    ]);
  });

  it('refuses self-approval, even by a supervisor', () => {
    const fold = take(emptyFold(), { step: 'PROPOSED', content: v2, actor: sari }).fold;
    expect(refusal(fold, { step: 'APPROVED', version: '2026.11.2', actor: sari }).code).toBe(
      'WSP_RULES_SELF_APPROVAL',
    );
  });

  it('refuses approval by an analyst who is not a supervisor', () => {
    const error = refusal(proposed(), {
      step: 'APPROVED',
      version: '2026.11.2',
      actor: { id: 'dewi.investigator', roles: ['investigator'] },
    });
    expect(error.code).toBe('WSP_RULES_NOT_SUPERVISOR');
    expect(error.message).toMatch(/dewi\.investigator is not a supervisor/);
  });

  it('refuses going live without approval', () => {
    const error = refusal(proposed(), { step: 'LIVE', version: '2026.11.2', actor: sari });
    expect(error.code).toBe('WSP_RULES_WRONG_STATE');
    expect(error.message).toMatch(/before a second person approves it/);
  });

  it('refuses approval after a rejection, and going live after one', () => {
    let fold = proposed();
    fold = take(fold, {
      step: 'REJECTED',
      version: '2026.11.2',
      actor: sari,
      comment: 'R05 still needed',
    }).fold;
    expect(fold.versions.get('2026.11.2')?.status).toBe('REJECTED');
    expect(refusal(fold, { step: 'APPROVED', version: '2026.11.2', actor: budi }).code).toBe(
      'WSP_RULES_WRONG_STATE',
    );
    expect(refusal(fold, { step: 'LIVE', version: '2026.11.2', actor: budi }).code).toBe(
      'WSP_RULES_WRONG_STATE',
    );
  });

  it('rejects an approved version that is not live yet, and refuses rejecting a live one', () => {
    let fold = take(proposed(), { step: 'APPROVED', version: '2026.11.2', actor: sari }).fold;
    fold = take(fold, { step: 'REJECTED', version: '2026.11.2', actor: budi, comment: 'found a flaw' }).fold;
    expect(fold.versions.get('2026.11.2')?.status).toBe('REJECTED');
    let other = take(proposed(), { step: 'APPROVED', version: '2026.11.2', actor: sari }).fold;
    other = take(other, { step: 'LIVE', version: '2026.11.2', actor: sari }).fold;
    expect(
      refusal(other, { step: 'REJECTED', version: '2026.11.2', actor: budi, comment: 'late' }).code,
    ).toBe('WSP_RULES_WRONG_STATE');
  });

  it('refuses a rejection without a reason', () => {
    expect(
      refusal(proposed(), { step: 'REJECTED', version: '2026.11.2', actor: sari, comment: '  ' }).code,
    ).toBe('WSP_RULES_REASON_REQUIRED');
  });

  it('refuses approving or putting live content other than the content proposed (by its hash)', () => {
    const changed = contentOf('2026.11.2');
    expect(
      refusal(proposed(), {
        step: 'APPROVED',
        version: '2026.11.2',
        actor: sari,
        contentSha256: sha256Hex(changed),
      }).code,
    ).toBe('WSP_RULES_CONTENT_CHANGED');
    const approved = take(proposed(), { step: 'APPROVED', version: '2026.11.2', actor: sari }).fold;
    expect(
      refusal(approved, {
        step: 'LIVE',
        version: '2026.11.2',
        actor: sari,
        contentSha256: sha256Hex(changed),
      }).code,
    ).toBe('WSP_RULES_CONTENT_CHANGED');
  });

  it('refuses proposing other content under a version already proposed', () => {
    const error = refusal(proposed(), { step: 'PROPOSED', content: contentOf('2026.11.2'), actor: budi });
    expect(error.code).toBe('WSP_RULES_VERSION_TAKEN');
  });

  it('refuses content that is not a valid rule set, naming the field', () => {
    const bad = contentOf('2026.11.3', (set) => {
      (set.rules.R02 as unknown as { score: number }).score = 500;
    });
    const error = refusal(emptyFold(), { step: 'PROPOSED', content: bad, actor: ana });
    expect(error.code).toBe('WSP_RULES_INVALID_CONTENT');
    expect(error.message).toMatch(/rules\.R02\.score/);
    expect(refusal(emptyFold(), { step: 'PROPOSED', content: '{not json', actor: ana }).code).toBe(
      'WSP_RULES_INVALID_CONTENT',
    );
  });

  it('refuses steps on a version never proposed, and actors without an analyst role', () => {
    expect(refusal(emptyFold(), { step: 'APPROVED', version: '2026.12.1', actor: sari }).code).toBe(
      'WSP_RULES_UNKNOWN_VERSION',
    );
    expect(
      refusal(emptyFold(), { step: 'PROPOSED', content: v2, actor: { id: 'x1', roles: ['desk'] } }).code,
    ).toBe('WSP_RULES_BAD_ACTOR');
  });

  it('gives a retried step the same change id and writes it once', () => {
    const fold = proposed();
    const first = decideStep(fold, { step: 'APPROVED', version: '2026.11.2', actor: sari }, NOW);
    const after = applyRuleChange(fold, first.change);
    const retried = decideStep(after, { step: 'APPROVED', version: '2026.11.2', actor: sari }, NOW + 5_000);
    expect(retried).toEqual({ change: first.change, duplicate: true });
    expect(decideStep(after, { step: 'PROPOSED', content: v2, actor: ana }, NOW).duplicate).toBe(true);
    // The same event read twice from the topic counts once.
    expect(applyRuleChange(after, first.change)).toBe(after);
  });

  it('ignores, when folding the topic, a step written around the checks', () => {
    const fold = proposed();
    const proposal = fold.versions.get('2026.11.2')?.steps[0];
    if (!proposal) throw new Error('no proposal');
    const forged: RuleChange = {
      ...proposal,
      changeId: decideStep(fold, { step: 'APPROVED', version: '2026.11.2', actor: sari }, NOW).change
        .changeId,
      step: 'APPROVED',
      content: null,
      actorId: 'ana.analyst',
      actorRoles: ['supervisor'],
    };
    const after = foldRuleChanges([proposal, forged]);
    expect(after.versions.get('2026.11.2')?.status).toBe('PROPOSED');
    expect(after.ignored).toHaveLength(1);
    expect(after.ignored[0]?.reason).toMatch(/cannot approve it/);
  });
});
