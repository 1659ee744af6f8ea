import * as tf from '@tensorflow/tfjs-core';

type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];
type NamedTensor = { name: string; tensor: tf.Tensor };

/** Adam's settings (PyTorch's names in brackets); the learning rate is the schedule's, set per step. */
export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number; // (eps)
  /** Adam: L2, weightDecay·w added to the gradient; AdamW (`decoupled`): w ← w·(1 − lr·weightDecay). */
  weightDecay: number;
  decoupled: boolean;
}

/** A variable's two moments, non-trainable variables named as tfjs's own Adam names them. */
export interface AdamMoments {
  m: tf.Variable;
  v: tf.Variable;
}

/**
 * The scalars of step t (1 for the first) as float32, in the order the addon takes them:
 * [β1, 1 − β1, β2, 1 − β2, −stepSize, √(1 − β2^t), ε, wd, decay]. Computed in double as PyTorch
 * computes them in Python (step_size = lr / (1 − β1^t); bias_correction2_sqrt = √(1 − β2^t);
 * AdamW's 1 − lr·wd), then rounded once to float32, as PyTorch rounds a Python scalar when it
 * multiplies a float32 tensor. Both the tfjs reference and the native update use these numbers.
 */
export function adamCoefficients(s: AdamSettings, learningRate: number, t: number): Float32Array {
  const stepSize = learningRate / (1 - s.beta1 ** t);
  return Float32Array.of(
    s.beta1,
    1 - s.beta1,
    s.beta2,
    1 - s.beta2,
    -stepSize,
    Math.sqrt(1 - s.beta2 ** t),
    s.epsilon,
    s.decoupled ? 0 : s.weightDecay,
    s.decoupled ? 1 - learningRate * s.weightDecay : 1,
  );
}

/**
 * Adam and AdamW as PyTorch 1.13 computes them (torch.optim.Adam / AdamW, single-tensor path),
 * one float32 tfjs op per PyTorch op and in its order, so a net trained here follows one trained
 * by PyTorch from the same weights and batches to float rounding:
 *
 *     t ← t + 1;  g ← g + wd·w (Adam);  w ← w·(1 − lr·wd) (AdamW)
 *     m ← m·β1 + g·(1 − β1);  v ← v·β2 + ((1 − β2)·g)·g
 *     w ← w + (−lr/(1 − β1^t))·m / (√v / √(1 − β2^t) + ε)
 *
 * tfjs's own AdamOptimizer folds the bias corrections differently (lr·√(1 − β2^t)/(1 − β1^t) and
 * ε outside the correction), so it is not used. This is the reference the fused native update
 * (NativeAdamOptimizer, and the whole native step) matches bit for bit. The moments are kept per
 * variable in the order minimize gives the variables; `step` is t.
 */
export class AdamOptimizer extends tf.Optimizer {
  static readonly className = 'ModelspaceAdam';

  /**
   * tf.Optimizer answers instanceof for any object with minimize/computeGradients/applyGradients
   * (so every optimizer is "an AdamOptimizer"); the prototype chain decides here.
   */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (a subclass too)
    return Function.prototype[Symbol.hasInstance].call(this, instance);
  }

  /** Steps taken (t of the last one); a checkpoint keeps it. */
  step = 0;
  /** One pair per variable, in minimize's variable order (undefined until its first step). */
  moments: Array<AdamMoments | undefined> = [];
  protected learningRate: number;

  constructor(readonly settings: AdamSettings) {
    super();
    this.learningRate = settings.learningRate;
  }

  /** The rate of the steps from now on (a learning-rate schedule). */
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }

  get currentLearningRate(): number {
    return this.learningRate;
  }

  /** The scalars of the next step, and the step counted (the fused updates call this once per step). */
  nextCoefficients(): Float32Array {
    this.step++;
    return adamCoefficients(this.settings, this.learningRate, this.step);
  }

  /** The whole native step's update rule for the next step ([1, the coefficients]); counts the step. */
  nativeRule(): Float32Array {
    const rule = new Float32Array(10);
    rule[0] = 1;
    rule.set(this.nextCoefficients(), 1);
    return rule;
  }

  /** Variable i's two state arrays for the whole native step: its moments. */
  stateVariables(i: number, variable: tf.Variable): tf.Variable[] {
    const { m, v } = this.momentsOf(i, variable);
    return [m, v];
  }

  /** Counts a step the whole native step took (t is counted by nativeRule). */
  stepTaken(): void {
    this.incrementIterations();
  }

  /** Variable i's moments, created as zeros on its first step. */
  momentsOf(i: number, variable: tf.Variable): AdamMoments {
    this.moments[i] ??= tf.tidy(() => ({ m: tf.zerosLike(variable).variable(false, `${variable.name}/m`), v: tf.zerosLike(variable).variable(false, `${variable.name}/v`) }));
    return this.moments[i]!;
  }

  override applyGradients(variableGradients: Gradients): void {
    const list = Array.isArray(variableGradients) ? variableGradients : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    const k = Array.from(this.nextCoefficients());
    const [beta1, oneMinusBeta1, beta2, oneMinusBeta2, negStepSize, bias2Sqrt, eps, wd, decay] = k as [number, number, number, number, number, number, number, number, number];
    tf.tidy(() => {
      for (const [i, { name, tensor: gradient }] of list.entries()) {
        const value = tf.engine().registeredVariables[name];
        if (!value || !gradient) continue; // no gradient: untouched, as tfjs's optimizers do
        const { m, v } = this.momentsOf(i, value);
        const g = wd !== 0 ? tf.add(gradient, tf.mul(value, wd)) : gradient;
        const w = decay !== 1 ? tf.mul(value, decay) : value;
        const m1 = tf.add(tf.mul(m, beta1), tf.mul(g, oneMinusBeta1));
        const v1 = tf.add(tf.mul(v, beta2), tf.mul(tf.mul(g, oneMinusBeta2), g));
        const denom = tf.add(tf.div(tf.sqrt(v1), bias2Sqrt), eps);
        m.assign(m1);
        v.assign(v1);
        value.assign(tf.add(w, tf.div(tf.mul(m1, negStepSize), denom)));
      }
    });
    this.incrementIterations();
  }

  override dispose(): void {
    tf.dispose(this.moments.flatMap((p) => (p ? [p.m, p.v] : [])));
    this.moments = [];
    super.dispose();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const moments = this.moments.filter((p): p is AdamMoments => p !== undefined);
    return [await this.saveIterations(), ...moments.flatMap((p) => [p.m, p.v].map((t) => ({ name: t.name, tensor: t })))];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    this.dispose();
    for (let i = 0; i + 1 < rest.length; i += 2) this.moments.push({ m: rest[i]!.tensor.variable(false), v: rest[i + 1]!.tensor.variable(false) });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...this.settings };
  }
}
