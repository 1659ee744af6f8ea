// Max and average pooling and their gradients on NHWC, written out rather than taken from
// oneDNN so that they match tfjs's cpu backend exactly: max pooling routes the gradient to the
// FIRST maximum of a window (row-major, strict >), and AvgPoolGrad scales by 1/(fh*fw) as tfjs
// does. Loops run over channels innermost, which the compiler vectorises.
#include <algorithm>
#include <cstring>
#include <limits>
#include "common.h"

namespace msn {

// geometry: N,H,W,C, FH,FW, OH,OW, sh,sw, pt,pl
struct PoolGeo {
  int N, H, W, C, FH, FW, OH, OW, sh, sw, pt, pl;
  explicit PoolGeo(const std::vector<int>& d)
      : N(d[0]), H(d[1]), W(d[2]), C(d[3]), FH(d[4]), FW(d[5]), OH(d[6]), OW(d[7]), sh(d[8]), sw(d[9]), pt(d[10]), pl(d[11]) {
    if (d.size() < 12) throw std::invalid_argument("pool geometry needs 12 numbers");
  }
  // Window rows/cols of output (oh, ow), clipped to the input.
  void window(int oh, int ow, int& r0, int& r1, int& c0, int& c1) const {
    int rc = oh * sh - pt, cc = ow * sw - pl;
    r0 = std::max(0, rc); r1 = std::min(H, rc + FH);
    c0 = std::max(0, cc); c1 = std::min(W, cc + FW);
  }
};

template <typename Visit>
static void eachOutput(const PoolGeo& g, Visit visit) {
  for (int n = 0; n < g.N; n++)
    for (int oh = 0; oh < g.OH; oh++)
      for (int ow = 0; ow < g.OW; ow++) {
        int r0, r1, c0, c1;
        g.window(oh, ow, r0, r1, c0, c1);
        visit(n, ((size_t)(n * g.OH + oh) * g.OW + ow) * g.C, r0, r1, c0, c1);
      }
}

void maxPool(const std::vector<int>& geo, const float* x, float* y) {
    PoolGeo g(geo);
    eachOutput(g, [&](int n, size_t o, int r0, int r1, int c0, int c1) {
      float* out = y + o;
      std::fill(out, out + g.C, -std::numeric_limits<float>::infinity());
      for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) {
          const float* in = x + ((size_t)(n * g.H + r) * g.W + c) * g.C;
          for (int ch = 0; ch < g.C; ch++) out[ch] = in[ch] > out[ch] ? in[ch] : out[ch];
        }
    });
}

// maxPool that also records where each maximum is (the first, as maxPoolGrad finds it; -1 for
// a window with no element > -inf), so the gradient is a scatter instead of a second search.
void maxPoolArgmax(const std::vector<int>& geo, const float* x, float* y, int32_t* at) {
  PoolGeo g(geo);
  eachOutput(g, [&](int n, size_t o, int r0, int r1, int c0, int c1) {
    float* out = y + o;
    int32_t* where = at + o;
    std::fill(out, out + g.C, -std::numeric_limits<float>::infinity());
    std::fill(where, where + g.C, -1);
    for (int r = r0; r < r1; r++)
      for (int c = c0; c < c1; c++) {
        int32_t base = (int32_t)(((size_t)(n * g.H + r) * g.W + c) * g.C);
        const float* in = x + base;
        for (int ch = 0; ch < g.C; ch++)
          if (in[ch] > out[ch]) { out[ch] = in[ch]; where[ch] = base + ch; }
      }
  });
}

// The gradient from maxPoolArgmax's positions: dx zeroed, then dy added at each maximum.
void maxPoolGradArgmax(const std::vector<int>& geo, const int32_t* at, const float* dy, float* dx) {
  PoolGeo g(geo);
  size_t in = (size_t)g.N * g.H * g.W * g.C, out = (size_t)g.N * g.OH * g.OW * g.C;
  std::memset(dx, 0, sizeof(float) * in);
  for (size_t o = 0; o < out; o++)
    if (at[o] >= 0) dx[at[o]] += dy[o];
}

// maxPool(x, y, geometry)
Napi::Value MaxPool(const Napi::CallbackInfo& info) {
  return guarded(info, [&] { maxPool(ints(info[2]), f32(info[0]), f32(info[1])); });
}

// dx zeroed here.
void maxPoolGrad(const std::vector<int>& geo, const float* x, const float* dy, float* dx) {
    PoolGeo g(geo);
    std::memset(dx, 0, sizeof(float) * (size_t)g.N * g.H * g.W * g.C);
    std::vector<float> best(g.C);
    std::vector<int64_t> at(g.C);
    eachOutput(g, [&](int n, size_t o, int r0, int r1, int c0, int c1) {
      std::fill(best.begin(), best.end(), -std::numeric_limits<float>::infinity());
      std::fill(at.begin(), at.end(), -1);
      for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) {
          int64_t base = ((int64_t)(n * g.H + r) * g.W + c) * g.C;
          const float* in = x + base;
          for (int ch = 0; ch < g.C; ch++)
            if (in[ch] > best[ch]) { best[ch] = in[ch]; at[ch] = base + ch; }
        }
      for (int ch = 0; ch < g.C; ch++)
        if (at[ch] >= 0) dx[at[ch]] += dy[o + ch];
    });
}

// maxPoolGrad(x, dy, dx, geometry): dx zeroed here.
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info) {
  return guarded(info, [&] { maxPoolGrad(ints(info[3]), f32(info[0]), f32(info[1]), f32(info[2])); });
}

// Mean over the window's in-range elements (as tfjs cpu).
void avgPool(const std::vector<int>& geo, const float* x, float* y) {
    PoolGeo g(geo);
    eachOutput(g, [&](int n, size_t o, int r0, int r1, int c0, int c1) {
      float* out = y + o;
      std::fill(out, out + g.C, 0.f);
      for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) {
          const float* in = x + ((size_t)(n * g.H + r) * g.W + c) * g.C;
          for (int ch = 0; ch < g.C; ch++) out[ch] += in[ch];
        }
      float inv = 1.f / float((r1 - r0) * (c1 - c0));
      for (int ch = 0; ch < g.C; ch++) out[ch] *= inv;
    });
}

// avgPool(x, y, geometry)
Napi::Value AvgPool(const Napi::CallbackInfo& info) {
  return guarded(info, [&] { avgPool(ints(info[2]), f32(info[0]), f32(info[1])); });
}

// Every in-range element of a window gets dy/(fh*fw), as tfjs cpu.
void avgPoolGrad(const std::vector<int>& geo, const float* dy, float* dx) {
    PoolGeo g(geo);
    std::memset(dx, 0, sizeof(float) * (size_t)g.N * g.H * g.W * g.C);
    float scale = 1.f / float(g.FH * g.FW);
    eachOutput(g, [&](int n, size_t o, int r0, int r1, int c0, int c1) {
      for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) {
          float* d = dx + ((size_t)(n * g.H + r) * g.W + c) * g.C;
          for (int ch = 0; ch < g.C; ch++) d[ch] += dy[o + ch] * scale;
        }
    });
}

// avgPoolGrad(dy, dx, geometry)
Napi::Value AvgPoolGrad(const Napi::CallbackInfo& info) {
  return guarded(info, [&] { avgPoolGrad(ints(info[2]), f32(info[0]), f32(info[1])); });
}

}  // namespace msn
