import type { FastifyBaseLogger } from 'fastify';

/** Closes gracefully on SIGINT/SIGTERM; a second signal exits at once. */
export function onShutdownSignal(log: FastifyBaseLogger, close: () => Promise<void>): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    log.info(`${signal}: shutting down`);
    close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
