import { DomainError } from '../errors.ts';

/** The element types an uploaded array may have: pixels uint8 or float32, labels any of the integer ones. */
export type ArrayDtype = 'uint8' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'float32';

/**
 * One uploaded array, parsed: its element type, its shape, and its elements (uint8 a view into
 * the file's bytes; any other type converted to the platform's order). int64 labels are read
 * as numbers (labels are small, a larger value is refused as outside the classes).
 */
export interface ArrayFile {
  dtype: ArrayDtype;
  shape: number[];
  data: Uint8Array | Float32Array | Int32Array | Float64Array;
}

/** A bad upload: a 400 naming the form field (the file) and what is wrong with it. Nothing is stored. */
export class DatasetUploadError extends DomainError {
  constructor(field: string, reason: string) {
    super('INVALID_REQUEST', `${field}: ${reason}`, [{ field, reason }]);
    this.name = 'DatasetUploadError';
  }
}

/** Product of the dims, refusing one that is not a safe integer (a hostile header). */
export function elementCount(field: string, shape: number[]): number {
  let n = 1;
  for (const d of shape) {
    n *= d;
    if (!Number.isSafeInteger(n)) throw new DatasetUploadError(field, `shape ${shape.join('x')} is too large`);
  }
  return n;
}

/** Bytes per element of each dtype. */
export const DTYPE_BYTES: Record<ArrayDtype, number> = { uint8: 1, int8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, float32: 4 };

/**
 * Reads `count` elements of `dtype` at `offset` with the given byte order into a fresh typed
 * array: uint8 stays bytes, float32 stays float32, every integer type becomes numbers
 * (Float64Array holds int64 and uint32 exactly up to 2^53).
 */
export function readElements(buf: Uint8Array, offset: number, count: number, dtype: ArrayDtype, littleEndian: boolean): ArrayFile['data'] {
  // Bytes as they are: a view, not a copy (assembleDataset copies them once, into the blob).
  if (dtype === 'uint8') return buf.subarray(offset, offset + count);
  const view = new DataView(buf.buffer, buf.byteOffset + offset, count * DTYPE_BYTES[dtype]);
  if (dtype === 'float32') {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, littleEndian);
    return out;
  }
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = readInteger(view, i, dtype, littleEndian);
  return out;
}

function readInteger(view: DataView, i: number, dtype: ArrayDtype, le: boolean): number {
  switch (dtype) {
    case 'int8':
      return view.getInt8(i);
    case 'int16':
      return view.getInt16(2 * i, le);
    case 'uint16':
      return view.getUint16(2 * i, le);
    case 'int32':
      return view.getInt32(4 * i, le);
    case 'uint32':
      return view.getUint32(4 * i, le);
    case 'int64':
      return Number(view.getBigInt64(8 * i, le));
    default:
      throw new RangeError(`not an integer dtype: ${dtype}`);
  }
}
