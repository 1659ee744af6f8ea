import { PNG } from 'pngjs';
import { DomainError, type FieldIssue } from '@modelspace/core';

export const IMAGE_SIDE = 28;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
/** Per request: bounds the work and memory one predict call can ask for. */
export const MAX_PREDICT_IMAGES = 256;

/**
 * A batch of 28x28 grey images, as MNIST draws them (white digit, black background), each one
 * of: 784 numbers (row-major), 28 rows of 28 numbers, integers 0..255; or a PNG of 28x28,
 * base64 (a data: URL prefix is accepted).
 */
export interface DecodedImages {
  pixels: Uint8Array; // count * 784
  count: number;
}

/** Parses a predict body; any problem → INVALID_REQUEST naming each bad image and why. */
export function decodeImages(body: unknown): DecodedImages {
  const images = (body as { images?: unknown } | null)?.images;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) fail([{ field: '(body)', reason: 'must be an object {"images": [...]}' }]);
  const extra = Object.keys(body as object).filter((k) => k !== 'images');
  if (extra.length) fail(extra.map((k) => ({ field: k, reason: 'unknown field (the body is {"images": [...]})' })));
  if (!Array.isArray(images)) fail([{ field: 'images', reason: 'required: an array of images' }]);
  const list = images as unknown[];
  if (list.length === 0) fail([{ field: 'images', reason: 'is empty: send at least 1 image' }]);
  if (list.length > MAX_PREDICT_IMAGES) fail([{ field: 'images', reason: `too many images: ${list.length}, at most ${MAX_PREDICT_IMAGES} per request` }]);
  const pixels = new Uint8Array(list.length * IMAGE_PIXELS);
  const issues: FieldIssue[] = [];
  list.forEach((image, i) => {
    const reason = decodeOne(image, pixels.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS));
    if (reason) issues.push({ field: `images.${i}`, reason });
  });
  if (issues.length) fail(issues.slice(0, 20));
  return { pixels, count: list.length };
}

function fail(issues: FieldIssue[]): never {
  throw new DomainError('INVALID_REQUEST', issues.map((i) => `${i.field}: ${i.reason}`).join('; '), issues);
}

/** Writes one image into `out`; returns what is wrong with it, or null. */
function decodeOne(image: unknown, out: Uint8Array): string | null {
  if (typeof image === 'string') return decodePng(image, out);
  if (!Array.isArray(image)) return 'must be an array of 784 numbers, 28 arrays of 28 numbers, or a base64 PNG';
  let flat: unknown[] = image;
  if (image.length === IMAGE_SIDE && image.every(Array.isArray)) {
    const bad = image.findIndex((row) => (row as unknown[]).length !== IMAGE_SIDE);
    if (bad >= 0) return `row ${bad} has ${(image[bad] as unknown[]).length} values, expected ${IMAGE_SIDE} (images are 28x28)`;
    flat = image.flat();
  } else if (image.some(Array.isArray)) {
    return `has ${image.length} rows, expected ${IMAGE_SIDE} rows of ${IMAGE_SIDE} (images are 28x28)`;
  }
  if (flat.length !== IMAGE_PIXELS) return `has ${flat.length} values, expected ${IMAGE_PIXELS} (28x28)`;
  for (let p = 0; p < IMAGE_PIXELS; p++) {
    const v = flat[p];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) return `pixel ${p} is ${JSON.stringify(v)}, expected an integer 0..255`;
    out[p] = v;
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG: colour becomes luminance (Rec. 601), transparency is composited over black. */
function decodePng(text: string, out: Uint8Array): string | null {
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
  if (png.width !== IMAGE_SIDE || png.height !== IMAGE_SIDE) return `is ${png.width}x${png.height}, expected 28x28`;
  for (let p = 0; p < IMAGE_PIXELS; p++) {
    const [r, g, b, a] = [png.data[p * 4]!, png.data[p * 4 + 1]!, png.data[p * 4 + 2]!, png.data[p * 4 + 3]!];
    out[p] = Math.round(((0.299 * r + 0.587 * g + 0.114 * b) * a) / 255);
  }
  return null;
}
