/** The worker pool against a worker that answers with malformed runs: error rows, never lost runs. */
import { describe, expect, it } from 'vitest';
import { buildJobs } from '../../src/bench/jobs.ts';
import { WorkerPool, type FinishedRun } from '../../src/bench/pool.ts';

const jobs = buildJobs(
  [{ name: 'snake-corridor', source: 'builtin' }],
  [{ name: 'random', options: {} }],
  3,
  1,
);

describe('WorkerPool', () => {
  for (const reply of ['object', 'stale', 'wrong-seed', 'wrong-count'])
    it(`records a malformed reply (${reply}) as an error row for each run`, async () => {
      const pool = new WorkerPool({
        workers: 1,
        runTimeoutMs: 30_000,
        workerUrl: new URL('../fixtures/bad-worker.mjs', import.meta.url),
        env: { ...process.env, TRAPWORLD_FAKE_REPLY: reply },
      });
      const finished: FinishedRun[] = [];
      try {
        await pool.run(jobs, (runs) => finished.push(...runs));
      } finally {
        await pool.close();
      }
      expect(finished.map((f) => f.task.job.seed).sort()).toEqual([0, 1, 2]);
      for (const { run, task } of finished) {
        expect(run).toMatchObject({ rows: 1, failed: true });
        expect(JSON.parse(run.lines)).toMatchObject({
          agent: 'random',
          seed: task.job.seed,
          error: 'the worker returned malformed rows',
        });
      }
    });
});
