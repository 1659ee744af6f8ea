import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { decodeImages, MNIST_INPUT, type ImageInput } from './images.ts';

// Predict bodies for models of any shape: the arrays and PNGs a request may send, decoded to
// the row-major height × width × channel values the model's dataset stores.
const RGB: ImageInput = { height: 2, width: 3, channels: 3, dtype: 'uint8' };
const FLOAT: ImageInput = { height: 3, width: 2, channels: 1, dtype: 'float32' };

function png(width: number, height: number, rgba: (p: number) => [number, number, number, number], colorType?: 0 | 2 | 4 | 6) {
  const image = new PNG({ width, height });
  for (let p = 0; p < width * height; p++) image.data.set(rgba(p), p * 4);
  return PNG.sync.write(image, colorType === undefined ? {} : { colorType }).toString('base64');
}

/** The issues of a body refused, as the 400 lists them. */
function issues(body: unknown, input: ImageInput): { field: string; reason: string }[] {
  try {
    decodeImages(body, input);
  } catch (err: any) {
    assert.equal(err.code, 'INVALID_REQUEST');
    return err.issues;
  }
  assert.fail('accepted a bad body');
}

describe('decodeImages for a uint8 RGB model (2x3x3)', () => {
  const flat = Array.from({ length: 18 }, (_, i) => i * 10);
  // [row][column][channel] of the same values, as numpy's image.tolist() gives them.
  const nested = [0, 1].map((y) => [0, 1, 2].map((x) => [0, 1, 2].map((c) => flat[(y * 3 + x) * 3 + c]!)));

  test('flat HWC, nested [H][W][C] and an RGB PNG decode to the same bytes, in HWC order', () => {
    const rgb = png(3, 2, (p) => [flat[p * 3]!, flat[p * 3 + 1]!, flat[p * 3 + 2]!, 255], 2);
    const d = decodeImages({ images: [flat, nested, rgb, `data:image/png;base64,${rgb}`] }, RGB);
    assert.equal(d.count, 4);
    assert.ok(d.pixels instanceof Uint8Array);
    for (let i = 0; i < 4; i++) assert.deepEqual(Array.from(d.pixels.subarray(i * 18, (i + 1) * 18)), flat, `image ${i}`);
  });

  test('a grey PNG gives R = G = B; transparency is composited over black', () => {
    const grey = png(3, 2, (p) => [p * 40, p * 40, p * 40, 255], 0);
    const half = png(3, 2, () => [200, 100, 50, 128], 6);
    const d = decodeImages({ images: [grey, half] }, RGB);
    assert.deepEqual(
      Array.from(d.pixels.subarray(0, 18)),
      [0, 1, 2, 3, 4, 5].flatMap((p) => [p * 40, p * 40, p * 40]),
    );
    assert.deepEqual(Array.from(d.pixels.subarray(18, 21)), [100, 50, 25]);
  });

  test('wrong length, wrong nesting, values out of range, a PNG of the wrong size: each named with its reason', () => {
    assert.deepEqual(issues({ images: [flat, flat.slice(1)] }, RGB), [{ field: 'images.1', reason: 'has 17 values, expected 18 (2x3x3, row-major: height, width, channel)' }]);
    assert.deepEqual(issues({ images: [[...flat.slice(0, 17), 256]] }, RGB), [{ field: 'images.0', reason: 'value 17 (pixel 5, channel 2) is 256, expected an integer 0..255' }]);
    assert.deepEqual(issues({ images: [[...flat.slice(0, 4), 1.5, ...flat.slice(5)]] }, RGB), [
      { field: 'images.0', reason: 'value 4 (pixel 1, channel 1) is 1.5, expected an integer 0..255' },
    ]);
    assert.match(
      issues(
        {
          images: [
            [
              [
                [1, 2, 3],
                [4, 5, 6],
              ],
              nested[1],
            ],
          ],
        },
        RGB,
      )[0]!.reason,
      /row 0 has 2 values, expected 3 \(images are 2x3x3\)/,
    );
    assert.match(
      issues(
        {
          images: [
            [
              [1, 2, 3],
              [4, 5, 6],
            ],
          ],
        },
        RGB,
      )[0]!.reason,
      /row 0 holds numbers, expected 3 pixels of 3 values each/,
    );
    assert.match(
      issues(
        {
          images: [
            [
              nested[0],
              [
                [1, 2, 3],
                [4, 5],
                [6, 7, 8],
              ],
            ],
          ],
        },
        RGB,
      )[0]!.reason,
      /row 1, pixel 1 has 2 values, expected 3/,
    );
    assert.match(issues({ images: [[flat.slice(0, 9), flat.slice(9)]] }, RGB)[0]!.reason, /row 0 has 9 values, expected 3/);
    assert.deepEqual(issues({ images: [png(2, 3, () => [0, 0, 0, 255])] }, RGB), [{ field: 'images.0', reason: 'is 2x3, expected 3x2' }]);
    assert.match(issues({ images: [{ pixels: flat }] }, RGB)[0]!.reason, /must be an array of 18 numbers \(2x3x3, row-major\), 2 rows of 3 pixels of 3, or a base64 PNG/);
  });
});

