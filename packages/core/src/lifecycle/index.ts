export * from './trial.ts';
export * from './sweep.ts';
export * from './trial-run.ts';
