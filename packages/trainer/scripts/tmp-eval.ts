import { ModelSpec } from '@modelspace/core';
import { buildModel, initBackend, loadMnist } from '../src/index.ts';
import { evaluate } from '../src/evaluate.ts';
import { splits } from '../src/batches.ts';
const prefer = (process.argv[2] ?? 'native') as 'native' | 'wasm';
const bn = process.argv[3] !== 'nobn';
const layers = [
  { type: 'conv2d', filters: 16, kernel: 3, padding: 'same' }, ...(bn ? [{ type: 'batchNorm' }] : []), { type: 'activation', activation: 'relu' }, { type: 'maxPool' },
  { type: 'conv2d', filters: 32, kernel: 3, padding: 'same' }, ...(bn ? [{ type: 'batchNorm' }] : []), { type: 'activation', activation: 'relu' }, { type: 'maxPool' },
  { type: 'flatten' }, { type: 'dense', units: 64, activation: 'relu' },
];
await initBackend({ prefer });
const data = splits(loadMnist(), { trainSubset: 1, valSubset: 2000, testSubset: 1 });
const model = buildModel(ModelSpec.parse({ kind: 'layers', layers }), 1);
evaluate(model, data.val);
const t = performance.now();
evaluate(model, data.val);
console.log(`${prefer} ${bn ? 'with' : 'without'} batch norm: evaluating 2000 images ${(performance.now() - t).toFixed(0)} ms`);
