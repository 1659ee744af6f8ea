/**
 * Builders of IDX and .npy files in memory, for tests (the parsers' own, the API's and the
 * end-to-end upload): what numpy.save and MNIST's writer produce.
 */
export function idxBytes(typeCode: number, shape: number[], payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const buf = new Uint8Array(4 + 4 * shape.length + payload.length);
  const view = new DataView(buf.buffer);
  buf[2] = typeCode;
  buf[3] = shape.length;
  for (const [i, d] of shape.entries()) view.setUint32(4 + 4 * i, d);
  buf.set(payload, 4 + 4 * shape.length);
  return buf;
}

/** A uint8 IDX array (type 0x08). */
export const idxUint8 = (shape: number[], data: ArrayLike<number>) => idxBytes(0x08, shape, Uint8Array.from(data));

/** A float32 IDX array (type 0x0d, big-endian elements). */
export function idxFloat32(shape: number[], data: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const payload = new Uint8Array(4 * data.length);
  const view = new DataView(payload.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i]!, false);
  return idxBytes(0x0d, shape, payload);
}

/** An .npy file (version 1.0) of a C-order array with the given descr ('|u1', '<f4', '<i8', ...). */
export function npyBytes(descr: string, shape: number[], payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${tuple}, }`;
  // numpy pads with spaces and a newline so the data starts at a multiple of 64.
  const pad = 64 - ((10 + header.length + 1) % 64);
  header = `${header}${' '.repeat(pad % 64)}\n`;
  const head = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + head.length + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, head.length, true);
  out.set(head, 10);
  out.set(payload, 10 + head.length);
  return out;
}

export const npyUint8 = (shape: number[], data: ArrayLike<number>) => npyBytes('|u1', shape, Uint8Array.from(data));
export const npyFloat32 = (shape: number[], data: ArrayLike<number>) => npyBytes('<f4', shape, new Uint8Array(Float32Array.from(data).buffer));
export const npyInt64 = (shape: number[], data: ArrayLike<number>) => npyBytes('<i8', shape, new Uint8Array(BigInt64Array.from(Array.from(data, (v) => BigInt(v))).buffer));

/**
 * A learnable synthetic image set: `count` images of h×w×c, each class k lights its own
 * horizontal band (rows k·h/classes ..) with noise elsewhere; labels cycle through the classes.
 */
export function bandImages(count: number, h: number, w: number, c: number, classes: number, seed = 1): { images: Uint8Array; labels: Uint8Array } {
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const images = new Uint8Array(count * h * w * c);
  const labels = new Uint8Array(count);
  const band = Math.max(1, Math.floor(h / classes));
  for (let n = 0; n < count; n++) {
    const k = n % classes;
    labels[n] = k;
    for (let y = 0; y < h; y++) {
      const lit = y >= k * band && y < (k + 1) * band;
      for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) images[((n * h + y) * w + x) * c + ch] = lit ? 180 + Math.floor(rand() * 75) : Math.floor(rand() * 90);
    }
  }
  return { images, labels };
}
