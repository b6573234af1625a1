/**
 * One bench, start to end: check the output directory, pick up a previous run (--resume), stream the
 * rows of the remaining runs to results.jsonl through the worker pool, then write the summary and the
 * report. SIGINT/SIGTERM stop it cleanly: finished runs are on disk and synced, the summary is not
 * written, and `--resume` continues.
 */
import { existsSync, rmSync } from 'node:fs';
import { environments } from '../../environments/index.ts';
import type { AgentModuleRef } from '../cli/agent-modules.ts';
import { checkOutputDirectory, createOutputDirectory } from '../cli/output.ts';
import { UsageError } from '../core/errors.ts';
import type { EnvSpec } from '../core/spec.ts';
import { buildJobs, selectShard, type AgentEntry, type BenchEnv, type Shard } from './jobs.ts';
import {
  checkResumable,
  MANIFEST_FORMAT,
  readManifest,
  worldTitles,
  writeManifest,
  type Manifest,
} from './manifest.ts';
import { outputFiles, writeSummaryFiles, type OutputFiles } from './outputs.ts';
import { WorkerPool, type PoolStats } from './pool.ts';
import { createProgress, type ProgressMode } from './progress.ts';
import { prepareResume, readResults, ResultsWriter } from './results-file.ts';
import { isFailure, runKey, type BenchRow } from './rows.ts';
import type { BenchSummary } from './summary.ts';
import { TEST_AGENTS_VARIABLE } from './test-agents.ts';

export interface BenchPlan {
  envs: BenchEnv[];
  agents: AgentEntry[];
  seeds: number;
  episodes: number;
  shard: Shard;
  out: string;
  resume: boolean;
  force: boolean;
  workers: number;
  runTimeoutMs: number;
  progress: ProgressMode;
  /** The test hook's module (absolute), passed on to the workers. */
  testAgents: string | null;
  /** The user's agent modules (--agent FILE), loaded and registered here; the workers load them too. */
  agentModules?: AgentModuleRef[];
  /** Stop cleanly on SIGINT and SIGTERM (the CLI); off for in-process callers. */
  handleSignals?: boolean;
  workerUrl?: URL;
  /** Called once the output directory has been checked and created, before any run starts. */
  onStart?: () => void;
}

export interface BenchOutcome {
  out: string;
  /** Runs in this bench (this shard). */
  runs: number;
  /** Complete runs found on disk by --resume and skipped. */
  resumed: number;
  /** Complete runs on disk at the end. */
  completed: number;
  failed: number;
  refused: number;
  /** Lines of results.jsonl. */
  rows: number;
  interrupted: boolean;
  seconds: number;
  files: OutputFiles;
  summary: BenchSummary | null;
  pool: PoolStats;
}

export function manifestFor(plan: BenchPlan, runs: number, totalRuns: number): Manifest {
  return {
    format: MANIFEST_FORMAT,
    environments: plan.envs.map((e) => {
      const spec = specOf(e);
      return {
        name: e.name,
        source: e.source,
        title: spec?.title ?? e.name,
        description: spec?.description ?? '',
      };
    }),
    agents: plan.agents.map((a) => ({ name: a.name, options: a.options })),
    seeds: plan.seeds,
    episodes: plan.episodes,
    shard: plan.shard,
    runs,
    totalRuns,
  };
}

/** Everything that can be refused about the output directory, checked before anything is written. */
export function checkOutput(plan: BenchPlan, wanted: Manifest): void {
  const files = outputFiles(plan.out);
  checkOutputDirectory(plan.out);
  if (!existsSync(files.results) || plan.force) return;
  if (!plan.resume)
    throw new UsageError(
      `--out ${plan.out} already holds results.jsonl: add --resume to continue it, --force to start over, or choose another --out`,
    );
  const existing = readManifest(plan.out);
  if (!existing)
    throw new UsageError(
      `--resume: ${plan.out} has results.jsonl but no bench.json, so it cannot be checked`,
    );
  checkResumable(plan.out, existing, wanted);
}

function specOf(env: BenchEnv): EnvSpec | undefined {
  return env.spec ?? environments.get(env.name);
}

