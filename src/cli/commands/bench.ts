/**
 * `trapworld bench`: every environment × agent configuration × seed in worker threads, streamed to
 * DIR/results.jsonl, then DIR/summary.md, summary.csv and report.html. Every argument is checked before
 * anything is written (exit 2); exit 1 when a run failed (refusals excepted), 130 when interrupted.
 */
import { availableParallelism } from 'node:os';
import { UsageError } from '../../core/errors.ts';
import { parseShard } from '../../bench/jobs.ts';
import { progressMode } from '../../bench/progress.ts';
import { runBench, type BenchOutcome } from '../../bench/run-bench.ts';
import {
  checkModuleAgents,
  loadAgentModuleEntries,
  resolveAgents,
  resolveEnvs,
} from '../../bench/selection.ts';
import { moduleRef } from '../agent-modules.ts';
import { parseParamPairs } from '../env-files.ts';
import { loadTestAgents } from '../../bench/test-agents.ts';
import { parseInteger } from '../args.ts';
import { printJson } from '../output.ts';

export interface BenchCommandOptions {
  envs?: string[];
  agents?: string[];
  /** Agent modules (--agent FILE, repeatable). */
  agent?: string[];
  /** Generator parameters (--param KEY=VALUE, repeatable). */
  param?: string[];
  seeds?: string;
  episodes?: string;
  workers?: string;
  out?: string;
  shard?: string;
  resume?: boolean;
  force?: boolean;
  runTimeout?: string;
  json?: boolean;
}

export const DEFAULT_SEEDS = 20;
export const DEFAULT_OUT = 'bench-out';
export const DEFAULT_RUN_TIMEOUT_MS = 600_000;

/** Collects repeated list options: `--agents a --agents b` is `--agents a,b`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function benchJson(o: BenchOutcome) {
  return {
    out: o.out,
    runs: o.runs,
    resumed: o.resumed,
    completed: o.completed,
    failed: o.failed,
    refused: o.refused,
    rows: o.rows,
    interrupted: o.interrupted,
    seconds: o.seconds,
    files: o.interrupted ? { results: o.files.results } : o.files,
    summary: o.summary?.entries ?? null,
  };
}

export async function benchCommand(o: BenchCommandOptions): Promise<number> {
  if (o.resume && o.force) throw new UsageError('give --resume or --force, not both');
  const testAgents = await loadTestAgents();
  const seeds = parseInteger('--seeds', o.seeds ?? String(DEFAULT_SEEDS), 1, 2 ** 32);
  const episodes = parseInteger('--episodes', o.episodes ?? '1', 1, 1_000_000);
  const envs = await resolveEnvs(o.envs, parseParamPairs(o.param), episodes);
  const modules = await loadAgentModuleEntries(o.agents, o.agent);
  const agents = resolveAgents(modules.values);
  checkModuleAgents(modules.modules, agents, envs);
  const workers =
    o.workers === undefined ? availableParallelism() : parseInteger('--workers', o.workers, 1, 1024);
  const runTimeoutMs = parseInteger(
    '--run-timeout',
    o.runTimeout ?? String(DEFAULT_RUN_TIMEOUT_MS),
    1,
    2 ** 31 - 1,
  );
  const shard = parseShard(o.shard);
  const out = o.out ?? DEFAULT_OUT;
  if (out.trim() === '') throw new UsageError('--out: expected a directory');
  const mode = progressMode(o.json === true);
  // Announced only once the output directory is accepted, so a refusal stays a one-line message.
  const announce = () => {
    if (mode !== 'none')
      process.stderr.write(
        `bench: ${envs.length} environments × ${agents.length} agents × ${seeds} seeds, ${episodes} episode${episodes === 1 ? '' : 's'} per run${shard.count > 1 ? `, shard ${shard.index}/${shard.count}` : ''}, ${workers} worker${workers === 1 ? '' : 's'} → ${out}\n`,
      );
  };
  const outcome = await runBench({
    onStart: announce,
    envs,
    agents,
    seeds,
    episodes,
    shard,
    out,
    resume: o.resume === true,
    force: o.force === true,
    workers,
    runTimeoutMs,
    progress: mode,
    testAgents,
    agentModules: modules.modules.map(moduleRef),
    handleSignals: true,
  });
  if (o.json) printJson(benchJson(outcome));
  else if (!outcome.interrupted)
    process.stdout.write(
      [
        `${outcome.runs} runs (${outcome.resumed} resumed) in ${outcome.seconds.toFixed(1)} s: ${outcome.failed} failed, ${outcome.refused} refused`,
        `results  ${outcome.files.results} (${outcome.rows} rows)`,
        `summary  ${outcome.files.summaryMd}, ${outcome.files.summaryCsv}`,
        `report   ${outcome.files.report}`,
        '',
      ].join('\n'),
    );
  if (outcome.interrupted) {
    process.stderr.write(
      `trapworld: interrupted: ${outcome.completed} of ${outcome.runs} runs are in ${outcome.files.results}; run the same command with --resume to finish\n`,
    );
    return 130;
  }
  if (outcome.failed > 0) {
    process.stderr.write(
      `trapworld: ${outcome.failed} run${outcome.failed === 1 ? '' : 's'} failed (rows with "error" in ${outcome.files.results})\n`,
    );
    return 1;
  }
  return 0;
}
