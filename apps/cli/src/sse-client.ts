import { FINISHED_SWEEP_STATES } from '@modelspace/core';
import { EventSourceParserStream, type EventSourceMessage } from 'eventsource-parser/stream';

/** One Server-Sent Event of a sweep: its stream id (for Last-Event-ID), type and JSON data. */
export interface SweepStreamEvent {
  id: string | undefined;
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: the JSON payload, whose shape depends on `type` (docs/api.md)
  data: any;
}

const FINISHED = new Set<string>(FINISHED_SWEEP_STATES);

export class StreamError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'StreamError';
  }
}

/**
 * Follows GET /sweeps/:id/events until the sweep ends, yielding each event in order. A
 * dropped connection is resumed with Last-Event-ID after a short wait, so nothing is missed
 * or repeated; an HTTP error (unknown sweep, bad request) ends it with a StreamError.
 */
export async function* followSweepStream(
  baseUrl: string,
  sweepId: string,
  opts: { headers?: Record<string, string>; lastEventId?: string; signal?: AbortSignal; retryMs?: number; maxRetries?: number } = {},
): AsyncGenerator<SweepStreamEvent> {
  let lastEventId = opts.lastEventId;
  let failures = 0;
  for (;;) {
    let res: Response;
    try {
      res = await fetch(`${baseUrl.replace(/\/$/, '')}/sweeps/${encodeURIComponent(sweepId)}/events`, {
        headers: { accept: 'text/event-stream', ...opts.headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        signal: opts.signal,
      });
    } catch (err) {
      if (opts.signal?.aborted) return;
      if (++failures > (opts.maxRetries ?? 5)) {
        const cause = (err as Error).cause as Error | undefined;
        throw new StreamError(`cannot reach the API at ${baseUrl}: ${cause?.message ?? (err as Error).message}`, 0, 'UNREACHABLE');
      }
      await new Promise((r) => setTimeout(r, opts.retryMs ?? 1000));
      continue;
    }
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
      throw new StreamError(body.error?.message ?? `HTTP ${res.status}`, res.status, body.error?.code ?? `HTTP_${res.status}`);
    }
    failures = 0;
    const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const msg = value as EventSourceMessage;
        if (msg.id) lastEventId = msg.id;
        const event: SweepStreamEvent = { id: msg.id, type: msg.event ?? 'message', data: JSON.parse(msg.data) };
        yield event;
        if (event.type === 'sweep' && FINISHED.has(event.data.status)) return;
      }
    } catch {
      if (opts.signal?.aborted) return;
      // The connection broke mid-stream: resume from the last id below.
    } finally {
      await reader.cancel().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, opts.retryMs ?? 1000));
  }
}
