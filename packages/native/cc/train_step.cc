// A whole training step of a sequential or multi-column net in one call: forward, the softmax
// cross-entropy head, backward and the optimizer's update (SGD momentum or Adam) in place on the variables' storage
// (each layer's right after its gradients, while they are in cache; tfjs's arithmetic). At
// batch 1 the tfjs path of the same step is ~50 kernel calls, each with the engine's lookup,
// tape and scope bookkeeping and copies of saved tensors: most of a step. The layers call the
// kernels' own building blocks (same oneDNN primitives under the same cache keys, same loops),
// so the numbers are those of the 'native' backend's kernels. The program (src/train-step.ts
// builds it, shapes included) is a list of records of RECORD ints:
//   [op, activation (0 linear, 1 relu, 2 tanh, 3 sigmoid), in size, out size (per batch), op fields...]
//   op 0 conv:    fields = the conv kernels' 19-number geometry (bias 1, relu as activation)
//   op 1 dense:   fields = K (inputs per row), units
//   op 2 pool:    fields = type (0 max, 1 avg, 2 L2), the pool kernels' 12-number geometry
//   op 3 dropout: fields = index of its uniforms / keep probability
//   op 4 identity (flatten, dropout of rate 0)
//   op 5 column:  starts a column of a multi-column net, whose input is the net's input x
//                 permuted (fields = transform: 0 identity, 1 transpose, 2 flip left-right,
//                 3 flip up-down, 4 rotate 180°; then n, h, w, c of x); the column's layers follow
//   op 6 concat:  ends the columns: each one's flat output [n, u_j] side by side in a row
//                 (fields = n, number of columns k, u_0 .. u_k-1); the layers after it are the head
//   op 7 activation: an activation layer (activation = 1 relu, 2 tanh, 3 sigmoid, 4 gelu,
//                 5 leaky relu; fields = alpha as a double's two words, low first)
//   op 8 batch norm: training-mode batch norm over the last axis (fields = rows, channels, decay
//                 as float bits, epsilon as a double's two words); its γ and β are parameters
//                 like a bias pair, its running mean and variance come after all parameters
#include <cmath>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include "common.h"
#include "step_layers.h"

