import assert from 'node:assert/strict';
import { test } from 'node:test';
import { predictInputOf } from './predict-input.ts';

// What a stored model takes in a prediction: its input layer's shape, and the dtype its
// metadata records, or (older artifacts) that of the dataset its training names.
const none = async () => {
  throw new Error('no lookup expected');
};

test('a new artifact: the shape of its input layer and the dtype recorded in its metadata', async () => {
  const input = await predictInputOf('t', [12, 12, 1], { input: { shape: [12, 12, 1], dtype: 'float32', preprocessing: '' } }, none);
  assert.deepEqual(input, { height: 12, width: 12, channels: 1, dtype: 'float32', padded: false });
});

test('older artifacts: built-in datasets are uint8; an uploaded one is looked up by name; an augmented model takes 28x28 centred in 32x32', async () => {
  const old = (dataset?: string) => ({ training: { dataset } as never, input: { shape: [28, 28, 1] as [number, number, number], preprocessing: '' } });
  assert.deepEqual(await predictInputOf('t', [28, 28, 1], old(), none), { height: 28, width: 28, channels: 1, dtype: 'uint8', padded: false });
  assert.equal((await predictInputOf('t', [28, 28, 1], old('fashion-mnist'), none)).dtype, 'uint8');
  const asked: string[] = [];
  const lookup = async (name: string) => {
    asked.push(name);
    return 'float32';
  };
  // The model's own shape wins over what an older metadata.json said (28x28x1 for every model).
  assert.deepEqual(await predictInputOf('t', [16, 16, 3], old('bands'), lookup), { height: 16, width: 16, channels: 3, dtype: 'float32', padded: false });
  assert.deepEqual(asked, ['bands']);
  await assert.rejects(
    predictInputOf('t', [16, 16, 3], old('gone'), async () => null),
    (err: any) => err.code === 'CONFLICT' && /dataset "gone", which is no longer recorded/.test(err.message),
  );
  const augmented = { variant: { kind: 'convnet', augmentation: { expansion: 2 } } as never, input: { shape: [32, 32, 1] as [number, number, number], preprocessing: '' } };
  assert.deepEqual(await predictInputOf('t', [32, 32, 1], augmented, none), { height: 28, width: 28, channels: 1, dtype: 'uint8', padded: true });
  // A 32x32 grey upload without augmentation is not mistaken for an augmented MNIST model.
  assert.deepEqual(await predictInputOf('t', [32, 32, 1], { ...old('grey32'), input: { ...old().input, dtype: 'uint8' } }, none), {
    height: 32,
    width: 32,
    channels: 1,
    dtype: 'uint8',
    padded: false,
  });
});
