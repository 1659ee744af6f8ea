import { pct, sweepEtaText, trialEtaText, trialLabel, type WatchView } from './view.ts';

/** One line per event: for logs, pipes and CI, where progress bars would be noise. */
export function createLinesView(print: (line: string) => void): WatchView {
  return {
    start() {},
    event(state, type, d) {
      if (type === 'epoch') {
        const sweepEta = sweepEtaText(state);
        const eta = [trialEtaText(state.trials.get(d.trialId)), sweepEta && `sweep ${sweepEta}`].filter(Boolean).join(', ');
        print(
          `${trialLabel(state, d)}  epoch ${d.epoch}/${d.maxEpochs}  train loss ${d.trainLoss.toFixed(4)}  ` +
            `val error ${pct(d.valError)}  ${Math.round(d.samplesPerSec).toLocaleString('en-US')} samples/s` +
            (eta ? `  ${eta}` : ''),
        );
      } else if (type === 'trial') {
        const label = trialLabel(state, d);
        if (d.status === 'running') print(`${label}  training`);
        else if (d.status === 'completed') {
          print(`${label}  completed: best val error ${pct(d.bestValError)} (epoch ${d.bestEpoch}), ` + `test error ${pct(d.testError)}, stopped by ${d.stopReason ?? 'n/a'}`);
        } else if (d.status === 'failed') print(`${label}  failed: ${d.error ?? 'unknown error'}`);
        else if (d.status === 'queued' && d.error) print(`${label}  failed, will retry: ${d.error}`);
        else if (d.status !== 'queued') print(`${label}  ${d.status}`);
      } else if (type === 'sweep' && state.best) {
        print(`best so far: ${trialLabel(state, state.best)} val error ${pct(state.best.valError)}`);
      }
    },
    stop() {},
  };
}
