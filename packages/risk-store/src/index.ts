/**
 * The public entry of @waspada/risk-store: what the risk processor keeps and publishes that other
 * services read too. Its Redis layout (person state, ledgers, outboxes), the rule-change and rule-job logs, the
 * shadow diff, and the agency topics they rest on.
 */
export * from './person-topics';
export * from './rule-change-log';
export * from './rule-job-log';
export * from './exemption-log';
export * from './topic-fold';
export * from './shadow-diff';
export * from './shadow-group';
export * from './state-store';
