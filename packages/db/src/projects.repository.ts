import { randomUUID } from 'node:crypto';
import { ConflictError, DomainError, NotFoundError } from '@modelspace/core';
import type { Db } from './client.ts';
import type { Project } from './generated/prisma/client.ts';

/** The project every sweep made before projects existed belongs to (fixed by its migration). */
export const DEFAULT_PROJECT_ID = '00000000-0000-4000-8000-000000000000';
export const DEFAULT_PROJECT_NAME = 'default';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export async function createProject(db: Db, name: string): Promise<Project> {
  if (!NAME.test(name)) {
    const reason = 'letters, digits, _ . - only (1-64, starting with a letter or digit)';
    throw new DomainError('INVALID_REQUEST', `project name "${name}" is not valid: ${reason}`, [{ field: 'name', reason }]);
  }
  const existing = await db.project.findUnique({ where: { name } });
  if (existing) throw new ConflictError(`project "${name}" already exists`);
  return db.project.create({ data: { id: randomUUID(), name } });
}

export async function listProjects(db: Db): Promise<(Project & { sweeps: number; keys: number })[]> {
  const projects = await db.project.findMany({
    orderBy: { name: 'asc' },
    include: { _count: { select: { sweeps: true, apiKeys: true } } },
  });
  return projects.map(({ _count, ...p }) => ({ ...p, sweeps: _count.sweeps, keys: _count.apiKeys }));
}

export async function projectByName(db: Db, name: string): Promise<Project> {
  const project = await db.project.findUnique({ where: { name } });
  if (!project) throw new NotFoundError('project', name);
  return project;
}

/** A project's name by its id, or null if there is none. */
export async function projectName(db: Db, id: string): Promise<string | null> {
  const project = await db.project.findUnique({ where: { id }, select: { name: true } });
  return project?.name ?? null;
}
