import type { Logger } from '@waspada/common';
import type { StateStore } from '@waspada/risk-store';
import type { RebuildSummary } from './rebuild';

/** A rebuild claim lapses this long after its holder stops renewing it (it died). */
const REBUILD_CLAIM_MS = 30_000;
/** Longer than any window takes from loading its people to its completeness check. */
const IN_FLIGHT_WINDOW_MS = 3_000;
const POLL_MS = 500;

export type RebuildClaims = Pick<
  StateStore,
  'stateComplete' | 'claimRebuild' | 'extendRebuildClaim' | 'releaseRebuildClaim'
>;

export interface RestoreOptions {
  /** True when Redis was found to have lost its data under a running processor. */
  readonly afterLoss: boolean;
  /** Keeps the caller's group membership alive while it waits or rebuilds. */
  readonly keepAlive: () => Promise<void>;
}

/**
 * Makes the Redis state complete before anything is judged against it: at the first start, and
 * after Redis lost its data (a restart without persistence, a flush). One instance rebuilds from
 * Kafka under a claim; the others wait for the completeness mark the rebuild sets.
 */
export function createStateRestore(options: {
  readonly store: RebuildClaims;
  /** Names the claim's holder: the instance. */
  readonly claimant: string;
  readonly rebuild: (keepAlive: () => Promise<void>) => Promise<RebuildSummary>;
  readonly logger: Logger;
  /** Counted: a rebuild after a loss is an incident for operators. */
  readonly onRebuildAfterLoss: () => void;
  readonly sleep?: (ms: number) => Promise<void>;
}): (restore: RestoreOptions) => Promise<void> {
  const { store, claimant, logger } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async ({ afterLoss, keepAlive: keepMember }) => {
    for (;;) {
      if (await store.stateComplete()) return;
      if (await store.claimRebuild(claimant, REBUILD_CLAIM_MS)) break;
      await keepMember();
      await sleep(POLL_MS);
    }
    const keepAlive = async () => {
      await keepMember();
      await store.extendRebuildClaim(claimant, REBUILD_CLAIM_MS);
    };
    try {
      if (afterLoss) {
        logger.warn('the Redis state is incomplete (Redis lost its data): rebuilding it from Kafka');
        options.onRebuildAfterLoss();
        // Another instance's window that loaded people before the loss may still be saving them
        // (it then fails its own check); its writes must land before the clear, not into the rebuild.
        for (let waited = 0; waited < IN_FLIGHT_WINDOW_MS; waited += POLL_MS) {
          await keepAlive();
          await sleep(POLL_MS);
        }
      }
      const summary = await options.rebuild(keepAlive);
      if (afterLoss || summary.events > 0) logger.info({ ...summary }, 'state rebuilt from Kafka');
    } finally {
      await store.releaseRebuildClaim(claimant);
    }
  };
}
