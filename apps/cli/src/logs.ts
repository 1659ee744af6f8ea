import { EventSourceParserStream, type EventSourceMessage } from 'eventsource-parser/stream';
import { StreamError } from './sse-client.ts';

/**
 * `modelspace logs TRIAL --follow`: a program trial's output as it comes
 * (GET /trials/:id/logs/events), printed line by line until the trial has ended.
 */
export async function followTrialLog(baseUrl: string, trialId: string, opts: { headers?: Record<string, string>; print: (line: string) => void }): Promise<string | null> {
  const res = await fetch(`${baseUrl.replace(/\/$/, '')}/trials/${encodeURIComponent(trialId)}/logs/events`, {
    headers: { accept: 'text/event-stream', ...opts.headers },
  }).catch((err: Error) => {
    throw new StreamError(`cannot reach the API at ${baseUrl}: ${(err.cause as Error | undefined)?.message ?? err.message}`, 0, 'UNREACHABLE');
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    throw new StreamError(body.error?.message ?? `HTTP ${res.status}`, res.status, body.error?.code ?? `HTTP_${res.status}`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return null;
      const msg = value as EventSourceMessage;
      const data = JSON.parse(msg.data) as { lines?: string[]; status?: string };
      if (msg.event === 'log') for (const line of data.lines ?? []) opts.print(line);
      if (msg.event === 'end') return data.status ?? null;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
