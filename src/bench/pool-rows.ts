/** Rows the pool handles itself: error rows for runs that produced none, and a batch's rows cut into runs. */
import { errorRow, type RunJob, type RunRow } from '../worker/batch.ts';

/** An error row for a run that produced none (timed out, its worker died, the call failed). */
export function failureRow(job: RunJob, message: string): RunRow {
  const base = {
    environment: job.spec?.name ?? job.environment,
    agent: job.agent,
    options: job.options,
    seed: job.seed,
  };
  return errorRow(base, 0, {}, new Error(message));
}

/** Splits the concatenated rows of a batch back into runs (each ends at K episodes or an error row). */
export function splitRows(jobs: readonly RunJob[], rows: readonly RunRow[]): RunRow[][] | null {
  const out: RunRow[][] = [];
  let i = 0;
  for (const job of jobs) {
    const mine: RunRow[] = [];
    while (i < rows.length) {
      const r = rows[i++];
      if (r.seed !== job.seed || r.agent !== job.agent) return null;
      mine.push(r);
      if (r.error !== null || mine.length === job.episodes) break;
    }
    if (mine.length === 0) return null;
    out.push(mine);
  }
  return i === rows.length ? out : null;
}
