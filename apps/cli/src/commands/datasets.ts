import { stat } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { ApiError, reason } from '../api-client.ts';
import { multipartStream, type UploadFile } from '../multipart-upload.ts';

interface UploadOptions {
  trainImages: string;
  trainLabels: string;
  valImages?: string;
  valLabels?: string;
  testImages?: string;
  testLabels?: string;
  classes?: string;
  classNames?: string;
  validationFraction?: string;
  testFraction?: string;
  progress?: boolean;
}

/** What the API answers for a dataset (schemas/datasets.ts). */
interface DatasetView {
  id: string;
  name: string;
  sha256: string;
  storage: string;
  sizeBytes: number;
  dtype: string;
  shape: { height: number; width: number; channels: number; classes: number };
  classNames: string[] | null;
  counts: { train: number; val: number; test: number };
  sweeps: number;
  createdAt: string;
}

const FILE_OPTIONS = ['trainImages', 'trainLabels', 'valImages', 'valLabels', 'testImages', 'testLabels'] as const;
const FIELD_OPTIONS = { classes: 'classes', classNames: 'classNames', validationFraction: 'validationFraction', testFraction: 'testFraction' } as const;

/**
 * `modelspace datasets upload|list|show|delete` (docs/datasets.md): upload streams the files
 * from disk as a multipart form with a progress bar on stderr (on a terminal, or with
 * --progress); the API checks them and answers what it stored or a 400 naming the problem.
 */
export function registerDatasetsCommand(program: Command, print: (line: string) => void): void {
  const datasets = program.command('datasets').description("uploaded datasets of the key's project: what a sweep names in training.dataset");
  const conn = () => program.opts() as { url: string; apiKey?: string; json?: boolean };

  datasets
    .command('upload')
    .description('upload images and labels (IDX or .npy, uint8 or float32, gzipped or not) as a dataset')
    .argument('<name>', 'the name sweeps use (training.dataset), unique in the project')
    .requiredOption('--train-images <file>', 'N×H×W or N×H×W×C images')
    .requiredOption('--train-labels <file>', 'N class indices')
    .option('--val-images <file>', 'validation images (else --validation-fraction of the training ones)')
    .option('--val-labels <file>', 'validation labels')
    .option('--test-images <file>', 'test images (else --test-fraction of the training ones)')
    .option('--test-labels <file>', 'test labels')
    .option('--classes <n>', 'number of classes (labels are 0..n-1)')
    .option('--class-names <names>', 'class names in label order, comma-separated')
    .option('--validation-fraction <f>', 'without --val-*: this fraction of the training arrays, from their end (default 0.1)')
    .option('--test-fraction <f>', 'without --test-*: this fraction of the training arrays, from their end (default 0.1)')
    .option('--progress', 'draw the progress bar even when stderr is not a terminal')
    .action(async (name: string, o: UploadOptions) => {
      const files = await uploadFiles(o);
      const fields: Record<string, string> = { name };
      for (const [opt, field] of Object.entries(FIELD_OPTIONS)) {
        const v = o[opt as keyof typeof FIELD_OPTIONS];
        if (v !== undefined) fields[field] = v;
      }
      const showBar = !conn().json && (o.progress || process.stderr.isTTY);
      const bar = showBar
        ? new cliProgress.SingleBar(
            { format: ' upload |{bar}| {percentage}% | {sentMb}/{totalMb} MB | {file}', hideCursor: true, noTTYOutput: Boolean(o.progress), stream: process.stderr },
            cliProgress.Presets.shades_classic,
          )
        : null;
      const total = files.reduce((n, f) => n + f.size, 0);
      const mb = (n: number) => (n / 1e6).toFixed(1);
      bar?.start(Math.max(1, total), 0, { sentMb: mb(0), totalMb: mb(total), file: files[0]?.path ?? '' });
      let d: DatasetView;
      try {
        d = (await send(conn(), '/datasets', 'POST', fields, files, (sent) =>
          bar?.update(sent, { sentMb: mb(sent), totalMb: mb(total), file: fileAt(files, sent) }),
        )) as DatasetView;
      } finally {
        bar?.stop();
      }
      if (conn().json) return print(JSON.stringify(d));
      print(`dataset ${d.name} stored (${d.id})`);
      print(describe(d));
    });

  datasets
    .command('list')
    .description("list the project's datasets")
    .action(async () => {
      const { items } = (await send(conn(), '/datasets', 'GET')) as { items: DatasetView[] };
      if (conn().json) return print(JSON.stringify(items));
      if (items.length === 0) return print('no datasets: upload one with `modelspace datasets upload`');
      for (const d of items) print(`${d.name.padEnd(24)} ${shapeText(d).padEnd(22)} ${countsText(d).padEnd(30)} ${String(d.sweeps).padStart(3)} sweeps  ${d.id}`);
    });

  datasets
    .command('show')
    .description('show one dataset')
    .argument('<dataset>', 'its id or name')
    .action(async (id: string) => {
      const d = (await send(conn(), `/datasets/${encodeURIComponent(id)}`, 'GET')) as DatasetView;
      print(conn().json ? JSON.stringify(d) : `${d.name} (${d.id})\n${describe(d)}`);
    });

  datasets
    .command('delete')
    .description('delete a dataset no sweep names')
    .argument('<dataset>', 'its id or name')
    .action(async (id: string) => {
      const d = (await send(conn(), `/datasets/${encodeURIComponent(id)}`, 'DELETE')) as { id: string; name: string };
      print(conn().json ? JSON.stringify(d) : `dataset ${d.name} deleted (${d.id})`);
    });
}

