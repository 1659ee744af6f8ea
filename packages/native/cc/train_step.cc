// A whole SGD-momentum training step of a sequential net in one call: forward, the softmax
// cross-entropy head, backward and the momentum update in place on the variables' storage
// (each layer's right after its gradients, while they are in cache; tfjs's arithmetic). At
// batch 1 the tfjs path of the same step is ~50 kernel calls, each with the engine's lookup,
// tape and scope bookkeeping and copies of saved tensors: most of a step. The layers call the
// kernels' own building blocks (same oneDNN primitives under the same cache keys, same loops),
// so the numbers are those of the 'native' backend's kernels. The program (src/train-step.ts
// builds it, shapes included) is a list of records of RECORD ints:
//   [op, activation (0 linear, 1 relu, 2 tanh), in size, out size (per batch), op fields...]
//   op 0 conv:    fields = the conv kernels' 19-number geometry (bias 1, relu as activation)
//   op 1 dense:   fields = K (inputs per row), units
//   op 2 pool:    fields = type (0 max, 1 avg, 2 L2), the pool kernels' 12-number geometry
//   op 3 dropout: fields = index of its uniforms / keep probability
//   op 4 identity (flatten, dropout of rate 0)
#include <cmath>
#include <algorithm>
#include <cstring>
#include "common.h"

