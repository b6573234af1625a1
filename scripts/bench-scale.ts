/**
 * npm run bench:scale [-- --json] [--runs N]
 * Throughput of the bench's worker pool: runs per second with 1 and 2 worker threads on short episodes
 * (random, q-learning and thompson on the small built-in worlds, rows written to a results.jsonl as the
 * bench writes them; goal: 2 workers ≥ 1.8× one), and the
 * pool's overhead per run (a trivial agent on a 3-cell world: pool time per run minus the same runs
 * played in this thread), batched as the bench does and with one call per run. Needs dist/worker.js
 * (the npm script builds it first).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { scriptedAgent } from '../agents/scripted.ts';
import { buildJobs, type BenchJob } from '../src/bench/jobs.ts';
import { WorkerPool } from '../src/bench/pool.ts';
import { ResultsWriter } from '../src/bench/results-file.ts';
import { validateEnvironment } from '../src/core/validate.ts';
import { runJob } from '../src/worker/batch.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
/** Only the short-episode throughput, as JSON (how the default-GC comparison is measured). */
const shortOnly = args.includes('--short-only');
const runsArg = args.indexOf('--runs');
const scratch = mkdtempSync(join(tmpdir(), 'trapworld-bench-scale-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const seeds = runsArg >= 0 ? Math.max(1, Math.ceil(Number(args[runsArg + 1]) / 18)) : 3000;

/** Busy CPU seconds of the whole machine (Linux /proc/stat, USER_HZ 100), or null elsewhere. */
function machineBusySeconds(): number | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / 100;
  } catch {
    return null;
  }
}

/** Times `jobs` on a warm pool (workers started beforehand), best of `repeats`. */
async function throughput(
  jobs: BenchJob[],
  workers: number,
  options: { maxBatch?: number; depth?: number; repeats?: number } = {},
) {
  const pool = new WorkerPool({
    workers,
    runTimeoutMs: 600_000,
    maxBatch: options.maxBatch,
    depth: options.depth,
  });
  await pool.warmUp();
  await pool.run(jobs.slice(0, 20_000), () => {}); // JIT warm-up in the workers and here
  let best = { seconds: Infinity, calls: 0, ownCores: 0, otherCores: 0 };
  for (let r = 0; r < (options.repeats ?? 3); r++) {
    const before = pool.stats.calls;
    const busy0 = machineBusySeconds();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // Rows go to a results.jsonl exactly as the bench writes them: this thread's share of the work.
    const writer = new ResultsWriter(join(scratch, `results-${workers}-${r}.jsonl`));
    await pool.run(jobs, (runs) => writer.appendRuns(runs.map((f) => f.run)));
    writer.close();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const own = (cpu.user + cpu.system) / 1e6;
    const busy = busy0 === null ? null : machineBusySeconds()! - busy0;
    if (seconds < best.seconds)
      best = {
        seconds,
        calls: pool.stats.calls - before,
        ownCores: own / seconds,
        otherCores: busy === null ? 0 : Math.max(0, busy - own) / seconds,
      };
  }
  await pool.close();
  return { runs: jobs.length, runsPerSecond: jobs.length / best.seconds, ...best };
}

/** Worker start-up: spawning threads and loading dist/worker.js until the first answer. */
/**
 * The ceiling without the pool: the same jobs split between bare threads that call runJob directly
 * (sources through tsx), warmed up by a first pass; no messages, no rows sent back.
 */
async function bareThreads(jobs: BenchJob[], threads: number): Promise<number> {
  const batch = new URL('../src/worker/batch.ts', import.meta.url).href;
  const code = `
    import { parentPort, workerData } from 'node:worker_threads';
    import { register } from 'tsx/esm/api';
    register();
    const { runJob } = await import(${JSON.stringify(batch)});
    for (const j of workerData.jobs) runJob(j, () => performance.now());
    parentPort.postMessage('warm');
    await new Promise((resolve) => parentPort.once('message', resolve));
    for (const j of workerData.jobs) runJob(j, () => performance.now());
    parentPort.postMessage('done');
  `;
  const parts = Array.from({ length: threads }, (_, i) =>
    jobs.filter((_, k) => k % threads === i).map((j) => j.job),
  );
  const ws = parts.map((part) => new Worker(code, { eval: true, workerData: { jobs: part } }));
  const next = (w: Worker) => new Promise((resolve) => w.once('message', resolve));
  await Promise.all(ws.map(next));
  const t0 = performance.now();
  const done = ws.map(next);
  for (const w of ws) w.postMessage('go');
  await Promise.all(done);
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(ws.map((w) => w.terminate()));
  return jobs.length / seconds;
}

async function startup(workers: number): Promise<number> {
  const pool = new WorkerPool({ workers, runTimeoutMs: 600_000 });
  const t0 = performance.now();
  await pool.warmUp();
  const ms = performance.now() - t0;
  await pool.close();
  return ms;
}

