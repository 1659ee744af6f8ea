// dependency-cruiser rules (npm run lint): the package boundaries of docs/architecture.md.
// Rules about workspace packages are made from their package.json files, so declaring a
// dependency there is what allows an import.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/** Every workspace package: its folder, name and the @modelspace packages it declares. */
const workspaces = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(__dirname, group)).map((dir) => {
    const json = JSON.parse(readFileSync(join(__dirname, group, dir, 'package.json'), 'utf8'));
    const declared = Object.keys({ ...json.dependencies, ...json.devDependencies })
      .filter((n) => n.startsWith('@modelspace/'))
      .map((n) => n.slice('@modelspace/'.length));
    const exports = typeof json.exports === 'string' ? { '.': json.exports } : (json.exports ?? {});
    const entries = Object.values(exports).map((file) => join(group, dir, file));
    return { path: `${group}/${dir}`, name: json.name.slice('@modelspace/'.length), declared, entries };
  }),
);
const folderOf = new Map(workspaces.map((w) => [w.name, w.path]));

/** A cycle among the declared dependencies, as names, or null (npm would accept one). */
function packageCycle() {
  const state = new Map();
  const visit = (name, trail) => {
    if (state.get(name) === 'done') return null;
    if (state.get(name) === 'open') return [...trail.slice(trail.indexOf(name)), name];
    state.set(name, 'open');
    for (const d of workspaces.find((w) => w.name === name)?.declared ?? []) {
      const cycle = visit(d, [...trail, name]);
      if (cycle) return cycle;
    }
    state.set(name, 'done');
    return null;
  };
  for (const w of workspaces) {
    const cycle = visit(w.name, []);
    if (cycle) return cycle;
  }
  return null;
}
const cycle = packageCycle();
if (cycle) throw new Error(`workspace packages depend on each other in a cycle: ${cycle.join(' -> ')}`);

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The files other packages may import: each package's exports (its index and declared subpaths). */
const ENTRY_POINTS = workspaces.flatMap((w) => w.entries).map((f) => `^${escapeRegExp(f)}$`);
/** Node's IO modules (with or without the node: prefix). */
const NODE_IO = '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|cluster|worker_threads)$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module cycle: the modules cannot be read, tested or loaded one at a time. Counted over imports that exist at run time (a cycle through `import type` only, e.g. a zod schema and the helpers typed by it, is erased by the compiler).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'packages/core is the pure domain: no queue, database, web framework, ML runtime or IO (tests may read fixtures).',
      from: { path: '^packages/core/src/', pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: ['^node_modules/(bullmq|ioredis|pg|@prisma|prisma|fastify|@fastify|@tensorflow)/', NODE_IO],
      },
    },
    {
      name: 'trainer-knows-no-queue-or-database',
      severity: 'error',
      comment: 'packages/trainer trains one trial: it knows tfjs and datasets, not queues, databases or HTTP.',
      from: { path: '^packages/trainer/' },
      to: { path: '^node_modules/(bullmq|ioredis|pg|@prisma|prisma|fastify|@fastify)/' },
    },
    {
      name: 'no-reach-into-another-package',
      severity: 'error',
      comment: 'Import another workspace package by its name (its index or a declared subpath export), not by a path into its files.',
      from: { path: '^(packages|apps)/([^/]+)/' },
      to: { path: '^(packages|apps)/', pathNot: ['^$1/$2/', ...ENTRY_POINTS] },
    },
    {
      name: 'tests-and-benches-use-package-entry-points',
      severity: 'error',
      comment: 'test/ and bench/ import packages by name (index or a declared subpath such as @modelspace/trainer/testing), not their src files.',
      from: { path: '^(test|bench|scripts)/' },
      to: { path: '^(packages|apps)/', pathNot: ENTRY_POINTS },
    },
    ...workspaces.map((w) => {
      const allowed = [w.path, ...w.declared.map((d) => folderOf.get(d) ?? d)].map((p) => `${escapeRegExp(p)}/`);
      return {
        name: `${w.name}-declares-its-workspace-dependencies`,
        severity: 'error',
        comment: `${w.path} imports only the @modelspace packages its package.json lists (${w.declared.join(', ') || 'none'}).`,
        from: { path: `^${escapeRegExp(w.path)}/` },
        to: { path: '^(packages|apps)/', pathNot: `^(${allowed.join('|')})` },
      };
    }),
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: "An import that does not resolve to a file or a package (the dashboard's progress.js is core's progress.ts, bundled when served).",
      from: { pathNot: '^apps/api/src/dashboard/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^packages/db/src/generated/', '^packages/native/build/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
    cache: false,
  },
};
