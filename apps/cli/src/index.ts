/** @modelspace/cli as a library: the client of the API's sweep event stream (also used by tests). */
export { followSweepStream, StreamError, type SweepStreamEvent } from './sse-client.ts';
