import { FlapCounter } from '../src';

const alert = (
  alertId: string,
  firstAlertId: string,
  kind: 'NEW' | 'ESCALATED' | 'DOWNGRADED' | 'RESOLVED',
  alertTime: number,
) => ({
  alertId,
  firstAlertId,
  kind,
  alertTime,
});

describe('flapping', () => {
  it('counts a NEW alert resolved or downgraded within a minute, once, and nothing later or escalated', () => {
    const counter = new FlapCounter();
    counter.observe(alert('a', 'a', 'NEW', 0));
    counter.observe(alert('a1', 'a', 'RESOLVED', 59_000));
    counter.observe(alert('a1', 'a', 'RESOLVED', 59_000));
    counter.observe(alert('b', 'b', 'NEW', 0));
    counter.observe(alert('b1', 'b', 'ESCALATED', 1_000));
    counter.observe(alert('b2', 'b', 'DOWNGRADED', 61_000));
    counter.observe(alert('c', 'c', 'NEW', 0));
    counter.observe(alert('c1', 'c', 'DOWNGRADED', 30_000));
    counter.observe(alert('c2', 'c', 'RESOLVED', 40_000));
    expect(counter.newAlerts).toBe(3);
    expect(counter.flapped).toBe(2);
    expect(counter.share).toBeCloseTo(2 / 3);
  });

  it('reads an empty topic as no flapping', () => {
    expect(new FlapCounter().share).toBe(0);
  });
});
