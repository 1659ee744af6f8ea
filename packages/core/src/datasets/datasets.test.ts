import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { datasetReferences } from '../dataset.ts';
import { DatasetUploadError } from './array-file.ts';
import { assembleDataset, parseArrayFile } from './assemble.ts';
import { decodeDataset, encodeDataset } from './dataset-blob.ts';
import { DEFAULT_DATASET_LIMITS } from './dataset-limits.ts';
import { parseIdxFile } from './idx-file.ts';
import { parseNpyFile } from './npy-file.ts';
import { bandImages, idxFloat32, idxUint8, npyBytes, npyFloat32, npyInt64, npyUint8 } from './test-files.ts';

const limits = DEFAULT_DATASET_LIMITS;
/** The thrown error is a 400 naming `field` with a reason matching `reason`. */
const upload = (field: string, reason: RegExp) => (e: unknown) => e instanceof DatasetUploadError && e.issues[0]!.field === field && reason.test(e.issues[0]!.reason);

describe('parseIdxFile', () => {
  it('reads uint8 images and float32 (big-endian) arrays', () => {
    const a = parseIdxFile(idxUint8([2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]), 'trainImages');
    assert.deepEqual([a.dtype, a.shape, [...a.data]], ['uint8', [2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]]);
    const f = parseIdxFile(idxFloat32([3], [0.5, -1.25, 3]), 'x');
    assert.deepEqual([f.dtype, [...f.data]], ['float32', [0.5, -1.25, 3]]);
  });
  it('refuses a wrong magic, an unsupported type code, a truncated file and trailing bytes', () => {
    assert.throws(() => parseIdxFile(Uint8Array.from([1, 2, 8, 1, 0, 0, 0, 1, 0]), 'trainImages'), upload('trainImages', /bad magic number 0x01020801/));
    assert.throws(() => parseIdxFile(Uint8Array.from([0, 0, 0x0e, 1, 0, 0, 0, 0]), 'f'), upload('f', /unsupported IDX type code 0x0e/));
    const full = idxUint8([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.throws(() => parseIdxFile(full.subarray(0, full.length - 1), 'f'), upload('f', /truncated: 23 bytes, but the header \(uint8, shape 2x2x2\) says 24/));
    assert.throws(() => parseIdxFile(full.subarray(0, 9), 'f'), upload('f', /truncated header/));
    assert.throws(() => parseIdxFile(Uint8Array.from([...full, 0]), 'f'), upload('f', /has trailing bytes/));
  });
});

describe('parseNpyFile', () => {
  it("reads numpy's uint8, float32 and int64 arrays, 1-tuples included", () => {
    assert.deepEqual([...parseNpyFile(npyUint8([2, 2], [1, 2, 3, 4]), 'x').data], [1, 2, 3, 4]);
    const f = parseNpyFile(npyFloat32([1, 3], [0.25, 2, -7]), 'x');
    assert.deepEqual([f.dtype, f.shape, [...f.data]], ['float32', [1, 3], [0.25, 2, -7]]);
    const l = parseNpyFile(npyInt64([3], [0, 9, 3]), 'y');
    assert.deepEqual([l.dtype, l.shape, [...l.data]], ['int64', [3], [0, 9, 3]]);
  });
  it('refuses a wrong magic, an unsupported dtype, Fortran order and a truncated file', () => {
    assert.throws(() => parseNpyFile(new TextEncoder().encode('PK\x03\x04 not numpy'), 'trainImages'), upload('trainImages', /bad magic number/));
    assert.throws(() => parseNpyFile(npyBytes('<f8', [1], new Uint8Array(8)), 'trainImages'), upload('trainImages', /unsupported dtype '<f8'/));
    const fortran = Buffer.from(
      Buffer.from(npyUint8([2, 2], [1, 2, 3, 4]))
        .toString('latin1')
        .replace('False', 'True '),
      'latin1',
    );
    assert.throws(() => parseNpyFile(fortran, 'x'), upload('x', /fortran_order True is not supported/));
    const full = npyUint8([4], [1, 2, 3, 4]);
    assert.throws(() => parseNpyFile(full.subarray(0, full.length - 2), 'x'), upload('x', /truncated: \d+ bytes, but the header \('\|u1', shape \(4\)\) says/));
  });
});

describe('assembleDataset', () => {
  const set = bandImages(10, 4, 3, 2, 3);
  const files = () => ({ trainImages: parseArrayFile(npyUint8([10, 4, 3, 2], set.images), 'trainImages'), trainLabels: parseArrayFile(idxUint8([10], set.labels), 'trainLabels') });

  it('cuts validation and test fractions from the end of the training arrays: [train | val | test]', () => {
    const d = assembleDataset(files(), { classes: 3, validationFraction: 0.2, testFraction: 0.1 }, limits);
    assert.deepEqual(d.counts, { train: 7, val: 2, test: 1 });
    assert.deepEqual(d.shape, { height: 4, width: 3, channels: 2, classes: 3 });
    assert.deepEqual([...d.labels], [...set.labels]);
    assert.deepEqual(Buffer.from(d.images), Buffer.from(set.images));
  });

  it('puts given validation and test files after the training images, and a test cut after a given validation file', () => {
    const val = bandImages(2, 4, 3, 2, 3, 7);
    const withVal = { ...files(), valImages: parseArrayFile(npyUint8([2, 4, 3, 2], val.images), 'valImages'), valLabels: parseArrayFile(npyInt64([2], val.labels), 'valLabels') };
    const d = assembleDataset(withVal, { classNames: ['a', 'b', 'c'], testFraction: 0.3 }, limits);
    assert.deepEqual(d.counts, { train: 7, val: 2, test: 3 });
    assert.deepEqual(d.classNames, ['a', 'b', 'c']);
    assert.deepEqual([...d.labels], [...set.labels.subarray(0, 7), ...val.labels, ...set.labels.subarray(7)]);
    const size = 4 * 3 * 2;
    assert.deepEqual(Buffer.from(d.images.subarray(7 * size, 9 * size)), Buffer.from(val.images));
    assert.deepEqual(Buffer.from(d.images.subarray(9 * size)), Buffer.from(set.images.subarray(7 * size)));
  });

  it('names the problem: count mismatch, label outside the classes, shapes and dtypes that differ, missing classes', () => {
    const f = files();
    assert.throws(
      () => assembleDataset({ ...f, trainLabels: parseArrayFile(idxUint8([9], set.labels.subarray(0, 9)), 'trainLabels') }, { classes: 3 }, limits),
      upload('trainLabels', /9 labels for 10 images/),
    );
    assert.throws(() => assembleDataset(f, { classes: 2 }, limits), upload('trainLabels', /label 2 at index 2 is outside the classes 0\.\.1/));
    const test = { testImages: parseArrayFile(npyUint8([1, 3, 4, 2], new Uint8Array(24)), 'testImages'), testLabels: parseArrayFile(npyUint8([1], [0]), 'testLabels') };
    assert.throws(() => assembleDataset({ ...f, ...test }, { classes: 3 }, limits), upload('testImages', /images are 3x4x2, but trainImages are 4x3x2/));
    const floats = { testImages: parseArrayFile(npyFloat32([1, 4, 3, 2], new Array(24).fill(0.5)), 'testImages'), testLabels: test.testLabels };
    assert.throws(() => assembleDataset({ ...f, ...floats }, { classes: 3 }, limits), upload('testImages', /dtype float32, but trainImages are uint8/));
    assert.throws(() => assembleDataset(f, {}, limits), upload('classes', /required/));
    assert.throws(() => assembleDataset(f, { classes: 3, classNames: ['a'] }, limits), upload('classNames', /1 names for classes 3/));
    assert.throws(() => assembleDataset({ trainImages: f.trainImages }, { classes: 3 }, limits), upload('trainLabels', /required with trainImages/));
    const int16Images = parseArrayFile(npyBytes('<i2', [10, 4, 3], new Uint8Array(240)), 'trainImages');
    assert.throws(() => assembleDataset({ ...f, trainImages: int16Images }, { classes: 3 }, limits), upload('trainImages', /unsupported dtype int16/));
    assert.throws(() => assembleDataset(f, { classes: 3 }, { ...limits, maxSide: 3 }), upload('trainImages', /images are 4x3: height and width must be 1 to 3/));
    const nan = parseArrayFile(npyFloat32([10, 4, 3, 2], new Array(240).fill(Number.NaN)), 'trainImages');
    assert.throws(() => assembleDataset({ ...f, trainImages: nan }, { classes: 3 }, limits), upload('trainImages', /value NaN at element 0 is not finite/));
  });

  it('round-trips through the stored blob, float32 images included', () => {
    const d = assembleDataset(
      {
        trainImages: parseArrayFile(
          idxFloat32(
            [10, 2, 2],
            Array.from({ length: 40 }, (_, i) => i / 8),
          ),
          'x',
        ),
        trainLabels: files().trainLabels,
      },
      { classes: 3 },
      limits,
    );
    const blob = encodeDataset(d);
    assert.equal(blob, d.blob, 'assembled straight into its stored form');
    const back = decodeDataset(blob);
    const { blob: _, ...contents } = d;
    assert.deepEqual({ ...back, images: [...back.images], labels: [...back.labels] }, { ...contents, images: [...d.images], labels: [...d.labels] });
    // Contents made otherwise are encoded afresh, to the same bytes.
    assert.deepEqual(encodeDataset({ ...contents, images: Float32Array.from(d.images), labels: Uint8Array.from(d.labels) }), blob);
  });
});

describe('parsers under fuzzing (fast-check)', () => {
  const arrays = fc.oneof(
    fc
      .record({ shape: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), kind: fc.constantFrom('npy-u1', 'npy-f4', 'npy-i8', 'idx-u1', 'idx-f4') })
      .chain(({ shape, kind }) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const values = kind.endsWith('f4')
          ? fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n })
          : fc.array(fc.integer({ min: 0, max: 255 }), { minLength: n, maxLength: n });
        return values.map((v) => ({ shape, kind, values: v }));
      }),
  );
  const encode = (a: { shape: number[]; kind: string; values: number[] }) =>
    a.kind === 'npy-u1'
      ? npyUint8(a.shape, a.values)
      : a.kind === 'npy-f4'
        ? npyFloat32(a.shape, a.values)
        : a.kind === 'npy-i8'
          ? npyInt64(a.shape, a.values)
          : a.kind === 'idx-u1'
            ? idxUint8(a.shape, a.values)
            : idxFloat32(a.shape, a.values);

  it('reads back every array it is given, exactly', () => {
    fc.assert(
      fc.property(arrays, (a) => {
        const parsed = parseArrayFile(encode(a), 'f');
        assert.deepEqual(parsed.shape, a.shape);
        assert.deepEqual([...parsed.data], a.kind.endsWith('f4') ? [...Float32Array.from(a.values)] : a.values);
      }),
    );
  });

  it('on any truncation, extension or corruption of a valid file, returns an array or a DatasetUploadError, never anything else', () => {
    const mutated = fc.tuple(arrays, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('cut', 'flip', 'append')).map(([a, at, byte, how]) => {
      const bytes = encode(a);
      const i = at % bytes.length;
      if (how === 'cut') return bytes.subarray(0, i);
      if (how === 'append') return Uint8Array.from([...bytes, byte]);
      const out = Uint8Array.from(bytes);
      out[i] = byte;
      return out;
    });
    fc.assert(
      fc.property(mutated, (bytes) => {
        try {
          const a = parseArrayFile(bytes, 'f');
          assert.equal(
            a.data.length,
            a.shape.reduce((x, y) => x * y, 1),
          );
        } catch (e) {
          assert.ok(e instanceof DatasetUploadError, String(e));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary bytes, never throws anything but a DatasetUploadError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          parseArrayFile(bytes, 'f');
        } catch (e) {
          assert.ok(e instanceof DatasetUploadError, String(e));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('assembles any consistent labelled set, or refuses it with a DatasetUploadError', () => {
    const sets = fc.record({
      n: fc.integer({ min: 1, max: 12 }),
      h: fc.integer({ min: 1, max: 5 }),
      w: fc.integer({ min: 1, max: 5 }),
      c: fc.integer({ min: 1, max: 4 }),
      classes: fc.integer({ min: 2, max: 6 }),
      val: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
      labelMax: fc.integer({ min: 0, max: 8 }),
    });
    fc.assert(
      fc.property(sets, ({ n, h, w, c, classes, val, labelMax }) => {
        const labels = Array.from({ length: n }, (_, i) => i % (labelMax + 1));
        const files = {
          trainImages: parseArrayFile(npyUint8([n, h, w, c], new Uint8Array(n * h * w * c)), 'trainImages'),
          trainLabels: parseArrayFile(npyUint8([n], labels), 'trainLabels'),
        };
        try {
          const d = assembleDataset(files, { classes, validationFraction: val, testFraction: val }, limits);
          assert.equal(d.counts.train + d.counts.val + d.counts.test, n);
          assert.ok(Math.max(...labels) < classes);
        } catch (e) {
          assert.ok(e instanceof DatasetUploadError, String(e));
        }
      }),
    );
  });
});

describe('datasetReferences', () => {
  it('finds every uploaded dataset a sweep names, with its field, and leaves the built-in ones out', () => {
    const spec = {
      training: { dataset: 'shapes' },
      variants: [
        { model: { kind: 'softmax' }, training: { dataset: 'mnist' } },
        { model: { kind: 'softmax' }, training: { dataset: 'other' } },
        // A program's own parameter of that name is the program's business.
        { model: { kind: 'program', program: 'p', params: { dataset: 'cifar10' } } },
      ],
      space: { base: { training: { dataset: 'fashion-mnist' } }, parameters: { 'training.dataset': { values: ['mnist', 'third'] }, 'x.training.dataset': 'fourth' } },
    };
    assert.deepEqual(datasetReferences(spec), [
      { name: 'shapes', field: 'training.dataset' },
      { name: 'other', field: 'variants.1.training.dataset' },
      { name: 'third', field: 'space.parameters.training.dataset.values.1' },
      { name: 'fourth', field: 'space.parameters.x.training.dataset' },
    ]);
  });
});
