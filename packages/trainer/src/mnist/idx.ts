import { MnistError } from './error.ts';

/**
 * IDX, the format of the original MNIST files: a big-endian header (two zero bytes, a type
 * code, the number of dimensions, then one uint32 per dimension) followed by the payload.
 * MNIST only has two kinds: unsigned-byte rank-3 images (magic 2051 = 0x00000803) and
 * unsigned-byte rank-1 labels (2049 = 0x00000801), so those are all this parser accepts.
 */
export const IMAGES_MAGIC = 2051;
export const LABELS_MAGIC = 2049;

export function parseIdx(buf: Uint8Array, name: string): { dims: number[]; data: Uint8Array } {
  if (buf.length < 4) throw new MnistError(`${name}: ${buf.length} bytes is too short for an IDX header`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = view.getUint32(0);
  if (magic !== IMAGES_MAGIC && magic !== LABELS_MAGIC) {
    throw new MnistError(
      `${name}: bad magic number ${magic} (0x${magic.toString(16).padStart(8, '0')}), expected ${IMAGES_MAGIC} (images) or ${LABELS_MAGIC} (labels): not an MNIST IDX file`,
    );
  }
  const rank = buf[3];
  const headerBytes = 4 + 4 * rank;
  if (buf.length < headerBytes) {
    throw new MnistError(`${name}: truncated header: ${buf.length} bytes, a rank-${rank} IDX header needs ${headerBytes}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  const payload = dims.reduce((a, b) => a * b, 1);
  const expected = headerBytes + payload;
  if (buf.length !== expected) {
    const what = buf.length < expected ? 'truncated' : 'has trailing bytes';
    throw new MnistError(`${name}: ${what}: ${buf.length} bytes, but the header (dims ${dims.join('x')}) says ${expected}`);
  }
  return { dims, data: buf.subarray(headerBytes) };
}

/** Reads the magic number without validating the rest, to tell an images file from a labels file. */
export function idxMagic(buf: Uint8Array): number {
  return buf.length >= 4 ? new DataView(buf.buffer, buf.byteOffset, 4).getUint32(0) : -1;
}
