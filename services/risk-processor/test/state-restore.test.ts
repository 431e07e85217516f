import { createLogger } from '@waspada/common';
import { createStateRestore, type RebuildClaims } from '../src/state-restore';

/**
 * The state restore against an in-memory claim: one instance rebuilds, the others wait for the
 * completeness mark, and the claim is released even when the rebuild fails.
 */
const logger = createLogger({ service: 'test', level: 'silent' });
const summary = { events: 0, people: 0, ledgerEntries: 0, seconds: 0 };

function claims(initial: { complete: boolean; holder?: string }) {
  const state = { ...initial, extended: 0 };
  const store: RebuildClaims = {
    stateComplete: () => Promise.resolve(state.complete),
    claimRebuild: (by) => {
      if (state.holder && state.holder !== by) return Promise.resolve(false);
      state.holder = by;
      return Promise.resolve(true);
    },
    extendRebuildClaim: () => {
      state.extended += 1;
      return Promise.resolve();
    },
    releaseRebuildClaim: (by) => {
      if (state.holder === by) state.holder = undefined;
      return Promise.resolve();
    },
  };
  return { state, store };
}

function restoreWith(
  store: RebuildClaims,
  rebuild: (keepAlive: () => Promise<void>) => Promise<typeof summary>,
) {
  let rebuildsAfterLoss = 0;
  const restore = createStateRestore({
    store,
    claimant: 'me',
    logger,
    rebuild,
    onRebuildAfterLoss: () => (rebuildsAfterLoss += 1),
    sleep: () => Promise.resolve(),
  });
  return { restore, rebuildsAfterLoss: () => rebuildsAfterLoss };
}

const noKeepAlive = () => Promise.resolve();

describe('making the Redis state complete before judging', () => {
  it('does nothing when the state is complete', async () => {
    const { store } = claims({ complete: true });
    const rebuild = jest.fn(() => Promise.resolve(summary));
    await restoreWith(store, rebuild).restore({ afterLoss: false, keepAlive: noKeepAlive });
    expect(rebuild).not.toHaveBeenCalled();
  });

  it('rebuilds under its claim and releases it', async () => {
    const { state, store } = claims({ complete: false });
    const { restore, rebuildsAfterLoss } = restoreWith(store, async (keepAlive) => {
      expect(state.holder).toBe('me');
      await keepAlive();
      state.complete = true;
      return summary;
    });
    await restore({ afterLoss: false, keepAlive: noKeepAlive });
    expect(state.holder).toBeUndefined();
    expect(state.extended).toBe(1);
    expect(rebuildsAfterLoss()).toBe(0);
  });

  it('waits while another instance holds the claim, keeping its membership alive, until the state is complete', async () => {
    const { state, store } = claims({ complete: false, holder: 'other' });
    let heartbeats = 0;
    const rebuild = jest.fn(() => Promise.resolve(summary));
    await restoreWith(store, rebuild).restore({
      afterLoss: true,
      keepAlive: () => {
        heartbeats += 1;
        if (heartbeats === 3) state.complete = true; // the other instance finished
        return Promise.resolve();
      },
    });
    expect(rebuild).not.toHaveBeenCalled();
    expect(heartbeats).toBe(3);
  });

  it('after a loss, counts the rebuild and lets windows in flight land before rebuilding', async () => {
    const { state, store } = claims({ complete: false });
    let heartbeats = 0;
    const { restore, rebuildsAfterLoss } = restoreWith(store, () => {
      expect(heartbeats).toBeGreaterThan(0);
      state.complete = true;
      return Promise.resolve(summary);
    });
    await restore({
      afterLoss: true,
      keepAlive: () => {
        heartbeats += 1;
        return Promise.resolve();
      },
    });
    expect(rebuildsAfterLoss()).toBe(1);
  });

  it('releases the claim when the rebuild fails, so another instance can take it', async () => {
    const { state, store } = claims({ complete: false });
    const { restore } = restoreWith(store, () => Promise.reject(new Error('broker away')));
    await expect(restore({ afterLoss: false, keepAlive: noKeepAlive })).rejects.toThrow('broker away');
    expect(state.holder).toBeUndefined();
  });
});
