import { isConcurrentTransactions, retryWhileConcurrent } from '../../src/kafka/concurrent-transactions';

const concurrent = () =>
  Object.assign(new Error('another operation on the same transaction'), {
    type: 'CONCURRENT_TRANSACTIONS',
  });

describe('retryWhileConcurrent', () => {
  it('tries a step again, soon, while the broker says the last transaction is still ending', async () => {
    const waits: number[] = [];
    let tries = 0;
    const result = await retryWhileConcurrent(
      async () => {
        tries += 1;
        if (tries < 3) throw concurrent();
        return 'added';
      },
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(result).toBe('added');
    expect(waits).toEqual([10, 20]);
  });

  it('throws any other error at once', async () => {
    const waits: number[] = [];
    let tries = 0;
    const fenced = Object.assign(new Error('fenced'), { type: 'INVALID_PRODUCER_EPOCH' });
    await expect(
      retryWhileConcurrent(
        async () => {
          tries += 1;
          throw fenced;
        },
        async (ms) => {
          waits.push(ms);
        },
      ),
    ).rejects.toBe(fenced);
    expect(tries).toBe(1);
    expect(waits).toEqual([]);
  });

  it("gives up after about ten seconds of refusals, with the broker's error", async () => {
    const waits: number[] = [];
    await expect(
      retryWhileConcurrent(
        async () => {
          throw concurrent();
        },
        async (ms) => {
          waits.push(ms);
        },
      ),
    ).rejects.toMatchObject({ type: 'CONCURRENT_TRANSACTIONS' });
    expect(waits).toHaveLength(10);
    const total = waits.reduce((sum, ms) => sum + ms, 0);
    expect(total).toBeGreaterThan(9_000);
    expect(total).toBeLessThan(11_000);
  });

  it('knows the refusal by its KafkaJS type only', () => {
    expect(isConcurrentTransactions(concurrent())).toBe(true);
    expect(isConcurrentTransactions(new Error('CONCURRENT_TRANSACTIONS'))).toBe(false);
    expect(isConcurrentTransactions(undefined)).toBe(false);
  });
});
