{
  "targets": [
    {
      "target_name": "modelspace_native",
      "sources": ["cc/addon.cc", "cc/conv.cc", "cc/matmul.cc", "cc/pool.cc", "cc/eltwise.cc", "cc/unary.cc", "cc/momentum.cc", "cc/adam.cc", "cc/xent.cc", "cc/bias_activation.cc", "cc/train_step.cc", "cc/step_layers.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS"],
      "cflags_cc": ["-std=c++17", "-O3", "-march=<!(node -p \"process.env.MODELSPACE_NATIVE_MARCH || 'native'\")", "-fopenmp"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++1y", "-std=gnu++17"],
      "cflags!": ["-fno-exceptions"],
      "libraries": ["-ldnnl", "-lgomp"]
    }
  ]
}
