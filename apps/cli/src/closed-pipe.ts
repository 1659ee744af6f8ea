/**
 * `modelspace table ID | head -1`: once the reader has gone, writing to stdout fails with
 * EPIPE. A Unix tool stops quietly then (there is no one left to tell), rather than dying
 * with an unhandled 'error' event's stack trace.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
