/**
 * The simulator API that both workers expose through comlink: Node worker threads for `trapworld bench`
 * and the browser's web worker for the app. One API, two adapters (node-worker.ts, browser-worker.ts).
 * Calls are coarse (a whole run, a batch of frames), never one message per step.
 */
import { runJob, type RunJob, type RunRow } from './batch.ts';
import { sessionApi } from './session.ts';

export const simulatorApi = {
  /** Plays whole runs and returns their rows; `clock` timing uses the worker's performance.now(). */
  runJobs(jobs: RunJob[]): RunRow[] {
    return jobs.flatMap((job) => runJob(job, () => performance.now()));
  },
  /** The app's sessions: step-by-step runs recorded frame by frame (src/worker/session.ts). */
  ...sessionApi,
};

export type SimulatorApi = typeof simulatorApi;
