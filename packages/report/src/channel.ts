import { writeSync } from 'node:fs';

/** The worker skips longer lines (docs/programs.md, section 4); the limit counts the newline. */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * Writes one protocol line to the report channel (fd MODELSPACE_REPORT_FD), or to stderr when
 * there is none so the program also runs by hand. Synchronous, so a line is out before the
 * program goes on (or dies).
 */
export function send(line: Record<string, unknown>): void {
  const data = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
  if (data.length > MAX_LINE_BYTES) throw new RangeError(`${line.type} line of ${data.length} bytes is over the protocol's ${MAX_LINE_BYTES}`);
  const raw = process.env.MODELSPACE_REPORT_FD;
  if (!raw) {
    writeAll(2, data);
    return;
  }
  const fd = Number(raw);
  if (!Number.isInteger(fd) || fd < 0) throw new RangeError(`MODELSPACE_REPORT_FD must be a file descriptor number, got ${JSON.stringify(raw)}`);
  try {
    writeAll(fd, data);
  } catch (err) {
    throw new Error(`modelspace report channel (fd ${fd}): ${(err as Error).message}`, { cause: err });
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset);
    } catch (err) {
      // A descriptor node made non-blocking (a pipe it also reads, say) may be full for a moment.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
