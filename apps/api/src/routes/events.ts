import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getSweep, trialStates, type Db } from '@modelspace/db';
import {
  compareStreamIds,
  followSweepEvents,
  STREAM_ID_PATTERN,
  isFinishedSweepStatus,
  publishSweepEvent,
  readSweepEvents,
  type QueueNames,
  type StoredSweepEvent,
} from '@modelspace/queue';
import type { Redis } from 'ioredis';
import type { ApiDeps } from '../deps.ts';
import { IdParams } from '../schemas/common.ts';
import { openEventStream } from '../event-stream.ts';

const StreamId = z.string().regex(STREAM_ID_PATTERN, 'expected a stream entry id like 1700000000000-0');
const EventsQuery = z.strictObject({
  lastEventId: StreamId.optional().describe('Resume after this event id (same as the Last-Event-ID header, for clients that cannot set headers)'),
});
const EventsHeaders = z.looseObject({
  'last-event-id': StreamId.optional().describe('Resume after this event id (EventSource sends it when it reconnects)'),
});

/** Comment lines keep proxies and idle timeouts from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * The id of the end event made up for a sweep whose stream expired: its end time, so a
 * reconnect with it is recognised as having seen the end.
 */
function expiredEndId(finishedAt: Date | null): string {
  return `${finishedAt?.getTime() ?? 0}-0`;
}

/**
 * A reconnect of a watcher that has seen the sweep's end (nothing after its id, and the
 * sweep finished): answered 204, which tells an EventSource to stop reconnecting.
 */
async function sawTheEnd(redis: Redis, names: QueueNames, sweep: { id: string; status: string; finishedAt: Date | null }, afterId: string): Promise<boolean> {
  if (afterId === '0' || !isFinishedSweepStatus(sweep.status)) return false;
  if ((await readSweepEvents(redis, names, sweep.id, { afterId, count: 1 })).length) return false;
  const streamHolds = (await readSweepEvents(redis, names, sweep.id, { afterId: '0', count: 1 })).length > 0;
  return streamHolds || compareStreamIds(afterId, expiredEndId(sweep.finishedAt)) >= 0;
}

function frame(e: StoredSweepEvent): string {
  return `id: ${e.id}\nevent: ${e.event.type}\ndata: ${JSON.stringify(e.event)}\n\n`;
}

/**
 * GET /sweeps/:id/events: Server-Sent Events of the sweep's trial state changes, epochs and
 * end, read from the sweep's Redis stream. Without Last-Event-ID the whole history is sent
 * first, so a watcher that joins late still sees every epoch; with it, exactly what came
 * after. The stream ends after the sweep's terminal event.
 */
export function eventRoutes({ db, redis, names }: ApiDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/sweeps/:id/events',
      {
        schema: {
          summary: 'Live events of a sweep (text/event-stream): trial, epoch and sweep events; resumable with Last-Event-ID',
          params: IdParams,
          querystring: EventsQuery,
          headers: EventsHeaders,
        },
      },
      async (request, reply) => {
        const sweep = await getSweep(db, request.params.id); // 404 before the stream starts
        const afterId = request.headers['last-event-id'] ?? request.query.lastEventId ?? '0';
        if (await sawTheEnd(redis, names, sweep, afterId)) return reply.status(204).send();
        reply.hijack();
        const res = reply.raw;
        openEventStream(res);

        // A blocking read ties up its connection, so each watcher gets its own.
        const reader = redis.duplicate();
        const aborted = new AbortController();
        const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
        // The response closes when the watcher goes away (or when we end it).
        res.on('close', () => {
          aborted.abort();
          reader.disconnect();
        });
        const send = (e: StoredSweepEvent) => {
          if (!res.writableEnded) res.write(frame(e));
        };
        try {
          const outcome = await streamEvents(reader, names, sweep.id, afterId, isFinishedSweepStatus(sweep.status), aborted.signal, send);
          if (outcome === 'expired') {
            // The sweep ended before its stream's retention: say how it ended, with an id a
            // reconnect can present (sawTheEnd), so an EventSource stops there.
            const current = await getSweep(db, sweep.id);
            const event = { type: 'sweep', sweepId: sweep.id, status: current.status, at: new Date().toISOString() };
            res.write(`id: ${expiredEndId(current.finishedAt)}\nevent: sweep\ndata: ${JSON.stringify(event)}\n\n`);
          }
        } catch (err) {
          if (!aborted.signal.aborted) request.log.warn({ err, sweepId: sweep.id }, 'event stream failed');
        } finally {
          clearInterval(heartbeat);
          reader.disconnect();
          res.end();
        }
      },
    );
  };
}

/**
 * Sends the history after `afterId`, then follows live until the sweep ends. A sweep that
 * had already ended when the watcher came, but whose stream holds no end event (it expired),
 * is reported as 'expired'.
 */
async function streamEvents(
  reader: Redis,
  names: QueueNames,
  sweepId: string,
  afterId: string,
  finishedAtStart: boolean,
  signal: AbortSignal,
  send: (e: StoredSweepEvent) => void,
): Promise<'finished' | 'aborted' | 'expired'> {
  let last = afterId;
  for (;;) {
    const batch = await readSweepEvents(reader, names, sweepId, { afterId: last, count: 1000 });
    if (!batch.length) break;
    for (const e of batch) {
      send(e);
      last = e.id;
      if (e.event.type === 'sweep' && isFinishedSweepStatus(e.event.status)) return 'finished';
    }
  }
  if (finishedAtStart) return 'expired';
  return followSweepEvents(reader, names, sweepId, { afterId: last, signal, onEvent: send });
}

/**
 * For routes that change trial states in bulk (cancel, and the lifecycle endpoints):
 * publishes the current state of each given trial, then the sweep's, so watchers see the
 * change as it happened. Failure to publish is logged, never fails the request.
 */
export async function publishCurrentStates(
  deps: { db: Db; redis: Redis; names: QueueNames },
  sweepId: string,
  trialIds: string[],
  log: { warn(obj: object, msg: string): void },
): Promise<void> {
  try {
    for (const t of await trialStates(deps.db, trialIds)) {
      await publishSweepEvent(deps.redis, deps.names, { type: 'trial', sweepId, trialId: t.id, index: t.index, name: t.name, status: t.status });
    }
    const sweep = await getSweep(deps.db, sweepId);
    await publishSweepEvent(deps.redis, deps.names, { type: 'sweep', sweepId, status: sweep.status });
  } catch (err) {
    log.warn({ err, sweepId }, 'sweep events not published');
  }
}
