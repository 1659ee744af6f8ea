export * from './errors.ts';
export * from './model.ts';
export * from './augmentation.ts';
export * from './conv-architecture.ts';
export * from './training.ts';
export * from './sweep-spec.ts';
export * from './early-stopping.ts';
export * from './results-table.ts';
