// The comparison of two to four trials: their parameters side by side (a row whose values
// differ is highlighted), their final metrics (the best of each in bold) and their learning
// curves on one chart.
import { formatValue, trialValues } from './parameter-table.js';

/** One colour per compared trial: its column heading and its curve. */
export const COMPARE_COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];

const METRICS = [
  ['best val error', (t) => t.bestValError, 'pct', 'low'],
  ['test error', (t) => t.testError, 'pct', 'low'],
  ['best epoch', (t) => t.bestEpoch, 'int'],
  ['epochs run', (t) => t.epochsRun, 'int'],
  ['time s', (t) => (t.durationMs == null ? null : t.durationMs / 1000), 'sec', 'low'],
  ['parameters', (t) => t.paramCount, 'int'],
  ['state', (t) => t.status, 'text'],
  ['stopped by', (t) => t.stopReason, 'text'],
];

/** The comparison table's HTML for `trials` (2 to 4). */
export function compareTableHtml(trials, { esc, pct }) {
  const values = trials.map(trialValues);
  const paths = [...new Set(values.flatMap((v) => Object.keys(v)))];
  const differs = (p) => new Set(values.map((v) => JSON.stringify(v[p] ?? null))).size > 1;
  // Differences first: they are what a comparison is for.
  const ordered = [...paths.filter(differs), ...paths.filter((p) => !differs(p))];
  const head = `<tr><th></th>${trials
    .map((t, i) => `<th><span class="swatch" style="background:${COMPARE_COLOURS[i]}"></span> #${t.index + 1} ${esc(t.name)}</th>`)
    .join('')}</tr>`;
  const paramRows = ordered
    .map((p) => `<tr class="${differs(p) ? 'differs' : ''}" data-param="${esc(p)}"><th>${esc(p)}</th>${values.map((v) => `<td>${esc(formatValue(v[p]))}</td>`).join('')}</tr>`)
    .join('');
  const show = (x, kind) => (x == null ? '—' : kind === 'pct' ? pct(x) : kind === 'sec' ? x.toFixed(1) : String(x));
  const metricRows = METRICS.map(([label, get, kind, better]) => {
    const xs = trials.map(get);
    const nums = xs.filter((x) => typeof x === 'number');
    const best = better === 'low' && nums.length > 1 ? Math.min(...nums) : null;
    return `<tr class="metric"><th>${esc(label)}</th>${xs.map((x) => `<td class="${x === best ? 'best-value' : ''}">${esc(show(x, kind))}</td>`).join('')}</tr>`;
  }).join('');
  return `<table class="compare"><thead>${head}</thead><tbody>${metricRows}<tr><th colspan="${trials.length + 1}" class="section">parameters (differences first)</th></tr>${paramRows}</tbody></table>`;
}
