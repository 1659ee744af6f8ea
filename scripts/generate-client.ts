/**
 * Regenerates @modelspace/client's types (packages/client/src/schema.ts) from the API's own
 * OpenAPI document, with openapi-typescript. `--check` only compares and exits 1 if the
 * checked-in file is stale (the test suite does the same through clientSchemaSource()).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '@modelspace/api';

export const CLIENT_SCHEMA_FILE = fileURLToPath(new URL('../packages/client/src/schema.ts', import.meta.url));

/** The document as `npm run api` serves it (keys required), built without any service. */
export async function apiDocument(): Promise<object> {
  // Registering routes touches no service: placeholders stand in for them.
  const app = await buildApp({ db: {} as never, trialQueue: {} as never, redis: {} as never, names: { prefix: 'openapi' } }, { auth: 'required' });
  try {
    await app.ready();
    return app.swagger() as object;
  } finally {
    await app.close();
  }
}

/** The TypeScript source the client's types must be. */
export async function clientSchemaSource(): Promise<string> {
  const ast = await openapiTS(JSON.stringify(await apiDocument()), { alphabetize: true });
  return `// Generated from the API's OpenAPI document by scripts/generate-client.ts (npm run generate:client); do not edit.\n\n${astToString(ast)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = await clientSchemaSource();
  if (process.argv.includes('--check')) {
    const current = await readFile(CLIENT_SCHEMA_FILE, 'utf8').catch(() => '');
    if (current !== source) {
      console.error(`${CLIENT_SCHEMA_FILE} is stale: run npm run generate:client`);
      process.exit(1);
    }
    console.log('client types are up to date');
  } else {
    await writeFile(CLIENT_SCHEMA_FILE, source);
    console.log(`wrote ${CLIENT_SCHEMA_FILE}`);
  }
}
