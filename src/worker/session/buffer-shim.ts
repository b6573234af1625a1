/**
 * csv-stringify (imported by src/bench/summary-files.ts for summary.csv) builds a byte-order mark with
 * Node's `Buffer.from` when its module loads. The app's worker only needs the same module's table
 * helpers, never CSV, so a browser without `Buffer` gets the one function that line calls. Imported first
 * by bench-results.ts, and only when bench results are asked for.
 */
const g = globalThis as { Buffer?: unknown };
g.Buffer ??= { from: (bytes: ArrayLike<number>) => Uint8Array.from(bytes), isBuffer: () => false };

export {};
