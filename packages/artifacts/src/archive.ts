import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { extract, pack } from 'tar-stream';
import { FILES, type StoredArtifact } from './store.ts';

/** The plain-JS registration of modelspace's custom layers, shipped in every archive. */
export const LAYERS_FILE = 'modelspace-layers.js';

let layersSource: Promise<Buffer> | null = null;
function layersModule(): Promise<Buffer> {
  layersSource ??= readFile(fileURLToPath(import.meta.resolve('@modelspace/trainer/layers')));
  return layersSource;
}

/**
 * One tar archive of a stored model: model.json + weights.bin (load with
 * tf.loadLayersModel('file://…/model.json') after registerModelspaceLayers(tf)),
 * metadata.json, and modelspace-layers.js for the custom layers.
 */
export async function packArchive(a: StoredArtifact): Promise<Buffer> {
  const entries: [string, Buffer][] = [
    [FILES.modelJson, Buffer.from(JSON.stringify(a.modelJson))],
    [FILES.weights, Buffer.from(a.weights.buffer, a.weights.byteOffset, a.weights.byteLength)],
    [FILES.metadata, Buffer.from(`${JSON.stringify(a.metadata, null, 2)}\n`)],
    [LAYERS_FILE, await layersModule()],
  ];
  return packFiles(entries, new Date(a.metadata.createdAt));
}

/** A tar archive of named files (regular files, mode 644), in the order given. */
export async function packFiles(entries: [string, Buffer][], mtime: Date): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  for (const [name, data] of entries) tar.entry({ name, size: data.length, mode: 0o644, mtime }, data);
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** The files of a tar archive by name (regular files only). */
export async function unpackArchive(archive: Uint8Array): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const tar = extract();
  const done = new Promise<void>((resolve, reject) => {
    tar.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
      stream.on('end', () => {
        if (header.type === 'file') files.set(header.name, Buffer.concat(chunks));
        next();
      });
      stream.on('error', reject);
    });
    tar.on('finish', resolve);
    tar.on('error', reject);
  });
  tar.end(Buffer.from(archive));
  await done;
  return files;
}
