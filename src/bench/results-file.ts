/**
 * results.jsonl on disk: an append-only writer (one write per finished run, fsync at intervals, so a
 * crash loses at most the runs in flight) and a tolerant reader for --resume and merge (a torn last
 * line is dropped; only complete runs are kept, each once).
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { UsageError } from '../core/errors.ts';
import { writeFileAtomic } from '../cli/output.ts';
import { collectRuns, serialiseRows, type EncodedRun, type ReadResults } from './rows.ts';

export const RESULTS_FILE = 'results.jsonl';

export class ResultsWriter {
  private fd: number;
  private lastSync = performance.now();
  private unsynced = 0;
  rowsWritten = 0;

  constructor(
    readonly path: string,
    /** fsync when this many ms have passed since the last one (checked at each append), and on close. */
    private readonly syncEveryMs = 1000,
  ) {
    try {
      this.fd = openSync(path, 'a');
    } catch (e) {
      throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }

  /**
   * Appends whole runs (a batch that finished together) in one write: a run is on disk entirely, or
   * (torn by a crash in the middle of the write) last.
   */
  appendRuns(runs: readonly EncodedRun[]): void {
    writeSync(this.fd, runs.map((r) => r.lines).join(''));
    for (const r of runs) this.rowsWritten += r.rows;
    this.unsynced++;
    if (performance.now() - this.lastSync >= this.syncEveryMs) this.sync();
  }

  sync(): void {
    if (this.unsynced === 0) return;
    fsyncSync(this.fd);
    this.unsynced = 0;
    this.lastSync = performance.now();
  }

  close(): void {
    if (this.fd < 0) return;
    this.unsynced++;
    this.sync();
    closeSync(this.fd);
    this.fd = -1;
  }
}

/**
 * Reads results.jsonl. `episodes` is the episode count of every run (from the bench's manifest), so a
 * run is complete when it has all its episode rows or ends in an error row; 'infer' takes the longest
 * error-free run's (for files without a manifest).
 */
export function readResults(path: string, episodes: number | 'infer'): ReadResults {
  if (!existsSync(path)) return { rows: [], runs: new Set(), badLines: 0, partialRuns: 0, duplicateRuns: 0 };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const lines = text.split('\n');
  // The last piece is '' after a final newline; anything else there is a torn line.
  const tail = lines.pop() ?? '';
  const read = collectRuns(lines, episodes);
  if (tail.trim() !== '') read.badLines++;
  return read;
}

/**
 * Prepares results.jsonl for --resume: keeps complete runs only and rewrites the file (atomically) if
 * anything had to be dropped, so appending continues after a clean last line.
 */
export function prepareResume(path: string, episodes: number): ReadResults {
  const read = readResults(path, episodes);
  if (read.badLines > 0 || read.partialRuns > 0 || read.duplicateRuns > 0)
    writeFileAtomic(path, serialiseRows(read.rows));
  return read;
}
