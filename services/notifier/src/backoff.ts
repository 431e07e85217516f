/**
 * Exponential backoff with full jitter (delay drawn uniformly from 0 to the capped exponential):
 * when a receiver comes back, the retries of many alerts spread out instead of arriving together.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export function retryDelayMs(policy: BackoffPolicy, attempt: number, random: () => number = Math.random) {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}
