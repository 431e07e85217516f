import { retryDelayMs } from '../src/backoff';

/** The subscriber defaults: 1 s base, 60 s cap. */
const policy = { baseMs: 1_000, maxMs: 60_000 };
const lowest = () => 0;
/** The largest value Math.random can return. */
const highest = () => 1 - Number.EPSILON;

describe('retryDelayMs', () => {
  it('may retry at once: the lowest draw gives no delay on any attempt', () => {
    for (const attempt of [1, 2, 5, 20]) expect(retryDelayMs(policy, attempt, lowest)).toBe(0);
  });

  it('doubles the ceiling with each attempt, starting from the base', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(policy, attempt, highest))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000,
    ]);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(policy, 7, highest)).toBe(60_000);
    expect(retryDelayMs(policy, 50, highest)).toBe(60_000);
    expect(retryDelayMs({ baseMs: 1_000, maxMs: 2_500 }, 3, highest)).toBe(2_500);
  });

  it('treats attempt 0 as the first', () => {
    expect(retryDelayMs(policy, 0, highest)).toBe(1_000);
  });

  it('draws uniformly between 0 and the ceiling, in whole milliseconds', () => {
    expect(retryDelayMs(policy, 3, () => 0.5)).toBe(2_000);
    expect(retryDelayMs(policy, 3, () => 0.25)).toBe(1_000);
    expect(retryDelayMs(policy, 1, () => 0.12345)).toBe(123);
  });

  it('spreads the retries of many alerts over the whole window with the default random source', () => {
    const delays = Array.from({ length: 500 }, () => retryDelayMs(policy, 4));
    expect(delays.every((delay) => Number.isInteger(delay) && delay >= 0 && delay <= 8_000)).toBe(true);
    expect(Math.min(...delays)).toBeLessThan(2_000);
    expect(Math.max(...delays)).toBeGreaterThan(6_000);
  });
});