/** The files named by the options, each checked to exist and be a file before anything is sent. */
async function uploadFiles(o: UploadOptions): Promise<UploadFile[]> {
  const files: UploadFile[] = [];
  for (const field of FILE_OPTIONS) {
    const path = o[field];
    if (!path) continue;
    const flag = `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const s = await stat(path).catch((err: NodeJS.ErrnoException) => {
      throw new ApiError(0, 'FILE', `${flag} ${path}: cannot read (${err.code ?? err.message})`);
    });
    if (!s.isFile()) throw new ApiError(0, 'FILE', `${flag} ${path}: not a file`);
    files.push({ field, path, size: s.size });
  }
  return files;
}

/** The file being sent once `sent` bytes have gone. */
function fileAt(files: UploadFile[], sent: number): string {
  let end = 0;
  for (const f of files) {
    end += f.size;
    if (sent < end) return f.path;
  }
  return files.at(-1)?.path ?? '';
}

async function send(
  c: { url: string; apiKey?: string },
  path: string,
  method: string,
  fields?: Record<string, string>,
  files?: UploadFile[],
  onBytes?: (n: number) => void,
): Promise<unknown> {
  const base = c.url.replace(/\/$/, '');
  const headers: Record<string, string> = c.apiKey ? { authorization: `Bearer ${c.apiKey}` } : {};
  let body: ReturnType<typeof multipartStream>['body'] | undefined;
  if (fields) {
    const form = multipartStream(fields, files ?? [], onBytes);
    headers['content-type'] = form.contentType;
    body = form.body;
  }
  let res: Response;
  try {
    res = await fetch(base + path, { method, headers, ...(body ? { body, duplex: 'half' } : {}) } as RequestInit);
  } catch (err) {
    throw new ApiError(0, 'UNREACHABLE', `cannot reach the API at ${base}: ${reason(err)}`);
  }
  const answer = (await res.json().catch(() => null)) as { error?: { code: string; message: string; issues?: { field: string; reason: string }[] } } | null;
  if (!res.ok) {
    const e = answer?.error ?? { code: `HTTP_${res.status}`, message: `${res.status} ${res.statusText}` };
    throw new ApiError(res.status, e.code, e.message, e.issues ?? []);
  }
  return answer;
}

const shapeText = (d: DatasetView) => `${d.shape.height}x${d.shape.width}x${d.shape.channels} ${d.dtype}, ${d.shape.classes} classes`;
const countsText = (d: DatasetView) => `${d.counts.train}/${d.counts.val}/${d.counts.test} train/val/test`;

function describe(d: DatasetView): string {
  return [
    `  images ${shapeText(d)}${d.classNames ? ` (${d.classNames.join(', ')})` : ''}`,
    `  split ${countsText(d)}`,
    `  sha256 ${d.sha256} (${d.storage}, ${d.sizeBytes} bytes), named by ${d.sweeps} sweep(s)`,
    `  use it: training: { dataset: ${d.name} }`,
  ].join('\n');
}
