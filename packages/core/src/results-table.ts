import type { ModelSpec } from './model.ts';

/** What a results table needs of a trial (a Trial row from the API or the database). */
export interface TrialSummary {
  index: number;
  name: string;
  status: string;
  model: ModelSpec;
  bestValError: number | null;
  testError: number | null;
  bestEpoch: number | null;
  epochsRun: number | null;
  stopReason: string | null;
  durationMs: number | null;
}

export const RESULT_COLUMNS = [
  'Model',
  'Name',
  'Kind',
  'Activation',
  'Nb Maps',
  'Filter',
  'Dense',
  'Status',
  'Epochs',
  'Best epoch',
  'Val error %',
  'Test error %',
  'Stopped by',
  'Time s',
] as const;

const pct = (v: number | null) => (v === null ? '' : (v * 100).toFixed(2));

/** One row per trial, in the seed's spirit (section 2.2.1), as strings. */
export function resultRows(trials: TrialSummary[]): string[][] {
  return [...trials]
    .sort((a, b) => a.index - b.index)
    .map((t) => {
      const m = t.model;
      const conv = m.kind === 'convnet';
      return [
        String(t.index + 1),
        t.name,
        m.kind,
        conv ? m.activation : '',
        conv ? m.featureMaps.join(', ') : '',
        conv ? `${m.filterSize}x${m.filterSize}` : '',
        conv ? String(m.denseUnits) : '',
        t.status,
        t.epochsRun === null ? '' : String(t.epochsRun),
        t.bestEpoch === null ? '' : String(t.bestEpoch),
        pct(t.bestValError),
        pct(t.testError),
        t.stopReason ?? '',
        t.durationMs === null ? '' : (t.durationMs / 1000).toFixed(1),
      ];
    });
}

/** A Markdown table, padded so it also reads well as plain text. */
export function markdownTable(header: readonly string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function resultsMarkdown(trials: TrialSummary[]): string {
  return markdownTable(RESULT_COLUMNS, resultRows(trials));
}
