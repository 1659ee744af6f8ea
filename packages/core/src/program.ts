import { z } from 'zod';

/**
 * A trial of the user's own training program (docs/programs.md): the name of a program an
 * operator registered on the workers (WORKER_PROGRAMS) and the hyperparameters it gets, each
 * as one `--name=value` argument. The request names a program; it never carries a command.
 */
export const PROGRAM_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const ProgramName = z
  .string()
  .regex(PROGRAM_NAME, 'a program name is 1-64 lowercase letters, digits, "-" and "_", starting with a letter or digit')
  .describe('A program registered on the workers (WORKER_PROGRAMS); GET /workers lists them.');

/** Identifiers only: a name is the text between "--" and "=" of its argument, so it cannot start an option of its own. */
export const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const MAX_PROGRAM_PARAMS = 100;

export const ProgramParamValue = z.union([
  z
    .string()
    .max(4096)
    .refine((s) => !s.includes('\0'), 'a value cannot hold a NUL character (it could not be passed as an argument)'),
  z.number().refine(Number.isFinite, 'a number must be finite'),
  z.boolean(),
]);
export type ProgramParamValue = z.infer<typeof ProgramParamValue>;

export const ProgramParams = z
  .record(z.string(), ProgramParamValue)
  .superRefine((params, ctx) => {
    const names = Object.keys(params);
    if (names.length > MAX_PROGRAM_PARAMS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_PROGRAM_PARAMS} params` });
    for (const name of names) {
      if (!PARAM_NAME.test(name))
        ctx.addIssue({ code: 'custom', path: [name], message: 'a param name is an identifier: letters, digits and _, not starting with a digit (at most 64)' });
    }
  })
  .default({})
  .describe('Hyperparameters: each reaches the program as one argument --name=value, and all of them in MODELSPACE_PARAMS_FILE.');
export type ProgramParams = z.output<typeof ProgramParams>;

export const ProgramModel = z
  .strictObject({
    kind: z.literal('program'),
    program: ProgramName,
    params: ProgramParams,
  })
  .describe("The user's own training program, run by a worker that offers it, reporting each epoch (docs/programs.md).");
export type ProgramModel = z.output<typeof ProgramModel>;

/** How a value is written in its argument: numbers as JavaScript prints them, booleans as true/false. */
export function paramText(v: ProgramParamValue): string {
  return typeof v === 'string' ? v : String(v);
}

/**
 * The arguments after the registered argv: one `--name=value` per param, never split or
 * interpreted, sorted by name (the stored variant keeps no key order, so this is the one
 * order every attempt of a trial gets).
 */
export function programArgs(params: ProgramParams): string[] {
  return Object.keys(params)
    .sort()
    .map((name) => `--${name}=${paramText(params[name]!)}`);
}

export function isProgramModel(model: unknown): model is ProgramModel {
  return typeof model === 'object' && model !== null && (model as { kind?: unknown }).kind === 'program';
}

/** The program a trial's model runs, or null for a built-in model. */
export function programOf(model: unknown): string | null {
  return isProgramModel(model) ? model.program : null;
}
