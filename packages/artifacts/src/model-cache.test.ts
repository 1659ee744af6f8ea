import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { createModelCache } from './model-cache.ts';

const model = (name: string, disposed: string[]) => ({ name, dispose: () => void disposed.push(name) });

test('concurrent first requests load a model once', async () => {
  const cache = createModelCache<ReturnType<typeof model>>(2);
  let loads = 0;
  const load = async () => {
    loads++;
    await sleep(5);
    return model('a', []);
  };
  const [x, y] = await Promise.all([cache.get('a', load), cache.get('a', load)]);
  assert.equal(loads, 1);
  assert.equal(x, y);
});

test('holds at most `max` models, evicting and disposing the least recently used', async () => {
  const disposed: string[] = [];
  const cache = createModelCache<ReturnType<typeof model>>(2);
  await cache.get('a', async () => model('a', disposed));
  await cache.get('b', async () => model('b', disposed));
  await cache.get('a', async () => assert.fail('a is cached'));
  await cache.get('c', async () => model('c', disposed)); // b is the least recently used
  await sleep(5);
  assert.deepEqual(disposed, ['b']);
  assert.equal(cache.size, 2);
});

test('a failed load is not cached: the next request loads again', async () => {
  const cache = createModelCache<ReturnType<typeof model>>(2);
  await assert.rejects(
    cache.get('a', async () => Promise.reject(new Error('unreadable'))),
    /unreadable/,
  );
  const m = await cache.get('a', async () => model('a', []));
  assert.equal(m.name, 'a');
});
