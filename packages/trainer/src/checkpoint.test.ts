import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCheckpoint, encodeCheckpoint, type TrainingCheckpoint } from './checkpoint.ts';

const BASE: TrainingCheckpoint = {
  epoch: 3,
  weights: [Float32Array.of(1, 2, 3), Float32Array.of(4)],
  momentum: [Float32Array.of(0.1, 0.2, 0.3), Float32Array.of(0.4)],
  best: null,
  bestValLoss: 0.5,
  early: { bestValue: 0.1, bestEpoch: 3, epochsWithoutImprovement: 0 },
  stop: null,
  dropoutStreams: [7],
};

/** The JSON header of an encoded checkpoint. */
function header(bytes: Uint8Array): Record<string, unknown> {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as Record<string, unknown>;
}

describe('checkpoint format', () => {
  it("an SGD checkpoint is byte for byte the format before Adam (no 'adam' section), so old checkpoints load", () => {
    const bytes = encodeCheckpoint(BASE);
    assert.deepEqual(Object.keys(header(bytes)), ['epoch', 'bestValLoss', 'early', 'stop', 'dropoutStreams', 'weights', 'momentum', 'best']);
    const back = decodeCheckpoint(bytes);
    assert.equal(back.adam, undefined);
    assert.deepEqual(back, BASE);
  });

  it("keeps Adam's step count and both moments in their own section after the other arrays", () => {
    const adam = { step: 1234, m: [Float32Array.of(-1, 0, 1), Float32Array.of(2)], v: [Float32Array.of(1e-8, 0, 3), Float32Array.of(4e-3)] };
    const checkpoint: TrainingCheckpoint = { ...BASE, momentum: [], best: [Float32Array.of(9, 9, 9), Float32Array.of(9)], adam };
    const bytes = encodeCheckpoint(checkpoint);
    assert.deepEqual(header(bytes).adam, { step: 1234, m: [3, 1], v: [3, 1] });
    assert.deepEqual(decodeCheckpoint(bytes), checkpoint);
    assert.throws(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 4)), /truncated/);
  });
});
