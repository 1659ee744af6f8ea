import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { packFiles, unpackArchive } from '@modelspace/artifacts';

/**
 * A program's checkpoint folder as bytes, and back: what the checkpoint store keeps after
 * each report, so another worker (on another machine) resumes the program from it. Regular
 * files only; links and other kinds are left out.
 */
export async function packDirectory(dir: string): Promise<Buffer> {
  const entries: [string, Buffer][] = [];
  const walk = async (at: string): Promise<void> => {
    for (const e of await readdir(at, { withFileTypes: true })) {
      const path = join(at, e.name);
      if (e.isDirectory()) await walk(path);
      // A file the program removes while it is read is simply not part of this checkpoint.
      else if (e.isFile())
        await readFile(path).then(
          (data) => void entries.push([relative(dir, path).split(sep).join('/'), data]),
          () => {},
        );
    }
  };
  await walk(dir);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return packFiles(entries, new Date(0));
}

/** Writes an archive's files under `dir`; a name that would leave it is refused. */
export async function unpackDirectory(archive: Uint8Array, dir: string): Promise<void> {
  for (const [name, data] of await unpackArchive(archive)) {
    const path = normalize(join(dir, name));
    if (name.startsWith('/') || relative(dir, path).startsWith('..')) throw new Error(`checkpoint entry ${JSON.stringify(name)} leaves its folder`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  }
}

/**
 * A program trial's checkpoint: the worker's own state (its early stopping, the best epoch
 * so far) as JSON, then the program's folder. `MSPC1` marks the format.
 */
const MAGIC = Buffer.from('MSPC1\n');

export function encodeProgramCheckpoint(state: object, folder: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(state));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json, folder]);
}

export function decodeProgramCheckpoint<S>(bytes: Uint8Array): { state: S; folder: Buffer } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < MAGIC.length + 4 || !b.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a program checkpoint');
  const n = b.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  return { state: JSON.parse(b.subarray(start, start + n).toString('utf8')) as S, folder: b.subarray(start + n) };
}
