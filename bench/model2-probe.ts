/**
 * Probe of one trial's training dynamics (written for issue 17, model 2's collapse): the
 * trainer's step (the whole native step unless `tfjs`; the native backend unless
 * `backend=cpu`) on a subset, logging every `log` steps the window's mean loss and error, each
 * variable's norm and how far it moved, and on a fixed probe batch of 64 training images: the
 * largest |logit|, the share of images whose true-class probability is under the loss's clip
 * (they get no gradient), and the hidden dense layer's outputs: mean |value|, their spread
 * across images (mean over units of the std) and the share saturated (|y| > 0.99).
 * Options as --key value (all runs) or per run as --run "key=value key=value" (one process,
 * runs one after another): model (seed-table.yaml variant, 2), train (2000), val (1000),
 * batch (8), lr (0.008), momentum (0.9), steps (2000), log (100), seed (1), maps (64,64),
 * dense (128), activation, pool (l2|max|average), dropout (one-fc|all-fc|none), no-aug,
 * backend (native|cpu), tfjs, init (glorot|torch: Torch7's default ±1/√fanIn), epsilon (1e-7).
 *   npx tsx bench/model2-probe.ts --steps 200 --log 25 --run "" --run "dropout=none"
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { parseSweepText, planTrials, resolveTraining, type ModelSpec } from '@modelspace/core';
import { nativeMomentum, SgdMomentumOptimizer } from '@modelspace/native';
import { initBackend, loadMnist } from '@modelspace/trainer';
import {
  buildNet,
  deriveSeed,
  disposeBatch,
  drawAugmentation,
  evaluate,
  makeBatch,
  mulberry32,
  shuffledRange,
  softmaxHead,
  splits,
  trainStep,
  wholeNativeStep,
} from '@modelspace/trainer/testing';

const plans = planTrials(parseSweepText(readFileSync(new URL('../sweeps/seed-table.yaml', import.meta.url), 'utf8')));
const mnist = loadMnist();
// Each --run "k=v k=v" is one trial (defaults below, then the command line's own --k v).
const cli = new Map<string, string>();
const runs: string[] = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i]!;
  if (a === '--run') runs.push(process.argv[++i]!);
  else if (a.startsWith('--')) cli.set(a.slice(2), process.argv[i + 1] && !process.argv[i + 1]!.startsWith('--') ? process.argv[++i]! : 'yes');
}
if (!runs.length) runs.push('');
for (const r of runs) {
  const own = new Map(cli);
  for (const kv of r.split(/\s+/).filter(Boolean)) {
    const [k, v] = kv.split('=');
    own.set(k!, v ?? 'yes');
  }
  await probeRun(own);
}

async function probeRun(opts: Map<string, string>): Promise<void> {
  const arg = (name: string, fallback: string) => opts.get(name) ?? fallback;
  const flag = (name: string) => opts.has(name);
  const base = plans[Number(arg('model', '2')) - 1]!.model as ModelSpec & Record<string, unknown>;
  const spec = { ...base } as Record<string, unknown>;
  if (flag('maps')) spec.featureMaps = arg('maps', '64,64').split(',').map(Number);
  if (flag('dense')) spec.denseUnits = Number(arg('dense', '128'));
  if (flag('activation')) spec.activation = arg('activation', 'tanh');
  if (flag('pool')) spec.pooling = { ...(spec.pooling as object), type: arg('pool', 'l2') };
  if (flag('dropout')) spec.dropout = arg('dropout', 'one-fc') === 'none' ? { placement: 'none' } : { placement: arg('dropout', 'one-fc'), rate: 0.5 };
  if (flag('no-aug')) delete spec.augmentation;
  const model = spec as unknown as ModelSpec;
  const backend = arg('backend', 'native') as 'native' | 'cpu';
  await initBackend({ prefer: backend });
  const training = resolveTraining({
    batchSize: Number(arg('batch', '8')),
    learningRate: Number(arg('lr', '0.008')),
    momentum: Number(arg('momentum', '0.9')),
    trainSubset: Number(arg('train', '2000')),
    valSubset: Number(arg('val', '1000')),
    testSubset: 1,
    seed: Number(arg('seed', '1')),
  });
  const steps = Number(arg('steps', '2000'));
  const every = Number(arg('log', '100'));
  const epsilon = Number(arg('epsilon', '1e-7'));
  console.log(`\n== ${[...opts].map(([k, v]) => `${k}=${v}`).join(' ')}`);
  console.log(
    `backend ${tf.getBackend()} model ${JSON.stringify(model)} batch ${training.batchSize} lr ${training.learningRate} momentum ${training.momentum} train ${training.trainSubset}`,
  );

  const data = splits(mnist, training);
  const net = buildNet(model, training.seed);
  const side = model.augmentation ? 32 : 28;
  const setup = { loss: 'categorical' as const, side: side as 28 | 32 };
  const optimizer = nativeMomentum(training) ?? new SgdMomentumOptimizer(training);
  const variables = net.model.trainableWeights.map((w) => w.read() as tf.Variable);
  // init=torch: Torch7's default reset (the seed's): kernel and bias uniform in ±1/√fanIn.
  if (arg('init', 'glorot') === 'torch') {
    const random = mulberry32(deriveSeed(training.seed, 'torch-init'));
    for (let i = 0; i < variables.length; i += 2) {
      const kernel = variables[i]!;
      const fanIn = kernel.shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const limit = 1 / Math.sqrt(fanIn);
      for (const v of [kernel, variables[i + 1]!])
        v.assign(
          tf.tensor(
            Float32Array.from({ length: v.size }, () => (2 * random() - 1) * limit),
            v.shape,
          ),
        );
    }
  }
  const whole = flag('tfjs-step') || flag('tfjs') ? null : wholeNativeStep(net, optimizer, variables);
  console.log(`step: ${whole ? 'whole native' : 'tfjs'}`);

  // A fixed probe batch: 64 training images as they are (padded to 32 for augmented models).
  const probeIdx = Int32Array.from({ length: 64 }, (_, i) => i);
  const probe = makeBatch(data.train, probeIdx, { side });
  const head = softmaxHead(net.model)!;
  function probeStats(): string {
    const [z, p] = tf.tidy(() => {
      const logits = head.logits(() => net.model.apply(probe.xs, { training: false }) as tf.Tensor);
      return [logits.dataSync() as Float32Array, tf.softmax(logits).dataSync() as Float32Array];
    });
    let dead = 0;
    let maxLogit = 0;
    for (let r = 0; r < 64; r++) if (p[r * 10 + probe.labels[r]!]! < epsilon) dead++;
    for (const v of z) maxLogit = Math.max(maxLogit, Math.abs(v));
    // The hidden dense layer's outputs on the probe: saturated share, and how much they vary
    // between images (mean over units of the std across images) against their mean magnitude.
    const hidden = tf.tidy(() => {
      let x: tf.Tensor = probe.xs;
      for (const l of net.layers) {
        x = l.layer.apply(x, { training: false }) as tf.Tensor;
        if (l.kind === 'dense') break;
      }
      return x.dataSync() as Float32Array;
    });
    const units = hidden.length / 64;
    let sat = 0;
    let spread = 0;
    let level = 0;
    for (let u = 0; u < units; u++) {
      let m = 0;
      for (let r = 0; r < 64; r++) m += hidden[r * units + u]! / 64;
      let v = 0;
      for (let r = 0; r < 64; r++) v += (hidden[r * units + u]! - m) ** 2 / 64;
      spread += Math.sqrt(v) / units;
      level += Math.abs(m) / units;
    }
    for (const h of hidden) if (Math.abs(h) > 0.99) sat++;
    return `probe: max|z| ${maxLogit.toFixed(1)} p_true<eps ${((dead / 64) * 100).toFixed(0)}% fc |mean| ${level.toFixed(2)} std ${spread.toFixed(3)} sat ${((sat / hidden.length) * 100).toFixed(0)}%`;
  }
  const norms = () => variables.map((v) => Math.sqrt(tf.tidy(() => tf.sum(tf.square(v)).dataSync()[0]!)));
  const snapshot = () => variables.map((v) => v.dataSync().slice() as Float32Array);
  let prev = snapshot();

  const expansion = model.augmentation?.expansion ?? 1;
  const samples = data.train.count * expansion;
  let epoch = 0;
  let order: Int32Array<ArrayBufferLike> = new Int32Array(0);
  let augment = mulberry32(0);
  let at = samples;
  let lossSum = 0;
  let wrong = 0;
  let seen = 0;
  const t0 = performance.now();
  for (let s = 1; s <= steps; s++) {
    if (at >= samples) {
      epoch++;
      order = shuffledRange(samples, mulberry32(deriveSeed(training.seed, 'shuffle', epoch)));
      augment = mulberry32(deriveSeed(training.seed, 'augment', epoch));
      at = 0;
    }
    const indices = order.subarray(at, Math.min(samples, at + training.batchSize));
    at += indices.length;
    const view = model.augmentation
      ? { side: 32 as const, draws: Array.from(indices, () => drawAugmentation(augment, model.augmentation!.maxRotation)) }
      : { side: side as 28 | 32 };
    const batch = makeBatch(data.train, indices, view);
    const { loss, errors } = trainStep(net.model, optimizer, variables, batch, setup, whole);
    disposeBatch(batch);
    lossSum += loss * indices.length;
    wrong += errors;
    seen += indices.length;
    if (s % every === 0 || s === steps) {
      const now = norms();
      const cur = snapshot();
      const moved = cur.map((c, i) => {
        let d = 0;
        for (let k = 0; k < c.length; k++) d += (c[k]! - prev[i]![k]!) ** 2;
        return Math.sqrt(d);
      });
      const names = variables.map((v) =>
        v.name
          .replace(/_Dense|_Conv2D/, '')
          .split('/')
          .slice(-2)
          .join('/'),
      );
      const w = now.map((n, i) => `${names[i]} ${n.toFixed(2)}(+${moved[i]!.toFixed(3)})`).join(' ');
      console.log(
        `step ${s} ep ${epoch} loss ${(lossSum / seen).toFixed(3)} err ${((wrong / seen) * 100).toFixed(1)}% ${probeStats()} | ${w} | ${((performance.now() - t0) / 1000).toFixed(0)}s`,
      );
      prev = cur;
      lossSum = wrong = seen = 0;
      if (!Number.isFinite(loss)) break;
    }
  }
  const v = evaluate(net.model, data.val, setup);
  console.log(`val error ${(v.error * 100).toFixed(2)}% loss ${v.loss.toFixed(3)} (${data.val.count} images)`);
  disposeBatch(probe);
  net.model.dispose();
}