namespace msn {

static const int RECORD = 24;
enum Op { CONV = 0, DENSE = 1, POOL = 2, DROPOUT = 3, IDENTITY = 4, COLUMN = 5, CONCAT = 6, ACTIVATION = 7, BATCH_NORM = 8 };
enum Act { LINEAR = 0, RELU = 1, TANH = 2, SIGMOID = 3 };
static const float L2_EPSILON = 1e-10f;  // packages/trainer/src/layers/l2-pooling.ts

struct Layer {
  int op, act;
  size_t in, out;
  std::vector<int> f;  // op fields
  bool needDx = false;  // its input depends on parameters (the backward pass needs its gradient)
  int columnEnd = -1;   // the last layer of column j: its gradient is slice j of the concat's
};

// Buffers of one program (one net at one batch size), kept per thread across steps.
struct Workspace {
  std::vector<Layer> layers;
  std::vector<std::vector<float>> act;     // act[i]: output of layer i (empty for identity)
  std::vector<std::vector<float>> extra;   // L2 pooling: the sqrt's input; dropout: the mask
  std::vector<std::vector<int32_t>> argmax;  // max pooling: where each output's maximum is
  std::vector<float> gradA, gradB, dz, probs;
  std::vector<std::vector<float>> grads;  // per parameter
  std::vector<float> dConcat;             // the gradient at the columns' concatenation
  std::vector<size_t> columnEnds;         // each column's last layer
  size_t params = 0;
  size_t stats = 0;  // batch norm's running means and variances, after the parameters
};

static bool weighted(const Layer& l) { return l.op == CONV || l.op == DENSE || l.op == BATCH_NORM; }

// A double from two record fields (low word first).
static double doubleOf(const std::vector<int>& f, size_t at) {
  uint64_t bits = (uint64_t)(uint32_t)f[at] | ((uint64_t)(uint32_t)f[at + 1] << 32);
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

static BatchNorm batchNormOf(const Layer& l) {
  float decay;
  std::memcpy(&decay, &l.f[2], sizeof decay);
  return {(size_t)l.f[0], (size_t)l.f[1], decay, doubleOf(l.f, 3)};
}

static size_t concatIndex(const Workspace& w) { return w.columnEnds.back() + 1; }

// Which layers' input gradients the backward pass needs, and where columns end; checks that
// columns start at the first record, each ends in the one concat, and the concat fits them.
static void link(Workspace& w) {
  auto& L = w.layers;
  bool columns = L.front().op == COLUMN, concat = false, grad = false, anyGrad = false;
  for (size_t i = 0; i < L.size(); i++) {
    Layer& l = L[i];
    if (l.op == COLUMN) {
      if (!columns || concat) throw std::invalid_argument("trainStep: a column outside the columns");
      if (l.f[0] < 0 || l.f[0] > 4 || l.in != l.out || l.in != (size_t)l.f[1] * l.f[2] * l.f[3] * l.f[4]) throw std::invalid_argument("trainStep: a column's transform does not fit");
      if (i > 0) w.columnEnds.push_back(i - 1);
      anyGrad = anyGrad || grad;
      grad = false;
    } else if (l.op == CONCAT) {
      if (!columns || concat || i == 0 || L[i - 1].op == COLUMN) throw std::invalid_argument("trainStep: a concat without columns");
      w.columnEnds.push_back(i - 1);
      concat = true;
      size_t k = (size_t)l.f[1], n = (size_t)l.f[0], total = 0;
      if (k != w.columnEnds.size() || k > l.f.size() - 2) throw std::invalid_argument("trainStep: the concat does not fit the columns");
      for (size_t j = 0; j < k; j++) {
        size_t u = (size_t)l.f[2 + j];
        if (L[w.columnEnds[j]].out != n * u) throw std::invalid_argument("trainStep: a column's output does not fit the concat");
        L[w.columnEnds[j]].columnEnd = (int)j;
        total += u;
      }
      if (l.out != n * total) throw std::invalid_argument("trainStep: the concat's size does not fit its columns");
      grad = anyGrad || grad;
      l.needDx = grad;
    } else {
      l.needDx = grad;
      grad = grad || weighted(l);
    }
  }
  if (columns && !concat) throw std::invalid_argument("trainStep: columns without a concat");
}

static Workspace build(const std::vector<int>& program) {
  Workspace w;
  if (program.size() % RECORD) throw std::invalid_argument("trainStep: program length is not a multiple of the record");
  size_t widest = 0;
  for (size_t at = 0; at < program.size(); at += RECORD) {
    const int* r = program.data() + at;
    Layer l{r[0], r[1], (size_t)r[2], (size_t)r[3], std::vector<int>(r + 4, r + RECORD)};
    if (l.op < CONV || l.op > BATCH_NORM || l.act < LINEAR || l.act > (l.op == ACTIVATION ? (int)LAYER_LEAKY_RELU : (int)SIGMOID) || (l.op == ACTIVATION && l.act == LINEAR))
      throw std::invalid_argument("trainStep: unknown op or activation");
    if (l.op == BATCH_NORM && (l.in != l.out || l.f[0] < 1 || l.f[1] < 1 || l.in != (size_t)l.f[0] * l.f[1])) throw std::invalid_argument("trainStep: a batch norm does not fit its input");
    if (l.op == ACTIVATION && l.in != l.out) throw std::invalid_argument("trainStep: an activation changes the size");
    if (l.op == CONV) {
      l.f.resize(19);
      l.f[17] = 1;
      l.f[18] = l.act == RELU;
    }
    if (l.op == CONV || l.op == DENSE || l.op == BATCH_NORM) w.params += 2;
    if (l.op == BATCH_NORM) w.stats += 2;
    w.layers.push_back(l);
    w.act.emplace_back(l.op == IDENTITY || (l.op == COLUMN && l.f[0] == 0) ? 0 : l.out);
    if (l.op == CONCAT) w.dConcat.resize(l.out);
    w.extra.emplace_back((l.op == POOL && l.f[0] == 2) || l.op == DROPOUT || (l.op == ACTIVATION && l.act == LAYER_GELU) ? l.out : l.op == BATCH_NORM ? 2 * (size_t)l.f[1] : 0);
    w.argmax.emplace_back((l.op == POOL && l.f[0] == 0) ? l.out : 0);
    widest = std::max(widest, std::max(l.in, l.out));
  }
  if (w.layers.empty()) throw std::invalid_argument("trainStep: empty program");
  link(w);
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

// tfjs's sigmoid gradient: dy · (y · (1 − y)).
__attribute__((optimize("fp-contract=off"))) static void sigmoidGrad(const float* dy, const float* y, float* dz, size_t n) {
  for (size_t i = 0; i < n; i++) {
    float t = 1.f - y[i];
    float d = y[i] * t;
    dz[i] = dy[i] * d;
  }
}

// A column's input: x [n, h, w, c] permuted as the trainer's ColumnInput does (tf.transpose
// [0, 2, 1, 3] or tf.reverse of the rows, the columns or both); y is [n, w, h, c] for the transpose.
static void transformImages(const Layer& l, const float* x, float* y) {
  const int t = l.f[0], n = l.f[1], h = l.f[2], w = l.f[3], c = l.f[4];
  const bool flipRows = t == 3 || t == 4, flipCols = t == 2 || t == 4;
  for (int b = 0; b < n; b++)
    for (int i = 0; i < h; i++)
      for (int j = 0; j < w; j++) {
        const float* from = x + (((size_t)b * h + i) * w + j) * c;
        size_t to = t == 1 ? (((size_t)b * w + j) * h + i) * c : (((size_t)b * h + (flipRows ? h - 1 - i : i)) * w + (flipCols ? w - 1 - j : j)) * c;
        std::memcpy(y + to, from, sizeof(float) * c);
      }
}

// The concatenation of the columns' outputs, row by row, and its gradient's slice for column j.
static void concatRows(const Layer& l, const std::vector<const float*>& columns, float* y) {
  const int n = l.f[0], k = l.f[1];
  size_t at = 0;
  for (int r = 0; r < n; r++)
    for (int j = 0; j < k; j++) {
      size_t u = (size_t)l.f[2 + j];
      std::memcpy(y + at, columns[j] + r * u, sizeof(float) * u);
      at += u;
    }
}

static void concatSlice(const Layer& l, int column, const float* dy, float* dx) {
  const int n = l.f[0];
  size_t total = l.out / n, offset = 0;
  for (int j = 0; j < column; j++) offset += (size_t)l.f[2 + j];
  size_t u = (size_t)l.f[2 + column];
  for (int r = 0; r < n; r++) std::memcpy(dx + r * u, dy + r * total + offset, sizeof(float) * u);
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
  if (act == TANH || act == SIGMOID) {
    (act == TANH ? tanhGrad : sigmoidGrad)(dy, y, dz, n);
    sumRows(dz, dbias, n, cols);
    return dz;
  }
  sumRows(dy, dbias, n, cols);
  return dy;
}

// The update rule from its Float32Array (see UpdateRule in common.h).
static UpdateRule updateRule(const Napi::Value& v) {
  auto a = v.As<Napi::Float32Array>();
  const float* r = a.Data();
  size_t n = a.ElementLength();
  UpdateRule u{};
  if (n == 5 && r[0] == 0.f) u.sgd = SgdOptions{r[1], r[2], r[3], r[4] != 0.f};
  else if (n == 10 && r[0] == 1.f) {
    u.adam = true;
    u.adamOptions = AdamOptions{r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]};
  } else throw std::invalid_argument("trainStep: unknown update rule");
  return u;
}

// trainStep(program Int32Array, x, labels, params Float32Array[], states Float32Array[],
//           uniforms Float32Array[] (one per dropout), keep Float32Array (per dropout),
//           predicted Int32Array, scale, rule Float32Array) → the batch's mean loss.
// params are each weighted layer's kernel then bias, in layer order; states the optimizer's
// per parameter, in the same order: SGD momentum's accumulators (acc = m·acc + g; value =
// c·acc + value, c = −learning rate), or Adam's first moments then its second moments.
Napi::Value TrainStep(const Napi::CallbackInfo& info) {
  double loss = 0;
  Napi::Value result = guarded(info, [&] {
    Workspace& w = workspace(ints(info[0]));
    const float* x = f32(info[1]);
    const float* labels = f32(info[2]);
    auto params = arrays(info[3]);
    auto states = arrays(info[4]);
    auto uniforms = arrays(info[5]);
    const float* keep = f32(info[6]);
    auto predictedArr = info[7].As<Napi::Int32Array>();
    double scale = info[8].As<Napi::Number>().DoubleValue();
    const UpdateRule rule = updateRule(info[9]);
    const SgdOptions& sgd = rule.sgd;
    // The outer-product update below knows plain momentum only; with decay, Nesterov or Adam the kernel's gradient is written out.
    const bool plain = !rule.adam && sgd.wd == 0.f && !sgd.nesterov;
    auto& L = w.layers;
    size_t classes = predictedArr.ElementLength() ? L.back().out / predictedArr.ElementLength() : 0;
    if (params.size() != w.params + w.stats || states.size() != w.params * rule.states() || classes == 0 || classes * predictedArr.ElementLength() != L.back().out)
      throw std::invalid_argument("trainStep: parameters, optimizer states or predictions do not fit the program");
    if (info[1].As<Napi::Float32Array>().ElementLength() != L.front().in || info[2].As<Napi::Float32Array>().ElementLength() != L.back().out)
      throw std::invalid_argument("trainStep: input or labels do not fit the program");
    const size_t P = w.params;
    auto plen = lengths(info[3]), slen = lengths(info[4]), ulen = lengths(info[5]);
    for (size_t q = 0; q < slen.size(); q++)
      if (slen[q] != plen[q % P]) throw std::invalid_argument("trainStep: an optimizer state differs in size from its parameter");
    // Parameter q's update with its gradient; its states are states[q] (and states[P + q] for Adam).
    auto update = [&](size_t q) {
      if (rule.adam) adamStep(params[q], w.grads[q].data(), states[q], states[P + q], plen[q], rule.adamOptions);
      else momentumStep(params[q], w.grads[q].data(), states[q], plen[q], sgd);
    };
    if (info[6].As<Napi::Float32Array>().ElementLength() != uniforms.size()) throw std::invalid_argument("trainStep: one keep probability per dropout");

    // Forward; in[i] is layer i's input (x for a column's first record), out[i] its output.
    std::vector<const float*> in(L.size()), outs(L.size());
    const float* prev = x;
    size_t p = 0, bn = 0;
    for (size_t i = 0; i < L.size(); i++) {
      const Layer& l = L[i];
      float* out = w.act[i].data();
      in[i] = l.op == COLUMN ? x : prev;
      if (l.op == COLUMN) {
        if (l.in != L.front().in) throw std::invalid_argument("trainStep: a column's input is not the net's");
        if (l.f[0] != 0) transformImages(l, x, out);
      } else if (l.op == CONCAT) {
        std::vector<const float*> columns;
        for (size_t e : w.columnEnds) columns.push_back(outs[e]);
        concatRows(l, columns, out);
      } else if (l.op == CONV || l.op == DENSE) {
        size_t wn = l.op == CONV ? (size_t)l.f[4] * l.f[5] * l.f[3] * l.f[6] : (size_t)l.f[0] * l.f[1];
        size_t bn = l.op == CONV ? (size_t)l.f[6] : (size_t)l.f[1];
        if (plen[p] != wn || plen[p + 1] != bn) throw std::invalid_argument("trainStep: a parameter has the wrong size");
        if (l.op == CONV) convForward(l.f, in[i], params[p], params[p + 1], out);
        else matMul({1, (int)(l.in / l.f[0]), l.f[0], l.f[1], 0, 0, 1, l.act == RELU}, in[i], params[p], params[p + 1], out);
        if (l.act == TANH || l.act == SIGMOID) eltwiseUnary(l.act == TANH ? 0 : 1, out, out, l.out);
        p += 2;
      } else if (l.op == POOL) {
        std::vector<int> geo(l.f.begin() + 1, l.f.begin() + 13);
        if (l.f[0] == 0) maxPoolArgmax(geo, in[i], out, w.argmax[i].data());
        else if (l.f[0] == 1) avgPool(geo, in[i], out);
        else l2Pool(l, in[i], w.gradA.data(), w.extra[i].data(), out);
      } else if (l.op == ACTIVATION) {
        activationForward(l.act, doubleOf(l.f, 0), in[i], out, w.extra[i].data(), l.out);
      } else if (l.op == BATCH_NORM) {
        const BatchNorm b = batchNormOf(l);
        size_t s = w.params + 2 * bn++;
        if (plen[p] != b.channels || plen[p + 1] != b.channels || plen[s] != b.channels || plen[s + 1] != b.channels)
          throw std::invalid_argument("trainStep: a batch norm's parameters have the wrong size");
        batchNormForward(b, in[i], params[p], params[p + 1], out, w.extra[i].data(), params[s], params[s + 1]);
        p += 2;
      } else if (l.op == DROPOUT) {
        int d = l.f[0];
        if ((size_t)d >= uniforms.size() || ulen[d] != l.out) throw std::invalid_argument("trainStep: dropout uniforms do not fit");
        float* mask = w.extra[i].data();
        const float k = keep[d];
        // tf.dropout: x · floor(u + keep) / keep, each op rounded to float32.
        for (size_t e = 0; e < l.out; e++) {
          float t = uniforms[d][e] + k;
          mask[e] = std::floor(t) / k;
          out[e] = in[i][e] * mask[e];
        }
      }
      outs[i] = w.act[i].empty() ? in[i] : out;  // identity records pass their input on
      prev = outs[i];
    }

    // Head: softmax cross-entropy from the logits, and its gradient (upstream gradient 1).
    size_t rows = predictedArr.ElementLength();
    loss = softmaxCrossEntropy(prev, labels, w.probs.data(), predictedArr.Data(), rows, classes, (float)scale);
    auto& grads = w.grads;
    float* g = w.gradA.data();
    float* spare = w.gradB.data();
    softmaxCrossEntropyGrad(w.probs.data(), labels, g, rows, classes, scale, 1.0);

    // Backward: every layer with parameters, and the input gradients of those after one (in
    // each column: the first layer with parameters is the last whose input gradient is needed).
    for (size_t i = L.size(); i-- > 0;) {
      const Layer& l = L[i];
      bool needDx = l.needDx;
      // A column's last layer: its gradient is the column's slice of the concat's.
      if (l.columnEnd >= 0) concatSlice(L[concatIndex(w)], l.columnEnd, w.dConcat.data(), g);
      if (!needDx && !weighted(l)) continue;
      if (l.op == CONCAT) {
        std::memcpy(w.dConcat.data(), g, sizeof(float) * l.out);
        continue;
      }
      if (l.op == BATCH_NORM) {
        p -= 2;
        grads[p].resize(plen[p]);
        grads[p + 1].resize(plen[p + 1]);
        batchNormBackward(batchNormOf(l), in[i], params[p], w.extra[i].data(), g, needDx ? spare : nullptr, grads[p].data(), grads[p + 1].data());
        FlushDenormals flush;
        update(p);
        update(p + 1);
        if (!needDx) continue;
      } else if (l.op == ACTIVATION) {
        activationBackward(l.act, doubleOf(l.f, 0), in[i], outs[i], w.extra[i].data(), g, spare, l.out);
      } else if (l.op == CONV || l.op == DENSE) {
        p -= 2;
        grads[p].resize(plen[p]);
        grads[p + 1].resize(plen[p + 1]);
        size_t cols = l.op == CONV ? (size_t)l.f[6] : (size_t)l.f[1];
        const float* dz = activationGrad(l.act, g, outs[i], w.dz.data(), grads[p + 1].data(), l.out, cols);
        bool kernelUpdated = false;
        if (l.op == CONV) {
          convBackwardWeights(l.f, in[i], dz, grads[p].data());
          if (needDx) convBackwardData(l.f, dz, params[p], spare);
        } else {
          int n = (int)(l.in / l.f[0]), k = l.f[0], u = l.f[1];
          if (needDx) matMul({1, n, u, k, 0, 1, 0, 0}, dz, params[p], nullptr, spare);
          if (n == 1 && plain) {
            // One row: the kernel's gradient is the outer product x·dz, formed inside the
            // update instead of written out and read back (each product is what the matmul of
            // one row gives, so the numbers are the same).
            FlushDenormals flush;
            denseOuterMomentum(params[p], in[i], dz, states[p], k, u, sgd.m, sgd.c);
            kernelUpdated = true;
          } else {
            matMul({1, k, n, u, 1, 0, 0, 0}, in[i], dz, nullptr, grads[p].data());
          }
        }
        // This layer's update now, while its gradients are in cache (its weights are not needed
        // again this step); denormals flushed, see momentum.cc.
        FlushDenormals flush;
        if (!kernelUpdated) update(p);
        update(p + 1);
      } else if (l.op == POOL) {
        std::vector<int> geo(l.f.begin() + 1, l.f.begin() + 13);
        if (l.f[0] == 0) maxPoolGradArgmax(geo, w.argmax[i].data(), g, spare);
        else if (l.f[0] == 1) avgPoolGrad(geo, g, spare);
        else l2PoolGrad(l, in[i], w.extra[i].data(), g, w.dz.data(), spare);
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
