export * from './trial.ts';
export * from './sweep.ts';
