import cliProgress from 'cli-progress';
import { pct, speedText, sweepEtaText, trialEtaText, trialLabel, type SweepWatchState, type WatchView } from './view.ts';

const FINISHED_TRIAL = new Set(['completed', 'failed', 'cancelled', 'pruned']);

export interface BarsViewOptions {
  /** Where the bars go (default: stderr, as cli-progress draws). */
  stream?: NodeJS.WritableStream;
  /** Draw on a stream that is not a terminal (tests). */
  noTTY?: boolean;
  /** The terminal's width: lines are cut to it, so the figures come before the long names. */
  columns?: number | undefined;
}

/**
 * The terminal view: an overall bar (trials finished of all, time left, best so far) and one
 * bar per running trial (epoch of max, validation error, samples/s, time per epoch and left),
 * drawn by cli-progress. Finished trials leave a line above the bars.
 *
 * Payload keys avoid cli-progress's own tokens (`eta`, `value`, `total`, ...): those win over
 * a payload's, and its `eta` (from the rate of bar updates) is wrong for epochs replayed when
 * watching a sweep already under way. A trial's name can be long (a search names its trials by
 * their parameters) and cli-progress cuts lines at the terminal's width, so names come last.
 */
export function createBarsView(print: (line: string) => void, options: BarsViewOptions = {}): WatchView {
  const multi = new cliProgress.MultiBar(
    {
      clearOnComplete: false,
      hideCursor: true,
      autopadding: true,
      format: ' {index} |{bar}| epoch {value}/{total} | val error {valError} | {speed} | {left} | {name}',
      ...(options.stream ? { stream: options.stream } : {}),
      ...(options.noTTY ? { noTTYOutput: true } : {}),
      ...(options.columns ? { barsize: Math.max(10, Math.min(40, Math.floor(options.columns / 6))) } : {}),
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  let overall: cliProgress.SingleBar | null = null;

  const finishedCount = (s: SweepWatchState) => [...s.trials.values()].filter((t) => FINISHED_TRIAL.has(t.status)).length;
  const overallPayload = (s: SweepWatchState) => ({
    name: `sweep "${s.name}"`,
    best: s.best ? `${pct(s.best.valError)} ${trialLabel(s, s.best)}` : 'none yet',
    left: sweepEtaText(s) || 'n/a',
    state: s.status,
  });
  const refreshOverall = (s: SweepWatchState) => {
    overall?.setTotal(Math.max(1, s.trials.size));
    overall?.update(finishedCount(s), overallPayload(s));
  };
  // biome-ignore lint/suspicious/noExplicitAny: an event's JSON payload, shaped by `type`
  const trialPayload = (s: SweepWatchState, d: any) => {
    const t = s.trials.get(d.trialId);
    const label = trialLabel(s, d);
    const split = label.indexOf('] ');
    return {
      index: label.slice(0, split + 1),
      name: label.slice(split + 2),
      valError: t?.epoch ? pct(t.valError) : 'n/a',
      speed: speedText(t) || 'n/a',
      left: trialEtaText(t) || 'n/a',
    };
  };

  return {
    start(s) {
      overall = multi.create(Math.max(1, s.trials.size), finishedCount(s), overallPayload(s), {
        format: ' {name} |{bar}| {value}/{total} trials done | time left {left} | {state} | best {best}',
      });
    },
    event(s, type, d) {
      if (type === 'epoch') {
        let bar = bars.get(d.trialId);
        if (!bar) {
          bar = multi.create(d.maxEpochs, 0, trialPayload(s, d));
          bars.set(d.trialId, bar);
        }
        bar.setTotal(d.maxEpochs);
        bar.update(d.epoch, trialPayload(s, d));
      } else if (type === 'trial') {
        const t = s.trials.get(d.trialId);
        if (d.status === 'running' && !bars.has(d.trialId)) {
          bars.set(d.trialId, multi.create(t?.maxEpochs || 1, 0, trialPayload(s, d)));
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
