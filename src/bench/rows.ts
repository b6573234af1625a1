/**
 * Rows of results.jsonl: their canonical form (fixed key order, every field present), the identity of
 * the run a row belongs to, the canonical sort order, and comparison with timing fields aside.
 */
import type { OptionValue } from '../core/agent.ts';
import type { RunRow } from '../worker/batch.ts';

/** A row as written: every field of RunRow present, `refused` a boolean. */
export type BenchRow = Omit<RunRow, 'refused'> & { refused: boolean };

/** Wall-clock fields: the only ones allowed to differ between two runs of the same bench. */
export const TIMING_FIELDS = ['decisionMs'] as const;

const FIELDS = [
  'environment',
  'agent',
  'options',
  'seed',
  'episode',
  'truth',
  'outcome',
  'return',
  'discountedReturn',
  'performance',
  'steps',
  'pokes',
  'questions',
  'deaths',
  'regret',
  'decisionMs',
  'error',
  'refused',
] as const;

/** The row with keys in the documented order and `refused` always present. */
export function normaliseRow(row: RunRow | BenchRow): BenchRow {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) out[f] = f === 'refused' ? row.refused === true : (row[f] ?? null);
  if (row.episode === null || row.episode === undefined) out.episode = 0;
  return out as BenchRow;
}

export function sortedOptions(options: Record<string, OptionValue>): Record<string, OptionValue> {
  return Object.fromEntries(
    Object.keys(options)
      .sort()
      .map((k) => [k, options[k]]),
  );
}

/** Identity of a run: environment, agent, options (key order ignored) and seed. */
export function runKey(r: {
  environment: string;
  agent: string;
  options: Record<string, OptionValue>;
  seed: number;
}): string {
  return JSON.stringify([r.environment, r.agent, sortedOptions(r.options), r.seed]);
}

/** The options part of a run's identity, for grouping runs of the same agent configuration. */
export function optionsKey(options: Record<string, OptionValue>): string {
  return JSON.stringify(sortedOptions(options));
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical order: environment, agent, options, seed, episode (locale-independent). Each row's options
 * key is computed once, not at every comparison (a bench has hundreds of thousands of rows).
 */
export function sortRows(rows: readonly BenchRow[]): BenchRow[] {
  const keyed = rows.map((row) => ({ row, options: optionsKey(row.options) }));
  keyed.sort(
    ({ row: a, options: ao }, { row: b, options: bo }) =>
      cmp(a.environment, b.environment) ||
      cmp(a.agent, b.agent) ||
      cmp(ao, bo) ||
      cmp(a.seed, b.seed) ||
      cmp(a.episode, b.episode) ||
      cmp(a.error === null ? 0 : 1, b.error === null ? 0 : 1),
  );
  return keyed.map((k) => k.row);
}

/** The row without its timing fields, as JSON: equal strings mean equal rows, timing aside. */
export function rowWithoutTiming(row: BenchRow): string {
  const copy: Record<string, unknown> = { ...row };
  for (const f of TIMING_FIELDS) delete copy[f];
  return JSON.stringify(copy);
}

/** One JSON line per row, each ending in a newline. */
export function serialiseRows(rows: readonly BenchRow[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** Is this list of a run's rows complete: episodes 0..K-1 all present, or ending in an error row? */
export function isCompleteRun(rows: readonly BenchRow[], episodes: number): boolean {
  const sorted = [...rows].sort((a, b) => a.episode - b.episode || (a.error === null ? -1 : 1));
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i];
    if (r.episode !== i) return false;
    if (r.error !== null) return i === sorted.length - 1;
  }
  return sorted.length === episodes;
}

/** What reading results.jsonl keeps of it, and what it leaves out. */
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
 * The complete runs among lines of results.jsonl (readResults in results-file.ts reads the file; the
 * app's worker is given its text). `episodes` is the episode count of every run, or 'infer': the
 * longest error-free run's.
 */
export function collectRuns(lines: readonly string[], episodes: number | 'infer'): ReadResults {
  let badLines = 0;
  const byRun = new Map<string, BenchRow[]>();
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
    const list = byRun.get(key);
    if (list) list.push(row);
    else byRun.set(key, [row]);
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
  for (const [key, list] of byRun) {
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
function takeFirstCopy(list: readonly BenchRow[]): BenchRow[] {
  const seen = new Set<number>();
  const out: BenchRow[] = [];
  for (const r of list) {
    if (seen.has(r.episode)) break;
    seen.add(r.episode);
    out.push(r);
  }
  return out;
}

export function isFailure(row: BenchRow): boolean {
  return row.error !== null && !row.refused;
}

/**
 * A finished run as a worker hands it back: its rows already as the lines of results.jsonl, and the
 * counts the progress line needs. The bench's main thread then only appends text; decoding row objects
 * there and encoding them again took a core's worth of time away from the workers.
 */
export interface EncodedRun {
  lines: string;
  rows: number;
  deaths: number;
  failed: boolean;
}

/**
 * Whether `x` is a well-formed encoded run of `job` (a broken or stale worker could send anything):
 * a line per row, each ending in a newline, naming the job's agent and seed.
 */
export function isEncodedRunOf(x: unknown, job: { agent: string; seed: number }): x is EncodedRun {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Partial<Record<keyof EncodedRun, unknown>>;
  if (typeof r.lines !== 'string' || typeof r.failed !== 'boolean') return false;
  if (!Number.isInteger(r.rows) || (r.rows as number) < 1 || !Number.isInteger(r.deaths)) return false;
  let newlines = 0;
  for (let i = r.lines.indexOf('\n'); i >= 0; i = r.lines.indexOf('\n', i + 1)) newlines++;
  return (
    newlines === r.rows &&
    r.lines.endsWith('\n') &&
    r.lines.includes(`"agent":${JSON.stringify(job.agent)},`) &&
    r.lines.includes(`"seed":${job.seed},`)
  );
}

export function encodeRun(rows: readonly (RunRow | BenchRow)[]): EncodedRun {
  const normal = rows.map(normaliseRow);
  return {
    lines: serialiseRows(normal),
    rows: normal.length,
    deaths: normal.filter((r) => r.outcome === 'death').length,
    failed: normal.some(isFailure),
  };
}
