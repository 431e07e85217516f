import { z } from 'zod';
import {
  CONNECTION_SETTING_NAMES,
  Counter,
  createLogger,
  createMetricsRegistry,
  createOpsServer,
  logLevel,
  onShutdown,
  runMain,
  parseEnvConfig,
  portSetting,
  positiveIntSetting,
} from '@waspada/common';
import {
  IDEMPOTENCY_HEADER,
  LOCAL_DELIVERY_FILE,
  loadDeliveryConfig,
  type SubscriberView,
} from '@waspada/delivery';
import { headerText, verifierOf } from './signature-check';

const SERVICE = 'agency-inbox';

/**
 * What an agency's webhook endpoint must do, as a working example: verify the signature over the
 * raw body and a recent timestamp, answer 2xx only once the alert is safely taken, and treat a
 * repeated message id as already done. It serves every subscriber of the delivery file whose URL
 * points at it (the local pipeline's sample agencies) and lists what each received.
 *
 * A Standard Webhooks request is verified with the standard's own library, as an agency would in
 * any language: `new Webhook(secret).verify(body, headers)` checks webhook-id, webhook-timestamp
 * (at most five minutes off) and any one of the signatures in webhook-signature.
 */
async function main(): Promise<void> {
  const config = parseEnvConfig(
    z.object({
      WASPADA_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
      WASPADA_HTTP_PORT: portSetting(18150),
      WASPADA_DELIVERY_FILE: z.string().min(1).default(LOCAL_DELIVERY_FILE),
      /**
       * For waspada-v0 subscribers, how far a signature's timestamp may be from now: older requests
       * are refused as replays. Standard Webhooks fixes it at five minutes.
       */
      WASPADA_SIGNATURE_TOLERANCE_SECONDS: positiveIntSetting(300),
      WASPADA_INBOX_KEEP: positiveIntSetting(200),
      LOG_LEVEL: logLevel,
    }),
    process.env,
    {
      service: SERVICE,
      // Started beside the other services with the same environment; these are theirs.
      knownElsewhere: CONNECTION_SETTING_NAMES,
    },
  );
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const subscribers = new Map(
    loadDeliveryConfig(config.WASPADA_DELIVERY_FILE, process.env).subscribers.map((subscriber) => [
      subscriber.id,
      verifierOf(subscriber, config.WASPADA_SIGNATURE_TOLERANCE_SECONDS),
    ]),
  );
  const metrics = createMetricsRegistry(SERVICE);
  const received = new Counter({
    name: 'waspada_inbox_requests_total',
    help: 'Webhook requests, by subscriber and outcome (accepted, repeated, bad_signature, unknown)',
    labelNames: ['subscriber', 'outcome'],
    registers: [metrics],
  });
  // In memory, as an example; a real endpoint stores the alert before it answers 2xx.
  const inbox = new Map<string, { keys: Set<string>; alerts: SubscriberView[] }>();
  const KEYS_KEPT = 50_000;

  const ops = createOpsServer({
    service: SERVICE,
    host: config.WASPADA_HTTP_HOST,
    port: config.WASPADA_HTTP_PORT,
    metrics,
    readiness: {},
    logger,
  });
  // The signature is over the exact bytes sent, so the body is taken as text, not re-serialised JSON.
  ops.app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  ops.app.post<{ Params: { subscriber: string }; Body: string }>(
    '/webhooks/:subscriber',
    async (request, reply) => {
      const { subscriber } = request.params;
      const verify = subscribers.get(subscriber);
      if (!verify) {
        received.inc({ subscriber, outcome: 'unknown' });
        return reply.code(404).send({ error: 'no such subscriber here' });
      }
      const check = verify(request.body, request.headers);
      if (!check.ok) {
        received.inc({ subscriber, outcome: 'bad_signature' });
        logger.warn({ subscriber, reason: check.reason }, 'webhook refused');
        return reply.code(401).send({ error: check.reason });
      }
      let box = inbox.get(subscriber);
      if (!box) inbox.set(subscriber, (box = { keys: new Set(), alerts: [] }));
      // The standard's message id, which the notifier keeps across retries (the alert id); the
      // Idempotency-Key header carries the same for waspada-v0 receivers.
      const key =
        headerText(request.headers, 'webhook-id') ?? headerText(request.headers, IDEMPOTENCY_HEADER) ?? '';
      if (box.keys.has(key)) {
        received.inc({ subscriber, outcome: 'repeated' });
        return reply.code(200).send({ status: 'already received' });
      }
      box.keys.add(key);
      // Sets iterate in insertion order: the oldest key goes first.
      if (box.keys.size > KEYS_KEPT) box.keys.delete(box.keys.values().next().value as string);
      box.alerts.unshift(JSON.parse(request.body) as SubscriberView);
      box.alerts.length = Math.min(box.alerts.length, config.WASPADA_INBOX_KEEP);
      received.inc({ subscriber, outcome: 'accepted' });
      return reply.code(204).send();
    },
  );
  ops.app.get('/webhooks', async () =>
    Object.fromEntries([...inbox].map(([subscriber, box]) => [subscriber, box.alerts])),
  );
  await ops.start();
  logger.info({ subscribers: [...subscribers.keys()] }, 'agency inbox listening');
  onShutdown(() => ops.close(), logger);
}

runMain(SERVICE, () => main());
