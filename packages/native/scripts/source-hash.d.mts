/** See source-hash.mjs. */
export const SOURCES_FILE: string;
export function sourceHash(ccDir: string): string | null;
