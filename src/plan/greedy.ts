/** Acting on a solution: the greedy action at a cell, and the path it leads along (for the plan overlay). */
import { ACTIONS, type Action } from '../core/format.ts';
import { TERMINAL, STUCK } from './model.ts';
import type { Solution } from './solve.ts';

/** The best action at `cell`; ties (within 1e-9) go to the first in the environment's action order. */
export function greedyAction(solution: Solution, cell: number): Action {
  const { actions } = solution.model;
  const A = actions.length;
  let best = 0;
  for (let k = 1; k < A; k++) if (solution.q[cell * A + k] > solution.q[cell * A + best] + 1e-9) best = k;
  return ACTIONS[actions[best]];
}

/** Cells visited following greedy actions along their most likely outcomes, up to `limit` steps. */
export function greedyPath(solution: Solution, cell: number, limit = 200): number[] {
  const m = solution.model;
  const A = m.actions.length;
  const path = [cell];
  const seen = new Set(path);
  let at = cell;
  for (let i = 0; i < limit && m.standing[at]; i++) {
    const action = greedyAction(solution, at);
    const k = m.actions.indexOf(ACTIONS.indexOf(action));
    let next = -3;
    let p = -1;
    for (let j = m.offset[at * A + k]; j < m.offset[at * A + k + 1]; j++)
      if (m.prob[j] > p) {
        p = m.prob[j];
        next = m.next[j];
      }
    if (next === TERMINAL || next === STUCK) {
      const dir = ACTIONS.indexOf(action);
      const entered = dir < 4 ? m.world.neighbour[at * 4 + dir] : -1;
      if (entered >= 0) path.push(entered);
      break;
    }
    if (next < 0 || seen.has(next)) break;
    path.push(next);
    seen.add(next);
    at = next;
  }
  return path;
}
