import { gunzipSync } from 'node:zlib';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  assembleDataset,
  DATASET_FILE_FIELDS,
  DatasetUploadError,
  DEFAULT_DATASET_LIMITS,
  DomainError,
  encodeDataset,
  parseArrayFile,
  type ArrayFile,
  type DatasetFileField,
  type DatasetLimits,
} from '@modelspace/core';
import { loadArtifactConfig, removeDatasetBlob, storeDatasetBlob } from '@modelspace/artifacts';
import { createDataset, datasetNameIssue, datasetNameTaken, deleteDataset, findDataset, listDatasets, type DatasetWithUse } from '@modelspace/db';
import type { ApiDeps } from '../deps.ts';
import { DatasetIdParams, DatasetUploadFields } from '../schemas/datasets.ts';

/** Text fields are short; a longer one is not a dataset's option. */
const FIELD_LIMIT = 20_000;

/**
 * Uploaded datasets (docs/datasets.md): POST a multipart form of IDX / .npy arrays and a few
 * text fields, list, show and delete them; all scoped to the key's project. Each file is
 * read as it streams in and refused once past the size limit (never held beyond it), parsed
 * and checked; only a dataset that passes every check is stored, so a bad upload stores
 * nothing.
 */
export function datasetRoutes(deps: ApiDeps & { datasetLimits?: DatasetLimits }): FastifyPluginAsync {
  const limits = deps.datasetLimits ?? DEFAULT_DATASET_LIMITS;
  return async (fastify) => {
    // Only these routes read multipart bodies.
    await fastify.register(multipart, {
      limits: { fileSize: limits.maxFileBytes, files: DATASET_FILE_FIELDS.length, fields: 10, fieldSize: FIELD_LIMIT, parts: 20 },
      throwFileSizeLimit: true,
    });
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const store = { db: deps.db, config: deps.artifacts ?? loadArtifactConfig({}) };

    app.post('/datasets', async (request, reply) => {
      if (!request.isMultipart())
        throw new DomainError('INVALID_REQUEST', 'POST /datasets takes multipart/form-data: the array files and the name, classes, ... fields (docs/datasets.md)', [
          { field: '(body)', reason: 'not multipart/form-data' },
        ]);
      const projectId = request.auth!.projectId;
      const { options, contents } = await checkedUpload(request, limits, (name) => datasetNameTaken(deps.db, projectId, name));
      const blob = encodeDataset(contents);
      const stored = await storeDatasetBlob(store, blob);
      let row: Awaited<ReturnType<typeof createDataset>>;
      try {
        row = await createDataset(deps.db, {
          projectId,
          name: options.name,
          sha256: stored.sha256,
          storage: stored.storage,
          sizeBytes: blob.byteLength,
          dtype: contents.dtype,
          ...contents.shape,
          classNames: contents.classNames,
          trainCount: contents.counts.train,
          valCount: contents.counts.val,
          testCount: contents.counts.test,
        });
      } catch (err) {
        // A name taken meanwhile: the blob stays only if another dataset names it.
        if ((await listDatasets(deps.db, projectId)).every((d) => d.sha256 !== stored.sha256)) await removeDatasetBlob(store.config, stored.sha256, stored.storage);
        throw err;
      }
      return reply
        .status(201)
        .header('location', `/datasets/${row.id}`)
        .send(datasetView({ ...row, sweeps: 0 }));
    });

    app.get('/datasets', async (request) => ({ items: (await listDatasets(deps.db, request.auth!.projectId)).map(datasetView) }));

    app.get('/datasets/:id', { schema: { params: DatasetIdParams } }, async (request) => datasetView(await findDataset(deps.db, request.auth!.projectId, request.params.id)));

    app.delete('/datasets/:id', { schema: { params: DatasetIdParams } }, async (request) => {
      const d = await findDataset(deps.db, request.auth!.projectId, request.params.id);
      const gone = await deleteDataset(deps.db, request.auth!.projectId, d.id);
      if (gone.orphaned) await removeDatasetBlob(store.config, gone.sha256, gone.storage);
      return { id: d.id, name: d.name, deleted: true as const };
    });
  };
}

/**
 * The upload read, parsed and checked, laid out as the blob to store. The parsed files go out
 * of scope here, so only the blob outlives this (an upload is in memory about twice, not three times).
 */
