/**
 * The run list: every environment × agent configuration × seed, in a fixed order, and its deterministic
 * split into shards. Shard I/N (1-based, 1 ≤ I ≤ N) holds the runs whose 0-based index in the full list
 * is congruent to I-1 modulo N, so every shard gets a fair share of every world and agent.
 */
import type { OptionValue } from '../core/agent.ts';
import { UsageError } from '../core/errors.ts';
import type { EnvSpec } from '../core/spec.ts';
import type { RunJob } from '../worker/batch.ts';
import { optionsKey, runKey } from './rows.ts';

export interface BenchEnv {
  name: string;
  /** Where it came from: `builtin` or the file path given. */
  source: string;
  /** Set for environments loaded from files: sent to the workers with each job. */
  spec?: EnvSpec;
  /** A family of worlds (a generator that declares one): episode k plays `worlds[k]`. */
  worlds?: EnvSpec[];
}

export interface AgentEntry {
  name: string;
  /** Every option, defaults filled in (as parseOptions returns them). */
  options: Record<string, OptionValue>;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface BenchJob {
  /** Index in the full (unsharded) run list. */
  index: number;
  key: string;
  /** Runs with the same group (world, agent, options) cost about the same: the pool batches them. */
  group: string;
  job: RunJob;
}

/** Order: environments as given, then agents as given, then seeds ascending. */
export function buildJobs(
  envs: readonly BenchEnv[],
  agents: readonly AgentEntry[],
  seeds: number,
  episodes: number,
): BenchJob[] {
  const jobs: BenchJob[] = [];
  for (const env of envs)
    for (const agent of agents)
      for (let seed = 0; seed < seeds; seed++) {
        const job: RunJob = {
          environment: env.name,
          ...(env.spec ? { spec: env.spec } : {}),
          ...(env.worlds ? { worlds: env.worlds } : {}),
          agent: agent.name,
          options: agent.options,
          seed,
          episodes,
        };
        jobs.push({
          index: jobs.length,
          key: runKey(job),
          group: JSON.stringify([env.name, agent.name, optionsKey(agent.options)]),
          job,
        });
      }
  return jobs;
}

export function parseShard(text: string | undefined): Shard {
  if (text === undefined) return { index: 1, count: 1 };
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(`--shard: expected I/N (e.g. 2/8, shards numbered from 1), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 1_000_000)
    throw new UsageError(`--shard: N must be between 1 and 1000000, got "${text}"`);
  if (index < 1 || index > count)
    throw new UsageError(
      `--shard: I must be between 1 and N (shards are numbered 1..${count}), got "${text}"`,
    );
  return { index, count };
}

export function selectShard<T extends { index: number }>(jobs: readonly T[], shard: Shard): T[] {
  return jobs.filter((j) => j.index % shard.count === shard.index - 1);
}
