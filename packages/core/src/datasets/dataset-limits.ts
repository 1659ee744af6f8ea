/**
 * What an uploaded dataset may be (docs/datasets.md). Files are read through a stream that
 * stops at maxFileBytes, so a larger one is refused without being held whole.
 */
export interface DatasetLimits {
  /** Largest single uploaded file (one images or labels array). */
  maxFileBytes: number;
  /** Largest image height or width. */
  maxSide: number;
  /** Most channels per pixel (1 grey, 3 RGB, 4 RGBA). */
  maxChannels: number;
  /** Most classes (labels are stored as bytes). */
  maxClasses: number;
}

export const DEFAULT_DATASET_LIMITS: DatasetLimits = Object.freeze({ maxFileBytes: 256 * 1024 * 1024, maxSide: 512, maxChannels: 4, maxClasses: 256 });

/** The upload's form fields that carry arrays, in the order their splits are stored. */
export const DATASET_FILE_FIELDS = ['trainImages', 'trainLabels', 'valImages', 'valLabels', 'testImages', 'testLabels'] as const;
export type DatasetFileField = (typeof DATASET_FILE_FIELDS)[number];

/** Validation and test fractions taken from the end of the training arrays when their own files are absent. */
export const DEFAULT_SPLIT_FRACTION = 0.1;
