// The layer-stack layers of the whole training step (train_step.cc) that have no kernel of their
// own: activation layers (relu, tanh, sigmoid, gelu, leaky relu) and batch normalisation in
// training mode, each computed with the arithmetic of the tfjs ops the 'native' backend runs for
// them (its kernels where it has one, the cpu backend's JS loops elsewhere), so the step stays
// bit-identical to tfjs's step on that backend.
#pragma once
#include <cstddef>

namespace msn {

// Activation layer codes (the record's activation field of op 7).
enum LayerAct { LAYER_RELU = 1, LAYER_TANH = 2, LAYER_SIGMOID = 3, LAYER_GELU = 4, LAYER_LEAKY_RELU = 5 };

// y = act(x); gelu also keeps its Φ(x) in `saved` (n values) for the backward pass.
void activationForward(int act, double alpha, const float* x, float* y, float* saved, size_t n);
// dx from dy at y = act(x).
void activationBackward(int act, double alpha, const float* x, const float* y, const float* saved, const float* dy, float* dx, size_t n);

// Batch norm over `channels` (the last axis) of `rows` rows: n·h·w pixels of a map or n rows.
struct BatchNorm {
  size_t rows, channels;
  float decay;     // 1 − momentum as tfjs-layers' float32 scalar
  double epsilon;  // a double in the forward kernel, a float32 scalar in its gradient
};

// y with the batch's mean and (biased) variance, kept in `moments` (mean then variance, 2·channels);
// then the running averages move toward them.
void batchNormForward(const BatchNorm& b, const float* x, const float* gamma, const float* beta, float* y, float* moments, float* movingMean, float* movingVariance);
// The gradients of γ and β, and dx (when not null) through the batch moments as well.
void batchNormBackward(const BatchNorm& b, const float* x, const float* gamma, const float* moments, const float* dy, float* dx, float* dgamma, float* dbeta);

}  // namespace msn
