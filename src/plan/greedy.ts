/** Acting on a solution: the greedy action at a cell, and the path it leads along (for the plan overlay). */
import { ACTIONS, type Action } from '../core/format.ts';
import { TERMINAL, STUCK } from './model.ts';
import type { Solution } from './solve.ts';

/** The model's index of the best action at `cell`; ties (within 1e-9) go to the first in the environment's order. */
function greedyIndex(solution: Solution, cell: number): number {
  const A = solution.model.actions.length;
  let best = 0;
  for (let k = 1; k < A; k++) if (solution.q[cell * A + k] > solution.q[cell * A + best] + 1e-9) best = k;
  return best;
}

/** The best action at `cell`; ties (within 1e-9) go to the first in the environment's action order. */
export function greedyAction(solution: Solution, cell: number): Action {
  return ACTIONS[solution.model.actions[greedyIndex(solution, cell)]];
}

/**
 * The expected discounted return of following the greedy actions from `start` for `horizon` steps, as
 * an episode cut off at maxSteps gets it: the start's probability mass is pushed through the model step
 * by step. Unlike the solution's value at the start, it leaves out what would come after the cut-off,
 * which an agent walled in until truncation would otherwise seem to beat. One path in a world without
 * chance; at most the standing cells per step otherwise.
 */
export function greedyReturn(solution: Solution, start: number, horizon: number): number {
  const m = solution.model;
  const A = m.actions.length;
  const { offset, next, prob, reward } = m;
  const { gamma } = solution;
  const step = m.world.stepReward;
  const n = m.stateCount;
  let mass = new Float64Array(n);
  let after = new Float64Array(n);
  let active = [start];
  mass[start] = 1;
  let moving = 1;
  let stuck = 0;
  let discount = 1;
  let total = 0;
  let t = 0;
  // Once almost no probability is still moving (all but 1e-15 ended or stuck), what is left is the stuck
  // agents' step cost, added in closed form: with slips the mass would otherwise trickle on to the end.
  for (; t < horizon && moving > 1e-15; t++) {
    // Whoever got stuck earlier pays the step reward at every step left.
    total += discount * stuck * step;
    const reached: number[] = [];
    moving = 0;
    for (const c of active) {
      const p = mass[c];
      mass[c] = 0;
      const k = greedyIndex(solution, c);
      for (let j = offset[c * A + k]; j < offset[c * A + k + 1]; j++) {
        const q = p * prob[j];
        if (q === 0) continue;
        total += discount * q * reward[j];
        const nx = next[j];
        if (nx === STUCK) stuck += q;
        else if (nx !== TERMINAL) {
          if (after[nx] === 0) reached.push(nx);
          after[nx] += q;
          moving += q;
        }
      }
    }
    [mass, after] = [after, mass];
    active = reached;
    discount *= gamma;
  }
  const left = horizon - t;
  if (stuck > 0 && left > 0)
    total += stuck * step * (gamma < 1 ? (discount * (1 - gamma ** left)) / (1 - gamma) : left);
  return total;
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
      const entered = dir < 4 ? m.world.neighbour[m.cellOf[at] * 4 + dir] : -1;
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