function cellCount(env: BenchEnv): number {
  const spec = specOf(env);
  return spec ? spec.width * spec.height : 0;
}

export async function runBench(plan: BenchPlan): Promise<BenchOutcome> {
  return (await runBenchRows(plan)).outcome;
}

/**
 * runBench, also returning the rows of results.jsonl it read at the end (complete runs, in file order),
 * so a caller that needs them (sweep) does not read the file again.
 */
export async function runBenchRows(plan: BenchPlan): Promise<{ outcome: BenchOutcome; rows: BenchRow[] }> {
  const t0 = performance.now();
  const all = buildJobs(plan.envs, plan.agents, plan.seeds, plan.episodes);
  const jobs = selectShard(all, plan.shard);
  const manifest = manifestFor(plan, jobs.length, all.length);
  checkOutput(plan, manifest);
  createOutputDirectory(plan.out);
  plan.onStart?.();
  const pool = new WorkerPool({
    workers: plan.workers,
    runTimeoutMs: plan.runTimeoutMs,
    workerUrl: plan.workerUrl,
    env: plan.testAgents ? { ...process.env, [TEST_AGENTS_VARIABLE]: plan.testAgents } : process.env,
    workerData: { agentModules: plan.agentModules ?? [] },
  });

  const files = outputFiles(plan.out);
  if (plan.force) for (const f of Object.values(files)) rmSync(f, { force: true });
  const previous = plan.resume
    ? prepareResume(files.results, plan.episodes)
    : { rows: [] as BenchRow[], runs: new Set<string>(), badLines: 0, partialRuns: 0, duplicateRuns: 0 };
  if (previous.badLines || previous.partialRuns)
    process.stderr.write(
      `trapworld: --resume: dropped ${previous.partialRuns} incomplete run(s) and ${previous.badLines} torn line(s) left by an interruption\n`,
    );
  writeManifest(plan.out, manifest);
  const wanted = new Set(jobs.map((j) => j.key));
  const resumed = [...previous.runs].filter((k) => wanted.has(k)).length;
  // Dispatch the biggest worlds first (a cheap guess at the longest runs) so none is left for the end;
  // completion order never matters, the summary sorts.
  const size = new Map(plan.envs.map((e) => [e.name, cellCount(e)]));
  const todo = jobs
    .filter((j) => !previous.runs.has(j.key))
    .sort((a, b) => size.get(b.job.environment)! - size.get(a.job.environment)! || a.index - b.index);

  const writer = new ResultsWriter(files.results);
  const counts = {
    done: resumed,
    total: jobs.length,
    deaths: previous.rows.filter((r) => r.outcome === 'death').length,
    failed: previous.rows.filter(isFailure).length,
  };
  const progress = createProgress(plan.progress);
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) {
      // A second Ctrl-C: leave at once, with what is written synced.
      writer.close();
      process.exit(130);
    }
    interrupted = true;
    void pool.stop();
  };
  if (plan.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  progress.start({ ...counts });
  try {
    await pool.run(todo, (finished) => {
      writer.appendRuns(finished.map((f) => f.run));
      for (const { run } of finished) {
        counts.done++;
        counts.deaths += run.deaths;
        if (run.failed) counts.failed++;
      }
      progress.update(counts);
    });
  } catch (e) {
    await pool.stop();
    throw e;
  } finally {
    await pool.close();
    progress.stop();
    writer.close();
    if (plan.handleSignals) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }

  const final = readResults(files.results, plan.episodes);
  const runKeys = new Set(final.rows.map(runKey));
  const failedRuns = new Set(final.rows.filter(isFailure).map(runKey));
  const refusedRuns = new Set(final.rows.filter((r) => r.error !== null && r.refused).map(runKey));
  const summary = interrupted ? null : await writeSummaryFiles(plan.out, final.rows, worldTitles([manifest]));
  const outcome: BenchOutcome = {
    out: plan.out,
    runs: jobs.length,
    resumed,
    completed: runKeys.size,
    failed: failedRuns.size,
    refused: refusedRuns.size,
    rows: final.rows.length,
    interrupted,
    seconds: (performance.now() - t0) / 1000,
    files,
    summary,
    pool: pool.stats,
  };
  return { outcome, rows: final.rows };
}
