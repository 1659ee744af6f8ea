/**
 * A program's captured output: its newest lines, bounded in bytes, oldest dropped first, so
 * a program that prints 100 MB costs the worker no more than `maxBytes`.
 */
export type LogStream = 'stdout' | 'stderr' | 'modelspace';

export interface LogLine {
  stream: LogStream;
  text: string;
}

export const MAX_LOG_LINE_BYTES = 4096;

export class OutputLog {
  private lines: LogLine[] = [];
  private head = 0;
  private bytes = 0;
  /** Lines dropped to stay within the bound, since the start. */
  dropped = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine: (line: LogLine) => void = () => {},
  ) {}

  add(stream: LogStream, text: string): void {
    const line = { stream, text };
    this.lines.push(line);
    this.bytes += text.length + 8;
    while (this.bytes > this.maxBytes && this.head < this.lines.length - 1) {
      this.bytes -= this.lines[this.head]!.text.length + 8;
      this.head += 1;
      this.dropped += 1;
    }
    // Compact now and then rather than shift() per line.
    if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    this.onLine(line);
  }

  /** The kept lines, oldest first. */
  all(): LogLine[] {
    return this.lines.slice(this.head);
  }

  /** The last `n` lines of one stream (a failure's stderr). */
  tail(stream: LogStream, n: number): string[] {
    const out: string[] = [];
    for (let i = this.lines.length - 1; i >= this.head && out.length < n; i--) if (this.lines[i]!.stream === stream) out.push(this.lines[i]!.text);
    return out.reverse();
  }

  /** The whole log as text, one line per output line, stderr and modelspace's own lines marked. */
  text(): string {
    const mark = { stdout: '', stderr: '[stderr] ', modelspace: '[modelspace] ' } as const;
    const head = this.dropped ? `[modelspace] ${this.dropped} older lines not kept\n` : '';
    return (
      head +
      this.all()
        .map((l) => `${mark[l.stream]}${l.text}\n`)
        .join('')
    );
  }
}
