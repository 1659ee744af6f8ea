// The trainer's categorical loss in two calls: softmax(scale·z) cross-entropy from the logits
// (log-sum-exp; mean over the batch) forward, and its gradient with respect to z. Composed from
// tfjs ops it is ~25 kernel calls per step (mul, log-softmax, mul, sum, neg, div, their gradients and the
// tape's copies of saved tensors), which at batch 1 costs more than the arithmetic of [1,10].
#include <cmath>
#include "common.h"

namespace msn {

// Softmax of t = scale·z row by row, max-shifted as tfjs's kernel (t rounded to float first, as
// tf.mul does, so for scale = 1 the probabilities equal the Softmax kernel's bit for bit).
static void softmaxRow(const float* z, float* p, size_t cols, float scale) {
  float m = -INFINITY;
  for (size_t i = 0; i < cols; i++) {
    float t = scale == 1.f ? z[i] : z[i] * scale;
    p[i] = t;
    m = t > m ? t : m;
  }
  float s = 0.f;
  for (size_t i = 0; i < cols; i++) s += (p[i] = std::exp(p[i] - m));
  for (size_t i = 0; i < cols; i++) p[i] /= s;
}

// Mean over rows of −Σ_k y_k·log p_k, p = softmax(t), t = scale·z, computed from the logits as
// Σ_k y_k·(logsumexp(t) − t_k) with logsumexp(t) = max t + log Σ exp(t − max t): finite and
// exact for any logits, where log(p) of a probability that underflowed (a confident mistake)
// would be −∞ (the former clip at 1e-7 capped it, and with it zeroed the gradient). p is
// written to `p` (for the gradient) and each row's first index of the largest p (tfjs argMax)
// to `predicted` (or null). The mean is rounded to float32, as the loss tensor holds it.
double softmaxCrossEntropy(const float* z, const float* y, float* p, int32_t* predicted, size_t rows, size_t cols, float scale) {
  double total = 0;
  for (size_t r = 0; r < rows; r++) {
    const float *zr = z + r * cols, *yr = y + r * cols;
    float* pr = p + r * cols;
    // t_i rounded to float as softmaxRow (and tf.mul) rounds it.
    auto t = [&](size_t i) { return scale == 1.f ? zr[i] : zr[i] * scale; };
    float m = -INFINITY;
    for (size_t i = 0; i < cols; i++) m = t(i) > m ? t(i) : m;
    double sum = 0;  // in double: the log of a float sum would cost the loss precision
    for (size_t i = 0; i < cols; i++) sum += std::exp((double)t(i) - (double)m);
    const double lse = (double)m + std::log(sum);
    softmaxRow(zr, pr, cols, scale);
    size_t best = 0;
    for (size_t i = 0; i < cols; i++) {
      if (pr[i] > pr[best]) best = i;
      if (yr[i] != 0.f) total += (double)yr[i] * (lse - (double)t(i));
    }
    if (predicted) predicted[r] = (int32_t)best;
  }
  total /= (double)rows;
  return (double)(float)total;
}

// softmaxCrossEntropy(z, y, p, predicted, cols, scale) → the mean above.
Napi::Value SoftmaxCrossEntropy(const Napi::CallbackInfo& info) {
  double total = 0;
  Napi::Value result = guarded(info, [&] {
    size_t n = info[0].As<Napi::Float32Array>().ElementLength();
    size_t cols = (size_t)info[4].As<Napi::Number>().Int64Value();
    if (cols == 0 || n % cols || info[1].As<Napi::Float32Array>().ElementLength() != n || info[2].As<Napi::Float32Array>().ElementLength() != n)
      throw std::invalid_argument("softmaxCrossEntropy: logits, labels and probabilities must be [rows, cols]");
    size_t rows = n / cols;
    int32_t* predicted = info[3].IsNull() ? nullptr : info[3].As<Napi::Int32Array>().Data();
    if (predicted && info[3].As<Napi::Int32Array>().ElementLength() != rows) throw std::invalid_argument("softmaxCrossEntropy: one prediction per row");
    total = softmaxCrossEntropy(f32(info[0]), f32(info[1]), f32(info[2]), predicted, rows, cols, info[5].As<Napi::Number>().FloatValue());
  });
  if (info.Env().IsExceptionPending()) return result;
  return Napi::Number::New(info.Env(), total);
}

// The gradient of the mean above times g (the upstream gradient) with respect to z: per row,
// dz_i = scale · (g / rows) · (p_i·Σ_k y_k − y_i), i.e. scale·(p − y)·g/rows for a one-hot row
// (−β(p − y) in the seed's softmax(−β·z)); never zero for a confident mistake.
void softmaxCrossEntropyGrad(const float* p, const float* y, float* dz, size_t rows, size_t cols, double scale, double g) {
  double k = g / (double)rows;
  for (size_t r = 0; r < rows; r++) {
    const float *pr = p + r * cols, *yr = y + r * cols;
    float* out = dz + r * cols;
    double s = 0;
    for (size_t i = 0; i < cols; i++) s += (double)yr[i];
    for (size_t i = 0; i < cols; i++) out[i] = (float)(scale * k * ((double)pr[i] * s - (double)yr[i]));
  }
}

// softmaxCrossEntropyGrad(p, y, dz, cols, scale, g)
Napi::Value SoftmaxCrossEntropyGrad(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    size_t n = info[0].As<Napi::Float32Array>().ElementLength();
    size_t cols = (size_t)info[3].As<Napi::Number>().Int64Value();
    if (cols == 0 || n % cols || info[1].As<Napi::Float32Array>().ElementLength() != n || info[2].As<Napi::Float32Array>().ElementLength() != n)
      throw std::invalid_argument("softmaxCrossEntropyGrad: probabilities, labels and gradient must be [rows, cols]");
    softmaxCrossEntropyGrad(f32(info[0]), f32(info[1]), f32(info[2]), n / cols, cols, info[4].As<Napi::Number>().DoubleValue(),
                            info[5].As<Napi::Number>().DoubleValue());
  });
}

}  // namespace msn
