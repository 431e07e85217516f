import { Faker, id_ID, en, base } from '@faker-js/faker';
import type { ReferenceData } from '@waspada/domain';
import { createPopulation } from './population';
import { SCENARIOS, type SimCase } from './scenarios';

export interface GeneratedCase extends SimCase {
  readonly scenario: string;
}

/**
 * A deterministic stream of cases: the same seed and clock give the same people, scenarios and
 * records, so a run can be reproduced and its ground truth trusted. `traffickingShare` scales the
 * injected cases against the ordinary ones.
 */
export function* generateCases(options: {
  seed: number;
  reference: ReferenceData;
  traffickingShare: number;
  clock: () => number;
}): Generator<GeneratedCase> {
  const faker = new Faker({ locale: [id_ID, en, base], seed: options.seed });
  const person = createPopulation(faker, options.reference, new Date(options.clock()));
  const ordinary = SCENARIOS.filter((scenario) => !scenario.trafficking);
  const injected = SCENARIOS.filter((scenario) => scenario.trafficking);
  let index = 0;
  for (;;) {
    index += 1;
    const pool = faker.number.float({ min: 0, max: 1 }) < options.traffickingShare ? injected : ordinary;
    const scenario = faker.helpers.weightedArrayElement(
      pool.map((entry) => ({ weight: entry.weight, value: entry })),
    );
    const built = scenario.build({
      faker,
      person,
      now: options.clock(),
      // The seed is part of every case id, and so of the ids made from it (watchlist entries,
      // applications, placements, reports): two feeds never overwrite each other's records.
      caseId: `S${options.seed}-C${String(index).padStart(6, '0')}`,
    });
    // Sent in event-time order, as agencies would report them live.
    yield {
      ...built,
      events: [...built.events].sort((a, b) => a.eventTime - b.eventTime),
      scenario: scenario.name,
    };
  }
}
