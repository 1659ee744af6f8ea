import { AUGMENT_CROP_SIZE, AUGMENT_PADDED_SIZE } from '@modelspace/core';

const SRC = 28; // MNIST side
const OUT = AUGMENT_PADDED_SIZE; // 32
const CROP = AUGMENT_CROP_SIZE; // 28
const BORDER = (OUT - SRC) / 2; // 2: the zero padding on each side
const MAX_SHIFT = OUT - CROP; // 4: crop offsets 0..4 within the padded image

/** One augmentation draw: where the 28x28 crop starts in the padded image, and the angle. */
export interface AugmentDraw {
  cropX: number; // 0..4
  cropY: number; // 0..4
  radians: number;
}

/** Draws crop offsets (uniform over the 5x5 positions) and an angle uniform in ±maxDegrees. */
export function drawAugmentation(random: () => number, maxDegrees: number): AugmentDraw {
  const cropX = Math.floor(random() * (MAX_SHIFT + 1));
  const cropY = Math.floor(random() * (MAX_SHIFT + 1));
  const radians = ((2 * random() - 1) * maxDegrees * Math.PI) / 180;
  return { cropX, cropY, radians };
}

/**
 * The seed's augmentation (after DropConnect) for one image: pad the 28x28 bytes to 32x32, cut
 * the 28x28 square at (cropX, cropY), rotate it about its centre (bilinear, zeros outside),
 * pad back to 32x32. Written straight into `dst` at `at` as floats in [0, 1]: one inverse
 * mapping per output pixel, no intermediate images.
 */
export function augmentImage(src: Uint8Array, srcAt: number, dst: Float32Array, at: number, d: AugmentDraw): void {
  const cos = Math.cos(d.radians);
  const sin = Math.sin(d.radians);
  const centre = (CROP - 1) / 2;
  // A crop pixel (u, v) is padded-image pixel (u + cropX, v + cropY), i.e. source pixel
  // (u + cropX − BORDER, v + cropY − BORDER).
  const shiftX = d.cropX - BORDER;
  const shiftY = d.cropY - BORDER;
  dst.fill(0, at, at + OUT * OUT);
  for (let y = 0; y < CROP; y++) {
    for (let x = 0; x < CROP; x++) {
      // Inverse rotation: which point of the crop lands on (x, y) after rotating by +θ.
      const dx = x - centre;
      const dy = y - centre;
      const u = cos * dx + sin * dy + centre + shiftX;
      const v = -sin * dx + cos * dy + centre + shiftY;
      dst[at + (y + BORDER) * OUT + x + BORDER] = bilinear(src, srcAt, u, v) / 255;
    }
  }
}

/** The 28x28 byte image sampled at (u, v), zero outside. */
function bilinear(src: Uint8Array, at: number, u: number, v: number): number {
  const x0 = Math.floor(u);
  const y0 = Math.floor(v);
  const fx = u - x0;
  const fy = v - y0;
  return (1 - fy) * ((1 - fx) * pixel(src, at, x0, y0) + fx * pixel(src, at, x0 + 1, y0)) + fy * ((1 - fx) * pixel(src, at, x0, y0 + 1) + fx * pixel(src, at, x0 + 1, y0 + 1));
}

/**
 * One source byte, zero outside the image. A plain function, not a closure made per sample:
 * a closure per call made augmentation cost as much as the training step of a 64-map net.
 */
function pixel(src: Uint8Array, at: number, x: number, y: number): number {
  return x < 0 || y < 0 || x >= SRC || y >= SRC ? 0 : src[at + y * SRC + x]!;
}

/** An original image centred in 32x32 (the validation and test view of an augmented model). */
export function padImage(src: Uint8Array, srcAt: number, dst: Float32Array, at: number): void {
  dst.fill(0, at, at + OUT * OUT);
  for (let y = 0; y < SRC; y++) {
    for (let x = 0; x < SRC; x++) dst[at + (y + BORDER) * OUT + x + BORDER] = src[srcAt + y * SRC + x]! / 255;
  }
}
