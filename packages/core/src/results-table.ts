import { convNetArchitecture } from './conv-architecture.ts';
import { softmaxBeta, type DropoutPlacement, type TrialModel } from './model.ts';
import { paramText } from './program.ts';
import { poolStride, type LayersModel } from './layer-stack.ts';

/** What a results table needs of a trial (a Trial row from the API or the database). */
export interface TrialSummary {
  index: number;
  name: string;
  status: string;
  model: TrialModel;
  bestValError: number | null;
  testError: number | null;
  bestEpoch: number | null;
  epochsRun: number | null;
  stopReason: string | null;
  durationMs: number | null;
  paramCount?: number | null; // trainable parameters, once the trial has built its model
}

export const RESULT_COLUMNS = [
  'Model',
  'Name',
  'Kind',
  'Activation',
  'Nb Maps',
  'Filter',
  'Dropout',
  'Pooling',
  'Stride',
  'Data Aug',
  'Params',
  'Status',
  'Epochs',
  'Best epoch',
  'Val error %',
  'Test error %',
  'Stopped by',
  'Time s',
] as const;

const pct = (v: number | null) => (v === null ? '' : (v * 100).toFixed(2));

/** The seed's words for dropout placement (its table's "Dropout" column). */
const DROPOUT_LABELS: Record<DropoutPlacement, string> = { none: 'no', 'one-fc': '1 in FC', 'all-fc': '2 in FC', 'conv-and-fc': 'CV&FC' };
const POOLING_LABELS = { max: 'Max', l2: 'L2', average: 'Avg' } as const;

/**
 * The seed's architecture columns of one model: Kind, Activation, Nb Maps ("5 Col, 64, 64,
 * 128": columns, conv maps, dense widths), Filter ("5, 5"), Dropout, Pooling, Stride ("yes"
 * when windows overlap; size/stride shown when not the usual 2/2), Data Aug ("4 times").
 */
export function modelCells(m: TrialModel): string[] {
  // A program's architecture is its own: its params stand where the seed's maps do.
  if (m.kind === 'program') {
    const params = Object.entries(m.params).map(([k, v]) => `${k}=${paramText(v)}`);
    return [`program ${m.program}`, '', params.join(' '), '', '', '', '', ''];
  }
  const aug = m.augmentation ? `${m.augmentation.expansion} times${m.augmentation.maxRotation === 20 ? '' : ` ±${m.augmentation.maxRotation}°`}` : 'no';
  if (m.kind === 'layers') return layerStackCells(m, aug);
  if (m.kind !== 'convnet') {
    const kind = m.kind === 'softmax' && softmaxBeta(m) !== -1 ? `softmax β=${softmaxBeta(m)}` : m.kind;
    return [kind, m.kind === 'logistic' ? 'sigmoid' : 'softmax', '', '', 'no', '', '', aug];
  }
  const a = convNetArchitecture(m);
  const cols = a.columns.length > 1 ? `${a.columns.length} Col, ` : '';
  const { type, size, stride } = a.pooling;
  const geometry = size === 2 && stride === 2 ? '' : ` (${size}/${stride})`;
  return [
    m.kind,
    a.activation,
    cols + [...a.conv.map((c) => c.maps), ...a.dense].join(', '),
    a.conv.map((c) => c.filter).join(', '),
    DROPOUT_LABELS[a.dropout.placement],
    POOLING_LABELS[type],
    (stride < size ? 'yes' : 'no') + geometry,
    aug,
  ];
}

/** A layer stack in the same columns: its activations, widths, kernels, dropout, pooling, overlap. */
function layerStackCells(m: LayersModel, aug: string): string[] {
  const unique = (xs: string[]) => [...new Set(xs)].join(', ');
  const pools = m.layers.flatMap((l) => (l.type === 'maxPool' || l.type === 'avgPool' || l.type === 'l2Pool' ? [l] : []));
  const cols = (m.columns ?? 1) > 1 ? `${m.columns} Col, ` : '';
  const widths = m.layers.flatMap((l) => (l.type === 'conv2d' ? [l.filters] : l.type === 'dense' ? [l.units] : []));
  return [
    `layers (${m.layers.length})`,
    unique(m.layers.flatMap((l) => ('activation' in l && l.activation ? [l.activation] : []))) || 'linear',
    cols + widths.join(', '),
    m.layers.flatMap((l) => (l.type === 'conv2d' ? [l.kernel] : [])).join(', '),
    m.layers.some((l) => l.type === 'dropout') ? 'yes' : 'no',
    unique(pools.map((l) => POOLING_LABELS[l.type === 'maxPool' ? 'max' : l.type === 'avgPool' ? 'average' : 'l2'])),
    pools.some((l) => poolStride(l) < l.size) ? 'yes' : 'no',
    aug,
  ];
}

/** One row per trial, in the seed's spirit (section 2.2.1), as strings. */
export function resultRows(trials: TrialSummary[]): string[][] {
  return [...trials]
    .sort((a, b) => a.index - b.index)
    .map((t) => [
      String(t.index + 1),
      t.name,
      ...modelCells(t.model),
      t.paramCount == null ? '' : String(t.paramCount),
      t.status,
      t.epochsRun === null ? '' : String(t.epochsRun),
      t.bestEpoch === null ? '' : String(t.bestEpoch),
      pct(t.bestValError),
      pct(t.testError),
      t.stopReason ?? '',
      t.durationMs === null ? '' : (t.durationMs / 1000).toFixed(1),
    ]);
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
