import { z } from 'zod';

/**
 * The built-in datasets a trial can train on. Both are 28x28 grey images in ten classes, split
 * as the seed splits MNIST: the first 50,000 training images to train, the next 10,000 to
 * validate, the 10,000 test images to test. Fashion-MNIST comes from Debian's
 * `dataset-fashion-mnist` package (scripts/system-packages.sh installs it).
 */
export const DATASETS = ['mnist', 'fashion-mnist'] as const;
export const BuiltInDataset = z.enum(DATASETS);
export type BuiltInDataset = z.output<typeof BuiltInDataset>;

/** A dataset name: a built-in one, or an uploaded dataset's name (POST /datasets), unique in its project. */
export const DATASET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const DatasetName = z
  .string()
  .regex(DATASET_NAME, 'a dataset name is letters, digits, _ . - (1-64, starting with a letter or digit)')
  .describe(
    "The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md).",
  );
export type DatasetName = z.output<typeof DatasetName>;

export const DEFAULT_DATASET: BuiltInDataset = 'mnist';

export function isBuiltInDataset(name: string): name is BuiltInDataset {
  return (DATASETS as readonly string[]).includes(name);
}

/** Where a sweep definition names an uploaded dataset: the name and the field's dotted path. */
export interface DatasetReference {
  name: string;
  field: string;
}

/**
 * Every uploaded dataset a sweep definition names, wherever it can: `training.dataset` of the
 * sweep, of a variant, of the search space's base, and the values a space parameter on
 * `training.dataset` chooses among. Built-in names are left out.
 */
export function datasetReferences(spec: unknown): DatasetReference[] {
  const out: DatasetReference[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i]);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      // training.dataset (not a program's own `params.dataset`), or a space parameter on it given as a fixed value.
      if (((key === 'dataset' && path.at(-1) === 'training') || key.endsWith('training.dataset')) && typeof v === 'string') out.push({ name: v, field: [...path, key].join('.') });
      else if (key.endsWith('training.dataset') && v && typeof v === 'object' && Array.isArray((v as { values?: unknown }).values)) {
        (v as { values: unknown[] }).values.forEach((name, i) => {
          if (typeof name === 'string') out.push({ name, field: [...path, key, 'values', i].join('.') });
        });
      } else walk(v, [...path, key]);
    }
  };
  walk(spec, []);
  return out.filter((r) => !isBuiltInDataset(r.name));
}
