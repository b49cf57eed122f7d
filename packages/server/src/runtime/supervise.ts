import type { Logger } from '../core/logger.js';

/**
 * Ties a running server to its process: SIGINT/SIGTERM stop it gracefully and exit 0; a second
 * signal exits at once. A stray rejected promise is logged rather than killing a process that
 * pages people (a lost database connection must not take the server down).
 */
export function superviseProcess(stop: () => Promise<void>, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    stopping = true;
    log.info({ signal }, 'stopping: finishing in-flight requests (press Ctrl-C again to exit at once)');
    stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'graceful stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection'));
}