async function checkedUpload(request: FastifyRequest, limits: DatasetLimits, taken: (name: string) => Promise<boolean>) {
  const { files, fields } = await readUpload(request, limits);
  const options = uploadOptions(fields);
  if (await taken(options.name)) throw new DomainError('CONFLICT', `a dataset named "${options.name}" already exists in this project`);
  return { options, contents: assembleDataset(files, options, limits) };
}

/** Every part of the form: files parsed as they arrive (each at most the limit), text fields kept. */
async function readUpload(request: FastifyRequest, limits: DatasetLimits): Promise<{ files: Partial<Record<DatasetFileField, ArrayFile>>; fields: Record<string, string> }> {
  const files: Partial<Record<DatasetFileField, ArrayFile>> = {};
  const fields: Record<string, string> = {};
  let part: string | null = null;
  try {
    for await (const p of request.parts()) {
      part = p.fieldname;
      if (p.type === 'field') {
        if (p.valueTruncated) throw new DatasetUploadError(p.fieldname, `longer than ${FIELD_LIMIT} characters`);
        fields[p.fieldname] = String(p.value);
        continue;
      }
      const field = p.fieldname as DatasetFileField;
      if (!DATASET_FILE_FIELDS.includes(field)) throw new DatasetUploadError(p.fieldname, `not a dataset file: expected one of ${DATASET_FILE_FIELDS.join(', ')}`);
      if (files[field]) throw new DatasetUploadError(field, 'given twice');
      files[field] = parseArrayFile(ungzip(await p.toBuffer(), field, limits), field);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new DatasetUploadError(part ?? '(body)', `file over the limit of ${limits.maxFileBytes} bytes (docs/datasets.md)`);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new DatasetUploadError('(body)', `too many parts: at most ${DATASET_FILE_FIELDS.length} files and the text fields`);
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PROTO_VIOLATION') throw new DatasetUploadError('(body)', (err as Error).message);
    if (err instanceof Error && /Unexpected end of form|terminated early|Malformed/i.test(err.message))
      throw new DatasetUploadError(part ?? '(body)', `malformed multipart body: ${err.message}`);
    throw err;
  }
  return { files, fields };
}

/** A gzipped file (as MNIST ships), decompressed to at most the limit: a gzip bomb is refused, not inflated. */
function ungzip(buf: Buffer, field: string, limits: DatasetLimits): Uint8Array {
  if (buf.length < 2 || buf[0] !== 0x1f || buf[1] !== 0x8b) return buf;
  try {
    return gunzipSync(buf, { maxOutputLength: limits.maxFileBytes });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new DatasetUploadError(field, `decompresses to more than the limit of ${limits.maxFileBytes} bytes`);
    throw new DatasetUploadError(field, `not a readable gzip file (${code ?? (err as Error).message})`);
  }
}

/** The text fields, checked: 400 naming the field. */
function uploadOptions(fields: Record<string, string>) {
  const parsed = DatasetUploadFields.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys[0]! : '(body)');
    throw new DatasetUploadError(field, issue.code === 'unrecognized_keys' ? 'not a field of a dataset upload' : issue.message);
  }
  const o = parsed.data;
  const nameIssue = datasetNameIssue(o.name);
  if (nameIssue) throw new DatasetUploadError('name', nameIssue);
  return { ...o, classNames: o.classNames === undefined ? undefined : classNames(o.classNames) };
}

function classNames(text: string): string[] {
  const t = text.trim();
  let names: unknown;
  if (t.startsWith('[')) {
    try {
      names = JSON.parse(t);
    } catch {
      throw new DatasetUploadError('classNames', 'not a JSON array of strings');
    }
  } else names = t.split(',').map((s) => s.trim());
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || n.length === 0 || n.length > 100))
    throw new DatasetUploadError('classNames', 'names are non-empty strings of at most 100 characters');
  if (new Set(names).size !== names.length) throw new DatasetUploadError('classNames', 'a name is given twice');
  return names as string[];
}

function datasetView(d: DatasetWithUse) {
  return {
    id: d.id,
    name: d.name,
    sha256: d.sha256,
    storage: d.storage,
    sizeBytes: Number(d.sizeBytes),
    dtype: d.dtype,
    shape: { height: d.height, width: d.width, channels: d.channels, classes: d.classes },
    classNames: (d.classNames as string[] | null) ?? null,
    counts: { train: d.trainCount, val: d.valCount, test: d.testCount },
    sweeps: d.sweeps,
    createdAt: d.createdAt.toISOString(),
  };
}
