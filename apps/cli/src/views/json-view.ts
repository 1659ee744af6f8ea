import type { WatchView } from './view.ts';

/** `--json`: one JSON object per event and line (NDJSON), with its stream id, for scripts. */
export function createJsonView(print: (line: string) => void): WatchView {
  return {
    start() {},
    event(_state, type, data, id) {
      print(JSON.stringify({ id, ...data, type }));
    },
    stop() {},
  };
}
