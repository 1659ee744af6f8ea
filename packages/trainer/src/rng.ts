/**
 * Seeded randomness for everything the trainer decides itself (shuffling, per-layer init
 * seeds). Math.random cannot be seeded, and a trial must replay identically from its seed.
 */

/** mulberry32: a tiny, fast 32-bit PRNG; uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  const stream = mulberry32Stream(seed);
  return () => stream.next();
}

/**
 * mulberry32 whose position can be read and set: a stream that lives across epochs (a
 * dropout layer's masks) goes into a checkpoint as this one 32-bit word.
 */
export interface RandomStream {
  next(): number;
  state: number;
}

export function mulberry32Stream(seed: number): RandomStream {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    get state() {
      return a;
    },
    set state(v: number) {
      a = v >>> 0;
    },
  };
}

/**
 * A distinct, well-mixed seed for each (seed, purpose, index), so layer 1 and layer 2 — or
 * epoch 3's shuffle and layer 3's weights — never share a stream. Result in [0, 2^31).
 */
export function deriveSeed(seed: number, purpose: string, index = 0): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  const mix = (v: number) => {
    h = Math.imul(h ^ v, 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  };
  for (let i = 0; i < purpose.length; i++) mix(purpose.charCodeAt(i));
  mix(index);
  return h & 0x7fffffff;
}

/** Fisher-Yates shuffle of [0, n) driven by `random`. */
export function shuffledRange(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
