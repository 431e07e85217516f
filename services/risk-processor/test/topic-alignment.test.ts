import { createTopicAlignment } from '../src/topic-alignment';

const T0 = Date.UTC(2026, 10, 20, 8, 0);

function alignment() {
  let now = T0;
  const aligned = createTopicAlignment({
    slackMs: 1_000,
    farBehind: 1_000n,
    quietMs: 5_000,
    clock: () => now,
  });
  return { aligned, advance: (ms: number) => (now += ms) };
}

describe('topics of a partition read in step while behind', () => {
  it('pauses crossings that ran a minute ahead of Dukcapil records still far behind, and resumes them once those catch up', () => {
    const { aligned } = alignment();
    aligned.observe('crossings', 2, { timestamp: T0 + 60_000, offset: '5000' }, '90000');
    aligned.observe('identity', 2, { timestamp: T0, offset: '100' }, '40000');
    expect(aligned.plan(2)).toEqual({ pause: ['crossings'], resume: [] });
    // Asked again with nothing new: nothing to change.
    expect(aligned.plan(2)).toEqual({ pause: [], resume: [] });
    // Dukcapil's records reach the crossings' time: the crossings go on.
    aligned.observe('identity', 2, { timestamp: T0 + 60_000, offset: '30000' }, '40000');
    expect(aligned.plan(2)).toEqual({ pause: [], resume: ['crossings'] });
  });

  it('never pauses a caught-up topic, nor anything when no topic is far behind: live records go straight through', () => {
    const { aligned } = alignment();
    aligned.observe('crossings', 0, { timestamp: T0 + 60_000, offset: '99' }, '100');
    aligned.observe('identity', 0, { timestamp: T0, offset: '10' }, '500');
    expect(aligned.plan(0)).toEqual({ pause: [], resume: [] });
  });

  it('lets a topic that went quiet hold nothing back (its remaining offsets may be transaction markers)', () => {
    const { aligned, advance } = alignment();
    aligned.observe('crossings', 1, { timestamp: T0 + 60_000, offset: '5000' }, '90000');
    aligned.observe('identity', 1, { timestamp: T0, offset: '100' }, '40000');
    expect(aligned.plan(1).pause).toEqual(['crossings']);
    advance(6_000);
    expect(aligned.plan(1)).toEqual({ pause: [], resume: ['crossings'] });
  });

  it('keeps partitions apart, and hands back everything paused at a rebalance', () => {
    const { aligned } = alignment();
    aligned.observe('crossings', 3, { timestamp: T0 + 60_000, offset: '5000' }, '90000');
    aligned.observe('identity', 3, { timestamp: T0, offset: '100' }, '40000');
    aligned.observe('crossings', 4, { timestamp: T0 + 60_000, offset: '5000' }, '90000');
    expect(aligned.plan(3).pause).toEqual(['crossings']);
    expect(aligned.plan(4).pause).toEqual([]);
    expect(aligned.reset()).toEqual([{ topic: 'crossings', partition: 3 }]);
    expect(aligned.partitions()).toEqual([]);
  });
});
