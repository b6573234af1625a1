/**
 * A pool of Node worker threads running whole runs through the simulator API (comlink).
 *
 * - Batching: a call carries several runs of the same group (world, agent, options) once the pool knows
 *   how long such runs take, aiming at about `targetBatchMs` per call (one call costs ~0.1 ms), and
 *   fewer near the end so that no worker idles while another holds a long batch.
 * - Pipelining: each worker has up to `depth` calls queued (default 2), so it starts the next batch at
 *   once instead of waiting for this thread to receive the last one (on a machine with as many cores
 *   as workers, this thread competes with them for CPU).
 * - Timeouts: the call a worker is running may take at most `runTimeoutMs` (counted from when it
 *   starts, not when it was queued); then the worker is terminated and replaced. A batch is split and
 *   its runs retried one by one; a single run that times out gets an error row.
 * - Deaths: a worker that exits (an agent calling process.exit, a crash) is replaced. The call it was
 *   running is blamed: a batch is split and retried run by run; a single run is retried once, and if
 *   its worker dies again it gets an error row. Calls queued behind it are re-sent unchanged.
 * - stop() stops dispatching and terminates every worker; runs in flight are abandoned. Workers stay
 *   up between run() calls until close(), so a caller can time a warm pool.
 *
 * Every run is reported exactly once (unless stopped), in completion order: `onRuns` receives the runs
 * a call finished together (a batch), so the caller can write them in one go.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunJob } from '../worker/batch.ts';
import type { SimulatorApi } from '../worker/simulator.ts';
import { connect, type Remote } from './comlink-node.ts';
import { failedRun } from './pool-rows.ts';
import { isEncodedRunOf, type EncodedRun } from './rows.ts';

export interface PoolTask {
  key: string;
  group: string;
  job: RunJob;
}

export interface FinishedRun {
  task: PoolTask;
  run: EncodedRun;
}

export type OnRuns = (runs: FinishedRun[]) => void;

export interface PoolOptions {
  workers: number;
  runTimeoutMs: number;
  workerUrl?: URL;
  /** Environment variables of the worker threads (default: this process's). */
  env?: Record<string, string | undefined>;
  /** Given to every worker thread as its `workerData` (the agent modules it must load). */
  workerData?: unknown;
  targetBatchMs?: number;
  maxBatch?: number;
  /** Calls queued per worker (1 = no pipelining). */
  depth?: number;
}

export interface PoolStats {
  calls: number;
  workersStarted: number;
  timeouts: number;
  deaths: number;
  retries: number;
}

/** dist/worker.js: next to the built CLI, or found from the sources (tsx, tests). */
export function defaultWorkerUrl(): URL {
  const beside = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../dist/worker.js', import.meta.url);
}

type CallOutcome =
  | { kind: 'ok'; runs: EncodedRun[]; ms: number }
  | { kind: 'rejected'; message: string }
  | { kind: 'timeout' }
  | { kind: 'died'; cause: string }
  /** Queued behind a call that killed the worker: never started, re-send as is. */
  | { kind: 'abandoned' };

interface Call {
  resolve: (outcome: CallOutcome) => void;
  startedAt: number;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  api: Remote<SimulatorApi>;
  /** Calls sent, in order: the first is the one the worker is running. */
  inFlight: Call[];
  dead: boolean;
  error: string | null;
}

interface Pending {
  task: PoolTask;
  attempts: number;
}

export class WorkerPool {
  readonly stats: PoolStats = { calls: 0, workersStarted: 0, timeouts: 0, deaths: 0, retries: 0 };
  /** Pending runs in order, consumed from `head` (shift() on a long array is O(n)). */
  private queue: Pending[] = [];
  private head = 0;
  /** Batches to re-send as they were (queued behind a call that killed their worker). */
  private redo: Pending[][] = [];
  /** Runs to retry one by one, so a failure is pinned on one run (split batches, a died worker's run). */
  private retry: Pending[] = [];
  private readonly estimates = new Map<string, number>();
  /** One slot per worker index; null until started, or after its worker died. */
  private readonly slots: (Slot | null)[] = [];
  private stopped = false;
  private readonly url: URL;

  constructor(private readonly options: PoolOptions) {
    this.url = options.workerUrl ?? defaultWorkerUrl();
    if (!existsSync(fileURLToPath(this.url)))
      throw new Error(`${fileURLToPath(this.url)} is missing: run \`npm run build\` first`);
  }

  /** Runs every task; resolves when all have reported (or after stop()). */
  async run(tasks: readonly PoolTask[], onRuns: OnRuns): Promise<void> {
    this.queue = tasks.map((task) => ({ task, attempts: 0 }));
    this.head = 0;
    this.redo = [];
    this.retry = [];
    if (tasks.length === 0) return;
    const workers = Math.max(1, Math.min(this.options.workers, tasks.length));
    const depth = Math.max(1, this.options.depth ?? 2);
    const lanes: Promise<void>[] = [];
    for (let i = 0; i < workers; i++) for (let d = 0; d < depth; d++) lanes.push(this.lane(i, onRuns));
    await Promise.all(lanes);
  }

  /** Starts the workers ahead of run() (for timing a warm pool). */
  async warmUp(): Promise<void> {
    const slots = Array.from({ length: this.options.workers }, (_, i) => this.slotFor(i));
    await Promise.all(slots.map((s) => s.api.runJobs([])));
  }

