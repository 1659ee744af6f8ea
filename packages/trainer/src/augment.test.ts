import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { augmentImage, drawAugmentation, padImage } from './augment.ts';
import { mulberry32 } from './rng.ts';

/** A 28x28 byte image with one bright 3x3 blob at (row, col). */
function blob(row: number, col: number): Uint8Array {
  const img = new Uint8Array(784);
  for (let y = row - 1; y <= row + 1; y++) for (let x = col - 1; x <= col + 1; x++) img[y * 28 + x] = 255;
  return img;
}
/** Centre of mass (row, col) of a 32x32 float image. */
function centre(img: Float32Array): [number, number] {
  let m = 0,
    r = 0,
    c = 0;
  for (let i = 0; i < img.length; i++) {
    m += img[i]!;
    r += img[i]! * Math.floor(i / 32);
    c += img[i]! * (i % 32);
  }
  return [r / m, c / m];
}
const augmented = (src: Uint8Array, cropX: number, cropY: number, degrees: number) => {
  const out = new Float32Array(1024);
  augmentImage(src, 0, out, 0, { cropX, cropY, radians: (degrees * Math.PI) / 180 });
  return out;
};

describe('augmentation: pad to 32, random 28x28 crop, rotation, pad back to 32', () => {
  it('with the centred crop and no rotation it is just the image padded to 32x32', () => {
    const src = blob(5, 20);
    const padded = new Float32Array(1024);
    padImage(src, 0, padded, 0);
    assert.deepEqual(augmented(src, 2, 2, 0), padded);
    assert.deepEqual(centre(padded), [7, 22]);
  });

  it('a crop offset shifts the digit the other way by up to 2 pixels', () => {
    const [r, c] = centre(augmented(blob(10, 10), 0, 4, 0));
    assert.deepEqual([r, c], [10, 14]); // crop 2 left of centre: digit 2 right; 2 below: digit 2 up
  });

  it('rotates about the image centre: +90° takes a blob right of centre to above or below it', () => {
    const [r, c] = centre(augmented(blob(13, 24), 2, 2, 90)); // 10.5 px right of the centre (13.5, 13.5)
    assert.ok(Math.abs(c - 15.5) < 0.6, `column ${c}`);
    assert.ok(Math.abs(Math.abs(r - 15.5) - 10.5) < 0.6, `row ${r}`);
  });

  it('keeps the ink of a digit within a few percent at 20° (bilinear resampling)', () => {
    const src = blob(14, 14);
    const ink = (img: Float32Array) => img.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(ink(augmented(src, 1, 3, 20)) - 9) < 0.3);
  });

  it('draws crops in 0..4 and angles within ±maxRotation, replaying from the seed', () => {
    const random = mulberry32(7);
    const many = Array.from({ length: 2000 }, () => drawAugmentation(random, 20));
    assert.deepEqual([...new Set(many.map((d) => d.cropX))].sort(), [0, 1, 2, 3, 4]);
    assert.ok(many.every((d) => Math.abs(d.radians) <= (20 * Math.PI) / 180));
    assert.ok(many.some((d) => d.radians > 0.3) && many.some((d) => d.radians < -0.3));
    const again = mulberry32(7);
    assert.deepEqual(
      Array.from({ length: 2000 }, () => drawAugmentation(again, 20)),
      many,
    );
  });
});
