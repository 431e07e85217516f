import { limitHeapGrowth } from '../../src/ops/heap-growth';

describe('limitHeapGrowth', () => {
  it('refuses a growth that is not a whole percent of at least one, saying what it got', () => {
    expect(() => limitHeapGrowth(0)).toThrow('heap growth must be a whole percent ≥ 1, not 0');
    expect(() => limitHeapGrowth(12.5)).toThrow(/not 12.5/);
  });
});
