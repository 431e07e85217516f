/** The public entry of @waspada/risk-rules: pure functions, no I/O beyond reading a rule-set file. */
export * from './alert-diff';
export * from './context';
export * from './evaluate';
export * from './ledger';
export * from './links';
export * from './names/name-match';
export * from './person/person-state';
export * from './person/person-view';
export * from './procedures/procedure-table';
export * from './person/timeline';
export * from './ruleset/rule-set';
export * from './ruleset/rule-lifecycle';
export * from './situations';
export * from './rejudge';
export * from './reason-text';
export { RULES } from './rules';
export { reason, type Reason, type Rule, type RuleHit } from './rules';
export * from './flapping';
