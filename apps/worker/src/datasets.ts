import type { BuiltInDataset } from '@modelspace/core';
import { loadDataset, type DatasetDirs, type MnistData } from '@modelspace/trainer';

/**
 * The built-in datasets other than MNIST, each loaded into shared memory the first time a
 * trial asks for it and kept for the worker's life (about 55 MB each): every training thread
 * reads the one copy. A dataset this worker cannot load throws, naming what to install.
 */
export function datasetCache(dirs: DatasetDirs): (name: BuiltInDataset) => MnistData {
  const loaded = new Map<BuiltInDataset, MnistData>();
  return (name) => {
    let data = loaded.get(name);
    if (!data) {
      data = loadDataset(name, { dirs, shared: true });
      loaded.set(name, data);
    }
    return data;
  };
}
