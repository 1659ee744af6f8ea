// One Adam / AdamW update of every variable of a model in one call, as PyTorch 1.13's
// single-tensor Adam computes it (torch/optim/adam.py, adamw.py) and as the tfjs reference
// (src/adam.ts) composes it: every product, sum, quotient and root rounded to float32 on its
// own (no FMA contraction), so the result is bit-identical to the reference on the native
// backend. The step's scalars (bias corrections, step size, decay factor) are computed once in
// JS, in double as PyTorch computes them in Python, and passed rounded to float32.
#include <immintrin.h>
#include <cmath>
#include "common.h"

namespace msn {

// In place, per element (g the gradient, w the weight, m and v the moments):
//   g ← g + w·wd                      (Adam's L2 decay; wd = 0 for AdamW)
//   w ← w·decay                       (AdamW's decoupled decay, decay = 1 − lr·wd; 1 for Adam)
//   m ← m·β1 + g·(1 − β1)             (exp_avg.mul_(β1).add_(g, alpha = 1 − β1))
//   v ← v·β2 + ((1 − β2)·g)·g         (exp_avg_sq.mul_(β2).addcmul_(g, g, value = 1 − β2))
//   w ← w + (−stepSize·m) / (√v / √(1 − β2^t) + ε)   (param.addcdiv_(m, denom, value = −stepSize))
__attribute__((optimize("fp-contract=off"))) void adamStep(float* value, const float* grad, float* m, float* v, size_t n, const AdamOptions& o) {
  size_t i = 0;
#ifdef __AVX__
  // Eight at a time with the same operations (IEEE mul, add, div and sqrt are exact per lane, and
  // fp-contract=off keeps every mul and add apart): the compiler leaves the scalar loop below
  // unvectorized because of sqrt's errno, and it is most of the update's time.
  const __m256 beta1 = _mm256_set1_ps(o.beta1), w1 = _mm256_set1_ps(o.oneMinusBeta1), beta2 = _mm256_set1_ps(o.beta2),
               w2 = _mm256_set1_ps(o.oneMinusBeta2), negStep = _mm256_set1_ps(o.negStepSize), bias2 = _mm256_set1_ps(o.bias2Sqrt),
               eps = _mm256_set1_ps(o.eps), wd = _mm256_set1_ps(o.wd), decay = _mm256_set1_ps(o.decay);
  for (; i + 8 <= n; i += 8) {
    __m256 g = _mm256_loadu_ps(grad + i);
    __m256 w = _mm256_loadu_ps(value + i);
    if (o.wd != 0.f) g = _mm256_add_ps(g, _mm256_mul_ps(w, wd));
    if (o.decay != 1.f) w = _mm256_mul_ps(w, decay);
    __m256 mm = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(m + i), beta1), _mm256_mul_ps(g, w1));
    _mm256_storeu_ps(m + i, mm);
    __m256 vv = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(v + i), beta2), _mm256_mul_ps(_mm256_mul_ps(w2, g), g));
    _mm256_storeu_ps(v + i, vv);
    __m256 denom = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(vv), bias2), eps);
    _mm256_storeu_ps(value + i, _mm256_add_ps(w, _mm256_div_ps(_mm256_mul_ps(negStep, mm), denom)));
  }
#endif
  for (; i < n; i++) {
    float g = grad[i];
    float w = value[i];
    if (o.wd != 0.f) {
      float decay = w * o.wd;
      g = g + decay;
    }
    if (o.decay != 1.f) w = w * o.decay;
    float mm = m[i] * o.beta1;
    float gm = g * o.oneMinusBeta1;
    mm = mm + gm;
    m[i] = mm;
    float vv = v[i] * o.beta2;
    float gv = o.oneMinusBeta2 * g;
    gv = gv * g;
    vv = vv + gv;
    v[i] = vv;
    float denom = std::sqrt(vv) / o.bias2Sqrt;
    denom = denom + o.eps;
    float num = o.negStepSize * mm;
    float step = num / denom;
    value[i] = w + step;
  }
}

// The options from a Float32Array [β1, 1 − β1, β2, 1 − β2, −stepSize, √(1 − β2^t), ε, wd, decay].
AdamOptions adamOptions(const Napi::Value& coefficients) {
  auto a = coefficients.As<Napi::Float32Array>();
  if (a.ElementLength() != 9) throw std::invalid_argument("adam: 9 coefficients expected");
  const float* c = a.Data();
  return AdamOptions{c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]};
}

// adamUpdate(values: Float32Array[], grads: Float32Array[], ms: Float32Array[], vs: Float32Array[], coefficients: Float32Array)
Napi::Value AdamUpdate(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    auto values = info[0].As<Napi::Array>();
    auto grads = info[1].As<Napi::Array>();
    auto ms = info[2].As<Napi::Array>();
    auto vs = info[3].As<Napi::Array>();
    const AdamOptions o = adamOptions(info[4]);
    uint32_t k = values.Length();
    if (grads.Length() != k || ms.Length() != k || vs.Length() != k) throw std::invalid_argument("adamUpdate: one gradient and two moments per value");
    // Denormals flushed during the update, as momentumUpdate does (momentum.cc): moments of a
    // weight whose gradient stays 0 decay into them, and their arithmetic is ~100x slower.
    FlushDenormals flush;
    for (uint32_t i = 0; i < k; i++) {
      auto v = values.Get(i).As<Napi::Float32Array>();
      auto g = grads.Get(i).As<Napi::Float32Array>();
      auto m = ms.Get(i).As<Napi::Float32Array>();
      auto s = vs.Get(i).As<Napi::Float32Array>();
      size_t n = v.ElementLength();
      if (g.ElementLength() != n || m.ElementLength() != n || s.ElementLength() != n)
        throw std::invalid_argument("adamUpdate: a value, its gradient and its moments differ in length");
      adamStep(v.Data(), g.Data(), m.Data(), s.Data(), n, o);
    }
  });
}

}  // namespace msn