namespace msn {

static const int RECORD = 24;
enum Op { CONV = 0, DENSE = 1, POOL = 2, DROPOUT = 3, IDENTITY = 4 };
enum Act { LINEAR = 0, RELU = 1, TANH = 2 };
static const float L2_EPSILON = 1e-10f;  // packages/trainer/src/layers/l2-pooling.ts

struct Layer {
  int op, act;
  size_t in, out;
  std::vector<int> f;  // op fields
};

// Buffers of one program (one net at one batch size), kept per thread across steps.
struct Workspace {
  std::vector<Layer> layers;
  std::vector<std::vector<float>> act;     // act[i]: output of layer i (empty for identity)
  std::vector<std::vector<float>> extra;   // L2 pooling: the sqrt's input; dropout: the mask
  std::vector<std::vector<int32_t>> argmax;  // max pooling: where each output's maximum is
  std::vector<float> gradA, gradB, dz, probs;
  std::vector<std::vector<float>> grads;  // per parameter
  size_t params = 0;
};

static Workspace build(const std::vector<int>& program) {
  Workspace w;
  if (program.size() % RECORD) throw std::invalid_argument("trainStep: program length is not a multiple of the record");
  size_t widest = 0;
  for (size_t at = 0; at < program.size(); at += RECORD) {
    const int* r = program.data() + at;
    Layer l{r[0], r[1], (size_t)r[2], (size_t)r[3], std::vector<int>(r + 4, r + RECORD)};
    if (l.op < CONV || l.op > IDENTITY || l.act < LINEAR || l.act > TANH) throw std::invalid_argument("trainStep: unknown op or activation");
    if (l.op == CONV) {
      l.f.resize(19);
      l.f[17] = 1;
      l.f[18] = l.act == RELU;
    }
    if (l.op == CONV || l.op == DENSE) w.params += 2;
    w.layers.push_back(l);
    w.act.emplace_back(l.op == IDENTITY ? 0 : l.out);
    w.extra.emplace_back((l.op == POOL && l.f[0] == 2) ? l.out : l.op == DROPOUT ? l.out : 0);
    w.argmax.emplace_back((l.op == POOL && l.f[0] == 0) ? l.out : 0);
    widest = std::max(widest, std::max(l.in, l.out));
  }
  if (w.layers.empty()) throw std::invalid_argument("trainStep: empty program");
  w.gradA.resize(widest);
  w.gradB.resize(widest);
  w.dz.resize(widest);
  w.probs.resize(w.layers.back().out);
  w.grads.resize(w.params);
  return w;
}

// The workspaces of the last few programs run on this thread (a trial uses two: its batch size
// and its last, smaller batch); older ones are freed, so a worker that trains many models one
// after another does not keep every model's buffers (tens of MB each at batch 64).
static Workspace& workspace(const std::vector<int>& program) {
  static const size_t KEEP = 4;
  thread_local std::vector<std::pair<std::vector<int>, Workspace>> recent;  // most recent last
  for (size_t i = 0; i < recent.size(); i++)
    if (recent[i].first == program) {
      if (i + 1 != recent.size()) std::rotate(recent.begin() + i, recent.begin() + i + 1, recent.end());
      return recent.back().second;
    }
  if (recent.size() == KEEP) recent.erase(recent.begin());
  recent.emplace_back(program, build(program));
  return recent.back().second;
}

static std::vector<float*> arrays(const Napi::Value& v) {
  auto a = v.As<Napi::Array>();
  std::vector<float*> out(a.Length());
  for (uint32_t i = 0; i < a.Length(); i++) out[i] = f32(a.Get(i));
  return out;
}

static std::vector<size_t> lengths(const Napi::Value& v) {
  auto a = v.As<Napi::Array>();
  std::vector<size_t> out(a.Length());
  for (uint32_t i = 0; i < a.Length(); i++) out[i] = a.Get(i).As<Napi::Float32Array>().ElementLength();
  return out;
}

// Rounded as tfjs's composed ops are (each product and sum to float32 on its own).
__attribute__((optimize("fp-contract=off"))) static void tanhGrad(const float* dy, const float* y, float* dz, size_t n) {
  for (size_t i = 0; i < n; i++) {
    float sq = y[i] * y[i];
    float t = 1.f - sq;
    dz[i] = dy[i] * t;
  }
}

// L2 pooling as its trainer layer composes it: y = sqrt(avgPool(x²)·size² + ε).
__attribute__((optimize("fp-contract=off"))) static void l2Pool(const Layer& l, const float* x, float* sq, float* v, float* y) {
  for (size_t i = 0; i < l.in; i++) sq[i] = x[i] * x[i];
  std::vector<int> geo(l.f.begin() + 1, l.f.begin() + 13);
  avgPool(geo, sq, v);
  float area = (float)(geo[4] * geo[5]);
  for (size_t i = 0; i < l.out; i++) {
    float t = v[i] * area;
    v[i] = t + L2_EPSILON;
    y[i] = std::sqrt(v[i]);
  }
}

// Its gradient as tfjs derives it: sqrt' = dy / (2·sqrt(v)), mul' = dy·size², avgPool', square' = dy·2x.
__attribute__((optimize("fp-contract=off"))) static void l2PoolGrad(const Layer& l, const float* x, const float* v, const float* dy, float* tmp, float* dx) {
  std::vector<int> geo(l.f.begin() + 1, l.f.begin() + 13);
  float area = (float)(geo[4] * geo[5]);
  for (size_t i = 0; i < l.out; i++) {
    float twice = std::sqrt(v[i]) * 2.f;
    float d = dy[i] / twice;
    tmp[i] = d * area;
  }
  avgPoolGrad(geo, tmp, dx);
  for (size_t i = 0; i < l.in; i++) {
    float two = x[i] * 2.f;
    dx[i] = dx[i] * two;
  }
}

// The momentum update of a dense kernel [k, u] whose gradient is the outer product x·dz (one
// row), rounded as momentumStep: acc = m·acc + x_i·dz_j; value = c·acc + value.
__attribute__((optimize("fp-contract=off"))) static void denseOuterMomentum(float* value, const float* x, const float* dz, float* acc, int k, int u, float m, float c) {
  for (int i = 0; i < k; i++) {
    const float xi = x[i];
    float* __restrict v = value + (size_t)i * u;
    float* __restrict a = acc + (size_t)i * u;
    for (int j = 0; j < u; j++) {
      float g = xi * dz[j];
      float t = m * a[j];
      t = t + g;
      a[j] = t;
      float step = c * t;
      v[j] = step + v[j];
    }
  }
}

// dz at the pre-activation and the bias gradient (column sums of dz, double accumulators).
static const float* activationGrad(int act, const float* dy, const float* y, float* dz, float* dbias, size_t n, size_t cols) {
  if (act == RELU) {
    biasReluGrad(dy, y, dz, dbias, n, cols);
    return dz;
  }
  if (act == TANH) {
    tanhGrad(dy, y, dz, n);
    sumRows(dz, dbias, n, cols);
    return dz;
  }
  sumRows(dy, dbias, n, cols);
  return dy;
}

// trainStep(program Int32Array, x, labels, params Float32Array[], accs Float32Array[],
//           uniforms Float32Array[] (one per dropout), keep Float32Array (per dropout),
//           predicted Int32Array, scale, eps, m, c) → the batch's mean loss.
// params are each weighted layer's kernel then bias, in layer order; accs their momentum
// accumulators. The update is acc = m·acc + g; value = c·acc + value (c = −learning rate).
Napi::Value TrainStep(const Napi::CallbackInfo& info) {
  double loss = 0;
  Napi::Value result = guarded(info, [&] {
    Workspace& w = workspace(ints(info[0]));
    const float* x = f32(info[1]);
    const float* labels = f32(info[2]);
    auto params = arrays(info[3]);
    auto accs = arrays(info[4]);
    auto uniforms = arrays(info[5]);
    const float* keep = f32(info[6]);
    auto predictedArr = info[7].As<Napi::Int32Array>();
    double scale = info[8].As<Napi::Number>().DoubleValue();
    float eps = info[9].As<Napi::Number>().FloatValue();
    float m = info[10].As<Napi::Number>().FloatValue();
    float c = info[11].As<Napi::Number>().FloatValue();
    auto& L = w.layers;
    size_t classes = predictedArr.ElementLength() ? L.back().out / predictedArr.ElementLength() : 0;
    if (params.size() != w.params || accs.size() != w.params || classes == 0 || classes * predictedArr.ElementLength() != L.back().out)
      throw std::invalid_argument("trainStep: parameters, accumulators or predictions do not fit the program");
    if (info[1].As<Napi::Float32Array>().ElementLength() != L.front().in || info[2].As<Napi::Float32Array>().ElementLength() != L.back().out)
      throw std::invalid_argument("trainStep: input or labels do not fit the program");
    auto plen = lengths(info[3]), alen = lengths(info[4]), ulen = lengths(info[5]);
    if (info[6].As<Napi::Float32Array>().ElementLength() != uniforms.size()) throw std::invalid_argument("trainStep: one keep probability per dropout");

    // Forward; a[i] is layer i's input, a[i + 1] its output.
    std::vector<const float*> a(L.size() + 1);
    a[0] = x;
    size_t p = 0;
    for (size_t i = 0; i < L.size(); i++) {
      const Layer& l = L[i];
      float* out = w.act[i].data();
      if (l.op == CONV || l.op == DENSE) {
        size_t wn = l.op == CONV ? (size_t)l.f[4] * l.f[5] * l.f[3] * l.f[6] : (size_t)l.f[0] * l.f[1];
        size_t bn = l.op == CONV ? (size_t)l.f[6] : (size_t)l.f[1];
        if (plen[p] != wn || plen[p + 1] != bn || alen[p] != wn || alen[p + 1] != bn) throw std::invalid_argument("trainStep: a parameter has the wrong size");
        if (l.op == CONV) convForward(l.f, a[i], params[p], params[p + 1], out);
        else matMul({1, (int)(l.in / l.f[0]), l.f[0], l.f[1], 0, 0, 1, l.act == RELU}, a[i], params[p], params[p + 1], out);
        if (l.act == TANH) eltwiseUnary(0, out, out, l.out);
        p += 2;
      } else if (l.op == POOL) {
        std::vector<int> geo(l.f.begin() + 1, l.f.begin() + 13);
        if (l.f[0] == 0) maxPoolArgmax(geo, a[i], out, w.argmax[i].data());
        else if (l.f[0] == 1) avgPool(geo, a[i], out);
        else l2Pool(l, a[i], w.gradA.data(), w.extra[i].data(), out);
      } else if (l.op == DROPOUT) {
        int d = l.f[0];
        if ((size_t)d >= uniforms.size() || ulen[d] != l.out) throw std::invalid_argument("trainStep: dropout uniforms do not fit");
        float* mask = w.extra[i].data();
        const float k = keep[d];
        // tf.dropout: x · floor(u + keep) / keep, each op rounded to float32.
        for (size_t e = 0; e < l.out; e++) {
          float t = uniforms[d][e] + k;
          mask[e] = std::floor(t) / k;
          out[e] = a[i][e] * mask[e];
        }
      }
      a[i + 1] = l.op == IDENTITY ? a[i] : out;
    }

    // Head: softmax cross-entropy from the logits, and its gradient (upstream gradient 1).
    size_t rows = predictedArr.ElementLength();
    loss = softmaxCrossEntropy(a[L.size()], labels, w.probs.data(), predictedArr.Data(), rows, classes, (float)scale, eps);
    auto& grads = w.grads;
    float* g = w.gradA.data();
    float* spare = w.gradB.data();
    softmaxCrossEntropyGrad(w.probs.data(), labels, g, rows, classes, scale, 1.0, eps);

    // Backward, down to the first layer with parameters (whose input gradient no one needs).
    size_t first = L.size();
    for (size_t i = 0; i < L.size(); i++)
      if (L[i].op == CONV || L[i].op == DENSE) { first = i; break; }
    for (size_t i = L.size(); i-- > first;) {
      const Layer& l = L[i];
      bool needDx = i > first;
      if (l.op == CONV || l.op == DENSE) {
        p -= 2;
        grads[p].resize(plen[p]);
        grads[p + 1].resize(plen[p + 1]);
        size_t cols = l.op == CONV ? (size_t)l.f[6] : (size_t)l.f[1];
        const float* dz = activationGrad(l.act, g, a[i + 1], w.dz.data(), grads[p + 1].data(), l.out, cols);
        bool kernelUpdated = false;
        if (l.op == CONV) {
          convBackwardWeights(l.f, a[i], dz, grads[p].data());
          if (needDx) convBackwardData(l.f, dz, params[p], spare);
        } else {
          int n = (int)(l.in / l.f[0]), k = l.f[0], u = l.f[1];
          if (needDx) matMul({1, n, u, k, 0, 1, 0, 0}, dz, params[p], nullptr, spare);
          if (n == 1) {
            // One row: the kernel's gradient is the outer product x·dz, formed inside the
            // update instead of written out and read back (each product is what the matmul of
            // one row gives, so the numbers are the same).
            FlushDenormals flush;
            denseOuterMomentum(params[p], a[i], dz, accs[p], k, u, m, c);
            kernelUpdated = true;
          } else {
            matMul({1, k, n, u, 1, 0, 0, 0}, a[i], dz, nullptr, grads[p].data());
          }
        }
        // This layer's update now, while its gradients are in cache (its weights are not needed
        // again this step); denormals flushed, see momentum.cc.
        FlushDenormals flush;
        if (!kernelUpdated) momentumStep(params[p], grads[p].data(), accs[p], plen[p], m, c);
        momentumStep(params[p + 1], grads[p + 1].data(), accs[p + 1], plen[p + 1], m, c);
      } else if (l.op == POOL) {
        std::vector<int> geo(l.f.begin() + 1, l.f.begin() + 13);
        if (l.f[0] == 0) maxPoolGradArgmax(geo, w.argmax[i].data(), g, spare);
        else if (l.f[0] == 1) avgPoolGrad(geo, g, spare);
        else l2PoolGrad(l, a[i], w.extra[i].data(), g, w.dz.data(), spare);
      } else if (l.op == DROPOUT) {
        const float* mask = w.extra[i].data();
        for (size_t e = 0; e < l.out; e++) spare[e] = g[e] * mask[e];
      } else {
        continue;  // identity: the gradient passes as it is
      }
      std::swap(g, spare);
    }
  });
  if (info.Env().IsExceptionPending()) return result;
  return Napi::Number::New(info.Env(), loss);
}

}  // namespace msn
