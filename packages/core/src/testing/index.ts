/** @modelspace/core/testing: helpers for tests and benches (sweep generators, search runs on synthetic objectives). */
export * from './sweep-arbitraries.ts';
export * from '../search/testing.ts';
export * from '../datasets/test-files.ts';
