import { referenceData } from '@waspada/domain';
import { generateCases } from './generator';
import { CASE_LEAD_MS, type SimEvent } from './scenarios';

/** At least `count` events of whole simulated cases for one seed: the feed benchmarks replay. */
export function simulatedEvents(seed: number, count: number, traffickingShare: number): SimEvent[] {
  const cases = generateCases({
    seed,
    reference: referenceData(),
    traffickingShare,
    clock: () => Date.now() - CASE_LEAD_MS,
  });
  const out: SimEvent[] = [];
  while (out.length < count) {
    const next = cases.next();
    if (next.done) break;
    out.push(...next.value.events);
  }
  return out;
}
