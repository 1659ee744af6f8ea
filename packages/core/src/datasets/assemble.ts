import type { DataShape } from '../data-shape.ts';
import { type ArrayFile, DatasetUploadError } from './array-file.ts';
import type { DatasetFileField, DatasetLimits } from './dataset-limits.ts';
import { DEFAULT_SPLIT_FRACTION } from './dataset-limits.ts';
import { allocateDataset } from './dataset-blob.ts';
import { parseIdxFile } from './idx-file.ts';
import { NPY_MAGIC, parseNpyFile } from './npy-file.ts';

/**
 * A dataset: every split's images (train, then validation, then test) and labels, one array
 * each; `blob`, when present, is its stored form, which `images` and `labels` are views of.
 */
export interface DatasetContents {
  blob?: Uint8Array<ArrayBuffer>;
  dtype: 'uint8' | 'float32';
  shape: DataShape;
  classNames: string[] | null;
  counts: { train: number; val: number; test: number };
  /** counts.train + counts.val + counts.test images of height·width·channels values, row-major HWC. */
  images: Uint8Array | Float32Array;
  labels: Uint8Array;
}

/** Everything of an upload besides its files. */
export interface DatasetOptions {
  classes?: number | undefined;
  classNames?: string[] | undefined;
  validationFraction?: number | undefined;
  testFraction?: number | undefined;
}

/** An .npy or IDX array, told apart by its first bytes. */
export function parseArrayFile(buf: Uint8Array, field: string): ArrayFile {
  if (buf.length > 0 && buf[0] === NPY_MAGIC[0]) return parseNpyFile(buf, field);
  if (buf.length >= 2 && buf[0] === 0 && buf[1] === 0) return parseIdxFile(buf, field);
  const head = Array.from(buf.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new DatasetUploadError(field, `bad magic number (${head || 'empty file'}): neither a .npy file ("\\x93NUMPY") nor an IDX file (00 00, type, rank)`);
}

/**
 * Checks the parsed arrays against each other and the options, and lays them out as one
 * dataset: images rank 3 (N, H, W: one channel) or 4 (N, H, W, C), all splits the same
 * H×W×C and dtype (uint8 or float32, finite); labels rank 1 (or N×1), integers in
 * [0, classes), one per image. A split without its own files is the given fraction of the
 * training arrays, taken from their end: [train | validation | test].
 */
export function assembleDataset(files: Partial<Record<DatasetFileField, ArrayFile>>, options: DatasetOptions, limits: DatasetLimits): DatasetContents {
  const classes = classCount(options, limits);
  const train = pair(files, 'train', classes);
  if (!train) throw new DatasetUploadError('trainImages', 'required: the training images (and trainLabels)');
  const shape = imageShape(train.images, 'trainImages', limits);
  const given = { val: pair(files, 'val', classes), test: pair(files, 'test', classes) };
  for (const [split, p] of Object.entries(given)) {
    if (!p) continue;
    const s = imageShape(p.images, `${split}Images`, limits);
    if (s.join('x') !== shape.join('x')) throw new DatasetUploadError(`${split}Images`, `images are ${s.join('x')}, but trainImages are ${shape.join('x')}`);
    if (p.images.dtype !== train.images.dtype) throw new DatasetUploadError(`${split}Images`, `dtype ${p.images.dtype}, but trainImages are ${train.images.dtype}`);
  }
  const n = train.count;
  const testCut = given.test ? 0 : fractionCount(n, options.testFraction, 'testFraction');
  const valCut = given.val ? 0 : fractionCount(n, options.validationFraction, 'validationFraction');
  const counts = { train: n - valCut - testCut, val: given.val?.count ?? valCut, test: given.test?.count ?? testCut };
  for (const [split, count] of Object.entries(counts)) {
    if (count < 1)
      throw new DatasetUploadError(
        split === 'train' ? 'trainImages' : split === 'val' ? 'validationFraction' : 'testFraction',
        `leaves the ${split} split with ${count} images: every split needs at least one`,
      );
  }
  const size = shape[0]! * shape[1]! * shape[2]!;
  // Laid out in the stored blob itself: the upload's arrays are copied once, not twice.
  const laid = allocateDataset({
    version: 1,
    dtype: train.images.dtype === 'float32' ? 'float32' : 'uint8',
    shape: { height: shape[0]!, width: shape[1]!, channels: shape[2]!, classes },
    classNames: options.classNames ?? null,
    counts,
  });
  const { images, labels } = laid;
  // Training file first (its own train, then the cut validation and test parts), then the given files.
  images.set(train.images.data as typeof images, 0);
  labels.set(train.labels, 0);
  let at = n;
  for (const p of [given.val, given.test]) {
    if (!p) continue;
    images.set(p.images.data as typeof images, at * size);
    labels.set(p.labels, at);
    at += p.count;
  }
  // With a given validation file but a test fraction, the cut test part sits at the end of the
  // training file, before the validation file: move it after.
  if (given.val && testCut > 0) reorderTestAfterVal(images, labels, size, counts);
  return laid;
}

function classCount(o: DatasetOptions, limits: DatasetLimits): number {
  if (o.classNames && o.classes !== undefined && o.classNames.length !== o.classes) {
    throw new DatasetUploadError('classNames', `${o.classNames.length} names for classes ${o.classes}`);
  }
  const classes = o.classes ?? o.classNames?.length;
  if (classes === undefined) throw new DatasetUploadError('classes', 'required: the number of classes (or classNames, one per class)');
  if (!Number.isInteger(classes) || classes < 2 || classes > limits.maxClasses)
    throw new DatasetUploadError(o.classes === undefined ? 'classNames' : 'classes', `${classes} classes: expected 2 to ${limits.maxClasses}`);
  return classes;
}

function fractionCount(n: number, fraction: number | undefined, field: string): number {
  const f = fraction ?? DEFAULT_SPLIT_FRACTION;
  if (!(f > 0 && f < 1)) throw new DatasetUploadError(field, `${f} is not a fraction in (0, 1)`);
  return Math.round(n * f);
}

/** [H, W, C] of an images array, checked against the limits. */
function imageShape(a: ArrayFile, field: string, limits: DatasetLimits): number[] {
  if (a.dtype !== 'uint8' && a.dtype !== 'float32') throw new DatasetUploadError(field, `unsupported dtype ${a.dtype}: images are uint8 (0..255) or float32`);
  if (a.shape.length !== 3 && a.shape.length !== 4) throw new DatasetUploadError(field, `shape ${a.shape.join('x')}: images are N×H×W (grey) or N×H×W×C`);
  const [, h, w, c = 1] = a.shape as [number, number, number, number?];
  if (a.shape[0] === 0) throw new DatasetUploadError(field, 'holds no images');
  if (h < 1 || w < 1 || h > limits.maxSide || w > limits.maxSide) throw new DatasetUploadError(field, `images are ${h}x${w}: height and width must be 1 to ${limits.maxSide}`);
  if (c < 1 || c > limits.maxChannels) throw new DatasetUploadError(field, `${c} channels: expected 1 to ${limits.maxChannels}`);
  if (a.dtype === 'float32') {
    const d = a.data as Float32Array;
    for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) throw new DatasetUploadError(field, `value ${d[i]} at element ${i} is not finite`);
  }
  return [h, w, c];
}

