// Batched matmul (tfjs BatchMatMul / _FusedMatMul with bias and relu) with oneDNN. Transposed
// operands are described by strides, so nothing is copied.
#include "common.h"

namespace msn {
using dnnl::memory;
static const auto F32 = memory::data_type::f32;

// key: B, M, K, N, transposeA, transposeB, hasBias, relu
static Prepared build(const std::vector<int>& d) {
  memory::dim B = d[0], M = d[1], K = d[2], N = d[3];
  bool ta = d[4], tb = d[5], bias = d[6], relu = d[7];
  memory::desc a({B, M, K}, F32, ta ? memory::dims{M * K, 1, M} : memory::dims{M * K, K, 1});
  memory::desc b({B, K, N}, F32, tb ? memory::dims{K * N, 1, K} : memory::dims{K * N, N, 1});
  memory::desc c({B, M, N}, F32, memory::dims{M * N, N, 1});
  memory::desc bd({1, 1, N}, F32, memory::dims{N, N, 1});
  dnnl::primitive_attr attr;
  if (relu) {
    dnnl::post_ops po;
    po.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, 0.f, 0.f);
    attr.set_post_ops(po);
  }
  auto desc = bias ? dnnl::matmul::desc(a, b, bd, c) : dnnl::matmul::desc(a, b, c);
  dnnl::matmul::primitive_desc pd(desc, attr, ctx().eng);
  Prepared p;
  p.prim = dnnl::matmul(pd);
  p.add(DNNL_ARG_SRC, a, pd.src_desc(), false);
  p.add(DNNL_ARG_WEIGHTS, b, pd.weights_desc(), false);
  if (bias) p.add(DNNL_ARG_BIAS, bd, pd.bias_desc(), false);
  p.add(DNNL_ARG_DST, c, pd.dst_desc(), true);
  return p;
}

void matMul(const std::vector<int>& key, const float* a, const float* b, const float* bias, float* c) {
  auto& p = cached("matmul", key, build);
  auto mut = [](const float* q) { return const_cast<float*>(q); };
  if (bias) p.run({mut(a), mut(b), mut(bias), c});
  else p.run({mut(a), mut(b), c});
}

// matMul(a, b, bias|null, c, Int32Array[B,M,K,N,transposeA,transposeB,hasBias,relu])
Napi::Value MatMul(const Napi::CallbackInfo& info) {
  return guarded(info, [&] { matMul(ints(info[4]), f32(info[0]), f32(info[1]), f32(info[2]), f32(info[3])); });
}

}  // namespace msn
