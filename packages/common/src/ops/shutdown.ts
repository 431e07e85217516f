import type { Logger } from '../logging/logger';

/**
 * Runs `close` once on SIGTERM or SIGINT, so in-flight work drains before the process exits. A
 * second signal, or a drain longer than `graceMs`, exits at once with a non-zero code.
 */
export function onShutdown(close: () => Promise<void>, logger: Logger, graceMs = 30_000): void {
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
