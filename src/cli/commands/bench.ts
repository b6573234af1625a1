/**
 * `trapworld bench`: every environment × agent configuration × seed in worker threads, streamed to
 * DIR/results.jsonl, then DIR/summary.md, summary.csv and report.html. Every argument is checked before
 * anything is written (exit 2); exit 1 when a run failed (refusals excepted), 130 when interrupted.
 */
import { UsageError } from '../../core/errors.ts';
import { parseShard } from '../../bench/jobs.ts';
import { progressMode } from '../../bench/progress.ts';
import { runBench, type BenchOutcome } from '../../bench/run-bench.ts';
import { resolveEnvs, selectAgents } from '../../bench/selection.ts';
import { parseParamPairs } from '../env-files.ts';
import { loadTestAgents } from '../../bench/test-agents.ts';
import { parseEpisodes, parseInteger, parseWorkers } from '../args.ts';
import { outputDirectoryArgument, printJson } from '../output.ts';

/** The options of the commands that run a bench (bench, sweep): agents, runs, the pool and --out. */
export interface BenchRunOptions {
  agents?: string[];
  /** Agent modules (--agent FILE, repeatable). */
  agent?: string[];
  seeds?: string;
  episodes?: string;
  workers?: string;
  out?: string;
  resume?: boolean;
  force?: boolean;
  runTimeout?: string;
  json?: boolean;
}

export interface BenchCommandOptions extends BenchRunOptions {
  envs?: string[];
  /** Generator parameters (--param KEY=VALUE, repeatable). */
  param?: string[];
  shard?: string;
}

export const DEFAULT_SEEDS = 20;
export const DEFAULT_OUT = 'bench-out';
export const DEFAULT_RUN_TIMEOUT_MS = 600_000;

/** `--seeds N` (default `fallback`). */
export function parseSeeds(text: string | undefined, fallback: number): number {
  return parseInteger('--seeds', text ?? String(fallback), 1, 2 ** 32);
}

/** `--run-timeout MS` (default DEFAULT_RUN_TIMEOUT_MS). */
export function parseRunTimeout(text: string | undefined): number {
  return parseInteger('--run-timeout', text ?? String(DEFAULT_RUN_TIMEOUT_MS), 1, 2 ** 31 - 1);
}

/** The first line a finished bench prints. */
export function runsLine(o: BenchOutcome): string {
  return `${o.runs} runs (${o.resumed} resumed) in ${o.seconds.toFixed(1)} s: ${o.failed} failed, ${o.refused} refused`;
}

/** What a bench stopped by a signal says on stderr (exit 130). */
export function interruptedLine(o: BenchOutcome): string {
  return `trapworld: interrupted: ${o.completed} of ${o.runs} runs are in ${o.files.results}; run the same command with --resume to finish\n`;
}

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
  const seeds = parseSeeds(o.seeds, DEFAULT_SEEDS);
  const episodes = parseEpisodes(o.episodes);
  const envs = await resolveEnvs(o.envs, parseParamPairs(o.param), episodes);
  const { agents, modules } = await selectAgents(o.agents, o.agent, envs);
  const workers = parseWorkers(o.workers);
  const runTimeoutMs = parseRunTimeout(o.runTimeout);
  const shard = parseShard(o.shard);
  const out = outputDirectoryArgument(o.out, DEFAULT_OUT);
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
    agentModules: modules,
    handleSignals: true,
  });
  if (o.json) printJson(benchJson(outcome));
  else if (!outcome.interrupted)
    process.stdout.write(
      [
        runsLine(outcome),
        `results  ${outcome.files.results} (${outcome.rows} rows)`,
        `summary  ${outcome.files.summaryMd}, ${outcome.files.summaryCsv}`,
        `report   ${outcome.files.report}`,
        '',
      ].join('\n'),
    );
  if (outcome.interrupted) {
    process.stderr.write(interruptedLine(outcome));
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
