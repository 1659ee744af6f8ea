import { createHash } from 'node:crypto';

/** sha256 of bytes, lowercase hex (what `sha256sum weights.bin` prints). */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