describe('decodeImages for other models', () => {
  test('float32 (3x2x1): any finite float32 number, kept as float32 values; nested rows too', () => {
    const values = [-2.5, 0, 0.1, 1e6, -3e-7, 7];
    const d = decodeImages({ images: [values, [values.slice(0, 2), values.slice(2, 4), values.slice(4)]] }, FLOAT);
    assert.ok(d.pixels instanceof Float32Array);
    assert.deepEqual(Array.from(d.pixels), [...values, ...values].map(Math.fround));
  });

  test('float32: out of float32 range, not a number, or a PNG (whose bytes say no scale) is refused', () => {
    assert.deepEqual(issues({ images: [[0, 0, 0, 0, 0, 1e39]] }, FLOAT), [
      { field: 'images.0', reason: 'pixel 5 is 1e+39, expected a finite float32 number (the model trained on float32 images)' },
    ]);
    assert.match(issues({ images: [[0, 0, '1', 0, 0, 0]] }, FLOAT)[0]!.reason, /pixel 2 is "1", expected a finite float32 number/);
    assert.match(issues({ images: [png(2, 3, () => [0, 0, 0, 255])] }, FLOAT)[0]!.reason, /is a PNG, but the model trained on float32 images.*send 6 numbers \(3x2, row-major\)/);
  });

  test('4 channels: a PNG is RGBA as stored (no alpha: 255); 2 channels: no PNG', () => {
    const rgba: ImageInput = { height: 1, width: 2, channels: 4, dtype: 'uint8' };
    const d = decodeImages({ images: [png(2, 1, (p) => [1 + p, 2, 3, 40], 6), png(2, 1, () => [9, 8, 7, 255], 2)] }, rgba);
    assert.deepEqual(Array.from(d.pixels), [1, 2, 3, 40, 2, 2, 3, 40, 9, 8, 7, 255, 9, 8, 7, 255]);
    const two: ImageInput = { height: 1, width: 2, channels: 2, dtype: 'uint8' };
    assert.match(issues({ images: [png(2, 1, () => [0, 0, 0, 255])] }, two)[0]!.reason, /2-channel images, which no PNG maps onto: send 4 numbers/);
    assert.deepEqual(
      Array.from(
        decodeImages(
          {
            images: [
              [
                [
                  [1, 2],
                  [3, 4],
                ],
              ],
            ],
          },
          two,
        ).pixels,
      ),
      [1, 2, 3, 4],
    );
  });

  test('MNIST (the default) keeps its forms and messages: 784 values, 28 rows of 28, a PNG in colour → luminance', () => {
    const rows = Array.from({ length: 28 }, (_, y) => Array.from({ length: 28 }, (_, x) => (x * 3 + y) % 256));
    const colour = png(28, 28, () => [255, 0, 0, 255], 2);
    const d = decodeImages({ images: [rows.flat(), rows, colour] });
    assert.deepEqual(d.input, MNIST_INPUT);
    assert.deepEqual(Array.from(d.pixels.subarray(784, 1568)), rows.flat());
    assert.equal(d.pixels[1568], Math.round(0.299 * 255));
    assert.deepEqual(issues({ images: [rows.flat().slice(1)] }, MNIST_INPUT), [{ field: 'images.0', reason: 'has 783 values, expected 784 (28x28)' }]);
  });
});
