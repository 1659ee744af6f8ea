/** The slice of a logger this needs (pino's and Fastify's both fit). */
interface InfoLogger {
  info(msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * SIGINT/SIGTERM: the first asks for a graceful close (running trials finish), the second
 * for a forced one (running trials stop now); then the process exits.
 */
export function onShutdownSignal(log: InfoLogger, close: (opts: { force: boolean }) => Promise<void>): void {
  let signals = 0;
  const handler = (signal: NodeJS.Signals) => {
    signals += 1;
    const force = signals > 1;
    log.info(force ? `${signal} again: stopping now` : `${signal}: finishing running work, then exiting`);
    close({ force }).then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
