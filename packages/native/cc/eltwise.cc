// The element-wise passes around a fused conv that tfjs's cpu backend runs in JS over the
// largest activations of a step (relu gradient, bias gradient).
#include <cmath>
#include <vector>
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

// x viewed as [rows, cols]; out = column sums. Double accumulators, as tfjs's cpu Sum (JS
// numbers): a bias gradient sums ~37k rows.
void sumRows(const float* x, float* out, size_t n, size_t cols) {
  std::vector<double> acc(cols, 0.0);
  for (size_t r = 0; r + cols <= n; r += cols)
    for (size_t c = 0; c < cols; c++) acc[c] += x[r + c];
  for (size_t c = 0; c < cols; c++) out[c] = (float)acc[c];
}

// sumRows(x, out): x viewed as [rows, cols] with cols = out.length; out = column sums.
Napi::Value SumRows(const Napi::CallbackInfo& info) {
  return guarded(info, [&] { sumRows(f32(info[0]), f32(info[1]), len(info[0]), len(info[1])); });
}

}  // namespace msn

namespace msn {

// binary(op, a, b, out): out = a op b, where b repeats along a (b is a's trailing shape or equal):
// op 0 add, 1 sub, 2 mul. Covers the bias add and the gradient products of a step. With a
// scalar b also op 4, out = b - a, and 5, out = b / a (a scalar first: tanh's and sigmoid's
// gradients compute 1 - y).
Napi::Value Binary(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    int op = info[0].As<Napi::Number>().Int32Value();
    const float* a = f32(info[1]);
    const float* b = f32(info[2]);
    float* out = f32(info[3]);
    size_t n = len(info[1]), m = len(info[2]);
    if (m == 0 || n % m) throw std::invalid_argument("binary: b must tile a");
    if (m == 1) {  // a scalar (the optimizer's momentum and learning rate): one vectorised pass
      const float v = b[0];
      if (op == 0) for (size_t i = 0; i < n; i++) out[i] = a[i] + v;
      else if (op == 1) for (size_t i = 0; i < n; i++) out[i] = a[i] - v;
      else if (op == 2) for (size_t i = 0; i < n; i++) out[i] = a[i] * v;
      else if (op == 4) for (size_t i = 0; i < n; i++) out[i] = v - a[i];
      else if (op == 5) for (size_t i = 0; i < n; i++) out[i] = v / a[i];
      else throw std::invalid_argument("binary: unknown op");
      return;
    }
    if (op > 2) throw std::invalid_argument("binary: ops 4 and 5 take a scalar b");
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

namespace msn {

// binaryRows(op, a, b, out): a viewed as [rows, cols] with rows = b.length, b[r] applies to
// row r (tfjs's [..., n] op [..., 1] broadcast: the softmax gradient, a batch's mean).
// op 0 add, 1 sub, 2 mul, 3 div.
Napi::Value BinaryRows(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    int op = info[0].As<Napi::Number>().Int32Value();
    const float* a = f32(info[1]);
    const float* b = f32(info[2]);
    float* out = f32(info[3]);
    size_t n = len(info[1]), rows = len(info[2]);
    if (rows == 0 || n % rows) throw std::invalid_argument("binaryRows: b must have one value per row of a");
    size_t cols = n / rows;
    for (size_t r = 0; r < rows; r++) {
      const float* ar = a + r * cols;
      float* o = out + r * cols;
      float v = b[r];
      if (op == 0) for (size_t i = 0; i < cols; i++) o[i] = ar[i] + v;
      else if (op == 1) for (size_t i = 0; i < cols; i++) o[i] = ar[i] - v;
      else if (op == 2) for (size_t i = 0; i < cols; i++) o[i] = ar[i] * v;
      else for (size_t i = 0; i < cols; i++) o[i] = ar[i] / v;
    }
  });
}

// divide(a, b, out): out = a / b with b tiling a (RealDiv; op 3 of binary kept separate so the
// hot add/sub/mul loop stays branch-free per element).
Napi::Value Divide(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    const float* a = f32(info[0]);
    const float* b = f32(info[1]);
    float* out = f32(info[2]);
    size_t n = len(info[0]), m = len(info[1]);
    if (m == 0 || n % m) throw std::invalid_argument("divide: b must tile a");
    if (m == 1) {
      const float v = b[0];
      for (size_t i = 0; i < n; i++) out[i] = a[i] / v;
      return;
    }
    for (size_t r = 0; r < n; r += m)
      for (size_t i = 0; i < m; i++) out[r + i] = a[r + i] / b[i];
  });
}

// sumLast(x, out): x viewed as [rows, cols] with rows = out.length; out = row sums.
Napi::Value SumLast(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    const float* x = f32(info[0]);
    float* out = f32(info[1]);
    size_t n = len(info[0]), rows = len(info[1]);
    if (rows == 0 || n % rows) throw std::invalid_argument("sumLast: out must have one value per row");
    size_t cols = n / rows;
    for (size_t r = 0; r < rows; r++) {
      double s = 0.0;
      for (size_t i = 0; i < cols; i++) s += x[r * cols + i];
      out[r] = (float)s;
    }
  });
}

// softmax(x, y, cols): softmax along the last axis, max-shifted as tfjs's cpu kernel.
Napi::Value Softmax(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    const float* x = f32(info[0]);
    float* y = f32(info[1]);
    size_t n = len(info[0]);
    size_t cols = (size_t)info[2].As<Napi::Number>().Int64Value();
    if (cols == 0 || n % cols) throw std::invalid_argument("softmax: cols must divide the length");
    for (size_t r = 0; r < n; r += cols) {
      float m = x[r];
      for (size_t i = 1; i < cols; i++) m = x[r + i] > m ? x[r + i] : m;
      float s = 0.f;
      for (size_t i = 0; i < cols; i++) s += (y[r + i] = std::exp(x[r + i] - m));
      for (size_t i = 0; i < cols; i++) y[r + i] /= s;
    }
  });
}

}  // namespace msn
