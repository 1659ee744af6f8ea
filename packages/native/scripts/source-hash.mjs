// The sha256 of the addon's C++ sources (cc/, every file by name and content, in name order).
// The build records it beside the .node file; loading compares it with the sources as they are
// now, so an addon built from older sources (a pull or an edit without a rebuild) is refused
// with a reason instead of running a program its TypeScript side no longer matches.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file the build writes beside the addon. */
export const SOURCES_FILE = 'sources.sha256';

/** The hash of the sources under `ccDir`, or null when they are not there (an installed copy without them). */
export function sourceHash(ccDir) {
  if (!existsSync(ccDir)) return null;
  const hash = createHash('sha256');
  for (const name of readdirSync(ccDir).sort()) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(join(ccDir, name)));
    hash.update('\0');
  }
  return hash.digest('hex');
}
