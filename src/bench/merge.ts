/**
 * Merging bench directories (shards): the union of their complete runs, each once. The same run in two
 * directories must have the same rows (timing fields aside), or the merge is refused.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.ts';
import { MANIFEST_FORMAT, readManifest, type Manifest } from './manifest.ts';
import { readResults, RESULTS_FILE } from './results-file.ts';
import { rowWithoutTiming, runKey, sortRows, type BenchRow } from './rows.ts';

export interface MergeInput {
  dir: string;
  rows: BenchRow[];
  manifest: Manifest | null;
  partialRuns: number;
  badLines: number;
}

export interface MergeResult {
  rows: BenchRow[];
  runs: number;
  /** Runs found in more than one directory, identical, kept once. */
  duplicates: number;
  /** A manifest for the merged directory when every input ran the same configuration (shards). */
  manifest: Manifest | null;
  /** Runs of that configuration absent from every input (missing or unfinished shards). */
  missing: number | null;
}

export function readMergeInput(dir: string): MergeInput {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: no such directory`);
  const path = join(dir, RESULTS_FILE);
  if (!existsSync(path)) throw new UsageError(`${dir}: no ${RESULTS_FILE} (not a trapworld bench directory)`);
  const manifest = readManifest(dir);
  const read = readResults(path, manifest?.episodes ?? 'infer');
  return { dir, rows: read.rows, manifest, partialRuns: read.partialRuns, badLines: read.badLines };
}

function describe(r: BenchRow): string {
  return `${r.environment} · ${r.agent} ${JSON.stringify(r.options)} · seed ${r.seed}`;
}

export function mergeInputs(inputs: readonly MergeInput[]): MergeResult {
  const byRun = new Map<string, { dir: string; rows: BenchRow[] }>();
  let duplicates = 0;
  const conflicts: string[] = [];
  for (const input of inputs) {
    const runs = new Map<string, BenchRow[]>();
    for (const r of input.rows) {
      const k = runKey(r);
      const list = runs.get(k);
      if (list) list.push(r);
      else runs.set(k, [r]);
    }
    for (const [k, rows] of runs) {
      const before = byRun.get(k);
      if (!before) {
        byRun.set(k, { dir: input.dir, rows });
        continue;
      }
      const a = sortRows(before.rows).map(rowWithoutTiming).join('\n');
      const b = sortRows(rows).map(rowWithoutTiming).join('\n');
      if (a === b) duplicates++;
      else conflicts.push(`${describe(rows[0])}: ${before.dir} and ${input.dir} disagree`);
    }
  }
  if (conflicts.length)
    throw new UsageError(
      `conflicting results for ${conflicts.length} run${conflicts.length === 1 ? '' : 's'} (the same run with different rows):\n${conflicts
        .slice(0, 10)
        .join('\n')}${conflicts.length > 10 ? `\n… and ${conflicts.length - 10} more` : ''}`,
    );
  const rows = sortRows([...byRun.values()].flatMap((v) => v.rows));
  const manifest = mergedManifest(inputs);
  return {
    rows,
    runs: byRun.size,
    duplicates,
    manifest,
    missing: manifest ? manifest.totalRuns - byRun.size : null,
  };
}

function mergedManifest(inputs: readonly MergeInput[]): Manifest | null {
  const ms = inputs.map((i) => i.manifest);
  if (ms.some((m) => m === null)) return null;
  const same = (m: Manifest) =>
    JSON.stringify([m.environments.map((e) => e.name), m.agents, m.seeds, m.episodes, m.totalRuns]);
  if (new Set(ms.map((m) => same(m!))).size !== 1) return null;
  const m = ms[0]!;
  return { ...m, format: MANIFEST_FORMAT, shard: { index: 1, count: 1 }, runs: m.totalRuns };
}

export function sameDirectory(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}
