import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { build, transform } from 'esbuild';
import { z } from 'zod';
import { NotFoundError } from '@modelspace/core';

const require = createRequire(import.meta.url);
const DASHBOARD_DIR = fileURLToPath(new URL('../dashboard/', import.meta.url));

/**
 * The files the dashboard is made of, by the name the browser asks for. A fixed list (no
 * path from the URL ever reaches the file system); the charting library comes straight
 * from its npm package.
 */
const FILES: Record<string, { path: string; type: string }> = {
  'index.html': { path: `${DASHBOARD_DIR}index.html`, type: 'text/html; charset=utf-8' },
  'app.js': { path: `${DASHBOARD_DIR}app.js`, type: 'text/javascript; charset=utf-8' },
  'charts.js': { path: `${DASHBOARD_DIR}charts.js`, type: 'text/javascript; charset=utf-8' },
  'trial.js': { path: `${DASHBOARD_DIR}trial.js`, type: 'text/javascript; charset=utf-8' },
  'analysis-charts.js': { path: `${DASHBOARD_DIR}analysis-charts.js`, type: 'text/javascript; charset=utf-8' },
  'results-table.js': { path: `${DASHBOARD_DIR}results-table.js`, type: 'text/javascript; charset=utf-8' },
  'compare.js': { path: `${DASHBOARD_DIR}compare.js`, type: 'text/javascript; charset=utf-8' },
  'workers.js': { path: `${DASHBOARD_DIR}workers.js`, type: 'text/javascript; charset=utf-8' },
  'datasets.js': { path: `${DASHBOARD_DIR}datasets.js`, type: 'text/javascript; charset=utf-8' },
  'style.css': { path: `${DASHBOARD_DIR}style.css`, type: 'text/css; charset=utf-8' },
  'echarts.min.js': { path: require.resolve('echarts/dist/echarts.min.js'), type: 'text/javascript; charset=utf-8' },
};

/**
 * Modules of packages/core that the dashboard runs as they are, so that the browser and the
 * CLI (or the API) compute the same thing (the ETA, the parameter table) from one source: stripped of their types once, at the
 * first request. Each must import nothing.
 */
const CORE_MODULES: Record<string, string> = {
  'progress.js': fileURLToPath(import.meta.resolve('@modelspace/core/progress')),
  'parameter-table.js': fileURLToPath(import.meta.resolve('@modelspace/core/parameter-table')),
};
const coreModuleJs = new Map<string, Promise<string>>();

async function coreModule(name: string): Promise<string> {
  let js = coreModuleJs.get(name);
  if (!js) {
    js = readFile(CORE_MODULES[name]!, 'utf8').then(async (ts) => (await transform(ts, { loader: 'ts', format: 'esm' })).code);
    coreModuleJs.set(name, js);
  }
  return js;
}

/**
 * @modelspace/client (the typed client generated from the OpenAPI document, on openapi-fetch)
 * as one browser module: the dashboard makes its data calls through it, as the CLI does, so
 * every page load exercises the contract. Bundled once, at the first request.
 */
let clientJs: Promise<string> | null = null;
function clientModule(): Promise<string> {
  clientJs ??= build({
    entryPoints: [fileURLToPath(import.meta.resolve('@modelspace/client'))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return clientJs;
}

const AssetParams = z.strictObject({ file: z.string().max(64) });

/** The dashboard, served by the API itself at /dashboard/ (no separate server). */
export function dashboardRoutes(): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const send = async (name: string) => {
      if (CORE_MODULES[name]) return { body: await coreModule(name), type: 'text/javascript; charset=utf-8' };
      if (name === 'client.js') return { body: await clientModule(), type: 'text/javascript; charset=utf-8' };
      const file = FILES[name];
      if (!file) throw new NotFoundError('dashboard file', name);
      return { body: await readFile(file.path), type: file.type };
    };
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/dashboard/'));
    app.get('/dashboard', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/dashboard/'));
    app.get('/dashboard/', { schema: { hide: true } }, async (_request, reply) => {
      const f = await send('index.html');
      return reply.type(f.type).header('cache-control', 'no-cache').send(f.body);
    });
    app.get('/dashboard/:file', { schema: { hide: true, params: AssetParams } }, async (request, reply) => {
      const f = await send(request.params.file);
      return reply.type(f.type).header('cache-control', 'no-cache').send(f.body);
    });
  };
}
