/**
 * Moving along safe cells: breadth-first distances over the standing cells of a (safe) plan's model,
 * using deterministic moves, and the next move towards a chosen cell. The safe plan's world already has
 * every over-budget cell turned into a wall, so these paths never cross one.
 */
import { ACTIONS, type Action } from '../core/format.ts';
import { moveTarget } from './model.ts';
import type { Solution } from './solve.ts';

export function safeDistances(plan: Solution, from: number): Int32Array {
  const { world, standing } = plan.model;
  const dist = new Int32Array(world.cellCount).fill(-1);
  if (!standing[from]) return dist;
  dist[from] = 0;
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const c = queue[i];
    if (world.leaveTo[c] >= 0) continue;
    for (let d = 0; d < 4; d++) {
      const t = moveTarget(world, c, d);
      if (t >= 0 && standing[t] && dist[t] < 0) {
        dist[t] = dist[c] + 1;
        queue.push(t);
      }
    }
  }
  return dist;
}

/** A move from `from` that gets closer to `to` (distances from `from`), or null when `to` is unreachable. */
export function stepToward(plan: Solution, distFrom: Int32Array, from: number, to: number): Action | null {
  if (distFrom[to] < 0) return null;
  const { world, standing } = plan.model;
  // Walk back from the target along decreasing distances to find the first move.
  let at = to;
  while (distFrom[at] > 1) {
    let prev = -1;
    for (let d = 0; d < 4 && prev < 0; d++) {
      const n = world.neighbour[at * 4 + d];
      if (
        n >= 0 &&
        distFrom[n] === distFrom[at] - 1 &&
        standing[n] &&
        moveTarget(world, n, (d + 2) & 3) === at
      )
        prev = n;
    }
    if (prev < 0) return null;
    at = prev;
  }
  for (let d = 0; d < 4; d++) if (moveTarget(world, from, d) === at) return ACTIONS[d];
  return null;
}
