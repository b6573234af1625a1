/**
 * Horizon mode's leaf values: the risk-neutral mixture model, value iteration in the world where each
 * unknown cell has each variant's outcome with its posterior probability and nothing more is learned. It
 * prices every risk and ignores future learning, so it underrates information beyond the horizon.
 *
 * Not `buildModel(world, variants)` + `valueIteration` from `src/plan`: those vary only the cell entered
 * or poked, one cell at a time, while a template's joint covers every cell an action reads (its own cell
 * too, and with slip several cells of one factor together); they also sweep every cell rather than the
 * reachable positions and start from other values. Reading the planner's own templates keeps the leaves
 * consistent with the search above them.
 */
import { UsageError } from '../../core/errors.ts';
import { jointWeight } from './joint.ts';
import type { PlanWorld } from './plan-world.ts';
import { createBackups, sweepPositions } from './sweep.ts';
import { END, STUCK_KIND, type PosteriorOf } from './types.ts';

/** The mixture value of every position under posterior `post`. */
export function mixtureValues(pw: PlanWorld, post: PosteriorOf, tolerance: number): Float64Array {
  const P = pw.positions.length;
  const A = pw.actions.length;
  const gamma = pw.gamma;
  const tail = gamma * pw.stuckValue;
  const backups = createBackups(P * A);
  for (let ti = 0; ti < P * A; ti++) {
    const t = pw.templates[ti];
    const digits = new Int32Array(t.factors.length);
    const acc = new Map<number, number>();
    let c = 0;
    for (let j = 0; j < t.joint; j++) {
      const w = jointWeight(t, j, post, digits);
      if (!(w > 0)) continue;
      for (let b = t.branchStart[j]; b < t.branchStart[j + 1]; b++) {
        const q = w * t.bP[b];
        if (t.bKind[b] === END) c += q * t.bR[b];
        else if (t.bKind[b] === STUCK_KIND) c += q * (t.bR[b] + tail);
        else {
          c += q * t.bR[b];
          const n = pw.posIndex[t.groups[t.bGroup[b]].cell];
          acc.set(n, (acc.get(n) ?? 0) + q);
        }
      }
    }
    backups.constant[ti] = c;
    backups.p[ti] = Float64Array.from(acc.values());
    backups.next[ti] = Int32Array.from(acc.keys());
  }
  const V = new Float64Array(P).fill(pw.waitAllowed || gamma >= 1 ? pw.stuckValue : 0);
  const floor = gamma >= 1 ? pw.stuckValue : -Infinity;
  if (sweepPositions(V, 0, A, gamma, floor, tolerance, backups) !== 'converged')
    throw new UsageError(`bayes-optimal: leaf values did not converge in ${pw.spec.name} (gamma ${gamma})`);
  return V;
}
