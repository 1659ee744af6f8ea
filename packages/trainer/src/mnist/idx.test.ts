import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MnistError } from './error.ts';
import { parseIdx } from './idx.ts';

/** An IDX file in memory: magic, dims, payload. */
function idx(magic: number, dims: number[], payload: number[]): Uint8Array {
  const buf = new Uint8Array(4 + 4 * dims.length + payload.length);
  const view = new DataView(buf.buffer);
  view.setUint32(0, magic);
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d);
  buf.set(payload, 4 + 4 * dims.length);
  return buf;
}

describe('parseIdx', () => {
  it('reads the dims and payload of an images file (magic 2051, rank 3)', () => {
    const pixels = Array.from({ length: 2 * 2 * 3 }, (_, i) => i * 10);
    const { dims, data } = parseIdx(idx(2051, [2, 2, 3], pixels), 'imgs');
    assert.deepEqual(dims, [2, 2, 3]);
    assert.deepEqual([...data], pixels);
  });

  it('reads a labels file (magic 2049, rank 1)', () => {
    const { dims, data } = parseIdx(idx(2049, [4], [7, 2, 1, 0]), 'labels');
    assert.deepEqual(dims, [4]);
    assert.deepEqual([...data], [7, 2, 1, 0]);
  });

  it('returns a view into the buffer, not a copy (the 47 MB file is not duplicated)', () => {
    const buf = idx(2049, [2], [3, 4]);
    const { data } = parseIdx(buf, 'labels');
    assert.equal(data.buffer, buf.buffer);
  });

  it('rejects a wrong magic number with a MnistError naming the file', () => {
    assert.throws(
      () => parseIdx(idx(2050, [1], [0]), 'x.idx'),
      (e: Error) => e instanceof MnistError && /x\.idx: bad magic number 2050/.test(e.message),
    );
    // a gzip file handed over by mistake
    assert.throws(
      () => parseIdx(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'a.gz'),
      (e: Error) => e instanceof MnistError && /a\.gz: bad magic/.test(e.message),
    );
  });

  it('rejects a truncated payload, saying how long the file is and should be', () => {
    const full = idx(2051, [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.throws(
      () => parseIdx(full.subarray(0, full.length - 1), 'imgs'),
      (e: Error) => e instanceof MnistError && /imgs: truncated: 23 bytes, but the header \(dims 2x2x2\) says 24/.test(e.message),
    );
  });

  it('rejects a truncated header and a file shorter than a magic number', () => {
    assert.throws(
      () => parseIdx(idx(2051, [2, 2, 2], []).subarray(0, 10), 'imgs'),
      (e: Error) => e instanceof MnistError && /imgs: truncated header/.test(e.message),
    );
    assert.throws(
      () => parseIdx(new Uint8Array(2), 'tiny'),
      (e: Error) => e instanceof MnistError && /tiny: 2 bytes is too short/.test(e.message),
    );
  });

  it('rejects trailing bytes after the payload', () => {
    const buf = idx(2049, [2], [1, 2, 3]);
    assert.throws(
      () => parseIdx(buf, 'labels'),
      (e: Error) => e instanceof MnistError && /labels: has trailing bytes/.test(e.message),
    );
  });
});
