/**
 * The simulator API that both workers expose through comlink: Node worker threads for `trapworld bench`
 * and the browser's web worker for the app. One API, two adapters (node-worker.ts, browser-worker.ts).
 * Calls are coarse (a whole run, a batch of frames), never one message per step.
 */
import { encodeRun, type EncodedRun } from '../bench/rows.ts';
import { runJob, type RunJob } from './batch.ts';
import { sessionApi } from './session.ts';

export const simulatorApi = {
  /**
   * Plays whole runs and returns each one's rows as results.jsonl lines (one entry per job, in order);
   * decision time is measured with the worker's performance.now().
   */
  runJobs(jobs: RunJob[]): EncodedRun[] {
    return jobs.map((job) => encodeRun(runJob(job, () => performance.now())));
  },
  /** The app's sessions: step-by-step runs recorded frame by frame (src/worker/session.ts). */
  ...sessionApi,
};

export type SimulatorApi = typeof simulatorApi;
