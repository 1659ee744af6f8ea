// Shared pieces of the addon: per-thread oneDNN engine/stream, argument decoding, and a
// prepared primitive whose user buffers (tfjs's Float32Arrays, NHWC / HWIO) are bound per call.
#pragma once
#include <napi.h>
#include <dnnl.hpp>
#include <map>
#include <string>
#include <vector>

namespace msn {

struct Ctx {
  dnnl::engine eng;
  dnnl::stream strm;
  Ctx() : eng(dnnl::engine::kind::cpu, 0), strm(eng) {}
};
// One per thread: a trial trains on one worker thread, and oneDNN streams are not shared.
Ctx& ctx();

// Float32Array data, or nullptr for null/undefined (optional inputs such as a bias).
float* f32(const Napi::Value& v);
std::vector<int> ints(const Napi::Value& v);

// One argument of a primitive: the caller's buffer in the user layout, reordered to/from the
// primitive's preferred layout when they differ (e.g. conv weights into a blocked format).
struct Slot {
  int arg;
  bool output;
  dnnl::memory user;
  bool reorders = false;
  dnnl::memory inner;
  dnnl::reorder reorder;
};

struct Prepared {
  dnnl::primitive prim;
  std::vector<Slot> slots;
  void add(int arg, const dnnl::memory::desc& user, const dnnl::memory::desc& inner, bool output);
  // ptrs in the order the slots were added.
  void run(const std::vector<float*>& ptrs);
};

// Primitive cache per thread, keyed by kind + shape attributes (creation costs 10-1000 us).
Prepared& cached(const std::string& kind, const std::vector<int>& key, Prepared (*build)(const std::vector<int>&));

// Runs fn, turning a oneDNN or std exception into a JS exception; returns env.Undefined().
template <typename F>
Napi::Value guarded(const Napi::CallbackInfo& info, F fn) {
  try {
    fn();
  } catch (const dnnl::error& e) {
    Napi::Error::New(info.Env(), std::string("oneDNN: ") + e.what()).ThrowAsJavaScriptException();
  } catch (const std::exception& e) {
    Napi::Error::New(info.Env(), e.what()).ThrowAsJavaScriptException();
  }
  return info.Env().Undefined();
}

// Building blocks shared by the kernels above and the whole training step (train_step.cc): the
// same primitives (cached by the same keys) and loops, so both paths compute the same numbers.
void convForward(const std::vector<int>& key, const float* x, const float* w, const float* b, float* y);
void convBackwardData(std::vector<int> key, const float* dy, const float* w, float* dx);
void convBackwardWeights(std::vector<int> key, const float* x, const float* dy, float* dw);
void matMul(const std::vector<int>& key, const float* a, const float* b, const float* bias, float* c);
void eltwiseUnary(int op, const float* x, float* y, size_t n);
void maxPool(const std::vector<int>& geo, const float* x, float* y);
void maxPoolGrad(const std::vector<int>& geo, const float* x, const float* dy, float* dx);
void maxPoolArgmax(const std::vector<int>& geo, const float* x, float* y, int32_t* at);
void maxPoolGradArgmax(const std::vector<int>& geo, const int32_t* at, const float* dy, float* dx);
void avgPool(const std::vector<int>& geo, const float* x, float* y);
void avgPoolGrad(const std::vector<int>& geo, const float* dy, float* dx);
void sumRows(const float* x, float* out, size_t n, size_t cols);
void biasReluGrad(const float* dy, const float* y, float* dz, float* dbias, size_t n, size_t cols);
double softmaxCrossEntropy(const float* z, const float* y, float* p, int32_t* predicted, size_t rows, size_t cols, float scale);
void softmaxCrossEntropyGrad(const float* p, const float* y, float* dz, size_t rows, size_t cols, double scale, double g);
// SGD with momentum, in place: g' = g + wd·value (L2 weight decay, when wd ≠ 0); acc = m·acc + g';
// value += c·acc, or with Nesterov value += c·(g' + m·acc) (c = −learning rate), each product and
// sum rounded to float32 on its own, as tfjs's MomentumOptimizer does them.
struct SgdOptions {
  float m, c, wd;
  bool nesterov;
};
void momentumStep(float* value, const float* grad, float* acc, size_t n, const SgdOptions& o);
// The options from a call's arguments from index `at`: m, c, then optional wd (default 0) and nesterov (default false).
SgdOptions sgdOptions(const Napi::CallbackInfo& info, size_t at);
// Adam / AdamW (adam.cc), in place: the step's scalars, computed in JS (src/adam.ts adamCoefficients).
struct AdamOptions {
  float beta1, oneMinusBeta1, beta2, oneMinusBeta2, negStepSize, bias2Sqrt, eps, wd, decay;
};
void adamStep(float* value, const float* grad, float* m, float* v, size_t n, const AdamOptions& o);
AdamOptions adamOptions(const Napi::Value& coefficients);
// How the whole step updates each parameter: SGD momentum (one state array per parameter, its
// accumulator) or Adam (two: first and second moments). From a Float32Array: [0, m, c, wd,
// nesterov (0/1)] or [1, the 9 Adam coefficients].
struct UpdateRule {
  bool adam;
  SgdOptions sgd;
  AdamOptions adamOptions;
  size_t states() const { return adam ? 2 : 1; }
};
// Flushes denormals to zero (FTZ | DAZ) while alive (see momentum.cc for why).
struct FlushDenormals {
  unsigned saved;
  FlushDenormals();
  ~FlushDenormals();
};

Napi::Value Conv2D(const Napi::CallbackInfo& info);
Napi::Value Conv2DBackpropInput(const Napi::CallbackInfo& info);
Napi::Value Conv2DBackpropFilter(const Napi::CallbackInfo& info);
Napi::Value MatMul(const Napi::CallbackInfo& info);
Napi::Value MaxPool(const Napi::CallbackInfo& info);
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info);
Napi::Value AvgPool(const Napi::CallbackInfo& info);
Napi::Value AvgPoolGrad(const Napi::CallbackInfo& info);
Napi::Value ReluGrad(const Napi::CallbackInfo& info);
Napi::Value Relu(const Napi::CallbackInfo& info);
Napi::Value SumRows(const Napi::CallbackInfo& info);
Napi::Value Binary(const Napi::CallbackInfo& info);
Napi::Value Step(const Napi::CallbackInfo& info);
Napi::Value BinaryRows(const Napi::CallbackInfo& info);
Napi::Value Divide(const Napi::CallbackInfo& info);
Napi::Value SumLast(const Napi::CallbackInfo& info);
Napi::Value Softmax(const Napi::CallbackInfo& info);
Napi::Value Unary(const Napi::CallbackInfo& info);
Napi::Value MomentumUpdate(const Napi::CallbackInfo& info);
Napi::Value AdamUpdate(const Napi::CallbackInfo& info);
Napi::Value SoftmaxCrossEntropy(const Napi::CallbackInfo& info);
Napi::Value SoftmaxCrossEntropyGrad(const Napi::CallbackInfo& info);
Napi::Value BiasReluGrad(const Napi::CallbackInfo& info);
Napi::Value TrainStep(const Napi::CallbackInfo& info);
Napi::Value BatchNormKernel(const Napi::CallbackInfo& info);

}  // namespace msn
