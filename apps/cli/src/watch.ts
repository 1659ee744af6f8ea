import type { ApiClient, TrialView } from './api-client.ts';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);
const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/**
 * Follows a sweep by polling until it ends, printing each trial's state changes and each
 * epoch as it is written. Returns the sweep's final status.
 */
export async function watchSweep(
  client: ApiClient,
  sweepId: string,
  opts: { intervalMs?: number; print: (line: string) => void },
): Promise<string> {
  const seenEpochs = new Map<string, number>();
  const seenStatus = new Map<string, string>();
  for (;;) {
    const sweep = await client.sweep(sweepId);
    const trials = await client.trials(sweepId);
    for (const t of trials) await reportTrial(client, t, trials.length, seenStatus, seenEpochs, opts.print);
    if (FINISHED.has(sweep.status)) return sweep.status;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1000));
  }
}

async function reportTrial(
  client: ApiClient,
  t: TrialView,
  total: number,
  seenStatus: Map<string, string>,
  seenEpochs: Map<string, number>,
  print: (line: string) => void,
) {
  const label = `[${t.index + 1}/${total}] ${t.name}`;
  const before = seenEpochs.get(t.id) ?? 0;
  if ((t.status === 'running' || FINISHED.has(t.status)) && (t.epochsRun ?? Infinity) > before) {
    for (const e of await client.epochs(t.id)) {
      if (e.epoch <= before) continue;
      print(
        `${label}  epoch ${e.epoch}/${t.training.maxEpochs}  train loss ${e.trainLoss.toFixed(4)}  ` +
          `val error ${pct(e.valError)}  ${Math.round(e.samplesPerSec).toLocaleString('en-US')} samples/s`,
      );
      seenEpochs.set(t.id, e.epoch);
    }
  }
  if (seenStatus.get(t.id) !== t.status) {
    seenStatus.set(t.id, t.status);
    if (t.status === 'running') print(`${label}  training${t.backend ? ` on ${t.backend}` : ''}`);
    if (t.status === 'completed') {
      print(`${label}  completed: best val error ${pct(t.bestValError!)} (epoch ${t.bestEpoch}), test error ${pct(t.testError!)}, stopped by ${t.stopReason}`);
    }
    if (t.status === 'failed') print(`${label}  failed: ${t.error}`);
    if (t.status === 'cancelled') print(`${label}  cancelled`);
  }
}
