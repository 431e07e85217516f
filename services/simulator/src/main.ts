import { resolve } from 'node:path';
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
import { referenceData } from '@waspada/domain';
import { AGENCIES } from '@waspada/producer-kit';
import { runFeed, type Agency } from './feed';
import { generateCases } from './generator';

const config = parseEnvConfig(
  z.object({
    WASPADA_SIM_SEED: positiveIntSetting(20261123),
    WASPADA_SIM_RATE: positiveIntSetting(50),
    /** 0 runs until stopped. */
    WASPADA_SIM_EVENTS: z.coerce.number().int().min(0).default(0),
    WASPADA_SIM_TRAFFICKING_SHARE: z.coerce.number().min(0).max(1).default(0.1),
    WASPADA_SIM_OUTPUT_DIR: z
      .string()
      .min(1)
      .default(resolve(__dirname, '..', '..', '..', '.waspada', 'simulator')),
    WASPADA_SIM_PRODUCER_HOST: z.string().min(1).default('http://127.0.0.1'),
    WASPADA_HTTP_PORT: portSetting(18110),
    LOG_LEVEL: logLevel,
  }),
  process.env,
  { service: 'simulator', knownElsewhere: CONNECTION_SETTING_NAMES },
);

/** Where each agency's producer listens: the port its own definition defaults to. */
const PRODUCER_PORTS = Object.fromEntries(
  Object.entries(AGENCIES).map(([agency, definition]) => [agency, definition.defaultPort]),
) as Record<Agency, number>;

async function main(): Promise<void> {
  const logger = createLogger({ service: 'simulator', level: config.LOG_LEVEL });
  const metrics = createMetricsRegistry('simulator');
  const sent = new Counter({
    name: 'waspada_simulator_events_sent_total',
    help: 'Events posted to producers',
    labelNames: ['agency'],
    registers: [metrics],
  });
  const producers = Object.fromEntries(
    Object.entries(PRODUCER_PORTS).map(([agency, port]) => [
      agency,
      `${config.WASPADA_SIM_PRODUCER_HOST}:${port}`,
    ]),
  ) as Record<Agency, string>;
  const ops = createOpsServer({
    service: 'simulator',
    host: '127.0.0.1',
    port: config.WASPADA_HTTP_PORT,
    metrics,
    logger,
    readiness: {},
  });
  await ops.start();

  // Producers start beside the simulator; wait until every one answers ready.
  for (const [agency, url] of Object.entries(producers)) {
    for (let attempt = 0; ; attempt++) {
      const ready = await fetch(`${url}/health/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      if (attempt === 600) throw new Error(`the ${agency} producer at ${url} is not ready after 60 s`);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
    }
  }
  let running = true;
  const groundTruthFile = resolve(
    config.WASPADA_SIM_OUTPUT_DIR,
    `ground-truth-seed-${config.WASPADA_SIM_SEED}.ndjson`,
  );
  logger.info(
    { rate: config.WASPADA_SIM_RATE, seed: config.WASPADA_SIM_SEED, groundTruthFile },
    `simulated feed: ${config.WASPADA_SIM_RATE} events/s, ground truth in ${groundTruthFile}`,
  );
  const done = runFeed(
    generateCases({
      seed: config.WASPADA_SIM_SEED,
      reference: referenceData(),
      traffickingShare: config.WASPADA_SIM_TRAFFICKING_SHARE,
      clock: Date.now,
    }),
    {
      producers,
      rate: config.WASPADA_SIM_RATE,
      limit: config.WASPADA_SIM_EVENTS,
      groundTruthFile,
      logger,
      onSent: (agency, count) => sent.inc({ agency }, count),
    },
    () => running,
  );
  onShutdown(async () => {
    running = false;
    await done;
    await ops.close();
  }, logger);
  const total = await done;
  logger.info({ total }, `simulated feed finished: ${total} events sent`);
  if (config.WASPADA_SIM_EVENTS > 0) {
    await ops.close();
    process.exit(0);
  }
}

runMain('simulator', main);
