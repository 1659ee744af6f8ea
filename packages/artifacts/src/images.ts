import { PNG } from 'pngjs';
import { DomainError, type FieldIssue } from '@modelspace/core';

export const IMAGE_SIDE = 28;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
/** Per request: bounds the work and memory one predict call can ask for. */
export const MAX_PREDICT_IMAGES = 256;

/**
 * The images a model takes in a predict request: height × width × channels, and the type of
 * their values, which is the type of the dataset it trained on: `uint8` (integers 0..255, scaled
 * to [0, 1] as in training) or `float32` (finite float32 numbers, used as they are, as in training).
 */
export interface ImageInput {
  height: number;
  width: number;
  channels: number;
  dtype: 'uint8' | 'float32';
}

/** MNIST's (and Fashion-MNIST's): 28x28 grey bytes, white ink on black. */
export const MNIST_INPUT: ImageInput = Object.freeze({ height: IMAGE_SIDE, width: IMAGE_SIDE, channels: 1, dtype: 'uint8' });

/**
 * A batch of images of one ImageInput, row-major height × width × channels (HWC, as the upload
 * formats store them), one after another: bytes for uint8, float32 values for float32.
 */
export interface DecodedImages {
  pixels: Uint8Array | Float32Array; // count * height * width * channels
  count: number;
  input: ImageInput;
}

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * The images of a predict body, checked only for what needs no model: an object
 * {"images": [...]} of 1 to MAX_PREDICT_IMAGES entries. Any problem → INVALID_REQUEST.
 */
export function readPredictBody(body: unknown): unknown[] {
  const images = (body as { images?: unknown } | null)?.images;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) fail([{ field: '(body)', reason: 'must be an object {"images": [...]}' }]);
  const extra = Object.keys(body as object).filter((k) => k !== 'images');
  if (extra.length) fail(extra.map((k) => ({ field: k, reason: 'unknown field (the body is {"images": [...]})' })));
  if (!Array.isArray(images)) fail([{ field: 'images', reason: 'required: an array of images' }]);
  const list = images as unknown[];
  if (list.length === 0) fail([{ field: 'images', reason: 'is empty: send at least 1 image' }]);
  if (list.length > MAX_PREDICT_IMAGES) fail([{ field: 'images', reason: `too many images: ${list.length}, at most ${MAX_PREDICT_IMAGES} per request` }]);
  return list;
}

/**
 * Parses a predict body for a model taking `input` images (default MNIST's); any problem →
 * INVALID_REQUEST naming each bad image and why. Each image is one of:
 * - H·W·C numbers, row-major HWC (a flat array);
 * - H arrays of W numbers (one channel), or H arrays of W arrays of C numbers (numpy's
 *   `image.tolist()`);
 * - a base64 PNG of W×H (a data: URL prefix is accepted), for uint8 models of 1, 3 or 4
 *   channels: 1 → luminance (Rec. 601), 3 → RGB (a grey PNG gives R = G = B), transparency
 *   composited over black in both; 4 → RGBA as stored (no alpha: 255).
 * uint8 values are integers 0..255; float32 values any finite float32 number.
 */
export function decodeImages(body: unknown, input: ImageInput = MNIST_INPUT): DecodedImages {
  const list = readPredictBody(body);
  const size = input.height * input.width * input.channels;
  const pixels = input.dtype === 'uint8' ? new Uint8Array(list.length * size) : new Float32Array(list.length * size);
  const issues: FieldIssue[] = [];
  list.forEach((image, i) => {
    const reason = decodeOne(image, input, pixels.subarray(i * size, (i + 1) * size));
    if (reason) issues.push({ field: `images.${i}`, reason });
  });
  if (issues.length) fail(issues.slice(0, 20));
  return { pixels, count: list.length, input };
}

function fail(issues: FieldIssue[]): never {
  throw new DomainError('INVALID_REQUEST', issues.map((i) => `${i.field}: ${i.reason}`).join('; '), issues);
}

/** "28x28" for one channel, "8x8x3" for more: how the messages name a shape. */
export const shapeText = (s: Pick<ImageInput, 'height' | 'width' | 'channels'>): string => (s.channels === 1 ? `${s.height}x${s.width}` : `${s.height}x${s.width}x${s.channels}`);

