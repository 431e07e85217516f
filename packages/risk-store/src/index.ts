/**
 * The public entry of @waspada/risk-store: what the risk processor keeps and publishes that other
 * services read too. Its Redis layout (person state, ledgers, outboxes), the rule-change log, the
 * shadow diff, and the agency topics they rest on.
 */
export * from './person-topics';
export * from './rule-change-log';
export * from './shadow-diff';
export * from './shadow-group';
export * from './state-store';
