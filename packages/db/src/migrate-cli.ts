// `npm run db:migrate`: create the database if missing and apply pending migrations.
import { CommonEnv, parseEnv } from '@modelspace/config';
import { redactUrl } from './database-url.ts';
import { migrate } from './migrate.ts';

try {
  const url = parseEnv(CommonEnv, process.env).DATABASE_URL;
  const r = await migrate(url);
  console.log(
    `database ${redactUrl(url)}: ${r.applied.length} migration(s) applied` +
      (r.applied.length ? ` (${r.applied.join(', ')})` : '') +
      `, ${r.alreadyApplied.length} already applied`,
  );
} catch (err) {
  console.error(`db:migrate failed: ${(err as Error).message}`);
  process.exit(1);
}
