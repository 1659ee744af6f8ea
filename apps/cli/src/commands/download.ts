import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { sha256, unpackArchive, type ArtifactMetadata } from '@modelspace/artifacts';
import { ApiError } from '../api-client.ts';

interface DownloadOptions {
  best?: boolean;
  output?: string;
  archive?: string;
  metric?: string;
}

/**
 * `modelspace download ID [--best]`: a trial's trained model (or, with --best, the best model
 * of sweep ID), unpacked into a folder that tf.loadLayersModel reads as is, its weights
 * checked against the recorded sha256.
 */
export function registerDownloadCommand(program: Command, print: (line: string) => void): void {
  program
    .command('download')
    .description("download a trial's trained model (model.json, weights.bin, metadata.json, modelspace-layers.js); with --best, ID is a sweep and its best model is taken")
    .argument('<id>', 'trial id (or sweep id with --best)')
    .option('--best', "ID is a sweep: download its best trial's model")
    .option('--metric <metric>', 'with --best: valError, testError or valLoss (default: the sweep objective)')
    .option('-o, --output <dir>', 'unpack here (default: ./model-<trial id>)')
    .option('--archive <file>', 'write the tar archive as it came instead of unpacking it')
    .action(async (id: string, o: DownloadOptions) => {
      const { url, apiKey } = program.opts() as { url: string; apiKey?: string };
      if (o.metric && !o.best) throw new ApiError(0, 'USAGE', '--metric only applies with --best');
      const path = o.best ? `/sweeps/${encodeURIComponent(id)}/best/model${o.metric ? `?metric=${encodeURIComponent(o.metric)}` : ''}` : `/trials/${encodeURIComponent(id)}/model`;
      const { archive, trialId } = await fetchArchive(url, path, apiKey);
      if (o.archive) {
        await writeFile(o.archive, archive);
        return print(`wrote ${o.archive} (${archive.length} bytes): the model of trial ${trialId}`);
      }
      const files = await unpackArchive(archive);
      const metadata = JSON.parse(files.get('metadata.json')?.toString() ?? 'null') as ArtifactMetadata | null;
      const weights = files.get('weights.bin');
      if (!metadata || !weights || !files.has('model.json')) throw new ApiError(0, 'ARCHIVE', 'the archive lacks model.json, weights.bin or metadata.json');
      if (sha256(weights) !== metadata.weights.sha256) throw new ApiError(0, 'CHECKSUM', `weights.bin does not match its sha256 ${metadata.weights.sha256}`);
      const dir = resolve(o.output ?? `model-${trialId}`);
      await mkdir(dir, { recursive: true });
      for (const [name, data] of files) await writeFile(join(dir, name), data);
      const m = metadata.metrics;
      print(`model of trial ${trialId} "${metadata.trialName}" → ${dir}`);
      print(`  test error ${pct(m.testError)}, best val error ${pct(m.bestValError)} at epoch ${m.bestEpoch}; sha256 ${metadata.weights.sha256}`);
      print(`  load it: registerModelspaceLayers(tf) from modelspace-layers.js, then tf.loadLayersModel('file://${join(dir, 'model.json')}')`);
    });
}

const pct = (v: number | null) => (v == null ? 'n/a' : `${(v * 100).toFixed(2)}%`);

async function fetchArchive(baseUrl: string, path: string, apiKey?: string): Promise<{ archive: Buffer; trialId: string }> {
  const base = baseUrl.replace(/\/$/, '');
  let res: Response;
  try {
    res = await fetch(base + path, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
  } catch (err) {
    throw new ApiError(0, 'UNREACHABLE', `cannot reach the API at ${base}: ${(err as Error).cause ?? (err as Error).message}`);
  }
  if (!res.ok) {
    const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    const e = json.error ?? { code: `HTTP_${res.status}`, message: `${res.status} ${res.statusText}` };
    throw new ApiError(res.status, e.code, e.message);
  }
  return { archive: Buffer.from(await res.arrayBuffer()), trialId: res.headers.get('x-modelspace-trial-id') ?? 'unknown' };
}
