import { createLogger, type OutgoingRecord } from '@waspada/common';
import type { BatchDeps } from '../../src/batch-processor';
import { createOutboxRecovery } from '../../src/outbox-recovery';
import type { PersonCache } from '../../src/person-cache';
import type { ProcessorMetrics } from '../../src/processor-metrics';
import { createWindowJudge } from '../../src/window-judge';

const logger = createLogger({ service: 'window-judge-test', level: 'silent' });

/**
 * A window judge with nothing around it: no outbox to carry, every watchlist entry and exemption
 * already read, alerts as empty records on `alerts`.
 */
export function testWindowJudge(
  deps: BatchDeps,
  options: {
    readonly stateComplete: () => boolean;
    readonly windowJudged?: ProcessorMetrics['windowJudged'];
    readonly people?: Pick<PersonCache, 'keep' | 'forget' | 'generation'>;
  },
) {
  return createWindowJudge({
    deps,
    io: {
      store: { stateComplete: () => Promise.resolve(options.stateComplete()) },
      alertRecord: (alert): OutgoingRecord => ({
        topic: 'alerts',
        key: alert.alertId,
        value: Buffer.alloc(0),
      }),
    },
    watchlist: { waitFor: () => Promise.resolve(true) },
    exemptions: { waitFor: () => Promise.resolve(true) },
    recovery: createOutboxRecovery({
      store: { outbox: () => Promise.resolve(undefined) },
      committedOffset: () => Promise.resolve(undefined),
      logger,
    }),
    metrics: { windowJudged: options.windowJudged ?? (() => undefined) },
    records: { rejudge: () => [], deadLetters: () => [] },
    ...(options.people && { people: options.people }),
    logger,
  });
}
