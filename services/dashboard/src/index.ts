/** The public entry of @waspada/dashboard, for tests that start it in-process. */
export { startDashboard, DASHBOARD_GROUP_PREFIX, type Dashboard, type DashboardConfig } from './dashboard';
export { SERVICE } from './dashboard-metrics';
export { DEFAULT_METRICS_TARGETS, parseMetricsTargets, type MetricsTarget } from './metrics-targets';
export { analystGuard, requireAnalyst } from './analyst-auth';
export { ANALYST_INDEX_GROUP, analystIndexGroup } from './analyst/analyst-indexer';
// The analyst index alone, for tests against a real Redis under a key prefix of their own.
export { createAnalystStore, type AnalystStore } from './analyst/analyst-store';
