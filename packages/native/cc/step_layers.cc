// Activation layers and batch norm for the whole training step (see step_layers.h). Every line
// is one tfjs op of the same layer on the 'native' backend, rounded to float32 where that op
// stores its result; the cpu backend's JS kernels (erf, exp, rsqrt, leaky relu, batch norm,
// mean) compute in doubles and round once, as these do. No fused multiply-adds: tfjs rounds
// every product and sum on its own.
#include "step_layers.h"
#include <algorithm>
#include <cmath>
#include <vector>
#include "common.h"

// Every function below, templates and lambdas included: no fused multiply-adds.
#pragma GCC optimize("fp-contract=off")

namespace msn {

// tfjs-core's erf_util constants (Abramowitz & Stegun 7.1.26), used by the cpu Erf kernel.
static const double ERF_P = 0.3275911, ERF_A1 = 0.254829592, ERF_A2 = -0.284496736, ERF_A3 = 1.421413741, ERF_A4 = -1.453152027, ERF_A5 = 1.061405429;

// The cpu Erf kernel's expression, in doubles, on a float32 input (Math.sign keeps ±0 and NaN).
__attribute__((optimize("fp-contract=off"))) static float erfOf(float z) {
  const double x = z;
  const double sign = x > 0 ? 1.0 : x < 0 ? -1.0 : x;
  const double v = std::fabs(x);
  const double t = 1.0 / (1.0 + ERF_P * v);
  return (float)(sign * (1.0 - (((((ERF_A5 * t + ERF_A4) * t) + ERF_A3) * t + ERF_A2) * t + ERF_A1) * t * std::exp(-v * v)));
}

// tfjs-layers' gelu: x · 0.5·(1 + erf(x / √2)), √2 and 2/√π as float32 scalars.
static const float SQRT2 = (float)std::sqrt(2.0);
static const float TWO_OVER_SQRT_PI = (float)(2.0 / std::sqrt(M_PI));

__attribute__((optimize("fp-contract=off"))) void activationForward(int act, double alpha, const float* x, float* y, float* saved, size_t n) {
  switch (act) {
    case LAYER_RELU:
      for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.f ? x[i] : 0.f;
      return;
    case LAYER_TANH:
      eltwiseUnary(0, x, y, n);
      return;
    case LAYER_SIGMOID:
      eltwiseUnary(1, x, y, n);
      return;
    case LAYER_GELU:
      for (size_t i = 0; i < n; i++) {
        float z = x[i] / SQRT2;
        float u = 1.f + erfOf(z);
        float cdf = 0.5f * u;
        saved[i] = cdf;
        y[i] = x[i] * cdf;
      }
      return;
    case LAYER_LEAKY_RELU:  // the cpu kernel: alpha (a double) · x below 0
      for (size_t i = 0; i < n; i++) y[i] = x[i] < 0.f ? (float)(alpha * (double)x[i]) : x[i];
      return;
  }
}

__attribute__((optimize("fp-contract=off"))) void activationBackward(int act, double alpha, const float* x, const float* y, const float* saved, const float* dy, float* dx, size_t n) {
  switch (act) {
    case LAYER_RELU:  // dy · step(x)
      for (size_t i = 0; i < n; i++) dx[i] = dy[i] * (x[i] > 0.f ? 1.f : 0.f);
      return;
    case LAYER_TANH:  // dy · (1 − y²)
      for (size_t i = 0; i < n; i++) {
        float sq = y[i] * y[i];
        float t = 1.f - sq;
        dx[i] = dy[i] * t;
      }
      return;
    case LAYER_SIGMOID:  // dy · (y · (1 − y))
      for (size_t i = 0; i < n; i++) {
        float t = 1.f - y[i];
        float d = y[i] * t;
        dx[i] = dy[i] * d;
      }
      return;
    case LAYER_GELU:
      // Through x · cdf (dy·cdf), 0.5·u, 1 + e, erf' = exp(−z²)·2/√π and z = x / √2; the two
      // paths to x summed.
      for (size_t i = 0; i < n; i++) {
        float direct = dy[i] * saved[i];
        float dcdf = dy[i] * x[i];
        float du = dcdf * 0.5f;
        float z = x[i] / SQRT2;
        float sq = z * z;
        float e = (float)std::exp((double)(-sq));
        float slope = e * TWO_OVER_SQRT_PI;
        float dz = du * slope;
        float through = dz / SQRT2;
        dx[i] = direct + through;
      }
      return;
    case LAYER_LEAKY_RELU: {  // where(x > 0, dy, dy · alpha), alpha a float32 scalar
      const float a = (float)alpha;
      for (size_t i = 0; i < n; i++) dx[i] = x[i] > 0.f ? dy[i] : dy[i] * a;
      return;
    }
  }
}

// Sums over the rows of an R x C array of N terms per element, each column's in row order (as
// tfjs's Sum kernel adds them, in doubles): 8 columns at a time, so their accumulators stay in
// registers across the rows instead of going through memory for every row.
template <int N, typename Terms>
static void columnSums(size_t R, size_t C, double* const* out, Terms terms) {
  size_t c0 = 0;
  for (; c0 + 8 <= C; c0 += 8) {
    double a[N][8] = {};
    for (size_t r = 0; r < R; r++) {
      const size_t e = r * C + c0;
      for (int k = 0; k < 8; k++) {
        double t[N];
        terms(e + k, c0 + k, t);
        for (int q = 0; q < N; q++) a[q][k] += t[q];
      }
    }
    for (int q = 0; q < N; q++)
      for (int k = 0; k < 8; k++) out[q][c0 + k] = a[q][k];
  }
  for (; c0 < C; c0++) {
    double a[N] = {};
    for (size_t r = 0; r < R; r++) {
      double t[N];
      terms(r * C + c0, c0, t);
      for (int q = 0; q < N; q++) a[q] += t[q];
    }
    for (int q = 0; q < N; q++) out[q][c0] = a[q];
  }
}

// Forward as tfjs-layers' training path: tf.moments (the cpu Mean kernel: each value divided by
// the count, then summed in doubles; variance the mean of (x − mean)²), the cpu FusedBatchNorm
// kernel (β + (x − mean)·γ / sqrt(var + ε), in doubles), then avg ← avg − (avg − batch)·decay.
__attribute__((optimize("fp-contract=off"))) void batchNormForward(const BatchNorm& b, const float* x, const float* gamma, const float* beta, float* y, float* moments, float* movingMean, float* movingVariance) {
  const size_t R = b.rows, C = b.channels;
  const float count = (float)R;
  float* mean = moments;
  float* var = moments + C;
  std::vector<double> acc(C);
  double* sums[1] = {acc.data()};
  columnSums<1>(R, C, sums, [&](size_t e, size_t, double* t) { t[0] = (double)(x[e] / count); });
  for (size_t c = 0; c < C; c++) mean[c] = (float)acc[c];
  columnSums<1>(R, C, sums, [&](size_t e, size_t c, double* t) {
    float d = x[e] - mean[c];
    float sq = d * d;
    t[0] = (double)(sq / count);
  });
  for (size_t c = 0; c < C; c++) var[c] = (float)acc[c];
  std::vector<double> root(C);  // the same double for every row of a channel
  for (size_t c = 0; c < C; c++) root[c] = std::sqrt((double)var[c] + b.epsilon);
  for (size_t r = 0; r < R; r++)
    for (size_t c = 0; c < C; c++) {
      const double v = (double)beta[c] + ((double)x[r * C + c] - (double)mean[c]) * (double)gamma[c] / root[c];
      y[r * C + c] = (float)v;
    }
  for (size_t c = 0; c < C; c++) {
    float dm = movingMean[c] - mean[c];
    float stepM = dm * b.decay;
    movingMean[c] = movingMean[c] - stepM;
    float dv = movingVariance[c] - var[c];
    float stepV = dv * b.decay;
    movingVariance[c] = movingVariance[c] - stepV;
  }
}

// Backward as tfjs derives it: the FusedBatchNorm gradient (x, mean, variance, γ, β; sums over the
// rows in doubles as the Sum kernel), then back through the moments: the variance's mean
// (÷ count), the square (·2d), the subtraction (−Σ into the mean), the mean (÷ count). The
// gradients reaching x are added in the order tfjs's tape visits them.
__attribute__((optimize("fp-contract=off"))) void batchNormBackward(const BatchNorm& b, const float* x, const float* gamma, const float* moments, const float* dy, float* dx, float* dgamma, float* dbeta) {
  const size_t R = b.rows, C = b.channels;
  const float count = (float)R;
  const float* mean = moments;
  const float* var = moments + C;
  const float eps = (float)b.epsilon;
  std::vector<float> inv(C), cube(C);
  for (size_t c = 0; c < C; c++) {
    float ve = var[c] + eps;
    inv[c] = (float)(1.0 / std::sqrt((double)ve));  // the cpu Rsqrt kernel
    float sq = inv[c] * inv[c];
    float cu = sq * inv[c];
    cube[c] = cu * -0.5f;
  }
  std::vector<double> sMean(C), sVar(C), sScale(C), sOffset(C);
  double* sums[4] = {sMean.data(), sVar.data(), sScale.data(), sOffset.data()};
  columnSums<4>(R, C, sums, [&](size_t e, size_t c, double* t) {
    float d = x[e] - mean[c];
    float dys = dy[e] * gamma[c];
    float negInv = inv[c] * -1.f;
    t[0] = (double)(negInv * dys);
    float mv = cube[c] * d;
    t[1] = (double)(mv * dys);
    float dInv = d * inv[c];
    t[2] = (double)(dy[e] * dInv);
    t[3] = (double)dy[e];
  });
  for (size_t c = 0; c < C; c++) {
    dgamma[c] = (float)sScale[c];
    dbeta[c] = (float)sOffset[c];
  }
  if (!dx) return;
  // d(loss)/d(x − mean) through the variance, and its sum (the mean's share, negated).
  std::vector<float> dsq(C), gm(C);
  std::vector<double> sDd(C);
  for (size_t c = 0; c < C; c++) dsq[c] = (float)sVar[c] / count;
  double* dd[1] = {sDd.data()};
  columnSums<1>(R, C, dd, [&](size_t e, size_t c, double* t) {
    float d = x[e] - mean[c];
    float twice = d * 2.f;
    t[0] = (double)(dsq[c] * twice);
  });
  for (size_t c = 0; c < C; c++) {
    float viaVariance = -(float)sDd[c];
    gm[c] = (float)sMean[c] + viaVariance;
  }
  for (size_t c = 0; c < C; c++) gm[c] = gm[c] / count;
  for (size_t r = 0; r < R; r++)
    for (size_t c = 0; c < C; c++) {
      const size_t e = r * C + c;
      float d = x[e] - mean[c];
      float twice = d * 2.f;
      float dd = dsq[c] * twice;
      float scaled = dy[e] * inv[c];
      float derX = scaled * gamma[c];
      float t = derX + dd;
      dx[e] = t + gm[c];
    }
}

}  // namespace msn

