import { type Command, Option } from 'commander';

/**
 * `modelspace admin …`: projects and API keys, straight in the database (DATABASE_URL), not
 * through the API: whoever runs it already holds the database, and the first key cannot be
 * asked for with a key. A new key is printed once, on stdout, and never logged.
 */
export function registerAdminCommand(program: Command, print: (line: string) => void): void {
  const admin = program.command('admin').description('manage projects and API keys (talks to the database named by DATABASE_URL)');
  const asJson = () => Boolean(program.opts().json);

  const projects = admin.command('projects').description('projects: each sweep and each key belongs to one');
  projects
    .command('create')
    .description('create a project')
    .argument('<name>', 'letters, digits, _ . - (1-64)')
    .action((name: string) =>
      withDb(async (db, m) => {
        const p = await m.createProject(db, name);
        print(asJson() ? JSON.stringify(p) : `project ${p.name} created (${p.id})`);
      }),
    );
  projects
    .command('list')
    .description('list projects with their sweep and key counts')
    .action(() =>
      withDb(async (db, m) => {
        const list = await m.listProjects(db);
        if (asJson()) return print(JSON.stringify(list));
        for (const p of list) print(`${p.name.padEnd(24)} ${String(p.sweeps).padStart(5)} sweeps ${String(p.keys).padStart(4)} keys  ${p.id}`);
      }),
    );

  const keys = admin.command('keys').description('API keys: a bearer token with a project and a role (read or write)');
  keys
    .command('create')
    .description('create a key; it is shown once, here, and stored only as a hash')
    .requiredOption('--project <name>', 'the project the key belongs to')
    .addOption(new Option('--role <role>', 'read: GET only (and predictions); write: also create and change sweeps').choices(['read', 'write']).makeOptionMandatory())
    .option('--name <label>', 'a label to recognise the key by')
    .action((o: { project: string; role: 'read' | 'write'; name?: string }) =>
      withDb(async (db, m) => {
        const { key, apiKey } = await m.createApiKey(db, { project: o.project, role: o.role, name: o.name });
        if (asJson()) return print(JSON.stringify({ ...apiKey, key }));
        print(key);
        process.stderr.write(
          `API key ${apiKey.prefix} (${apiKey.role}, project ${apiKey.project}) created. It is shown this once: store it now.\n` +
            `Use it as "Authorization: Bearer <key>", MODELSPACE_API_KEY=<key> for the CLI, or in the dashboard's login form.\n`,
        );
      }),
    );
  keys
    .command('list')
    .description('list keys (prefix, project, role, created, last used, revoked); never the keys themselves')
    .option('--project <name>', 'only this project')
    .action((o: { project?: string }) =>
      withDb(async (db, m) => {
        const list = await m.listApiKeys(db, o);
        if (asJson()) return print(JSON.stringify(list));
        if (!list.length) return print('no keys');
        for (const k of list) {
          const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
          const used = k.lastUsedAt ? `used ${k.lastUsedAt.toISOString()}` : 'never used';
          print(`${k.prefix}  ${k.project.padEnd(16)} ${k.role.padEnd(5)}  ${state.padEnd(32)} ${used.padEnd(30)} ${k.name ?? ''}`.trimEnd());
        }
      }),
    );
  keys
    .command('revoke')
    .description('revoke a key at once (every later request with it is 401)')
    .argument('<prefix-or-id>', 'the key prefix shown by `admin keys list`, or its id')
    .action((which: string) =>
      withDb(async (db, m) => {
        const k = await m.revokeApiKey(db, which);
        print(asJson() ? JSON.stringify(k) : `API key ${k.prefix} (project ${k.project}) revoked at ${k.revokedAt?.toISOString()}`);
      }),
    );
}

type DbModule = typeof import('@modelspace/db');

/** Loads the database layer only for admin commands (the others talk HTTP), migrating first. */
async function withDb(fn: (db: import('@modelspace/db').Db, m: DbModule) => Promise<void>): Promise<void> {
  const [{ CommonEnv, parseEnv }, m] = await Promise.all([import('@modelspace/config'), import('@modelspace/db')]);
  const config = parseEnv(CommonEnv, process.env);
  await m.migrate(config.DATABASE_URL);
  const db = m.createDb(config.DATABASE_URL, { poolSize: 1 });
  try {
    await fn(db, m);
  } finally {
    await db.$disconnect();
  }
}
