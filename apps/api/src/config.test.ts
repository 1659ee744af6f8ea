import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '@modelspace/config';
import { loadApiConfig } from './config.ts';

test('the standalone API requires keys and limits each key by default', () => {
  const c = loadApiConfig({});
  assert.equal(c.API_AUTH, 'required');
  assert.equal(c.RATE_LIMIT_PER_MINUTE, 600);
  assert.equal(c.MAX_VARIANTS_PER_SWEEP, 1000);
});

test('API_AUTH=off only on a loopback address', () => {
  assert.equal(loadApiConfig({ API_AUTH: 'off' }).HOST, '127.0.0.1');
  assert.throws(
    () => loadApiConfig({ API_AUTH: 'off', HOST: '0.0.0.0' }),
    (err: Error) => err instanceof ConfigError && /HOST: 0\.0\.0\.0 is not a loopback address.*API_AUTH=required/.test(err.message),
  );
  assert.equal(loadApiConfig({ HOST: '0.0.0.0' }).API_AUTH, 'required');
});

test('bad limits stop the start, naming the variable', () => {
  for (const [name, value] of [
    ['API_AUTH', 'maybe'],
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['MAX_VARIANTS_PER_SWEEP', '20000'],
    ['MAX_GRID_SIZE', '0'],
    ['BODY_MAX_DEPTH', 'deep'],
  ]) {
    assert.throws(
      () => loadApiConfig({ [name!]: value }),
      (err: Error) => err instanceof ConfigError && err.message.includes(`${name}:`),
      name,
    );
  }
});
