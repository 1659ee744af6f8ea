import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { DEBIAN_FASHION_MNIST_DIR, loadDataset } from './datasets.ts';
import { MnistError } from './error.ts';
import { defaultMnistDir, MNIST_FILES } from './load.ts';

// Debian's dataset-fashion-mnist (scripts/system-packages.sh installs it): the sha256 of its training images' pixels.
const FASHION_TRAIN_IMAGES_SHA256 = '2e487a6c89124f78f2d7521542223cafe96f7123c3ca13d447772ac6ecbb3012';

describe('built-in datasets', () => {
  it("fashion-mnist loads Debian's gzipped IDX files: 60,000 + 10,000 images of 28x28, ten balanced classes", () => {
    const data = loadDataset('fashion-mnist');
    assert.equal(createHash('sha256').update(data.trainImages).digest('hex'), FASHION_TRAIN_IMAGES_SHA256);
    assert.equal(data.trainImages.length, 60000 * 784);
    assert.equal(data.testImages.length, 10000 * 784);
    assert.deepEqual([...data.trainLabels.subarray(0, 10)], [9, 0, 0, 3, 0, 2, 7, 2, 5, 5], "Fashion-MNIST's first labels (ankle boot, T-shirt, ...)");
    const counts = new Array(10).fill(0);
    for (const l of data.trainLabels) counts[l]++;
    assert.deepEqual(counts, new Array(10).fill(6000));
  });

  it('mnist is the default folder, and a plain file wins over a gzipped copy beside it', () => {
    const mnist = loadDataset('mnist');
    const dir = mkdtempSync(join(tmpdir(), 'datasets-'));
    try {
      for (const f of Object.values(MNIST_FILES)) {
        copyFileSync(join(defaultMnistDir(), f), join(dir, f));
        // A gzip of something else beside it: never read while the plain file is there.
        writeFileSync(join(dir, `${f}.gz`), gzipSync(Buffer.from('not idx')));
      }
      const fromDir = loadDataset('mnist', { dirs: { mnist: dir }, shared: true });
      assert.ok(fromDir.trainImages.buffer instanceof SharedArrayBuffer);
      assert.deepEqual(Buffer.from(fromDir.testLabels), Buffer.from(mnist.testLabels));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing fashion-mnist says which package to install', () => {
    const empty = mkdtempSync(join(tmpdir(), 'datasets-'));
    try {
      assert.throws(
        () => loadDataset('fashion-mnist', { dirs: { 'fashion-mnist': empty } }),
        (err: Error) => err instanceof MnistError && /install Debian's dataset-fashion-mnist package/.test(err.message) && err.message.includes(empty),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('a corrupt gzipped file is an error naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'datasets-'));
    try {
      for (const f of Object.values(MNIST_FILES)) copyFileSync(join(DEBIAN_FASHION_MNIST_DIR, `${f}.gz`), join(dir, `${f}.gz`));
      const bytes = readFileSync(join(dir, `${MNIST_FILES.testLabels}.gz`));
      writeFileSync(join(dir, `${MNIST_FILES.testLabels}.gz`), bytes.subarray(0, bytes.length - 40));
      assert.throws(
        () => loadDataset('fashion-mnist', { dirs: { 'fashion-mnist': dir } }),
        (err: Error) => err instanceof MnistError && err.message.includes(`${MNIST_FILES.testLabels}.gz`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
