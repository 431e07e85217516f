import { createTopicAlignment } from '../src/topic-alignment';

const T0 = Date.UTC(2026, 10, 20, 8, 0);

function alignment() {
  let now = T0;
  const aligned = createTopicAlignment({
    slackMs: 1_000,
    farBehind: 1_000n,
    quietMs: 5_000,
    quietBatches: 20,
    clock: () => now,
  });
  return { aligned, advance: (ms: number) => (now += ms) };
}

describe('topic-partitions read in step while behind', () => {
  it('pauses crossings that ran a minute ahead of Dukcapil records still far behind, and resumes them once those catch up', () => {
    const { aligned } = alignment();
    aligned.observe('crossings', 2, { timestamp: T0 + 60_000, offset: '5000' }, '90000');
    aligned.observe('identity', 2, { timestamp: T0, offset: '100' }, '40000');
    expect(aligned.plan()).toEqual({ pause: [{ topic: 'crossings', partition: 2 }], resume: [] });
    // Asked again with nothing new: nothing to change.
    expect(aligned.plan()).toEqual({ pause: [], resume: [] });
    // Dukcapil's records reach the crossings' time: the crossings go on.
    aligned.observe('identity', 2, { timestamp: T0 + 60_000, offset: '30000' }, '40000');
    expect(aligned.plan()).toEqual({ pause: [], resume: [{ topic: 'crossings', partition: 2 }] });
  });

  it('keeps partitions in step too: the parents on partition 5 are on the booking of a child on partition 3', () => {
    const { aligned } = alignment();
    aligned.observe('crossings', 3, { timestamp: T0 + 60_000, offset: '5000' }, '90000');
    aligned.observe('passports', 5, { timestamp: T0, offset: '100' }, '40000');
    expect(aligned.plan().pause).toEqual([{ topic: 'crossings', partition: 3 }]);
    expect(aligned.horizon('crossings', 3)).toBe(T0);
  });

  it('never pauses a caught-up topic, nor anything when nothing is far behind: live records go straight through', () => {
    const { aligned } = alignment();
    aligned.observe('crossings', 0, { timestamp: T0 + 60_000, offset: '99' }, '100');
    aligned.observe('identity', 0, { timestamp: T0, offset: '10' }, '500');
    expect(aligned.plan()).toEqual({ pause: [], resume: [] });
    expect(aligned.horizon('crossings', 0)).toBe(Infinity);
  });

  it('lets a topic that went quiet hold nothing back (its remaining offsets may be transaction markers)', () => {
    const { aligned, advance } = alignment();
    aligned.observe('crossings', 1, { timestamp: T0 + 60_000, offset: '5000' }, '90000');
    aligned.observe('identity', 1, { timestamp: T0, offset: '100' }, '40000');
    expect(aligned.plan().pause).toEqual([{ topic: 'crossings', partition: 1 }]);
    // Six seconds with no batch of anything: a slow window, not a quiet topic.
    advance(6_000);
    expect(aligned.plan()).toEqual({ pause: [], resume: [] });
    // Others went on delivering while it gave nothing: quiet.
    for (let batch = 0; batch < 20; batch += 1)
      aligned.observe('passports', 1, { timestamp: T0 + batch, offset: String(batch) }, '20');
    expect(aligned.plan()).toEqual({ pause: [], resume: [{ topic: 'crossings', partition: 1 }] });
  });

  it('hands back everything paused at a rebalance', () => {
    const { aligned } = alignment();
    aligned.observe('crossings', 3, { timestamp: T0 + 60_000, offset: '5000' }, '90000');
    aligned.observe('identity', 3, { timestamp: T0, offset: '100' }, '40000');
    expect(aligned.plan().pause).toEqual([{ topic: 'crossings', partition: 3 }]);
    expect(aligned.reset()).toEqual([{ topic: 'crossings', partition: 3 }]);
    expect(aligned.horizon('crossings', 3)).toBe(Infinity);
  });
});

describe('how far a topic-partition may run ahead of the others', () => {
  it('is bounded by the earliest other still far behind and delivering, from the assignment on', () => {
    const { aligned, advance } = alignment();
    // At assignment: the placements hold 40,000 records past the group's position, time unknown.
    aligned.expect('placements', 2, 40_000n);
    aligned.expect('identity', 2, 3n);
    expect(aligned.horizon('crossings', 2)).toBe(-Infinity);
    aligned.observe('placements', 2, { timestamp: T0, offset: '100' }, '40000');
    expect(aligned.horizon('crossings', 2)).toBe(T0);
    // A topic-partition never bounds itself, and one only a few records behind bounds nothing.
    expect(aligned.horizon('placements', 2)).toBe(Infinity);
    // No batch of it for longer than stalledMs, whatever else happened: it holds nothing back.
    advance(6_000);
    expect(aligned.horizon('crossings', 2)).toBe(T0);
    advance(30_000);
    expect(aligned.horizon('crossings', 2)).toBe(Infinity);
  });
});
