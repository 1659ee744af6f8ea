export { loadAddon, ADDON_PATH, type AddonLoad, type NativeAddon } from './addon.ts';
export { NATIVE, NativeBackend, nativeKernels, registerNativeBackend } from './backend.ts';
export { nativeCalls } from './kernels/helpers.ts';
export { NativeMomentumOptimizer, nativeMomentum } from './momentum.ts';
export { SgdMomentumOptimizer } from './sgd.ts';
export { AdamOptimizer, adamCoefficients, type AdamSettings, type AdamMoments } from './adam.ts';
export { NativeAdamOptimizer, makeAdam } from './native-adam.ts';
export { nativeSoftmaxCrossEntropy, type SoftmaxCrossEntropy } from './xent.ts';
export { nativeConv2dBiasActivation, nativeDenseBiasActivation } from './fused-layers.ts';
export {
  NativeTrainingStep,
  nativeTrainingStep,
  TRAIN_STEP,
  stepProgram,
  type MomentumSettings,
  type StepOptimizer,
  type StepNet,
  type StepLayer,
  type StepActivation,
  type StepColumn,
  type StepTransform,
} from './train-step.ts';
