import type { EarlyStoppingState, StopReason } from '@modelspace/core';
import type { AdamState } from './optimizer.ts';

/**
 * Everything a training needs to go on after epoch `epoch` exactly as if it had never
 * stopped. Shuffling and augmentation are drawn from (seed, epoch) afresh each epoch, so
 * they need nothing here; dropout masks come from streams that run across epochs, so
 * their positions are kept.
 */
export interface TrainingCheckpoint {
  /** The last finished epoch: training resumes at epoch + 1. */
  epoch: number;
  /**
   * model.getWeights(), in that order: the trained variables and the non-trained state, i.e.
   * batch norm's running means and variances (what evaluation normalises with).
   */
  weights: Float32Array[];
  /** The optimiser's momentum accumulators (SGD), in the order of model.trainableWeights; empty for Adam. */
  momentum: Float32Array[];
  /**
   * Adam / AdamW's state: step count and both moments, in the order of model.trainableWeights.
   * Absent for SGD, and in checkpoints written before Adam existed (which still load).
   */
  adam?: AdamState | undefined;
  /**
   * The best-validation weights, tested at the end; null when they are `weights` (the best
   * epoch is this one) or when no epoch has improved yet (early.bestEpoch 0).
   */
  best: Float32Array[] | null;
  bestValLoss: number;
  early: EarlyStoppingState;
  /** Why the training would stop after this epoch (a checkpoint of the last epoch says so). */
  stop: StopReason | null;
  /** Positions of the SeededDropout layers' mask streams, in model.layers order. */
  dropoutStreams: number[];
}

const MAGIC = 0x4b43534d; // "MSCK" little-endian
const VERSION = 1;

interface Header {
  epoch: number;
  bestValLoss: string; // numbers as strings: Infinity and NaN survive JSON
  early: { bestValue: string; bestEpoch: number; epochsWithoutImprovement: number };
  stop: StopReason | null;
  dropoutStreams: number[];
  weights: number[];
  momentum: number[];
  best: number[] | null;
  /** Adam's section (absent: none): its step and the lengths of its arrays, stored after `best`'s. */
  adam?: { step: number; m: number[]; v: number[] };
}

/** One buffer: magic, version, header length, JSON header, padding to 4, then the float32 arrays. */
export function encodeCheckpoint(c: TrainingCheckpoint): Uint8Array {
  const header: Header = {
    epoch: c.epoch,
    bestValLoss: String(c.bestValLoss),
    early: { bestValue: String(c.early.bestValue), bestEpoch: c.early.bestEpoch, epochsWithoutImprovement: c.early.epochsWithoutImprovement },
    stop: c.stop,
    dropoutStreams: c.dropoutStreams,
    weights: c.weights.map((w) => w.length),
    momentum: c.momentum.map((w) => w.length),
    best: c.best?.map((w) => w.length) ?? null,
    ...(c.adam && { adam: { step: c.adam.step, m: c.adam.m.map((a) => a.length), v: c.adam.v.map((a) => a.length) } }),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align4(12 + json.length);
  const arrays = [...c.weights, ...c.momentum, ...(c.best ?? []), ...(c.adam ? [...c.adam.m, ...c.adam.v] : [])];
  const floats = arrays.reduce((n, a) => n + a.length, 0);
  const out = new Uint8Array(dataStart + floats * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  const data = new Float32Array(out.buffer, dataStart, floats);
  let at = 0;
  for (const a of arrays) {
    data.set(a, at);
    at += a.length;
  }
  return out;
}

export class CheckpointFormatError extends Error {
  constructor(message: string) {
    super(`checkpoint unreadable: ${message}`);
    this.name = 'CheckpointFormatError';
  }
}

export function decodeCheckpoint(bytes: Uint8Array): TrainingCheckpoint {
  if (bytes.length < 12) throw new CheckpointFormatError(`${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new CheckpointFormatError('not a modelspace checkpoint');
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new CheckpointFormatError(`format version ${version}, this trainer reads ${VERSION}`);
  const jsonLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength))) as Header;
  let at = align4(12 + jsonLength);
  const take = (lengths: number[]) =>
    lengths.map((n) => {
      const end = at + n * 4;
      if (end > bytes.length) throw new CheckpointFormatError('truncated');
      // A copy: the source may be unaligned (a pooled Buffer) and is not ours to keep.
      const a = new Float32Array(bytes.slice(at, end).buffer);
      at = end;
      return a;
    });
  const weights = take(header.weights);
  const momentum = take(header.momentum);
  const best = header.best ? take(header.best) : null;
  const adam = header.adam && { step: header.adam.step, m: take(header.adam.m), v: take(header.adam.v) };
  return {
    epoch: header.epoch,
    weights,
    momentum,
    best,
    bestValLoss: Number(header.bestValLoss),
    early: {
      bestValue: Number(header.early.bestValue),
      bestEpoch: header.early.bestEpoch,
      epochsWithoutImprovement: header.early.epochsWithoutImprovement,
    },
    stop: header.stop,
    dropoutStreams: header.dropoutStreams,
    ...(adam && { adam }),
  };
}

const align4 = (n: number) => (n + 3) & ~3;
