import { referenceData } from '@waspada/domain';
import { generateCases } from './generator';
import { CASE_LEAD_MS, type SimEvent } from './scenarios';

/** At least `count` events of whole simulated cases for one seed: the feed benchmarks replay. */
export function simulatedEvents(seed: number, count: number, traffickingShare: number): SimEvent[] {
  return simulatedFeed(seed, count, traffickingShare).events;
}

/** The same feed, with the NIKs of the people in legitimate cases: a benchmark's false-alert base. */
export function simulatedFeed(
  seed: number,
  count: number,
  traffickingShare: number,
): { events: SimEvent[]; legitimate: ReadonlySet<string> } {
  const cases = generateCases({
    seed,
    reference: referenceData(),
    traffickingShare,
    clock: () => Date.now() - CASE_LEAD_MS,
  });
  const out: SimEvent[] = [];
  const legitimate = new Set<string>();
  while (out.length < count) {
    const next = cases.next();
    if (next.done) break;
    out.push(...next.value.events);
    for (const truth of next.value.truth) if (!truth.trafficking) legitimate.add(truth.nik);
  }
  return { events: out, legitimate };
}
