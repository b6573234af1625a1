/**
 * Playing a generation's lives: in this thread (tests, the library) or in the bench's worker pool
 * (`trapworld evolve`). Both run each life through `runJob`, the bench workers' own function, so the
 * two give the same lives; which worker plays which life never matters.
 */
import type { AgentModuleRef } from '../cli/agent-modules.ts';
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../bench/pool.ts';
import type { BenchRow } from '../bench/rows.ts';
import { runJob, type RunJob, type RunRow } from '../worker/batch.ts';
import { LifeError, type Evaluate, type Life } from './evolve.ts';

/** A life from its results row; a row with an error stops the evolution (exit 1 at the command line). */
export function lifeOf(row: RunRow | BenchRow | undefined, job: RunJob): Life {
  if (!row || row.error !== null || row.outcome === null)
    throw new LifeError(`an animal's life failed (episode seed ${job.seed}): ${row?.error ?? 'no result'}`);
  return { outcome: row.outcome, return: row.return!, steps: row.steps!, pokes: row.pokes! };
}

/** Every life in this thread, one after the other. */
export const evaluateInThread: Evaluate = async (jobs) => jobs.map((job) => lifeOf(runJob(job)[0], job));

/** Lives in W worker threads (dist/worker.js); the workers stay up from one generation to the next. */
export class PoolEvaluator {
  private readonly pool: WorkerPool;
  private stopped = false;

  constructor(
    workers = availableParallelism(),
    runTimeoutMs = 600_000,
    workerUrl?: URL,
    /** The user's agent modules (`evolve --agent FILE`), loaded in every worker. */
    agentModules: readonly AgentModuleRef[] = [],
  ) {
    this.pool = new WorkerPool({ workers, runTimeoutMs, workerUrl, workerData: { agentModules } });
  }

  /** Called as lives finish: how many of this generation's have. */
  onProgress: (done: number) => void = () => {};

  readonly evaluate: Evaluate = async (jobs) => {
    const lives: (Life | null)[] = jobs.map(() => null);
    let done = 0;
    let failure: LifeError | null = null;
    await this.pool.run(
      jobs.map((job, i) => ({ key: String(i), group: 'animal', job })),
      (finished) => {
        for (const { task, run } of finished) {
          const i = Number(task.key);
          const row = JSON.parse(run.lines.slice(0, run.lines.indexOf('\n'))) as BenchRow;
          try {
            lives[i] = lifeOf(row, jobs[i]);
          } catch (e) {
            failure ??= e as LifeError;
          }
          done++;
        }
        this.onProgress(done);
      },
    );
    if (this.stopped) return null;
    if (failure) throw failure;
    return lives;
  };

  /** Stops at once (Ctrl-C): lives in flight are abandoned and `evaluate` resolves with null. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.pool.stop();
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
