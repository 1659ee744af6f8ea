#include <omp.h>
#include <cstdlib>
#include "common.h"

namespace msn {

Ctx& ctx() {
  thread_local Ctx c;
  return c;
}

float* f32(const Napi::Value& v) {
  if (v.IsNull() || v.IsUndefined()) return nullptr;
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    throw std::invalid_argument("expected a Float32Array");
  return v.As<Napi::Float32Array>().Data();
}

std::vector<int> ints(const Napi::Value& v) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array)
    throw std::invalid_argument("expected an Int32Array of dimensions");
  auto a = v.As<Napi::Int32Array>();
  return std::vector<int>(a.Data(), a.Data() + a.ElementLength());
}

void Prepared::add(int arg, const dnnl::memory::desc& user, const dnnl::memory::desc& inner, bool output) {
  auto& c = ctx();
  Slot s{arg, output, dnnl::memory(user, c.eng, DNNL_MEMORY_NONE)};
  if (user != inner) {
    s.reorders = true;
    s.inner = dnnl::memory(inner, c.eng);
    s.reorder = output ? dnnl::reorder(s.inner, s.user) : dnnl::reorder(s.user, s.inner);
  }
  slots.push_back(std::move(s));
}

void Prepared::run(const std::vector<float*>& ptrs) {
  auto& c = ctx();
  std::unordered_map<int, dnnl::memory> args;
  for (size_t i = 0; i < slots.size(); i++) {
    auto& s = slots[i];
    s.user.set_data_handle(ptrs[i]);
    if (!s.reorders) {
      args.emplace(s.arg, s.user);
    } else {
      if (!s.output) s.reorder.execute(c.strm, s.user, s.inner);
      args.emplace(s.arg, s.inner);
    }
  }
  prim.execute(c.strm, args);
  for (auto& s : slots)
    if (s.output && s.reorders) s.reorder.execute(c.strm, s.inner, s.user);
  c.strm.wait();
}

// A worker thread lives across trials of many shapes (a sweep over feature maps, filter
// sizes, batch sizes): past this many primitives the least recently used one goes, or the
// cache (and the reorder buffers its primitives hold) would grow for the life of the worker.
// One model's step, evaluation and last partial batch use a few dozen.
constexpr size_t PRIMITIVE_CACHE_CAPACITY = 128;

Prepared& cached(const std::string& kind, const std::vector<int>& key, Prepared (*build)(const std::vector<int>&)) {
  struct Entry {
    Prepared prepared;
    uint64_t lastUse;
  };
  thread_local std::map<std::pair<std::string, std::vector<int>>, Entry> cache;
  thread_local uint64_t clock = 0;
  auto k = std::make_pair(kind, key);
  auto it = cache.find(k);
  if (it == cache.end()) {
    // Only a miss (which builds a primitive, 10 us - 1 ms) pays for the scan. The entry evicted
    // is the least recently used, never one a caller obtained during the current kernel call.
    if (cache.size() >= PRIMITIVE_CACHE_CAPACITY) {
      auto oldest = cache.begin();
      for (auto e = cache.begin(); e != cache.end(); ++e)
        if (e->second.lastUse < oldest->second.lastUse) oldest = e;
      cache.erase(oldest);
    }
    it = cache.emplace(k, Entry{build(key), 0}).first;
  }
  it->second.lastUse = ++clock;
  return it->second.prepared;
}

}  // namespace msn

using namespace msn;

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  // One thread per trial (trials scale by worker threads/processes); override for experiments.
  const char* t = std::getenv("MODELSPACE_NATIVE_THREADS");
  omp_set_num_threads(t ? std::max(1, std::atoi(t)) : 1);
  exports.Set("conv2d", Napi::Function::New(env, Conv2D));
  exports.Set("conv2dBackpropInput", Napi::Function::New(env, Conv2DBackpropInput));
  exports.Set("conv2dBackpropFilter", Napi::Function::New(env, Conv2DBackpropFilter));
  exports.Set("matMul", Napi::Function::New(env, MatMul));
  exports.Set("maxPool", Napi::Function::New(env, MaxPool));
  exports.Set("maxPoolGrad", Napi::Function::New(env, MaxPoolGrad));
  exports.Set("avgPool", Napi::Function::New(env, AvgPool));
  exports.Set("avgPoolGrad", Napi::Function::New(env, AvgPoolGrad));
  exports.Set("reluGrad", Napi::Function::New(env, ReluGrad));
  exports.Set("relu", Napi::Function::New(env, Relu));
  exports.Set("sumRows", Napi::Function::New(env, SumRows));
  exports.Set("binary", Napi::Function::New(env, Binary));
  exports.Set("step", Napi::Function::New(env, Step));
  exports.Set("binaryRows", Napi::Function::New(env, BinaryRows));
  exports.Set("divide", Napi::Function::New(env, Divide));
  exports.Set("sumLast", Napi::Function::New(env, SumLast));
  exports.Set("softmax", Napi::Function::New(env, Softmax));
  exports.Set("unary", Napi::Function::New(env, Unary));
  exports.Set("momentumUpdate", Napi::Function::New(env, MomentumUpdate));
  exports.Set("adamUpdate", Napi::Function::New(env, AdamUpdate));
  exports.Set("softmaxCrossEntropy", Napi::Function::New(env, SoftmaxCrossEntropy));
  exports.Set("softmaxCrossEntropyGrad", Napi::Function::New(env, SoftmaxCrossEntropyGrad));
  exports.Set("biasReluGrad", Napi::Function::New(env, BiasReluGrad));
  exports.Set("trainStep", Napi::Function::New(env, TrainStep));
  exports.Set("batchNorm", Napi::Function::New(env, BatchNormKernel));
  auto v = dnnl_version();
  exports.Set("onednnVersion", Napi::String::New(env, std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch)));
  return exports;
}

NODE_API_MODULE(modelspace_native, Init)
