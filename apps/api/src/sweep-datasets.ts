import { datasetReferences, isBuiltInDataset, modelFitIssues, resolveTraining, SpecError, type FieldIssue, type SweepSpec } from '@modelspace/core';
import { datasetsNamed, type Db } from '@modelspace/db';

/**
 * The uploaded datasets a sweep names (training.dataset), checked when it is submitted: each
 * must exist in the sweep's project, and each explicit variant's model must fit its images:
 * augmentation needs 28x28x1, a conv net's filters and pooling must fit the height and width,
 * and a transposed column needs square images. A 400 names the field. Returns the datasets'
 * ids, which the sweep then holds (they cannot be deleted while it exists).
 */
export async function sweepDatasets(db: Db, projectId: string, spec: SweepSpec): Promise<string[]> {
  const refs = datasetReferences(spec);
  if (refs.length === 0) return [];
  const rows = await datasetsNamed(db, projectId, [...new Set(refs.map((r) => r.name))]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  const issues: FieldIssue[] = refs
    .filter((r) => !byName.has(r.name))
    .map((r) => ({ field: r.field, reason: `no dataset "${r.name}" in this project: upload it (POST /datasets) or use mnist or fashion-mnist` }));
  if (issues.length === 0) {
    for (const [i, v] of (spec.variants ?? []).entries()) {
      const name = resolveTraining(spec.training, v.training).dataset;
      const row = name && !isBuiltInDataset(name) ? byName.get(name) : undefined;
      if (row && v.model.kind !== 'program') issues.push(...modelFitIssues(v.model, row, `variants.${i}.model`));
    }
  }
  if (issues.length > 0) throw new SpecError(issues);
  return rows.map((r) => r.id);
}
