/** The stack as a library, for test set-up and the launcher. */
export * from './stack/stack';
export * from './stack/stack-config';
export * from './stack/health';
export * from './stack/select-provider';
export * from './stack/local/local-provider';
export * from './stack/local/preflight';
export * from './stack/external-provider';
export * from './stack/testcontainers-provider';
export * from './provision';
export * from './commands/services';
export { alive } from './stack/local/processes';
export { CHROMIUM } from './commands/browser';
export { kafkaNodeName, redisNodeName } from './stack/local/components';
