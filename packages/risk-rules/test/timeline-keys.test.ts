import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUES } from '@waspada/messages';
import type { IdentityStatus } from '../src';

/** The symbols of an enum, found by its name in a contract's text. */
function symbols(contract: string, name: string): string[] {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'schemas', 'avro', contract), 'utf8');
  return JSON.parse(
    new RegExp(`"name": "${name}",\\s*"symbols": (\\[[^\\]]*\\])`).exec(text)?.[1] ?? '[]',
  ) as string[];
}

describe('timeline keys', () => {
  it('name every step, stage, status and category a timeline line can carry, in both languages', () => {
    const wanted = [
      ...symbols('passport-event.avsc', 'PassportEventType').map((symbol) => `timeline.passport.${symbol}`),
      ...symbols('passport-event.avsc', 'PassportDecisionReason').map((symbol) => `category.${symbol}`),
      ...symbols('border-crossing-event.avsc', 'CrossingDirection').flatMap((direction) =>
        symbols('border-crossing-event.avsc', 'CrossingStage').map(
          (stage) => `timeline.crossing.${direction}.${stage}`,
        ),
      ),
      ...symbols('placement-event.avsc', 'PlacementEventType').map((symbol) => `placementEvent.${symbol}`),
      ...symbols('identity-event.avsc', 'IdentityEventType').map((symbol) => `identityEvent.${symbol}`),
      ...symbols('citizen-abroad-event.avsc', 'CitizenCaseCategory').map((symbol) => `category.${symbol}`),
      ...symbols('citizen-abroad-event.avsc', 'CaseStatus').map((symbol) => `reportStatus.${symbol}`),
      ...symbols('rejudge-request.avsc', 'RejudgeCause').map((symbol) => `timeline.rejudge.${symbol}`),
      ...(['ACTIVE', 'DECEASED', 'DEACTIVATED', 'DUPLICATE_FLAGGED'] satisfies IdentityStatus[]).map(
        (status) => `identityStatus.${status}`,
      ),
    ];
    expect(wanted.length).toBeGreaterThan(30);
    for (const catalogue of [CATALOGUES.id, CATALOGUES.en] as Readonly<Record<string, string>>[]) {
      expect(wanted.filter((key) => catalogue[key] === undefined)).toEqual([]);
    }
  });
});
