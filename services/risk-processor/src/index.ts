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
export { runBacktest, type BacktestOutcome, type BacktestRun } from './backtest/run-backtest';
export { LIVE_HISTORY_TOPICS, type HistoryTopics } from './backtest/history';
export { buildReport, reportMarkdown, writeReport, type BacktestReport } from './backtest/report';
export { DEFAULT_REVIEW_THRESHOLDS, type ReviewThresholds } from './backtest/metrics';
export { readGroundTruth } from './backtest/labels';
export { createProgressBar } from './backtest/progress-bar';
export { startShadowRun, type ShadowRunConfig } from './shadow-run';
export {
  startRuleJobWorker,
  type RuleJobWorker,
  type RuleJobWorkerConfig,
} from './rule-jobs/rule-job-worker';
export { actorFrom, rulesCommand, loadLiveRuleSet } from './rules-command';
