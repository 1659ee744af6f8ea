import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ReadableStream } from 'node:stream/web';

/** A file to send as one part of a form: its field name, where it is, and its size in bytes. */
export interface UploadFile {
  field: string;
  path: string;
  size: number;
}

/**
 * A multipart/form-data body streamed from disk: text fields first, then each file read in
 * chunks as the request sends it, so an upload never holds a file in memory. `onBytes` is told
 * how many file bytes have gone so far (the progress bar's value); `fileBytes` is their total.
 */
export function multipartStream(fields: Record<string, string>, files: UploadFile[], onBytes: (sent: number) => void = () => {}) {
  const boundary = `----modelspace-${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
  const enc = new TextEncoder();
  const quote = (s: string) => s.replace(/["\r\n\\]/g, '_');
  async function* parts(): AsyncGenerator<Uint8Array> {
    for (const [name, value] of Object.entries(fields)) {
      yield enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`);
    }
    let sent = 0;
    for (const f of files) {
      yield enc.encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(f.field)}"; filename="${quote(basename(f.path))}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      );
      for await (const chunk of createReadStream(f.path, { highWaterMark: 256 * 1024 })) {
        yield chunk as Uint8Array;
        sent += (chunk as Uint8Array).length;
        onBytes(sent);
      }
      yield enc.encode('\r\n');
    }
    yield enc.encode(`--${boundary}--\r\n`);
  }
  return {
    body: ReadableStream.from(parts()),
    contentType: `multipart/form-data; boundary=${boundary}`,
    fileBytes: files.reduce((n, f) => n + f.size, 0),
  };
}
