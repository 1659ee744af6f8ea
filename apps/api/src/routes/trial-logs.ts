import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getTrial, getTrialLog, trialStatus } from '@modelspace/db';
import type { ApiDeps } from '../deps.ts';
import { IdParams } from '../schemas/common.ts';
import { openEventStream } from '../event-stream.ts';

/** How often a live log looks for new lines (the worker saves a running program's log every couple of seconds). */
const FOLLOW_INTERVAL_MS = 1000;
const LIVE_STATES = new Set(['queued', 'running']);
/** How long past a trial's end a live log waits for its worker's last save (a dead worker makes none). */
const FINAL_LOG_GRACE_MS = 10_000;

/** The kept lines of a saved log, each with its number since the attempt began (older ones dropped). */
function numberedLines(log: { text: string; droppedLines: number }): { first: number; lines: string[] } {
  const lines = log.text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  // The text opens with a note of the dropped lines when there are any: not an output line.
  if (log.droppedLines && lines[0]?.startsWith('[modelspace] ') && lines[0].endsWith('older lines not kept')) lines.shift();
  return { first: log.droppedLines, lines };
}

/**
 * A program trial's captured output (docs/programs.md): GET /trials/:id/logs as the worker
 * last saved it, and GET /trials/:id/logs/events following it live (Server-Sent Events, a
 * `log` event per batch of new lines, until the trial has ended).
 */
export function trialLogRoutes({ db }: ApiDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/trials/:id/logs', { schema: { params: IdParams } }, async (request) => {
      await getTrial(db, request.params.id);
      const log = await getTrialLog(db, request.params.id);
      return { trialId: request.params.id, text: log?.text ?? '', droppedLines: log?.droppedLines ?? 0, final: log?.final ?? false, updatedAt: log?.updatedAt ?? null };
    });

    app.get('/trials/:id/logs/events', { schema: { params: IdParams, summary: "A program trial's output, live (text/event-stream)" } }, async (request, reply) => {
      const trialId = request.params.id;
      await getTrial(db, trialId); // 404 before the stream starts
      reply.hijack();
      const res = reply.raw;
      openEventStream(res);
      let closed = false;
      res.on('close', () => (closed = true));
      // Lines are numbered from the attempt's start: a new attempt (a resume) starts again at 0.
      let sent = 0;
      let attemptSeen: Date | null = null;
      let endedAt: number | null = null;
      try {
        while (!closed) {
          const [log, status] = await Promise.all([getTrialLog(db, trialId), trialStatus(db, trialId)]);
          if (log) {
            const { first, lines } = numberedLines(log);
            if (first + lines.length < sent || (attemptSeen && log.updatedAt < attemptSeen)) sent = 0; // a new attempt's log replaced the old one
            attemptSeen = log.updatedAt;
            const fresh = lines.slice(Math.max(0, sent - first));
            if (fresh.length) res.write(`id: ${first + lines.length}\nevent: log\ndata: ${JSON.stringify({ trialId, lines: fresh })}\n\n`);
            sent = first + lines.length;
          }
          // The trial has ended (a cancel ends it before its program does): the stream ends once
          // the last attempt's final lines are in, or after a grace when there will be none.
          if (!status || !LIVE_STATES.has(status)) endedAt ??= Date.now();
          if (endedAt !== null && (!log || log.final || Date.now() - endedAt > FINAL_LOG_GRACE_MS)) {
            res.write(`event: end\ndata: ${JSON.stringify({ trialId, status })}\n\n`);
            break;
          }
          await new Promise((r) => setTimeout(r, FOLLOW_INTERVAL_MS));
        }
      } catch (err) {
        request.log.warn({ err, trialId }, 'log stream failed');
      } finally {
        res.end();
      }
    });
  };
}
