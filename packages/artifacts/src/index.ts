/**
 * @modelspace/artifacts: trained models of trials (TensorFlow.js LayersModel files) stored in
 * a directory or Postgres, with checksums, metadata and per-sweep retention; archives for
 * download; the image decoding and model cache of predictions. Loads no TensorFlow.js.
 */
export { ArtifactEnv, loadArtifactConfig, toArtifactConfig, type ArtifactConfig } from './config.ts';
export { sha256 } from './checksum.ts';
export { artifactMetadata, type ArtifactDataset, type ArtifactMetadata, type UploadedDatasetInfo } from './metadata.ts';
export { artifactChecksum, FILES, readArtifact, saveArtifact, type ArtifactDeps, type ArtifactInput, type StoredArtifact } from './store.ts';
export { applyRetention } from './retention.ts';
export { LAYERS_FILE, packArchive, packFiles, unpackArchive } from './archive.ts';
export { decodeImages, IMAGE_PIXELS, IMAGE_SIDE, MAX_PREDICT_IMAGES, MNIST_INPUT, readPredictBody, shapeText, type DecodedImages, type ImageInput } from './images.ts';
export { predictInputOf, type PredictInput } from './predict-input.ts';
export { createModelCache } from './model-cache.ts';
export { DATASET_DIR, datasetFile, loadDatasetBlob, removeDatasetBlob, storeDatasetBlob, verifyDatasetChecksum, type DatasetStorage } from './datasets.ts';
