import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PoolName, ProgramName } from '@modelspace/core';
import { ConfigError } from '@modelspace/config';

/**
 * The programs an operator lets this worker run (WORKER_PROGRAMS, docs/programs.md). A
 * sweep only names one; the command line, folder and environment come from here alone.
 */
const ProgramEntry = z.strictObject({
  argv: z.array(z.string().min(1).max(4096)).min(1, 'argv needs at least the program to run').max(256),
  cwd: z.string().min(1).optional().describe("Relative to the file's folder; default: the file's folder."),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), z.string().max(32_768)).default({}),
  pool: PoolName.default('cpu'),
  timeoutSeconds: z
    .int()
    .min(1)
    .max(30 * 24 * 3600)
    .default(24 * 3600),
  stopGraceSeconds: z.number().min(0).max(600).default(10),
});

const ProgramsFile = z.strictObject({
  programs: z.record(z.string(), ProgramEntry).superRefine((programs, ctx) => {
    for (const name of Object.keys(programs)) {
      const checked = ProgramName.safeParse(name);
      if (!checked.success) ctx.addIssue({ code: 'custom', path: [name], message: checked.error.issues[0]!.message });
    }
  }),
});

export interface RegisteredProgram {
  name: string;
  /** argv[0] resolved to an executable file: no PATH lookup happens per trial. */
  executable: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  pool: PoolName;
  timeoutMs: number;
  stopGraceMs: number;
}

export type ProgramRegistry = ReadonlyMap<string, RegisteredProgram>;

/** Reads and checks the programs file; a bad one stops the worker's start with every problem named. */
export function loadProgramRegistry(file: string, env: NodeJS.ProcessEnv = process.env): ProgramRegistry {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`WORKER_PROGRAMS: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ConfigError([`WORKER_PROGRAMS: ${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  const parsed = ProgramsFile.safeParse(doc);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `WORKER_PROGRAMS ${[file, ...i.path].join('.')}: ${i.message}`));
  const base = dirname(resolve(file));
  const problems: string[] = [];
  const out = new Map<string, RegisteredProgram>();
  for (const [name, p] of Object.entries(parsed.data.programs)) {
    const cwd = resolve(base, p.cwd ?? '.');
    if (!isDirectory(cwd)) problems.push(`WORKER_PROGRAMS programs.${name}.cwd: ${cwd} is not a folder`);
    const executable = findExecutable(p.argv[0]!, cwd, env.PATH ?? '');
    if (!executable) problems.push(`WORKER_PROGRAMS programs.${name}.argv.0: no executable "${p.argv[0]}" (looked in ${p.argv[0]!.includes('/') ? cwd : 'PATH'})`);
    out.set(name, {
      name,
      executable: executable ?? p.argv[0]!,
      args: p.argv.slice(1),
      cwd,
      env: p.env,
      pool: p.pool,
      timeoutMs: p.timeoutSeconds * 1000,
      stopGraceMs: p.stopGraceSeconds * 1000,
    });
  }
  if (problems.length) throw new ConfigError(problems);
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A path with a slash is taken relative to the program's folder; a bare name is looked up on PATH, as a shell would. */
function findExecutable(command: string, cwd: string, path: string): string | null {
  const candidates = command.includes('/')
    ? [isAbsolute(command) ? command : resolve(cwd, command)]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, command));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      if (statSync(c).isFile()) return c;
    } catch {
      // not here
    }
  }
  return null;
}