/** Writes one image into `out`; returns what is wrong with it, or null. */
function decodeOne(image: unknown, input: ImageInput, out: Uint8Array | Float32Array): string | null {
  if (typeof image === 'string') return decodePng(image, input, out as Uint8Array);
  const { height, width, channels } = input;
  const shape = shapeText(input);
  const size = out.length;
  const png = input.dtype === 'uint8' && channels !== 2 ? ', or a base64 PNG' : '';
  if (!Array.isArray(image)) return `must be an array of ${size} numbers (${shape}, row-major), ${height} rows of ${width}${channels > 1 ? ` pixels of ${channels}` : ''}${png}`;
  let flat: unknown[] = image;
  if (image.length === height && image.every(Array.isArray)) {
    const reason = nestedIssue(image as unknown[][], input);
    if (reason) return reason;
    flat = image.flat(2);
  } else if (image.some(Array.isArray)) {
    return `has ${image.length} rows, expected ${height} rows of ${width}${channels > 1 ? ` pixels of ${channels} values` : ''} (images are ${shape})`;
  }
  if (flat.length !== size) return `has ${flat.length} values, expected ${size} (${shape}${channels > 1 ? ', row-major: height, width, channel' : ''})`;
  const where = (p: number) => (channels === 1 ? `pixel ${p}` : `value ${p} (pixel ${Math.floor(p / channels)}, channel ${p % channels})`);
  for (let p = 0; p < size; p++) {
    const v = flat[p];
    if (input.dtype === 'uint8') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) return `${where(p)} is ${JSON.stringify(v)}, expected an integer 0..255`;
    } else if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > FLOAT32_MAX) {
      return `${where(p)} is ${JSON.stringify(v)}, expected a finite float32 number (the model trained on float32 images)`;
    }
    out[p] = v;
  }
  return null;
}

/** Rows of pixels: each row W values (one channel) or W arrays of C values. */
function nestedIssue(rows: unknown[][], { height, width, channels }: ImageInput): string | null {
  const shape = shapeText({ height, width, channels });
  for (let y = 0; y < rows.length; y++) {
    const row = rows[y]!;
    if (row.length !== width) return `row ${y} has ${row.length} values, expected ${width} (images are ${shape})`;
    const nested = row.some(Array.isArray);
    if (!nested) {
      if (channels === 1) continue;
      return `row ${y} holds numbers, expected ${width} pixels of ${channels} values each (images are ${shape})`;
    }
    const bad = row.findIndex((px) => !Array.isArray(px) || px.length !== channels);
    if (bad >= 0) {
      const px = row[bad];
      return `row ${y}, pixel ${bad} ${Array.isArray(px) ? `has ${px.length} values` : 'is not an array'}, expected ${channels} (images are ${shape})`;
    }
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG, for uint8 models of 1, 3 or 4 channels (see decodeImages). */
function decodePng(text: string, input: ImageInput, out: Uint8Array): string | null {
  const shape = shapeText(input);
  if (input.dtype !== 'uint8') {
    return `is a PNG, but the model trained on float32 images, used as they are: a PNG's 0..255 bytes do not say their scale; send ${out.length} numbers (${shape}, row-major)`;
  }
  if (input.channels === 2) return `is a PNG, but the model takes 2-channel images, which no PNG maps onto: send ${out.length} numbers (${shape}, row-major)`;
  const base64 = text.replace(/^data:image\/png;base64,/, '');
  if (!/^[A-Za-z0-9+/=\s]*$/.test(base64)) return 'is a string but not base64: expected a base64 PNG';
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'is not an image: expected a base64 PNG';
  let png: { width: number; height: number; data: Buffer };
  try {
    png = PNG.sync.read(bytes);
  } catch (err) {
    return `is not a readable PNG: ${(err as Error).message}`;
  }
  if (png.width !== input.width || png.height !== input.height) return `is ${png.width}x${png.height}, expected ${input.width}x${input.height}`;
  const pixels = input.width * input.height;
  const d = png.data; // RGBA whatever the PNG's colour type (grey expanded to R = G = B, no alpha: 255)
  for (let p = 0; p < pixels; p++) {
    const [r, g, b, a] = [d[p * 4]!, d[p * 4 + 1]!, d[p * 4 + 2]!, d[p * 4 + 3]!];
    if (input.channels === 1) out[p] = Math.round(((0.299 * r + 0.587 * g + 0.114 * b) * a) / 255);
    else if (input.channels === 3) {
      out[p * 3] = Math.round((r * a) / 255);
      out[p * 3 + 1] = Math.round((g * a) / 255);
      out[p * 3 + 2] = Math.round((b * a) / 255);
    } else out.set([r, g, b, a], p * 4);
  }
  return null;
}
