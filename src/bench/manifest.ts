/**
 * bench.json, written next to results.jsonl: what the bench was asked to run. `--resume` refuses a
 * directory written by a different configuration (other worlds, agents, seeds, episodes or shard), so
 * resumed rows always belong to the same run list; `merge` reads the episode counts and run totals.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OptionValue } from '../core/agent.ts';
import { UsageError } from '../core/errors.ts';
import { writeFileAtomic } from '../cli/output.ts';
import type { Shard } from './jobs.ts';

export const MANIFEST_FILE = 'bench.json';
/**
 * Raised whenever rows of an older version mean something different, so they are never mixed: format 2
 * measures regret within maxSteps (format 1 used the infinite-horizon V*).
 */
export const MANIFEST_FORMAT = 'trapworld-bench/2';

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  /** `title` and `description` are shown in the reports (absent in manifests of older versions). */
  environments: { name: string; source: string; title?: string; description?: string }[];
  agents: { name: string; options: Record<string, OptionValue> }[];
  seeds: number;
  episodes: number;
  shard: Shard;
  /** Runs in this shard. */
  runs: number;
  /** Runs in all shards together. */
  totalRuns: number;
}

export function readManifest(dir: string): Manifest | null {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  let m: Manifest | null;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (e) {
    throw new UsageError(`${path}: not a trapworld bench manifest (${(e as Error).message})`);
  }
  if (m?.format === MANIFEST_FORMAT) return m;
  if (m?.format === 'trapworld-bench/1')
    throw new UsageError(
      `${path}: written by an older trapworld whose regret counted rewards after maxSteps; its rows cannot be resumed or merged with this version's (run that bench again)`,
    );
  throw new UsageError(`${path}: not a trapworld bench manifest (unknown format ${String(m?.format)})`);
}

export function writeManifest(dir: string, manifest: Manifest): void {
  writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** What must match for --resume: everything that decides the run list and the rows. */
function identity(m: Manifest): string {
  return JSON.stringify([
    m.environments.map((e) => e.name),
    m.agents,
    m.seeds,
    m.episodes,
    m.shard.index,
    m.shard.count,
  ]);
}

export function checkResumable(dir: string, existing: Manifest, wanted: Manifest): void {
  if (identity(existing) === identity(wanted)) return;
  const diffs: string[] = [];
  if (
    JSON.stringify(existing.environments.map((e) => e.name)) !==
    JSON.stringify(wanted.environments.map((e) => e.name))
  )
    diffs.push('environments');
  if (JSON.stringify(existing.agents) !== JSON.stringify(wanted.agents)) diffs.push('agents or options');
  if (existing.seeds !== wanted.seeds) diffs.push(`--seeds (${existing.seeds} there)`);
  if (existing.episodes !== wanted.episodes) diffs.push(`--episodes (${existing.episodes} there)`);
  if (existing.shard.index !== wanted.shard.index || existing.shard.count !== wanted.shard.count)
    diffs.push(`--shard (${existing.shard.index}/${existing.shard.count} there)`);
  throw new UsageError(
    `--resume: ${dir} holds a bench with different ${diffs.join(', ')}; use the same arguments, or another --out`,
  );
}

/** What the reports show about each world beside its name. */
export type WorldTitles = ReadonlyMap<string, { title: string; description: string }>;

/** Titles and descriptions from manifests (the first one that names a world wins). */
export function worldTitles(manifests: readonly (Manifest | null)[]): WorldTitles {
  const out = new Map<string, { title: string; description: string }>();
  for (const m of manifests)
    for (const e of m?.environments ?? [])
      if (!out.has(e.name) && e.title !== undefined)
        out.set(e.name, { title: e.title, description: e.description ?? '' });
  return out;
}
