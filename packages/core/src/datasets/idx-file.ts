import { type ArrayDtype, type ArrayFile, DatasetUploadError, DTYPE_BYTES, elementCount, readElements } from './array-file.ts';

/**
 * IDX, the format MNIST ships in (yann.lecun.com/exdb/mnist): two zero bytes, a type code,
 * the number of dimensions, one big-endian uint32 per dimension, then the elements, big-endian.
 * Type codes: 0x08 unsigned byte, 0x09 signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E
 * double. Doubles are refused (pixels are uint8 or float32).
 */
const IDX_TYPES: Record<number, ArrayDtype> = { 8: 'uint8', 9: 'int8', 11: 'int16', 12: 'int32', 13: 'float32' };

export function parseIdxFile(buf: Uint8Array, field: string): ArrayFile {
  if (buf.length < 4) throw new DatasetUploadError(field, `${buf.length} bytes is too short for an IDX header`);
  if (buf[0] !== 0 || buf[1] !== 0) {
    const magic = new DataView(buf.buffer, buf.byteOffset, 4).getUint32(0);
    throw new DatasetUploadError(
      field,
      `bad magic number 0x${magic.toString(16).padStart(8, '0')}: an IDX file starts with two zero bytes, a type code and a rank (MNIST's: 0x00000803 images, 0x00000801 labels)`,
    );
  }
  const dtype = IDX_TYPES[buf[2]!];
  if (!dtype)
    throw new DatasetUploadError(
      field,
      `unsupported IDX type code 0x${buf[2]!.toString(16).padStart(2, '0')}: supported are 0x08 (uint8), 0x09, 0x0b, 0x0c (integer labels) and 0x0d (float32)`,
    );
  const rank = buf[3]!;
  if (rank === 0) throw new DatasetUploadError(field, 'IDX rank 0: an array needs at least one dimension');
  const headerBytes = 4 + 4 * rank;
  if (buf.length < headerBytes) throw new DatasetUploadError(field, `truncated header: ${buf.length} bytes, a rank-${rank} IDX header needs ${headerBytes}`);
  const view = new DataView(buf.buffer, buf.byteOffset, headerBytes);
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) shape.push(view.getUint32(4 + 4 * i));
  const count = elementCount(field, shape);
  const expected = headerBytes + count * DTYPE_BYTES[dtype];
  if (buf.length !== expected) {
    const what = buf.length < expected ? 'truncated' : 'has trailing bytes';
    throw new DatasetUploadError(field, `${what}: ${buf.length} bytes, but the header (${dtype}, shape ${shape.join('x')}) says ${expected}`);
  }
  return { dtype, shape, data: readElements(buf, headerBytes, count, dtype, false) };
}
