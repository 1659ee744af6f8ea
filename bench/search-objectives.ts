/**
 * The search bench's objectives: synthetic functions with known minima, each with the
 * search space it is searched over (modelspace's own space format, which the Optuna driver
 * reads too) and the function itself, evaluated on the TypeScript side for both.
 */
import type { Assignment } from '@modelspace/core';
import { CATEGORIES_SPACE, TRAP_SPACE, type SyntheticSpace } from '@modelspace/core/testing';

export interface Objective {
  name: string;
  /** The `parameters` of a search space. */
  parameters: Record<string, Record<string, unknown>>;
  /** The global minimum of `f`: regret is the best value found minus this. */
  optimum: number;
  f(params: Assignment): number;
  /** Budgets (trials) at which regret is read off. */
  budgets: number[];
  /** For a space with a categorical: whether the best trial's category is the optimum's. */
  rightCategory?(params: Assignment): boolean;
}

const STANDARD_BUDGETS = [25, 50, 100, 200];

/** `n` uniform parameters model.x0..x{n-1} on [lo, hi]. */
function box(n: number, lo: number, hi: number): Objective['parameters'] {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`model.x${i}`, { type: 'uniform', min: lo, max: hi }]));
}
const xs = (p: Assignment, n: number) => Array.from({ length: n }, (_, i) => p[`model.x${i}`] as number);

const branin: Objective = {
  name: 'branin',
  parameters: { 'model.x0': { type: 'uniform', min: -5, max: 10 }, 'model.x1': { type: 'uniform', min: 0, max: 15 } },
  optimum: 0.397887357729739,
  budgets: STANDARD_BUDGETS,
  f(p) {
    const [x1, x2] = xs(p, 2) as [number, number];
    const b = 5.1 / (4 * Math.PI ** 2);
    const c = 5 / Math.PI;
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
  },
};

const H6_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H6_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((v) => v * 1e-4));
const H6_ALPHA = [1, 1.2, 3, 3.2];

const hartmann6: Objective = {
  name: 'hartmann6',
  parameters: box(6, 0, 1),
  optimum: -3.32236801141551,
  budgets: STANDARD_BUDGETS,
  f(p) {
    const x = xs(p, 6);
    let sum = 0;
    for (let i = 0; i < 4; i++) sum += H6_ALPHA[i]! * Math.exp(-x.reduce((s, xj, j) => s + H6_A[i]![j]! * (xj - H6_P[i]![j]!) ** 2, 0));
    return -sum;
  },
};

const styblinskiTang5: Objective = {
  name: 'styblinski-tang-5',
  parameters: box(5, -5, 5),
  optimum: -39.16616570377142 * 5,
  budgets: STANDARD_BUDGETS,
  f: (p) => 0.5 * xs(p, 5).reduce((s, x) => s + x ** 4 - 16 * x ** 2 + 5 * x, 0),
};

function rosenbrock(x: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
  return s;
}

const rosenbrock5: Objective = { name: 'rosenbrock-5', parameters: box(5, -5, 5), optimum: 0, budgets: STANDARD_BUDGETS, f: (p) => rosenbrock(xs(p, 5)) };
const rosenbrock10: Objective = { name: 'rosenbrock-10', parameters: box(10, -5, 5), optimum: 0, budgets: [100], f: (p) => rosenbrock(xs(p, 10)) };
const sphere10: Objective = {
  name: 'sphere-10',
  parameters: box(10, -5, 5),
  optimum: 0,
  budgets: [100],
  f: (p) => xs(p, 10).reduce((s, x) => s + x ** 2, 0),
};

/** A synthetic space of @modelspace/core/testing (shared with the unit tests), minimum 0 in category `best`. */
function synthetic(name: string, space: SyntheticSpace, best: string): Objective {
  return { name, ...space, optimum: 0, budgets: STANDARD_BUDGETS, rightCategory: (p) => p['model.kind'] === best };
}

/** The categorical trap. */
const mixed = synthetic('mixed', TRAP_SPACE, 'd');

/** The other side of the mixed space's trap: a categorical that simply matters. What makes TPE try a category again on the mixed space costs trials here. */
const categories = synthetic('categories', CATEGORIES_SPACE, 'a');

export const OBJECTIVES: Objective[] = [branin, hartmann6, styblinskiTang5, rosenbrock5, mixed, categories, rosenbrock10, sphere10];
