import { committedTopics, groupLag } from '../src/consumer-lag';

const highs = new Map([
  [
    'alerts',
    new Map([
      [0, '100'],
      [1, '50'],
    ]),
  ],
  ['scans', new Map([[0, '10']])],
]);

describe('groupLag', () => {
  it('sums end offset minus committed offset per topic and overall', () => {
    const lag = groupLag(
      [
        { topic: 'alerts', partition: 0, offset: '90' },
        { topic: 'alerts', partition: 1, offset: '45' },
        { topic: 'scans', partition: 0, offset: '4' },
      ],
      highs,
    );
    expect(lag).toEqual({ total: 21, byTopic: { alerts: 15, scans: 6 } });
  });

  it('leaves out partitions the group never committed on', () => {
    const lag = groupLag(
      [
        { topic: 'alerts', partition: 0, offset: '-1' },
        { topic: 'alerts', partition: 1, offset: '50' },
      ],
      highs,
    );
    expect(lag).toEqual({ total: 0, byTopic: { alerts: 0 } });
  });

  it('never counts negative lag when the commit is newer than the polled end', () => {
    expect(groupLag([{ topic: 'scans', partition: 0, offset: '12' }], highs).total).toBe(0);
  });

  it('skips topics and partitions whose end offsets are unknown', () => {
    const lag = groupLag(
      [
        { topic: 'deleted', partition: 0, offset: '3' },
        { topic: 'alerts', partition: 7, offset: '3' },
      ],
      highs,
    );
    expect(lag).toEqual({ total: 0, byTopic: {} });
  });
});

describe('committedTopics', () => {
  it('lists each topic with at least one committed partition once', () => {
    expect(
      committedTopics([
        { topic: 'a', partition: 0, offset: '1' },
        { topic: 'a', partition: 1, offset: '2' },
        { topic: 'b', partition: 0, offset: '-1' },
      ]),
    ).toEqual(['a']);
  });
});
