export { type ArrayDtype, type ArrayFile, DatasetUploadError } from './array-file.ts';
export { parseIdxFile } from './idx-file.ts';
export { NPY_MAGIC, parseNpyFile } from './npy-file.ts';
export { assembleDataset, parseArrayFile, type DatasetContents, type DatasetOptions } from './assemble.ts';
export { allocateDataset, DATASET_BLOB_MAGIC, decodeDataset, encodeDataset, type DatasetBlobHeader } from './dataset-blob.ts';
export { DATASET_FILE_FIELDS, DEFAULT_DATASET_LIMITS, DEFAULT_SPLIT_FRACTION, type DatasetFileField, type DatasetLimits } from './dataset-limits.ts';
export { modelFitIssues } from './model-fit.ts';