namespace msn {

// batchNorm(x, mean, variance, offset, scale, out, epsilon): the cpu FusedBatchNorm kernel's loop
// (offset + (x − mean)·scale / sqrt(variance + ε), in doubles, each of mean, variance, offset and
// scale cycling along x as the cpu kernel's indices do: length 1 or a divisor of x's length).
// What evaluation runs for every batch-norm layer; the JS loop took 4x the rest of the net.
Napi::Value BatchNormKernel(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    const float* v[5];
    size_t len[5];
    for (int k = 0; k < 5; k++) {
      auto a = info[k].As<Napi::Float32Array>();
      v[k] = a.Data();
      len[k] = a.ElementLength();
    }
    float* out = f32(info[5]);
    const double eps = info[6].As<Napi::Number>().DoubleValue();
    const size_t n = len[0];
    if (info[5].As<Napi::Float32Array>().ElementLength() != n) throw std::invalid_argument("batchNorm: out must match x");
    for (int k = 1; k < 5; k++)
      if (len[k] == 0 || n % len[k]) throw std::invalid_argument("batchNorm: mean, variance, offset and scale must tile x");
    const float *x = v[0], *mean = v[1], *var = v[2], *off = v[3], *scale = v[4];
    if (len[1] == len[2] && len[1] == len[3] && len[1] == len[4]) {
      const size_t c = len[1];
      // The square roots once per channel (the same doubles); the rest stays the cpu kernel's
      // expression (a reciprocal factor per channel would round differently).
      std::vector<double> root(c);
      for (size_t j = 0; j < c; j++) root[j] = std::sqrt((double)var[j] + eps);
      for (size_t r = 0; r < n; r += c)
        for (size_t j = 0; j < c; j++) out[r + j] = (float)((double)off[j] + ((double)x[r + j] - (double)mean[j]) * (double)scale[j] / root[j]);
      return;
    }
    for (size_t i = 0; i < n; i++)
      out[i] = (float)((double)off[i % len[3]] + ((double)x[i] - (double)mean[i % len[1]]) * (double)scale[i % len[4]] / std::sqrt((double)var[i % len[2]] + eps));
  });
}

}  // namespace msn
