import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '@modelspace/config';
import { loadArtifactConfig } from './config.ts';

test('defaults: a directory store under ./data/artifacts, the best 3 per sweep, wasm predictions', () => {
  assert.deepEqual(loadArtifactConfig({}, '/srv/modelspace'), {
    store: 'directory',
    dir: '/srv/modelspace/data/artifacts',
    postgresMaxBytes: 16 * 1024 * 1024,
    keep: 3,
    modelCacheSize: 4,
    predictBackend: 'wasm',
  });
});

test('a bad value stops with a message naming the variable', () => {
  assert.throws(
    () => loadArtifactConfig({ ARTIFACT_KEEP: '-1' }),
    (err: unknown) => err instanceof ConfigError && /ARTIFACT_KEEP/.test(err.message),
  );
  assert.throws(
    () => loadArtifactConfig({ ARTIFACT_STORE: 's3' }),
    (err: unknown) => err instanceof ConfigError && /ARTIFACT_STORE/.test(err.message),
  );
});