/** A split's images and labels, checked together; null when neither file is given. */
function pair(
  files: Partial<Record<DatasetFileField, ArrayFile>>,
  split: 'train' | 'val' | 'test',
  classes: number,
): { images: ArrayFile; labels: Uint8Array; count: number } | null {
  const images = files[`${split}Images`];
  const labels = files[`${split}Labels`];
  if (!images && !labels) return null;
  if (!images) throw new DatasetUploadError(`${split}Images`, `required with ${split}Labels`);
  if (!labels) throw new DatasetUploadError(`${split}Labels`, `required with ${split}Images`);
  const field = `${split}Labels`;
  if (labels.dtype === 'float32') throw new DatasetUploadError(field, 'unsupported dtype float32: labels are integers (class indices)');
  if (!(labels.shape.length === 1 || (labels.shape.length === 2 && labels.shape[1] === 1)))
    throw new DatasetUploadError(field, `shape ${labels.shape.join('x')}: labels are one class index per image (N, or N×1)`);
  const count = images.shape[0] ?? 0;
  if (labels.shape[0] !== count) throw new DatasetUploadError(field, `${labels.shape[0]} labels for ${count} images in ${split}Images`);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const v = labels.data[i]!;
    if (!(v >= 0 && v < classes)) throw new DatasetUploadError(field, `label ${v} at index ${i} is outside the classes 0..${classes - 1}`);
    out[i] = v;
  }
  return { images, labels: out, count };
}

/** Turns [train | test-cut | val file] into [train | val | test] in place (rare: a val file with a test fraction). */
function reorderTestAfterVal(images: Uint8Array | Float32Array, labels: Uint8Array, size: number, counts: { train: number; val: number; test: number }): void {
  const from = counts.train;
  const testImages = images.slice(from * size, (from + counts.test) * size);
  const testLabels = labels.slice(from, from + counts.test);
  images.copyWithin(from * size, (from + counts.test) * size, (from + counts.test + counts.val) * size);
  labels.copyWithin(from, from + counts.test, from + counts.test + counts.val);
  images.set(testImages as never, (from + counts.val) * size);
  labels.set(testLabels, from + counts.val);
}
