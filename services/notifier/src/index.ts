/** The notifier as a library, for tests and benchmarks that start it in-process; `main.ts` is the service. */
export { startNotifier, type Notifier, type NotifierConfig, type NotifierRole } from './notifier';
export { retryDelayMs } from './backoff';
export { DeskLog } from './desk-log';
export { openNotifierIo } from './notifier-io';
export { notifierMetrics } from './notifier-metrics';
export { redeliver, type RedeliverySummary } from './redeliver';
export { webhookGroup } from './webhook-dispatcher';
export { openSseStream, type SseConnection, type SseMessage } from './sse-client';
