/**
 * The public entry of @waspada/delivery: what the notifier sends and an agency's receiver checks.
 * Both sides read the same delivery file and the same signature scheme from here.
 */
export * from './alert-views';
export * from './delivery-config';
export * from './subscription-filter';
export * from './webhook-signing';
