/** The simulator's case generator as a library, for tests and benchmarks; `main.ts` is the feed service. */
export { generateCases, type GeneratedCase } from './generator';
export { CASE_LEAD_MS, SCENARIOS, type Agency, type GroundTruth, type SimEvent } from './scenarios';
export { simulatedEvents, simulatedFeed } from './events';
export { HISTORY_MS, recordingWaves } from './recording-order';
