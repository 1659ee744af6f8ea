import cliProgress from 'cli-progress';
import { pct, sweepEtaText, trialEtaText, trialLabel, type SweepWatchState, type WatchView } from './view.ts';

const FINISHED_TRIAL = new Set(['completed', 'failed', 'cancelled', 'pruned']);

/**
 * The terminal view: an overall bar (trials finished of all, best so far) and one bar per
 * running trial (epoch of max, validation error, ETA), drawn by cli-progress. Finished
 * trials leave a line above the bars.
 */
export function createBarsView(print: (line: string) => void): WatchView {
  const multi = new cliProgress.MultiBar(
    {
      clearOnComplete: false,
      hideCursor: true,
      autopadding: true,
      // The ETA is ours (from the epochs' own durations): cli-progress's, from the rate of
      // updates, is wrong for the history replayed when watching a sweep already under way.
      format: ' {label} |{bar}| epoch {value}/{total} | val error {valError} | {eta}',
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  let overall: cliProgress.SingleBar | null = null;

  const finishedCount = (s: SweepWatchState) => [...s.trials.values()].filter((t) => FINISHED_TRIAL.has(t.status)).length;
  const overallPayload = (s: SweepWatchState) => ({
    label: `sweep "${s.name}"`,
    best: s.best ? `${trialLabel(s, s.best)} ${pct(s.best.valError)}` : 'none yet',
    eta: sweepEtaText(s) || 'n/a',
    state: s.status,
  });
  const refreshOverall = (s: SweepWatchState) => {
    overall?.setTotal(Math.max(1, s.trials.size));
    overall?.update(finishedCount(s), overallPayload(s));
  };

  return {
    start(s) {
      overall = multi.create(Math.max(1, s.trials.size), finishedCount(s), overallPayload(s), {
        format: ' {label} |{bar}| {value}/{total} trials done | best {best} | ETA {eta} | {state}',
      });
    },
    event(s, type, d) {
      if (type === 'epoch') {
        let bar = bars.get(d.trialId);
        if (!bar) {
          bar = multi.create(d.maxEpochs, 0, { label: trialLabel(s, d), valError: 'n/a', eta: '' });
          bars.set(d.trialId, bar);
        }
        bar.setTotal(d.maxEpochs);
        bar.update(d.epoch, { label: trialLabel(s, d), valError: pct(d.valError), eta: trialEtaText(s.trials.get(d.trialId)) });
      } else if (type === 'trial') {
        const t = s.trials.get(d.trialId);
        if (d.status === 'running' && !bars.has(d.trialId)) {
          bars.set(d.trialId, multi.create(t?.maxEpochs || 1, 0, { label: trialLabel(s, d), valError: 'n/a', eta: '' }));
        }
        if (FINISHED_TRIAL.has(d.status) || d.status === 'queued') {
          const bar = bars.get(d.trialId);
          if (bar) {
            multi.remove(bar);
            bars.delete(d.trialId);
          }
          if (FINISHED_TRIAL.has(d.status)) {
            const result = d.status === 'completed' ? `: best val error ${pct(d.bestValError)}, test error ${pct(d.testError)}` : d.error ? `: ${d.error}` : '';
            multi.log(`${trialLabel(s, d)}  ${d.status}${result}\n`);
          }
        }
      }
      refreshOverall(s);
    },
    stop(s) {
      refreshOverall(s);
      multi.stop();
      if (s.best) print(`best so far: ${trialLabel(s, s.best)} val error ${pct(s.best.valError)}`);
    },
  };
}
