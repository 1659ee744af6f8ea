import { importance, type ImportanceAnswer, type ImportanceOptions, type ImportanceParameter, type ImportanceRow } from '@modelspace/core';

/** One importance fit, as the API's thread pool posts it (structured-cloneable). */
export interface ImportanceTask {
  columns: ImportanceParameter[];
  rows: ImportanceRow[];
  options: Partial<ImportanceOptions>;
}

/** Piscina's entry: a random forest fit off the API's event loop (it costs seconds under load). */
export default function fit(task: ImportanceTask): ImportanceAnswer {
  return importance(task.columns, task.rows, task.options);
}
