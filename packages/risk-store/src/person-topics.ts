import { TOPICS } from '@waspada/common';
import type { PersonEventKind } from '@waspada/risk-rules';
import { CONTRACTS } from '@waspada/schemas';

/**
 * The agency topics the processor joins, and the kind each event takes in a person's history.
 * Border crossings come last: batches of one fetch are handled in this order, so the records
 * that explain a scan (identity, placement, passport) are applied before the scan is judged.
 */
export const PERSON_TOPICS: Readonly<Record<string, { kind: PersonEventKind; schema: object }>> = {
  [TOPICS.identity]: { kind: 'identity', schema: CONTRACTS.identity.schema },
  [TOPICS.placement]: { kind: 'placement', schema: CONTRACTS.placement.schema },
  [TOPICS.passport]: { kind: 'passport', schema: CONTRACTS.passport.schema },
  [TOPICS.citizenAbroad]: { kind: 'abroad', schema: CONTRACTS.citizenAbroad.schema },
  [TOPICS.borderCrossing]: { kind: 'crossing', schema: CONTRACTS.borderCrossing.schema },
  // Waspada's own: knowledge about a person from someone else's record (see rejudge.ts in risk-rules).
  [TOPICS.rejudge]: { kind: 'rejudge', schema: CONTRACTS.rejudge.schema },
};
