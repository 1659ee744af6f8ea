// Element-wise unary kernels with oneDNN's JIT eltwise primitive (AVX-512 here): tanh and
// sigmoid (the seed's tanh nets and logistic model; tfjs's cpu loops call Math.tanh per element
// and allocate a fresh array, ~35 ms for conv 1's batch-64 activations), square and sqrt
// (L2 pooling and their gradients); and floor (tf.dropout's mask: floor(uniform + keep)).
#include <cmath>
#include "common.h"

namespace msn {
using dnnl::memory;

// key: algorithm code (0 tanh, 1 logistic, 2 square, 3 sqrt), length
static Prepared build(const std::vector<int>& key) {
  static const dnnl::algorithm algs[] = {dnnl::algorithm::eltwise_tanh, dnnl::algorithm::eltwise_logistic,
                                         dnnl::algorithm::eltwise_square, dnnl::algorithm::eltwise_sqrt};
  memory::desc d({key[1]}, memory::data_type::f32, memory::format_tag::x);
  dnnl::eltwise_forward::desc desc(dnnl::prop_kind::forward_inference, algs[key[0]], d, 0.f, 0.f);
  dnnl::eltwise_forward::primitive_desc pd(desc, ctx().eng);
  Prepared p;
  p.prim = dnnl::eltwise_forward(pd);
  p.add(DNNL_ARG_SRC, d, pd.src_desc(), false);
  p.add(DNNL_ARG_DST, d, pd.dst_desc(), true);
  return p;
}

void eltwiseUnary(int op, const float* x, float* y, size_t n) {
  if (op == 4) {  // oneDNN has no floor; a plain loop (vrndscaleps)
    for (size_t i = 0; i < n; i++) y[i] = std::floor(x[i]);
    return;
  }
  cached("unary", {op, (int)n}, build).run({const_cast<float*>(x), y});
}

// unary(op, x, y): y = op(x), op 0 tanh, 1 sigmoid, 2 square, 3 sqrt, 4 floor.
Napi::Value Unary(const Napi::CallbackInfo& info) {
  return guarded(info, [&] {
    int op = info[0].As<Napi::Number>().Int32Value();
    if (op < 0 || op > 4) throw std::invalid_argument("unary: op must be 0..4");
    auto x = info[1].As<Napi::Float32Array>();
    auto y = info[2].As<Napi::Float32Array>();
    if (x.ElementLength() != y.ElementLength() || x.ElementLength() == 0 || x.ElementLength() > 0x7fffffff)
      throw std::invalid_argument("unary: x and y must have the same, non-zero length");
    eltwiseUnary(op, x.Data(), y.Data(), x.ElementLength());
  });
}

}  // namespace msn
