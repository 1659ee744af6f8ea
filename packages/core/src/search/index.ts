export * from './method.ts';
export * from './list.ts';
export * from './grid.ts';
export * from './random.ts';
export * from './tpe.ts';
export * from './walk.ts';
export * from './schedule.ts';
