// Generates the Prisma client (run by `npm install` through the root postinstall).
// `prisma generate` insists on locating the schema engine, which it downloads; that
// download is impossible on air-gapped machines and generate never runs the engine, so
// point it at an existing file when no engine is configured.
import { spawnSync } from 'node:child_process';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const res = spawnSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env });
process.exit(res.status ?? 1);
