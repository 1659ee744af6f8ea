import type { DataShape } from '../data-shape.ts';
import type { DatasetContents } from './assemble.ts';

/**
 * How a dataset is stored (its sha256 is the dataset's content address): the magic
 * "MSDSET01", a little-endian uint32 header length, a JSON header, zero padding to a multiple
 * of 8 bytes (so float32 images can be viewed in place), the images of every split (train,
 * validation, test; float32 little-endian), then the labels as bytes. Workers read it straight
 * into shared memory and take views.
 */
export const DATASET_BLOB_MAGIC = 'MSDSET01';

export interface DatasetBlobHeader {
  version: 1;
  dtype: 'uint8' | 'float32';
  shape: DataShape;
  classNames: string[] | null;
  counts: { train: number; val: number; test: number };
}

/** A blob for this header, written but for its images and labels, with views to fill them. */
export function allocateDataset(header: DatasetBlobHeader): DatasetContents & { blob: Uint8Array<ArrayBuffer> } {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const n = header.counts.train + header.counts.val + header.counts.test;
  const values = n * header.shape.height * header.shape.width * header.shape.channels;
  const imagesAt = align8(12 + json.length);
  const bytesPer = header.dtype === 'float32' ? 4 : 1;
  const blob = new Uint8Array(imagesAt + values * bytesPer + n);
  blob.set(new TextEncoder().encode(DATASET_BLOB_MAGIC), 0);
  new DataView(blob.buffer).setUint32(8, json.length, true);
  blob.set(json, 12);
  // Typed arrays are in the platform's order; every platform Node runs on is little-endian.
  const images = header.dtype === 'float32' ? new Float32Array(blob.buffer, imagesAt, values) : blob.subarray(imagesAt, imagesAt + values);
  const labels = blob.subarray(imagesAt + values * bytesPer);
  return { blob, dtype: header.dtype, shape: header.shape, classNames: header.classNames, counts: header.counts, images, labels };
}

/** The stored form of a dataset: its blob if it was laid out in one (assembleDataset), else a new one. */
export function encodeDataset(d: DatasetContents): Uint8Array<ArrayBuffer> {
  if (d.blob) return d.blob;
  const out = allocateDataset({ version: 1, dtype: d.dtype, shape: d.shape, classNames: d.classNames, counts: d.counts });
  out.images.set(d.images as never);
  out.labels.set(d.labels);
  return out.blob;
}

/** The header and views into `blob` (no copy: a blob in a SharedArrayBuffer gives shared views). */
export function decodeDataset(blob: Uint8Array): DatasetContents {
  const magic = new TextDecoder().decode(blob.subarray(0, 8));
  if (magic !== DATASET_BLOB_MAGIC) throw new RangeError(`not a stored dataset: magic ${JSON.stringify(magic)}, expected ${DATASET_BLOB_MAGIC}`);
  const length = new DataView(blob.buffer, blob.byteOffset + 8, 4).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(blob.subarray(12, 12 + length))) as DatasetBlobHeader;
  const { shape, counts } = header;
  const n = counts.train + counts.val + counts.test;
  const values = n * shape.height * shape.width * shape.channels;
  const imagesAt = blob.byteOffset + align8(12 + length);
  const bytesPer = header.dtype === 'float32' ? 4 : 1;
  const labelsAt = imagesAt + values * bytesPer;
  if (labelsAt - blob.byteOffset + n !== blob.length) throw new RangeError(`stored dataset is ${blob.length} bytes, its header says ${labelsAt - blob.byteOffset + n}`);
  if (header.dtype === 'float32' && imagesAt % 4 !== 0) throw new RangeError('stored dataset: float32 images not 4-byte aligned in the given buffer');
  const images = header.dtype === 'float32' ? new Float32Array(blob.buffer, imagesAt, values) : new Uint8Array(blob.buffer, imagesAt, values);
  return { dtype: header.dtype, shape, classNames: header.classNames, counts, images, labels: new Uint8Array(blob.buffer, labelsAt, n) };
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