  /** Stops dispatching and terminates every worker; pending and in-flight runs are abandoned. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue = [];
    this.head = 0;
    this.redo = [];
    this.retry = [];
    await this.close();
  }

  /** Terminates the workers: call when done with the pool, or Node keeps running. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0).filter((s): s is Slot => s !== null);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private slotFor(i: number): Slot {
    const existing = this.slots[i];
    if (existing && !existing.dead) return existing;
    const worker = new Worker(fileURLToPath(this.url), {
      env: this.options.env ?? process.env,
      workerData: this.options.workerData,
      stdout: true,
    });
    this.stats.workersStarted++;
    const slot: Slot = { worker, api: connect<SimulatorApi>(worker), inFlight: [], dead: false, error: null };
    // Whatever an agent prints goes to stderr: stdout may be carrying --json.
    worker.stdout.on('data', (d: Buffer) => process.stderr.write(d));
    worker.on('error', (e) => (slot.error = e instanceof Error ? e.message : String(e)));
    worker.once('exit', (code) => {
      if (!slot.dead)
        this.kill(slot, { kind: 'died', cause: slot.error ? `error: ${slot.error}` : `exit code ${code}` });
    });
    this.slots[i] = slot;
    return slot;
  }

  /** The worker is gone or going: the running call gets `outcome`, the queued ones are abandoned. */
  private kill(slot: Slot, outcome: CallOutcome): void {
    slot.dead = true;
    const calls = slot.inFlight.splice(0);
    for (const c of calls) clearTimeout(c.timer);
    calls[0]?.resolve(outcome);
    for (const c of calls.slice(1)) c.resolve({ kind: 'abandoned' });
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = null;
    if (outcome.kind === 'timeout') void slot.worker.terminate();
  }

  private startTimer(slot: Slot, call: Call): void {
    call.startedAt = performance.now();
    call.timer = setTimeout(() => {
      this.stats.timeouts++;
      this.kill(slot, { kind: 'timeout' });
    }, this.options.runTimeoutMs);
  }

  private call(slot: Slot, jobs: RunJob[]): Promise<CallOutcome> {
    this.stats.calls++;
    return new Promise<CallOutcome>((resolve) => {
      const call: Call = { resolve, startedAt: 0 };
      slot.inFlight.push(call);
      if (slot.inFlight.length === 1) this.startTimer(slot, call);
      const settle = (outcome: CallOutcome) => {
        const k = slot.inFlight.indexOf(call);
        if (slot.dead || k < 0) return; // already resolved by kill()
        clearTimeout(call.timer);
        slot.inFlight.splice(k, 1);
        if (k === 0 && slot.inFlight.length > 0) this.startTimer(slot, slot.inFlight[0]);
        resolve(outcome);
      };
      slot.api.runJobs(jobs).then(
        (runs) => settle({ kind: 'ok', runs, ms: performance.now() - call.startedAt }),
        (e: unknown) => settle({ kind: 'rejected', message: e instanceof Error ? e.message : String(e) }),
      );
    });
  }

  private pending(): number {
    return this.queue.length - this.head + this.retry.length;
  }

  private batchSize(group: string): number {
    const est = this.estimates.get(group);
    if (est === undefined) return 1;
    const target = this.options.targetBatchMs ?? 25;
    const fit = Math.floor(target / Math.max(est, 0.001));
    const depth = Math.max(1, this.options.depth ?? 2);
    const tail = Math.ceil(this.pending() / (this.options.workers * depth * 3));
    return Math.max(1, Math.min(fit, this.options.maxBatch ?? 128, tail));
  }

  private takeBatch(): Pending[] {
    const again = this.redo.shift();
    if (again) return again;
    const retried = this.retry.shift();
    if (retried) return [retried];
    if (this.head >= this.queue.length) return [];
    const first = this.queue[this.head++];
    const batch = [first];
    const size = this.batchSize(first.task.group);
    while (
      batch.length < size &&
      this.head < this.queue.length &&
      this.queue[this.head].task.group === first.task.group
    )
      batch.push(this.queue[this.head++]);
    return batch;
  }

  /** One of a worker's lanes: sends a batch, waits for its outcome, records it, and again. */
  private async lane(i: number, onRuns: OnRuns): Promise<void> {
    while (!this.stopped) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      const jobs = batch.map((p) => p.task.job);
      const outcome = await this.call(this.slotFor(i), jobs);
      if (this.stopped) return;
      const split = () => this.retry.push(...batch);
      const fail = (message: string) => onRuns([{ task: batch[0].task, run: failedRun(jobs[0], message) }]);
      switch (outcome.kind) {
        case 'ok': {
          const runs = outcome.runs;
          const wellFormed =
            Array.isArray(runs) &&
            runs.length === jobs.length &&
            runs.every((r, k) => isEncodedRunOf(r, jobs[k]));
          if (!wellFormed) {
            if (batch.length > 1) split();
            else fail('the worker returned malformed rows');
            break;
          }
          const group = batch[0].task.group;
          const perRun = outcome.ms / batch.length;
          const before = this.estimates.get(group);
          this.estimates.set(group, before === undefined ? perRun : 0.7 * before + 0.3 * perRun);
          onRuns(batch.map((p, k) => ({ task: p.task, run: runs[k] })));
          break;
        }
        case 'rejected':
          if (batch.length > 1) split();
          else fail(outcome.message);
          break;
        case 'abandoned':
          this.redo.push(batch);
          break;
        case 'timeout':
          if (batch.length > 1) split();
          else
            fail(
              `run timed out after ${this.options.runTimeoutMs} ms (--run-timeout); its worker was terminated`,
            );
          break;
        case 'died':
          this.stats.deaths++;
          if (batch.length > 1) split();
          else if (batch[0].attempts === 0) {
            this.stats.retries++;
            this.retry.push({ ...batch[0], attempts: 1 });
          } else fail(`the worker running this run died twice (${outcome.cause})`);
          break;
      }
    }
  }
}
