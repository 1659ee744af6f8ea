// The backward of a fused conv/dense layer with relu (src/fused-layers.ts): the relu gradient
// and the bias gradient in one pass over the layer's output (tfjs: Step, Multiply, Sum).
#include "common.h"

namespace msn {

// biasReluGrad(dy, y, dz, dbias): dz = dy where y > 0 else 0; dbias = column sums of dz
// ([rows, channels], channels = dbias length; double accumulators as tfjs's Sum), in one pass.
Napi::Value BiasReluGrad(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    const float* dy = f32(info[0]);
    const float* y = f32(info[1]);
    float* dz = f32(info[2]);
    float* dbias = f32(info[3]);
    size_t n = info[0].As<Napi::Float32Array>().ElementLength();
    size_t cols = info[3].As<Napi::Float32Array>().ElementLength();
    if (cols == 0 || n % cols || info[1].As<Napi::Float32Array>().ElementLength() != n || info[2].As<Napi::Float32Array>().ElementLength() != n)
      throw std::invalid_argument("biasReluGrad: dy, y and dz must be [rows, channels]");
    biasReluGrad(dy, y, dz, dbias, n, cols);
  });
}

void biasReluGrad(const float* dy, const float* y, float* dz, float* dbias, size_t n, size_t cols) {
    // Row by row, the relu gradient and then the sum of the row just written (still in cache):
    // two simple loops vectorise; one loop doing both measured 7x slower.
    std::vector<double> acc(cols, 0.0);
    double* __restrict a = acc.data();
    for (size_t r = 0; r < n; r += cols) {
      const float* __restrict dyr = dy + r;
      const float* __restrict yr = y + r;
      float* __restrict dzr = dz + r;
      for (size_t c = 0; c < cols; c++) dzr[c] = yr[c] > 0.f ? dyr[c] : 0.f;
      for (size_t c = 0; c < cols; c++) a[c] += dzr[c];
    }
    for (size_t c = 0; c < cols; c++) dbias[c] = (float)acc[c];
}

}  // namespace msn
