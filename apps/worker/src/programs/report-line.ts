import { z } from 'zod';

/**
 * One line of a program's report channel (docs/programs.md, "The report protocol"). The
 * channel is the program's to write, so every line is checked here and a bad one is a
 * counted problem, never an exception in the worker.
 */
export const MAX_REPORT_LINE_BYTES = 64 * 1024;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const nonNegative = finite.refine((v) => v >= 0, 'must be 0 or more');

const EpochLine = z.object({
  type: z.literal('epoch'),
  epoch: z.int().min(1).max(1_000_000),
  valError: finite.refine((v) => v >= 0 && v <= 1, 'valError is a fraction, 0..1'),
  valLoss: finite,
  trainLoss: finite,
  trainError: finite.refine((v) => v >= 0 && v <= 1, 'trainError is a fraction, 0..1').optional(),
  durationMs: nonNegative.optional(),
  samplesPerSec: nonNegative.optional(),
  testError: finite.refine((v) => v >= 0 && v <= 1, 'testError is a fraction, 0..1').optional(),
  testLoss: finite.optional(),
});
const ModelLine = z.object({ type: z.literal('model'), path: z.string().min(1).max(4096) });
const ResultLine = z.object({ type: z.literal('result'), testError: finite.refine((v) => v >= 0 && v <= 1, 'testError is a fraction, 0..1'), testLoss: finite.optional() });

const ReportLine = z.discriminatedUnion('type', [EpochLine, ModelLine, ResultLine]);
export type ReportLine = z.infer<typeof ReportLine>;
export type EpochLine = z.infer<typeof EpochLine>;

export type ParsedLine = { ok: true; line: ReportLine } | { ok: false; problem: string };

/** What a line says, or why it is ignored (shown in the trial's log). */
export function parseReportLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: `not JSON: ${preview(text)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: `not a JSON object: ${preview(text)}` };
  const r = ReportLine.safeParse(value);
  if (r.success) return { ok: true, line: r.data };
  const issue = r.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const type = (value as { type?: unknown } | null)?.type;
  if (!['epoch', 'model', 'result'].includes(type as string)) {
    return { ok: false, problem: `unknown line type ${JSON.stringify(type ?? null)} (expected epoch, model or result)` };
  }
  return { ok: false, problem: `${where}${issue.message}` };
}

const preview = (text: string) => (text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text));

/**
 * Splits a byte stream into lines of at most `maxBytes`: a longer line is dropped whole
 * (reported by its length), so a program cannot make the worker buffer without bound.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private overflow = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onOversized: (bytes: number) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.take(chunk.subarray(start, nl));
      this.finishLine();
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  /** The stream ended: a last line without its newline still counts. */
  end(): void {
    if (this.size || this.overflow) this.finishLine();
  }

  private take(bytes: Buffer): void {
    if (this.overflow || this.size + bytes.length > this.maxBytes) {
      this.overflow += this.size + bytes.length;
      this.parts = [];
      this.size = 0;
      return;
    }
    this.parts.push(Buffer.from(bytes));
    this.size += bytes.length;
  }

  private finishLine(): void {
    if (this.overflow) this.onOversized(this.overflow);
    else {
      const line = Buffer.concat(this.parts, this.size).toString('utf8').replace(/\r$/, '');
      if (line.trim()) this.onLine(line);
    }
    this.parts = [];
    this.size = 0;
    this.overflow = 0;
  }
}
