/** The rows the pool writes itself: an error row for a run that produced none. */
import { errorRow, type RunJob } from '../worker/batch.ts';
import { encodeRun, type EncodedRun } from './rows.ts';

/** A run that produced no rows (timed out, its worker died, the call failed): one error row. */
export function failedRun(job: RunJob, message: string): EncodedRun {
  const base = {
    environment: job.spec?.name ?? job.environment,
    agent: job.agent,
    options: job.options,
    seed: job.seed,
  };
  return encodeRun([errorRow(base, 0, {}, new Error(message))]);
}
