import { EPOCH_WINDOW, FINISHED_SWEEP_STATES } from '@modelspace/core';
import type { ApiClient, TrialView } from './api-client.ts';
import { createBarsView } from './views/bars-view.ts';
import { createJsonView } from './views/json-view.ts';
import { createLinesView } from './views/lines-view.ts';
import type { SweepWatchState, TrialInfo, WatchView } from './views/view.ts';

export type WatchMode = 'bars' | 'lines' | 'json';

const FINISHED = new Set<string>(FINISHED_SWEEP_STATES);

/** Progress bars on a terminal; one line per event when piped or logged (a bar is noise in a file). */
export function defaultWatchMode(json: boolean, stream: NodeJS.WriteStream = process.stdout): WatchMode {
  if (json) return 'json';
  return stream.isTTY ? 'bars' : 'lines';
}

function trialInfo(t: TrialView): TrialInfo {
  return { id: t.id, index: t.index, name: t.name, status: t.status, maxEpochs: t.training?.maxEpochs ?? 0, bestValError: t.bestValError, recentEpochMs: [] };
}

/**
 * Follows a sweep live from its event stream (GET /sweeps/:id/events) until it ends,
 * showing it in the chosen view. Returns the sweep's final status.
 */
export async function watchSweep(client: ApiClient, sweepId: string, opts: { print: (line: string) => void; mode?: WatchMode }): Promise<string> {
  const sweep = await client.sweep(sweepId);
  const trials = await client.trials(sweepId);
  const state: SweepWatchState = {
    sweepId,
    name: sweep.name,
    status: sweep.status,
    maxTrials: sweep.maxTrials ?? null,
    trials: new Map(trials.map((t) => [t.id, trialInfo(t)])),
    best: null,
  };
  for (const t of state.trials.values()) noteBest(state, t.id, t.bestValError);
  const view: WatchView = {
    bars: () => createBarsView(opts.print, { columns: process.stdout.columns }),
    lines: () => createLinesView(opts.print),
    json: () => createJsonView(opts.print),
  }[opts.mode ?? 'lines']();
  view.start(state);
  try {
    for await (const e of client.events(sweepId)) {
      apply(state, e.type, e.data);
      view.event(state, e.type, e.data, e.id);
      if (e.type === 'sweep' && FINISHED.has(e.data.status)) break;
    }
  } finally {
    view.stop(state);
  }
  return state.status;
}

function noteBest(state: SweepWatchState, trialId: string, valError: number | null | undefined) {
  if (valError == null) return;
  if (!state.best || valError < state.best.valError) {
    const t = state.trials.get(trialId);
    state.best = { trialId, name: t?.name ?? trialId, index: t?.index ?? 0, valError };
  }
}

/** Folds one event into the watch state that every view reads. */
// biome-ignore lint/suspicious/noExplicitAny: an event's JSON payload, shaped by `type`
function apply(state: SweepWatchState, type: string, d: any) {
  if (type === 'sweep') {
    state.status = d.status;
    return;
  }
  const t: TrialInfo = state.trials.get(d.trialId) ?? {
    id: d.trialId,
    index: d.index,
    name: d.name,
    status: 'queued',
    maxEpochs: d.maxEpochs ?? 0,
    bestValError: null,
    recentEpochMs: [],
  };
  state.trials.set(t.id, t);
  if (type === 'epoch') {
    t.epoch = d.epoch;
    t.maxEpochs = d.maxEpochs;
    t.valError = d.valError;
    t.status = 'running';
    t.bestSoFar = Math.min(t.bestSoFar ?? Infinity, d.valError);
    if (typeof d.samplesPerSec === 'number') t.samplesPerSec = d.samplesPerSec;
    if (typeof d.durationMs === 'number') t.recentEpochMs = [...t.recentEpochMs.slice(-(EPOCH_WINDOW - 1)), d.durationMs];
    noteBest(state, t.id, d.valError);
  }
  if (type === 'trial') {
    t.status = d.status;
    if (d.bestValError != null) t.bestValError = d.bestValError;
    if (d.status === 'completed') noteBest(state, t.id, d.bestValError);
  }
}
