// 2-D convolution and both gradients with oneDNN. Activations stay NHWC and filters HWIO (tfjs's
// layouts, so no copy on the JS side); oneDNN may ask for a blocked filter layout, which costs
// one small reorder per call (the filter changes every step).
#include <cstdlib>
#include "common.h"

namespace msn {
using dnnl::memory;
using tag = memory::format_tag;
static const auto F32 = memory::data_type::f32;

// key: N,H,W,C, KH,KW,O, OH,OW, sh,sw, pt,pl,pb,pr, dh,dw, hasBias, relu
struct Geo {
  memory::dim N, H, W, C, KH, KW, O, OH, OW;
  memory::dims strides, dil, padL, padR;
  bool bias, relu;
  explicit Geo(const std::vector<int>& d)
      : N(d[0]), H(d[1]), W(d[2]), C(d[3]), KH(d[4]), KW(d[5]), O(d[6]), OH(d[7]), OW(d[8]),
        strides{d[9], d[10]}, dil{d[15] - 1, d[16] - 1}, padL{d[11], d[12]}, padR{d[13], d[14]},
        bias(d[17] != 0), relu(d[18] != 0) {}
  memory::desc src() const { return {{N, C, H, W}, F32, tag::nhwc}; }
  memory::desc wts() const { return {{O, C, KH, KW}, F32, tag::hwio}; }
  memory::desc dst() const { return {{N, O, OH, OW}, F32, tag::nhwc}; }
  memory::desc any(const memory::desc& m) const { return {m.dims(), F32, tag::any}; }
};

// Activations in oneDNN's choice of layout (blocked) instead of NHWC: measured slower here
// (two extra reorders per call), kept behind an env switch for experiments.
static bool actAny() {
  static bool v = std::getenv("MODELSPACE_NATIVE_ACT_ANY") != nullptr;
  return v;
}

// Filters in oneDNN's preferred (blocked) layout, reordered every call, unless
// MODELSPACE_NATIVE_WEIGHTS_USER is set (HWIO as given: experiment).
static memory::desc wantW(const Geo& g) {
  static bool user = std::getenv("MODELSPACE_NATIVE_WEIGHTS_USER") != nullptr;
  return user ? g.wts() : g.any(g.wts());
}

static dnnl::convolution_forward::primitive_desc fwdPd(const Geo& g, bool withBias, const dnnl::primitive_attr& attr) {
  auto src = actAny() ? g.any(g.src()) : g.src();
  auto dst = actAny() ? g.any(g.dst()) : g.dst();
  auto d = withBias ? dnnl::convolution_forward::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct, src,
                                                      wantW(g), memory::desc({g.O}, F32, tag::x), dst, g.strides, g.dil, g.padL, g.padR)
                    : dnnl::convolution_forward::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct, src,
                                                      wantW(g), dst, g.strides, g.dil, g.padL, g.padR);
  return dnnl::convolution_forward::primitive_desc(d, attr, ctx().eng);
}

static Prepared buildFwd(const std::vector<int>& key) {
  Geo g(key);
  dnnl::primitive_attr attr;
  if (g.relu) {
    dnnl::post_ops po;
    po.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, 0.f, 0.f);
    attr.set_post_ops(po);
  }
  auto pd = fwdPd(g, g.bias, attr);
  Prepared p;
  p.prim = dnnl::convolution_forward(pd);
  p.add(DNNL_ARG_SRC, g.src(), pd.src_desc(), false);
  p.add(DNNL_ARG_WEIGHTS, g.wts(), pd.weights_desc(), false);
  if (g.bias) p.add(DNNL_ARG_BIAS, memory::desc({g.O}, F32, tag::x), pd.bias_desc(), false);
  p.add(DNNL_ARG_DST, g.dst(), pd.dst_desc(), true);
  return p;
}

static Prepared buildBwdData(const std::vector<int>& key) {
  Geo g(key);
  auto hint = fwdPd(g, false, dnnl::primitive_attr());
  auto d = dnnl::convolution_backward_data::desc(dnnl::algorithm::convolution_direct, actAny() ? g.any(g.src()) : g.src(), wantW(g),
                                                 actAny() ? g.any(g.dst()) : g.dst(), g.strides, g.dil, g.padL, g.padR);
  dnnl::convolution_backward_data::primitive_desc pd(d, ctx().eng, hint);
  Prepared p;
  p.prim = dnnl::convolution_backward_data(pd);
  p.add(DNNL_ARG_DIFF_DST, g.dst(), pd.diff_dst_desc(), false);
  p.add(DNNL_ARG_WEIGHTS, g.wts(), pd.weights_desc(), false);
  p.add(DNNL_ARG_DIFF_SRC, g.src(), pd.diff_src_desc(), true);
  return p;
}

static Prepared buildBwdWeights(const std::vector<int>& key) {
  Geo g(key);
  auto hint = fwdPd(g, false, dnnl::primitive_attr());
  auto d = dnnl::convolution_backward_weights::desc(dnnl::algorithm::convolution_direct, actAny() ? g.any(g.src()) : g.src(), wantW(g),
                                                    actAny() ? g.any(g.dst()) : g.dst(), g.strides, g.dil, g.padL, g.padR);
  dnnl::convolution_backward_weights::primitive_desc pd(d, ctx().eng, hint);
  Prepared p;
  p.prim = dnnl::convolution_backward_weights(pd);
  p.add(DNNL_ARG_SRC, g.src(), pd.src_desc(), false);
  p.add(DNNL_ARG_DIFF_DST, g.dst(), pd.diff_dst_desc(), false);
  p.add(DNNL_ARG_DIFF_WEIGHTS, g.wts(), pd.diff_weights_desc(), true);
  return p;
}

static float* mut(const float* p) { return const_cast<float*>(p); }

void convForward(const std::vector<int>& key, const float* x, const float* w, const float* b, float* y) {
  auto& p = cached("fwd", key, buildFwd);
  if (b) p.run({mut(x), mut(w), mut(b), y});
  else p.run({mut(x), mut(w), y});
}

// bias/relu fields ignored
void convBackwardData(std::vector<int> key, const float* dy, const float* w, float* dx) {
  key[17] = key[18] = 0;
  cached("bwd_data", key, buildBwdData).run({mut(dy), mut(w), dx});
}

void convBackwardWeights(std::vector<int> key, const float* x, const float* dy, float* dw) {
  key[17] = key[18] = 0;
  cached("bwd_weights", key, buildBwdWeights).run({mut(x), mut(dy), dw});
}

// conv2d(x, filter, bias|null, y, geometry Int32Array[19])
Napi::Value Conv2D(const Napi::CallbackInfo& info) {
  return guarded(info, [&] { convForward(ints(info[4]), f32(info[0]), f32(info[1]), f32(info[2]), f32(info[3])); });
}

// conv2dBackpropInput(dy, filter, dx, geometry) — bias/relu fields ignored
Napi::Value Conv2DBackpropInput(const Napi::CallbackInfo& info) {
  return guarded(info, [&] { convBackwardData(ints(info[3]), f32(info[0]), f32(info[1]), f32(info[2])); });
}

// conv2dBackpropFilter(x, dy, dw, geometry)
Napi::Value Conv2DBackpropFilter(const Napi::CallbackInfo& info) {
  return guarded(info, [&] { convBackwardWeights(ints(info[3]), f32(info[0]), f32(info[1]), f32(info[2])); });
}

}  // namespace msn
