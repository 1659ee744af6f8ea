import type { Redis } from 'ioredis';
import { FINISHED_SWEEP_STATES, type EpochMetrics } from '@modelspace/core';
import type { QueueNames } from './trial-queue.ts';

/**
 * A sweep's live events: trial state changes, each epoch's metrics and the sweep's own
 * state, appended to one Redis Stream per sweep. A stream (not pub/sub, not process memory)
 * so that any API instance can serve any watcher, and a watcher that reconnects with the
 * last entry id it saw (SSE Last-Event-ID) reads on from there without a gap.
 */

export interface TrialStateEvent {
  type: 'trial';
  sweepId: string;
  trialId: string;
  index: number;
  name: string;
  status: string;
  /** Set when the trial finished: its result, for watchers that do not query the API. */
  bestValError?: number | null;
  testError?: number | null;
  bestEpoch?: number | null;
  epochsRun?: number | null;
  durationMs?: number | null;
  stopReason?: string | null;
  backend?: string | null;
  error?: string | null;
  at: string;
}

export interface EpochEvent extends EpochMetrics {
  type: 'epoch';
  sweepId: string;
  trialId: string;
  index: number;
  name: string;
  maxEpochs: number;
  at: string;
}

export interface SweepStateEvent {
  type: 'sweep';
  sweepId: string;
  status: string;
  at: string;
}

export type SweepEvent = TrialStateEvent | EpochEvent | SweepStateEvent;
/** What a publisher supplies; the time is stamped here. */
export type SweepEventInput = Omit<TrialStateEvent, 'at'> | Omit<EpochEvent, 'at'> | Omit<SweepStateEvent, 'at'>;

/** An event as read back, with its stream entry id (the SSE event id). */
export interface StoredSweepEvent {
  id: string;
  event: SweepEvent;
}

/** Bounds each stream's length (approximately, which Redis trims cheaply). */
export const SWEEP_EVENTS_MAXLEN = 100_000;
/** A finished sweep's stream is kept a week; its history stays in Postgres after that. */
export const SWEEP_EVENTS_TTL_SECONDS = 7 * 24 * 3600;

export function sweepEventsKey(names: QueueNames, sweepId: string): string {
  return `${names.prefix}:sweep-events:${sweepId}`;
}

/** Appends one event to the sweep's stream; returns its entry id. */
export async function publishSweepEvent(redis: Redis, names: QueueNames, input: SweepEventInput): Promise<string> {
  const key = sweepEventsKey(names, input.sweepId);
  const event = { ...input, at: new Date().toISOString() } as SweepEvent;
  const [[addErr, id], [ttlErr]] = (await redis
    .multi()
    .xadd(key, 'MAXLEN', '~', String(SWEEP_EVENTS_MAXLEN), '*', 'type', event.type, 'data', JSON.stringify(event))
    .expire(key, SWEEP_EVENTS_TTL_SECONDS)
    .exec()) as [[Error | null, string], [Error | null, unknown]];
  if (addErr || ttlErr) throw addErr ?? ttlErr;
  return id;
}

/**
 * Publishing an event must never fail the work it reports on (a trial that trained is not
 * lost because Redis blinked); the event is dropped and the failure logged instead.
 */
export async function publishSweepEventSafely(redis: Redis, names: QueueNames, input: SweepEventInput, onError: (err: unknown) => void): Promise<void> {
  try {
    await publishSweepEvent(redis, names, input);
  } catch (err) {
    onError(err);
  }
}

function decode(entries: [string, string[]][]): StoredSweepEvent[] {
  const out: StoredSweepEvent[] = [];
  for (const [id, fields] of entries) {
    const at = fields.indexOf('data');
    if (at < 0 || at % 2 !== 0) continue;
    try {
      out.push({ id, event: JSON.parse(fields[at + 1]!) as SweepEvent });
    } catch {
      // An entry that is not ours is skipped, not fatal for every watcher.
    }
  }
  return out;
}

/** Stream entry ids look like `1700000000000-0`; anything else is rejected before Redis sees it. */
export const STREAM_ID_PATTERN = /^\d{1,20}-\d{1,20}$/;
export function isStreamId(id: string): boolean {
  return STREAM_ID_PATTERN.test(id);
}

/** Orders two stream ids (milliseconds, then sequence): negative, zero or positive. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}

/**
 * Reads the events after `afterId` ('0' for the whole history). With `blockMs` it waits up
 * to that long for new ones, which ties up the connection: give each waiting reader its own.
 */
export async function readSweepEvents(redis: Redis, names: QueueNames, sweepId: string, opts: { afterId: string; count?: number; blockMs?: number }): Promise<StoredSweepEvent[]> {
  const key = sweepEventsKey(names, sweepId);
  const count = String(opts.count ?? 500);
  const reply = (
    opts.blockMs === undefined
      ? await redis.xread('COUNT', count, 'STREAMS', key, opts.afterId)
      : await redis.xread('COUNT', count, 'BLOCK', String(opts.blockMs), 'STREAMS', key, opts.afterId)
  ) as [string, [string, string[]][]][] | null;
  return reply ? decode(reply[0]![1]) : [];
}

/** A sweep in a terminal state: after its end event, no more events come for it. */
export function isFinishedSweepStatus(status: string): boolean {
  return (FINISHED_SWEEP_STATES as readonly string[]).includes(status);
}

/**
 * For whatever ends sweeps (a trial's end, a scheduling step, a lifecycle request): tells
 * watchers the sweep is over once its status says so. Publishing it twice is harmless.
 */
export async function publishSweepEndIfFinished(redis: Redis, names: QueueNames, sweepId: string, status: string, onError: (err: unknown) => void): Promise<void> {
  if (isFinishedSweepStatus(status)) await publishSweepEventSafely(redis, names, { type: 'sweep', sweepId, status }, onError);
}

/**
 * Follows a sweep's stream from `afterId`, calling onEvent for each event in order, until
 * the sweep finishes (a terminal `sweep` event) or `signal` aborts. Uses `reader` for its
 * blocking reads, so pass a connection of its own.
 */
export async function followSweepEvents(
  reader: Redis,
  names: QueueNames,
  sweepId: string,
  opts: { afterId: string; signal: AbortSignal; blockMs?: number; onEvent: (e: StoredSweepEvent) => void | Promise<void> },
): Promise<'finished' | 'aborted'> {
  let last = opts.afterId;
  while (!opts.signal.aborted) {
    const batch = await readSweepEvents(reader, names, sweepId, { afterId: last, blockMs: opts.blockMs ?? 10_000 });
    for (const e of batch) {
      last = e.id;
      await opts.onEvent(e);
      if (e.event.type === 'sweep' && isFinishedSweepStatus(e.event.status)) return 'finished';
    }
  }
  return 'aborted';
}
