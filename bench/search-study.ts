/**
 * One study of the search bench: a search method driven directly (no training, no
 * services) for `budget` trials on an objective, with up to `concurrency` trials running at
 * once. Running trials finish in the order they started, each told as soon as it finishes:
 * the same schedule the Optuna driver (search-optuna.py) follows.
 */
import { SearchSpace, type Assignment, type Observation, type SearchMethod } from '@modelspace/core';
import { plainMaterialise } from '@modelspace/core/testing';
import type { Objective } from './search-objectives.ts';

export interface StudyResult {
  /** Objective values in the order the trials were proposed. */
  values: number[];
  params: Assignment[];
}

export function runStudy(method: SearchMethod, objective: Objective, seed: number, budget: number, concurrency: number): StudyResult {
  const space = SearchSpace.parse({ parameters: objective.parameters });
  const history: Observation[] = [];
  const running: { at: number; value: number }[] = [];
  const result: StudyResult = { values: [], params: [] };
  for (;;) {
    const room = Math.min(concurrency - running.length, budget - result.values.length);
    if (room > 0) {
      for (const p of method.ask({ space, history, n: room, seed, materialise: plainMaterialise }).proposals) {
        const value = objective.f(p.params!);
        running.push({ at: history.length, value });
        history.push({ hash: p.hash, params: p.params, value: null, state: 'pending' });
        result.values.push(value);
        result.params.push(p.params!);
      }
    }
    // Nothing running: the budget is spent, or the method has nothing new to propose.
    const done = running.shift();
    if (!done) break;
    history[done.at] = { ...history[done.at]!, value: done.value, state: 'done' };
  }
  return result;
}

/** The best value among the first `budget` trials, minus the optimum. */
export function regretAt(values: readonly number[], budget: number, optimum: number): number {
  return Math.min(...values.slice(0, budget)) - optimum;
}

/** The parameters of the best trial among the first `budget`. */
export function bestParamsAt(result: StudyResult, budget: number): Assignment {
  let best = 0;
  for (let i = 1; i < Math.min(budget, result.values.length); i++) if (result.values[i]! < result.values[best]!) best = i;
  return result.params[best]!;
}
