/** The risk processor as a library, for tests and benchmarks; `main.ts` is the service. */
export {
  startRiskProcessor,
  openProcessorIo,
  SERVICE,
  type ProcessorConfig,
  type RiskProcessor,
} from './risk-processor';
export { rebuildState, type RebuildSummary } from './rebuild';
export { replayRules } from './replay';
export { createStateStore, type StateStore } from './state-store';
