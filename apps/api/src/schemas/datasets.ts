import { z } from 'zod';
import { DATASET_NAME } from '@modelspace/core';

/**
 * POST /datasets: a multipart/form-data body of these text fields and the array files
 * (trainImages, trainLabels; valImages and valLabels, testImages and testLabels optional),
 * each an IDX or a NumPy .npy file, gzipped or not. Validated by the handler as parts arrive;
 * this schema is what it checks the text fields with, and the OpenAPI document shows it.
 */
const fraction = (what: string) =>
  z.coerce
    .number()
    .gt(0, 'a fraction in (0, 1)')
    .lt(1, 'a fraction in (0, 1)')
    .optional()
    .describe(`Without ${what} files: this fraction of the training arrays, from their end, is the ${what} split (default 0.1).`);

export const DatasetUploadFields = z.strictObject({
  name: z
    .string()
    .regex(DATASET_NAME, 'letters, digits, _ . - only (1-64, starting with a letter or digit)')
    .describe('Unique in the project; what a sweep names in training.dataset.'),
  classes: z.coerce.number().int().min(2).max(256).optional().describe('The number of classes: labels are 0..classes-1. Or give classNames.'),
  classNames: z.string().max(20_000).optional().describe('The class names in label order, comma-separated or as a JSON array ("cat,dog" or ["cat","dog"]).'),
  validationFraction: fraction('validation'),
  testFraction: fraction('test'),
});
export type DatasetUploadFields = z.output<typeof DatasetUploadFields>;

const file = z.string().meta({ format: 'binary' });
/** The multipart body, for the document only. */
export const DatasetUploadBody = DatasetUploadFields.extend({
  trainImages: file.describe('N×H×W (grey) or N×H×W×C images, uint8 or float32: an IDX or .npy file, optionally gzipped.'),
  trainLabels: file.describe('N class indices (uint8 or another integer type).'),
  valImages: file.optional(),
  valLabels: file.optional(),
  testImages: file.optional(),
  testLabels: file.optional(),
}).meta({ id: 'DatasetUpload' });

export const DatasetIdParams = z.strictObject({ id: z.string().max(100).describe("The dataset's id or its name") });

export const Dataset = z
  .object({
    id: z.string().describe('UUID'),
    name: z.string(),
    sha256: z.string().describe('sha256 of the stored dataset blob (content address)'),
    storage: z.enum(['directory', 'postgres']),
    sizeBytes: z.number().int(),
    dtype: z.enum(['uint8', 'float32']),
    shape: z.object({ height: z.number().int(), width: z.number().int(), channels: z.number().int(), classes: z.number().int() }),
    classNames: z.array(z.string()).nullable(),
    counts: z.object({ train: z.number().int(), val: z.number().int(), test: z.number().int() }),
    sweeps: z.number().int().describe('How many sweeps name it (it can be deleted only at 0)'),
    createdAt: z.string().describe('ISO 8601 timestamp'),
  })
  .meta({ id: 'Dataset' });

export const DatasetList = z.object({ items: z.array(Dataset) }).meta({ id: 'DatasetList' });
export const DatasetDeleted = z.object({ id: z.string(), name: z.string(), deleted: z.literal(true) }).meta({ id: 'DatasetDeleted' });
