/**
 * results.jsonl on disk: an append-only writer (one write per finished run, fsync at intervals, so a
 * crash loses at most the runs in flight) and a tolerant reader for --resume and merge (a torn last
 * line is dropped; only complete runs are kept, each once).
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { UsageError } from '../core/errors.ts';
import { writeFileAtomic } from '../cli/output.ts';
import {
  isCompleteRun,
  normaliseRow,
  runKey,
  serialiseRows,
  type BenchRow,
  type EncodedRun,
} from './rows.ts';

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

export interface ReadResults {
  /** Rows of complete runs, in file order, each run once. */
  rows: BenchRow[];
  /** Run keys of those runs. */
  runs: Set<string>;
  /** Lines that could not be parsed (a torn last line, usually). */
  badLines: number;
  /** Runs whose rows were incomplete (torn by a crash) and were dropped. */
  partialRuns: number;
  /** Runs that appeared more than once; only the first copy is kept. */
  duplicateRuns: number;
}

/**
 * Reads results.jsonl. `episodes` is the episode count of every run (from the bench's manifest), so a
 * run is complete when it has all its episode rows or ends in an error row; 'infer' takes the longest
 * error-free run's (for files without a manifest).
 */
export function readResults(path: string, episodes: number | 'infer'): ReadResults {
  const empty: ReadResults = { rows: [], runs: new Set(), badLines: 0, partialRuns: 0, duplicateRuns: 0 };
  if (!existsSync(path)) return empty;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const lines = text.split('\n');
  // The last piece is '' after a final newline; anything else there is a torn line.
  const tail = lines.pop() ?? '';
  let badLines = tail.trim() === '' ? 0 : 1;
  const byRun = new Map<string, BenchRow[]>();
  const order: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    let row: BenchRow;
    try {
      row = normaliseRow(JSON.parse(line) as BenchRow);
      if (
        typeof row.environment !== 'string' ||
        typeof row.agent !== 'string' ||
        typeof row.seed !== 'number'
      )
        throw new Error('not a row');
    } catch {
      badLines++;
      continue;
    }
    const key = runKey(row);
    let list = byRun.get(key);
    if (!list) {
      list = [];
      byRun.set(key, list);
      order.push(key);
    }
    list.push(row);
  }
  const rows: BenchRow[] = [];
  const runs = new Set<string>();
  let partialRuns = 0;
  let duplicateRuns = 0;
  // Rows of one run are written together; a run seen twice (two copies) keeps its first copy.
  const firstCopies = new Map([...byRun].map(([key, list]) => [key, takeFirstCopy(list)]));
  const k =
    episodes === 'infer'
      ? [...firstCopies.values()].reduce(
          (m, l) => (l.every((r) => r.error === null) ? Math.max(m, l.length) : m),
          0,
        )
      : episodes;
  for (const key of order) {
    const list = byRun.get(key)!;
    const first = firstCopies.get(key)!;
    if (first.length < list.length) duplicateRuns++;
    if (!isCompleteRun(first, k)) {
      partialRuns++;
      continue;
    }
    rows.push(...first);
    runs.add(key);
  }
  return { rows, runs, badLines, partialRuns, duplicateRuns };
}

/** The first copy of a run's rows: up to the first repeated episode number. */
function takeFirstCopy(list: BenchRow[]): BenchRow[] {
  const seen = new Set<number>();
  const out: BenchRow[] = [];
  for (const r of list) {
    if (seen.has(r.episode)) break;
    seen.add(r.episode);
    out.push(r);
  }
  return out;
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
