import { WaspadaError } from '@waspada/common';
import type { RiskAlert } from '@waspada/schemas';
import { createMemoryStore } from '../src/backtest/memory-store';
import { applyBatch } from '../src/batch-processor';
import { testWindowJudge } from './support/test-window-judge';
import { childScanDeps, childScanRecord, CROSSING_TOPIC } from './support/child-scan';

/**
 * The processor's half of a commit window on its own: a closed window's decisions become its tasks'
 * records, and a window judged against a Redis that lost its data is refused and remembered, so the
 * state is restored before the next batch.
 */
const TOPIC = CROSSING_TOPIC;
const record = childScanRecord;

function judgeWith(options: { stateComplete: () => boolean }) {
  const store = createMemoryStore();
  const deps = childScanDeps(store, 'window-judge-test');
  const judgedAlerts: RiskAlert[][] = [];
  const judge = testWindowJudge(deps, {
    stateComplete: options.stateComplete,
    windowJudged: (judged) => judgedAlerts.push([...judged.alerts]),
  });
  const applyScan = () =>
    applyBatch(
      deps,
      { topic: TOPIC, partition: 0, records: [record], highWatermark: '8' },
      { mode: 'live', startsWindow: true, window: judge.current() },
    );
  return { judge, applyScan, judgedAlerts };
}

const ranges = new Map([[0, { [TOPIC]: '7' }]]);

describe("the processor's window judge", () => {
  it("turns a closed window's alerts into its task's records and opens a new window", async () => {
    const { judge, applyScan, judgedAlerts } = judgeWith({ stateComplete: () => true });
    await applyScan();
    const opened = judge.current();
    expect(opened.pending.size).toBe(1);

    const byTask = await judge.close(ranges);

    expect([...byTask.keys()]).toEqual(['0']);
    expect(byTask.get('0')?.map((out) => out.topic)).toEqual(['alerts']);
    expect(judgedAlerts.flat().map((alert) => alert.rules.map((rule) => rule.ruleId))).toEqual([
      expect.arrayContaining(['R07']),
    ]);
    expect(judge.current()).not.toBe(opened);
    expect(judge.current().pending.size).toBe(0);
    judge.committed(new Set(['0']));
    expect(judge.stateLost()).toBe(false);
  });

  it('refuses a window judged against a Redis that lost its data, and remembers it until restored', async () => {
    const { judge, applyScan, judgedAlerts } = judgeWith({ stateComplete: () => false });
    await applyScan();

    const refusal = await judge.close(ranges).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(refusal).toBeInstanceOf(WaspadaError);
    expect((refusal as WaspadaError).code).toBe('WSP_STATE_INCOMPLETE');
    expect(judgedAlerts).toEqual([]);
    judge.failed(refusal);
    expect(judge.stateLost()).toBe(true);
    expect(judge.current().pending.size).toBe(0);
    judge.stateRestored();
    expect(judge.stateLost()).toBe(false);
  });

  it('does not take a failure of another kind for a lost state', async () => {
    const { judge, applyScan } = judgeWith({ stateComplete: () => true });
    await applyScan();
    await judge.close(ranges);

    judge.failed(new Error('the transaction was aborted: broker unreachable'));

    expect(judge.stateLost()).toBe(false);
    expect(judge.current().pending.size).toBe(0);
  });
});
