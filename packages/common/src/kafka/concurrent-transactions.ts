/**
 * A transaction begun right after the same producer's last one committed finds the coordinator
 * still writing the last one's markers (the broker answers EndTxn before it writes them), and the
 * broker refuses the new one's first AddPartitionsToTxn or AddOffsetsToTxn with
 * CONCURRENT_TRANSACTIONS for the few milliseconds that takes. The Java client tries again after
 * 20 ms. KafkaJS 2.2.4 tries a send again after its retry time (200 ms here), but does not try
 * AddOffsetsToTxn again at all: a processor window whose task published nothing failed on it and
 * was fetched again. A window commits every 25 ms, so this is common: measured on the development
 * stack, 1 of 300 offsets-only transactions of one producer failed on it. This tries that step
 * again.
 */

/** The waits before each new try of a step refused as concurrent: 10 ms doubling, about 10 s in all. */
const CONCURRENT_WAITS_MS = [10, 20, 40, 80, 160, 320, 640, 1_280, 2_560, 5_000];

export function isConcurrentTransactions(error: unknown): boolean {
  return (error as { type?: unknown } | null)?.type === 'CONCURRENT_TRANSACTIONS';
}

/**
 * Runs a transaction step again while the broker answers CONCURRENT_TRANSACTIONS (a refused step
 * changed nothing, so trying it again is safe); any other error, or the last refusal, is thrown.
 */
export async function retryWhileConcurrent<T>(
  step: () => Promise<T>,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      const delay = CONCURRENT_WAITS_MS[attempt];
      if (!isConcurrentTransactions(error) || delay === undefined) throw error;
      await wait(delay);
    }
  }
}
