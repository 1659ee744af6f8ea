import type { ServerResponse } from 'node:http';

/**
 * Starts a Server-Sent Events answer on a hijacked reply: the stream's headers (no caching,
 * no proxy buffering) and the reconnect delay an EventSource should use.
 */
export function openEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: do not buffer the stream
  });
  res.write('retry: 2000\n\n');
}
