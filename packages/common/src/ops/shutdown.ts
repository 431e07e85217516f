import type { Logger } from '../logging/logger';

/** One thing to stop: a service, then what it reports through (its tracing), in that order. */
export type ShutdownStep = () => Promise<void>;

/**
 * Runs the steps once, one after the other, on SIGTERM or SIGINT, so in-flight work drains before
 * the process exits. A second signal, or a drain longer than `graceMs`, exits at once with a
 * non-zero code.
 */
export function onShutdown(
  steps: ShutdownStep | readonly ShutdownStep[],
  logger: Logger,
  graceMs = 30_000,
): void {
  const close = async () => {
    for (const step of typeof steps === 'function' ? [steps] : steps) await step();
  };
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting without finishing the drain');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down: draining in-flight work');
    // Kept referenced: a drain that hangs on a promise with nothing else pending must still end in exit 1.
    setTimeout(() => {
      logger.error({ graceMs }, 'drain took too long: exiting');
      process.exit(1);
    }, graceMs);
    close().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

/**
 * A service's entry point: runs `start`, and turns a failure to start (a bad setting, a server
 * that cannot be reached) into one line naming the service and exit code 1, not a stack trace.
 */
export function runMain(service: string, start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    process.stderr.write(`${service}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
