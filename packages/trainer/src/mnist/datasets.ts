import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltInDataset } from '@modelspace/core';
import { MnistError } from './error.ts';
import { MNIST_FILES, defaultMnistDir, loadMnist, type MnistData } from './load.ts';

/** Where Debian's dataset-fashion-mnist package puts the four IDX files (gzipped). */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Where each built-in dataset's IDX files are read from, unless a worker is told otherwise. */
export interface DatasetDirs {
  mnist?: string | undefined;
  'fashion-mnist'?: string | undefined;
}

/**
 * Loads a built-in dataset: the same IDX layout, shape and classes as MNIST, so everything
 * downstream (splits, batches, augmentation, shared memory) is MNIST's. A missing dataset is
 * an error that says what to install.
 */
export function loadDataset(name: BuiltInDataset, opts: { dirs?: DatasetDirs; shared?: boolean } = {}): MnistData {
  const dir = opts.dirs?.[name] ?? (name === 'mnist' ? defaultMnistDir() : DEBIAN_FASHION_MNIST_DIR);
  if (name === 'fashion-mnist' && !hasIdx(dir)) {
    throw new MnistError(
      `fashion-mnist: no ${MNIST_FILES.trainImages}(.gz) in ${dir}; install Debian's dataset-fashion-mnist package (scripts/system-packages.sh) or set FASHION_MNIST_DIR`,
    );
  }
  return loadMnist({ dir, shared: opts.shared ?? false });
}

function hasIdx(dir: string): boolean {
  const file = join(dir, MNIST_FILES.trainImages);
  return existsSync(file) || existsSync(`${file}.gz`);
}
