/** The notifier as a library: tests and other services start it or use its pure parts. */
export { startNotifier, type Notifier, type NotifierConfig, type NotifierRole } from './notifier';
export {
  LOCAL_DELIVERY_FILE,
  loadDeliveryConfig,
  hashToken,
  type DeliveryConfig,
  type Subscriber,
  type FieldProfile,
} from './delivery-config';
export { subscriberView, deskView, type SubscriberView, type AlertView } from './alert-views';
export { matchesFilter } from './routing';
export { signWebhook, verifyWebhookSignature, SIGNATURE_HEADER, IDEMPOTENCY_HEADER } from './webhook-signing';
export { retryDelayMs } from './backoff';
export { DeskLog } from './desk-log';
export { openNotifierIo } from './notifier-io';
export { notifierMetrics } from './notifier-metrics';
export { redeliver, type RedeliverySummary } from './redeliver';
export { webhookGroup } from './webhook-dispatcher';
export { openSseStream, type SseConnection, type SseMessage } from './sse-client';
