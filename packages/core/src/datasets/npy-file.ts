import { type ArrayDtype, type ArrayFile, DatasetUploadError, DTYPE_BYTES, elementCount, readElements } from './array-file.ts';

/**
 * NumPy's .npy format (numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the
 * magic "\x93NUMPY", a major and minor version, the header length (uint16 little-endian in
 * 1.0, uint32 in 2.0 and 3.0), then a Python dict literal
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (60000, 28, 28), }`, then the data.
 * Only C-order arrays of the dtypes below; no pickled objects.
 */
export const NPY_MAGIC = Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
/** Largest header read: numpy writes well under this, a bigger one is not a real array. */
const MAX_HEADER = 65_536;

const DESCRS: Record<string, { dtype: ArrayDtype; littleEndian: boolean }> = {
  '|u1': { dtype: 'uint8', littleEndian: true },
  '<u1': { dtype: 'uint8', littleEndian: true },
  '|i1': { dtype: 'int8', littleEndian: true },
  '<i1': { dtype: 'int8', littleEndian: true },
  '<i2': { dtype: 'int16', littleEndian: true },
  '>i2': { dtype: 'int16', littleEndian: false },
  '<u2': { dtype: 'uint16', littleEndian: true },
  '>u2': { dtype: 'uint16', littleEndian: false },
  '<i4': { dtype: 'int32', littleEndian: true },
  '>i4': { dtype: 'int32', littleEndian: false },
  '<u4': { dtype: 'uint32', littleEndian: true },
  '>u4': { dtype: 'uint32', littleEndian: false },
  '<i8': { dtype: 'int64', littleEndian: true },
  '>i8': { dtype: 'int64', littleEndian: false },
  '<f4': { dtype: 'float32', littleEndian: true },
  '>f4': { dtype: 'float32', littleEndian: false },
};

export function parseNpyFile(buf: Uint8Array, field: string): ArrayFile {
  if (buf.length < 10 || !NPY_MAGIC.every((b, i) => buf[i] === b)) {
    throw new DatasetUploadError(field, 'bad magic number: a .npy file starts with "\\x93NUMPY" (save it with numpy.save)');
  }
  const major = buf[6]!;
  if (major < 1 || major > 3) throw new DatasetUploadError(field, `unsupported .npy version ${major}.${buf[7]}: expected 1.0, 2.0 or 3.0`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (buf.length < 8 + lengthBytes) throw new DatasetUploadError(field, 'truncated header');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthBytes;
  if (headerLength > MAX_HEADER) throw new DatasetUploadError(field, `header of ${headerLength} bytes: a .npy header is at most ${MAX_HEADER}`);
  if (buf.length < start + headerLength) throw new DatasetUploadError(field, `truncated header: ${buf.length} bytes, the header says it ends at ${start + headerLength}`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(buf.subarray(start, start + headerLength));
  const { descr, fortranOrder, shape } = parseHeader(header, field);
  if (fortranOrder) throw new DatasetUploadError(field, 'fortran_order True is not supported: save a C-order array (numpy.ascontiguousarray)');
  const type = DESCRS[descr];
  if (!type) throw new DatasetUploadError(field, `unsupported dtype '${descr}': images must be uint8 ('|u1') or float32 ('<f4'), labels an integer type`);
  const count = elementCount(field, shape);
  const dataStart = start + headerLength;
  const expected = dataStart + count * DTYPE_BYTES[type.dtype];
  if (buf.length !== expected) {
    const what = buf.length < expected ? 'truncated' : 'has trailing bytes';
    throw new DatasetUploadError(field, `${what}: ${buf.length} bytes, but the header ('${descr}', shape (${shape.join(', ')})) says ${expected}`);
  }
  return { dtype: type.dtype, shape, data: readElements(buf, dataStart, count, type.dtype, type.littleEndian) };
}

/** The three keys of the header dict, read with patterns rather than evaluated. */
function parseHeader(header: string, field: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const bad = (what: string) => new DatasetUploadError(field, `malformed .npy header (${what}): ${JSON.stringify(header.slice(0, 120))}`);
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header)?.[1];
  if (descr === undefined) throw bad('no descr');
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  if (fortran === undefined) throw bad('no fortran_order');
  const tuple = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (tuple === undefined) throw bad('no shape');
  const parts = tuple
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const shape = parts.map((p) => (/^\d{1,15}L?$/.test(p) ? Number.parseInt(p, 10) : Number.NaN));
  if (shape.some((d) => !Number.isSafeInteger(d))) throw bad('shape is not a tuple of integers');
  return { descr, fortranOrder: fortran === 'True', shape };
}
