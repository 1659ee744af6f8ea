// The element-wise passes around a fused conv that tfjs's cpu backend runs in JS over the
// largest activations of a step (relu gradient, bias gradient).
#include "common.h"

namespace msn {

static size_t len(const Napi::Value& v) { return v.As<Napi::Float32Array>().ElementLength(); }

// relu(x, y)
Napi::Value Relu(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    const float* x = f32(info[0]);
    float* y = f32(info[1]);
    size_t n = len(info[0]);
    for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.f ? x[i] : 0.f;
  });
}

// reluGrad(dy, y, dx): dx = dy where y > 0, else 0 (tfjs: dy * step(y)).
Napi::Value ReluGrad(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    const float* dy = f32(info[0]);
    const float* y = f32(info[1]);
    float* dx = f32(info[2]);
    size_t n = len(info[0]);
    for (size_t i = 0; i < n; i++) dx[i] = y[i] > 0.f ? dy[i] : 0.f;
  });
}

// sumRows(x, out): x viewed as [rows, cols] with cols = out.length; out = column sums.
Napi::Value SumRows(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    const float* x = f32(info[0]);
    float* out = f32(info[1]);
    size_t n = len(info[0]), cols = len(info[1]);
    std::fill(out, out + cols, 0.f);
    for (size_t r = 0; r + cols <= n; r += cols)
      for (size_t c = 0; c < cols; c++) out[c] += x[r + c];
  });
}

}  // namespace msn

namespace msn {

// binary(op, a, b, out): out = a op b, where b repeats along a (b is a's trailing shape or equal):
// op 0 add, 1 sub, 2 mul. Covers the bias add and the gradient products of a step.
Napi::Value Binary(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    int op = info[0].As<Napi::Number>().Int32Value();
    const float* a = f32(info[1]);
    const float* b = f32(info[2]);
    float* out = f32(info[3]);
    size_t n = len(info[1]), m = len(info[2]);
    if (m == 0 || n % m) throw std::invalid_argument("binary: b must tile a");
    for (size_t r = 0; r < n; r += m) {
      const float* ar = a + r;
      float* o = out + r;
      if (op == 0) for (size_t i = 0; i < m; i++) o[i] = ar[i] + b[i];
      else if (op == 1) for (size_t i = 0; i < m; i++) o[i] = ar[i] - b[i];
      else for (size_t i = 0; i < m; i++) o[i] = ar[i] * b[i];
    }
  });
}

// step(x, y, alpha): 1 where x > 0, alpha elsewhere, NaN stays NaN (tfjs Step).
Napi::Value Step(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    const float* x = f32(info[0]);
    float* y = f32(info[1]);
    float alpha = info[2].As<Napi::Number>().FloatValue();
    size_t n = len(info[0]);
    for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.f ? 1.f : (x[i] != x[i] ? x[i] : alpha);
  });
}

}  // namespace msn