// Short episodes: 6 small worlds × 3 agents × seeds, one episode each.
const short = buildJobs(
  ['snake-corridor', 'pit-field', 'lava-gap', 'cliff-walking', 'thin-ice', 'one-way-doors'].map((name) => ({
    name,
    source: 'builtin',
  })),
  [
    { name: 'random', options: {} },
    { name: 'q-learning', options: { epsilon: 0.1, alpha: 0.5, initial: 0 } },
    { name: 'thompson', options: {} },
  ],
  seeds,
  1,
);
const one = await throughput(short, 1);
const two = await throughput(short, 2);
const singleThreadedGc = process.execArgv.includes('--single-threaded-gc');
if (shortOnly) {
  process.stdout.write(
    `${JSON.stringify({ runsPerSecond1: one.runsPerSecond, runsPerSecond2: two.runsPerSecond })}\n`,
  );
  process.exit(0);
}
// The same measurement under V8's default (parallel) GC, in a child process: flags are per process.
const defaultGc = singleThreadedGc
  ? (JSON.parse(
      execFileSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url), '--short-only', '--runs', String(short.length)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      ),
    ) as { runsPerSecond1: number; runsPerSecond2: number })
  : null;
const bare1 = Math.max(await bareThreads(short, 1), await bareThreads(short, 1));
const bare2 = Math.max(await bareThreads(short, 2), await bareThreads(short, 2));
const startup1 = await startup(1);
const startup2 = await startup(2);

// Overhead: a trivial agent (scripted E,E) on a 3-cell world, sent as a spec like a user's file.
const tiny = validateEnvironment({ name: 'tiny', map: ['A.G'] }, 'tiny.json');
const trivial = buildJobs(
  [{ name: 'tiny', source: 'tiny.json', spec: tiny }],
  [{ name: scriptedAgent.name, options: { actions: 'E,E' } }],
  5000,
  1,
);
let inThreadUs = Infinity;
for (let r = 0; r < 4; r++) {
  const t0 = performance.now();
  for (const j of trivial) runJob(j.job, () => performance.now());
  inThreadUs = Math.min(inThreadUs, ((performance.now() - t0) * 1000) / trivial.length);
}
const batched = await throughput(trivial, 1);
const unbatched = await throughput(trivial.slice(0, 2000), 1, { maxBatch: 1, depth: 1 });
const overheadUs = (r: { seconds: number; runs: number }) => (r.seconds * 1e6) / r.runs - inThreadUs;

const result = {
  cores: availableParallelism(),
  shortRuns: one.runs,
  runsPerSecond1: one.runsPerSecond,
  runsPerSecond2: two.runsPerSecond,
  speedup: two.runsPerSecond / one.runsPerSecond,
  gc: singleThreadedGc ? 'single-threaded' : 'default',
  defaultGcRunsPerSecond1: defaultGc?.runsPerSecond1 ?? null,
  defaultGcRunsPerSecond2: defaultGc?.runsPerSecond2 ?? null,
  bareThreadsRunsPerSecond1: bare1,
  bareThreadsRunsPerSecond2: bare2,
  bareThreadsSpeedup: bare2 / bare1,
  calls1: one.calls,
  calls2: two.calls,
  trivialRunInThreadUs: inThreadUs,
  overheadPerRunBatchedUs: overheadUs(batched),
  overheadPerRunUnbatchedUs: overheadUs(unbatched),
  trivialCallsBatched: batched.calls,
  startupMs1: startup1,
  startupMs2: startup2,
  cpuCores1: one.ownCores,
  cpuCores2: two.ownCores,
  otherProcessesCores: Math.max(one.otherCores, two.otherCores),
};
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else
  process.stdout.write(
    [
      `bench:scale on ${result.cores} cores (Node ${process.version})`,
      `short episodes (${one.runs} runs: random, q-learning, thompson on 6 small worlds, 1 episode each; warm pool, best of 3; rows written to results.jsonl; ${result.gc} GC (npm run bench uses --single-threaded-gc)):`,
      `  1 worker:  ${one.runsPerSecond.toFixed(0)} runs/s (${one.calls} calls, ${one.ownCores.toFixed(2)} cores busy)`,
      `  2 workers: ${two.runsPerSecond.toFixed(0)} runs/s (${two.calls} calls, ${two.ownCores.toFixed(2)} cores busy)`,
      `  speedup:   ${result.speedup.toFixed(2)}× (goal ≥ 1.8×)`,
      ...(defaultGc
        ? [
            `  with V8's default parallel GC instead: ${defaultGc.runsPerSecond1.toFixed(0)} and ${defaultGc.runsPerSecond2.toFixed(0)} runs/s, ${(defaultGc.runsPerSecond2 / defaultGc.runsPerSecond1).toFixed(2)}× (its helper threads compete with the workers for the cores)`,
          ]
        : []),
      `  without the pool (bare threads calling runJob, same split): ${bare1.toFixed(0)} and ${bare2.toFixed(0)} runs/s, ${result.bareThreadsSpeedup.toFixed(2)}×`,
      `  the pool's efficiency: ${((100 * one.runsPerSecond) / bare1).toFixed(0)}% (1 worker), ${((100 * two.runsPerSecond) / bare2).toFixed(0)}% (2 workers)`,
      `pool overhead per run (trivial agent, 3-cell world, 1 worker; ${inThreadUs.toFixed(1)} µs per run in-thread):`,
      `  batched (as the bench runs): ${result.overheadPerRunBatchedUs.toFixed(1)} µs (${batched.calls} calls for ${batched.runs} runs)`,
      `  one call per run:            ${result.overheadPerRunUnbatchedUs.toFixed(1)} µs`,
      `worker start-up (once per bench, not included above): ${startup1.toFixed(0)} ms for 1 worker, ${startup2.toFixed(0)} ms for 2`,
      ...(result.otherProcessesCores > 0.15
        ? [
            `warning: other processes kept up to ${result.otherProcessesCores.toFixed(2)} cores busy during a measurement: the numbers are not reliable`,
          ]
        : []),
      '',
    ].join('\n'),
  );
