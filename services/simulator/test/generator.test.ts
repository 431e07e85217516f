import { referenceData } from '@waspada/domain';
import {
  BORDER_CROSSING_AGENCY,
  CITIZEN_ABROAD_AGENCY,
  createIntake,
  IDENTITY_AGENCY,
  PASSPORT_AGENCY,
  PLACEMENT_AGENCY,
  WATCHLIST_AGENCY,
  type AgencyDefinition,
} from '@waspada/producer-kit';
import { generateCases, type GeneratedCase } from '../src/generator';
import { CASE_LEAD_MS, SCENARIOS } from '../src/scenarios';

const clock = () => Date.parse('2026-11-23T03:00:00Z');
const take = (seed: number, count: number): GeneratedCase[] => {
  const cases = generateCases({ seed, reference: referenceData(), traffickingShare: 0.3, clock });
  return Array.from({ length: count }, () => cases.next().value as GeneratedCase);
};

const definitions: Record<string, AgencyDefinition<never>> = {
  passport: PASSPORT_AGENCY,
  borderCrossing: BORDER_CROSSING_AGENCY,
  placement: PLACEMENT_AGENCY,
  identity: IDENTITY_AGENCY,
  citizenAbroad: CITIZEN_ABROAD_AGENCY,
  watchlist: WATCHLIST_AGENCY,
};

describe('the simulated feed', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(JSON.stringify(take(7, 50))).toBe(JSON.stringify(take(7, 50)));
    expect(JSON.stringify(take(8, 50))).not.toBe(JSON.stringify(take(7, 50)));
  });

  it('produces only records the producers accept', () => {
    const receivedAt = new Date(clock() + CASE_LEAD_MS);
    const intakes = Object.fromEntries(
      Object.entries(definitions).map(([agency, definition]) => [
        agency,
        createIntake(definition, referenceData()),
      ]),
    );
    const refused = take(11, 400).flatMap((simCase) =>
      simCase.events.flatMap((event) => {
        const result = intakes[event.agency]!(event.record, receivedAt);
        return result.ok ? [] : [{ scenario: simCase.scenario, agency: event.agency, errors: result.errors }];
      }),
    );
    expect(refused).toEqual([]);
  });

  it('covers every scenario and labels every person of an injected case as trafficking', () => {
    const cases = take(3, 1500);
    expect(new Set(cases.map((simCase) => simCase.scenario))).toEqual(
      new Set(SCENARIOS.map((scenario) => scenario.name)),
    );
    for (const simCase of cases) {
      const expected = SCENARIOS.find((scenario) => scenario.name === simCase.scenario)!.trafficking;
      expect(simCase.truth.every((truth) => truth.trafficking === expected)).toBe(true);
      const niks = new Set(simCase.events.map((event) => event.record.nik).filter(Boolean));
      for (const truth of simCase.truth) expect(niks.has(truth.nik)).toBe(true);
    }
  });

  it('ends every departure case with the scan at the counter, in event-time order', () => {
    for (const simCase of take(5, 200)) {
      const times = simCase.events.map((event) => event.eventTime);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
  });
});
