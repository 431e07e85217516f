import { emptyPersonState, type CompanionFlag, type PersonState } from '@waspada/risk-rules';
import { createMemoryStore } from '../src/backtest/memory-store';
import { applyBatch, type PersonStore } from '../src/batch-processor';
import { createPersonCache } from '../src/person-cache';
import { testWindowJudge } from './support/test-window-judge';
import { CHILD, childScanDeps, childScanRecord, CROSSING_TOPIC, NOW } from './support/child-scan';

/**
 * People kept in memory between windows: read from the store once, served from memory after their
 * window committed (their marks from other people's reports still read every time), forgotten when
 * a window fails, bounded in number.
 */
const ranges = new Map([[0, { [CROSSING_TOPIC]: '7' }]]);

/** The backtest's in-memory store, with the people each loadPeople call asked for (calls for nobody left out). */
function observedStore() {
  const store = createMemoryStore();
  const asked: string[][] = [];
  const observed: PersonStore = {
    ...store,
    loadPeople: (niks) => {
      if (niks.length > 0) asked.push([...niks]);
      return store.loadPeople(niks);
    },
  };
  return { store, observed, asked };
}

function pipelineWith(capacity: number) {
  const { store, observed, asked } = observedStore();
  const cache = createPersonCache(capacity);
  const deps = childScanDeps(cache.reading(observed), 'person-cache-test');
  const judge = testWindowJudge(deps, { stateComplete: () => true, people: cache });
  const scanWindow = async () => {
    await applyBatch(
      deps,
      { topic: CROSSING_TOPIC, partition: 0, records: [childScanRecord], highWatermark: '8' },
      { mode: 'live', startsWindow: true, window: judge.current() },
    );
    await judge.close(ranges);
  };
  return { store, cache, deps, judge, asked, scanWindow };
}

const flag: CompanionFlag = {
  reportId: 'report-1',
  eventId: 'report-event-1',
  eventTime: NOW - 3_600_000,
  category: 'TRAFFICKING_VICTIM',
  via: 'named',
};

describe('the person cache between windows', () => {
  it('serves a person from memory once their window committed, and reads their marks fresh', async () => {
    const { store, cache, deps, judge, asked, scanWindow } = pipelineWith(100);
    await scanWindow();
    judge.committed(new Set(['0']));
    expect(asked).toEqual([[CHILD]]);
    expect(cache.size()).toBe(1);

    // Another task's report marks the child meanwhile: written to the store, not the cache.
    await store.addFlags([{ nik: CHILD, flag }]);
    const loaded = (await deps.store.loadPeople([CHILD])).get(CHILD);

    expect(asked).toEqual([[CHILD]]);
    expect(loaded?.state?.history.map((event) => event.eventId)).toEqual([
      (await store.loadPeople([CHILD])).get(CHILD)?.state?.history[0]?.eventId,
    ]);
    expect(loaded?.flags).toEqual([flag]);
  });

  it('forgets every person when a window fails: its batches may have changed states the store never got', async () => {
    const { cache, deps, judge, asked, scanWindow } = pipelineWith(100);
    await scanWindow();
    judge.committed(new Set(['0']));
    await scanWindow();
    expect(asked).toEqual([[CHILD]]);

    judge.failed(new Error('the transaction was aborted: broker unreachable'));

    expect(cache.size()).toBe(0);
    await deps.store.loadPeople([CHILD]);
    expect(asked).toEqual([[CHILD], [CHILD]]);
  });

  it('keeps nothing of a window judged but not committed', async () => {
    const { cache, judge, scanWindow } = pipelineWith(100);
    await scanWindow();
    expect(cache.size()).toBe(0);
    judge.failed(new Error('commit refused'));
    judge.committed(new Set());
    expect(cache.size()).toBe(0);
  });

  it('keeps nothing of a window judged before the cache was emptied (a task taken again while the window committed)', async () => {
    const { cache, judge, asked, scanWindow } = pipelineWith(100);
    await scanWindow();
    // The task is taken again before the window's commit is reported: another instance may have
    // held it and changed the person meanwhile.
    cache.forget();
    judge.committed(new Set(['0']));
    expect(cache.size()).toBe(0);
    await scanWindow();
    expect(asked).toEqual([[CHILD], [CHILD]]);
  });

  it('keeps at most its capacity, the least recently used going first', async () => {
    const { observed, asked } = observedStore();
    const cache = createPersonCache(2);
    const reading = cache.reading(observed);
    const state = (nik: string): PersonState => emptyPersonState(nik);
    cache.keep([state('1111111111111111'), state('2222222222222222')], cache.generation());
    await reading.loadPeople(['1111111111111111']);
    cache.keep([state('3333333333333333')], cache.generation());

    expect(cache.size()).toBe(2);
    await reading.loadPeople(['1111111111111111', '2222222222222222', '3333333333333333']);
    expect(asked).toEqual([['2222222222222222']]);
  });

  it('reads every person from the store when its capacity is 0', async () => {
    const { observed, asked } = observedStore();
    const cache = createPersonCache(0);
    cache.keep([emptyPersonState('1111111111111111')], cache.generation());
    await cache.reading(observed).loadPeople(['1111111111111111']);
    expect(cache.size()).toBe(0);
    expect(asked).toEqual([['1111111111111111']]);
  });
});
