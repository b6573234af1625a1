/**
 * Exact solvers on a Model: policy evaluation of the uniform random policy and value iteration, both
 * in-place (Gauss-Seidel) sweeps until the largest change falls below the tolerance. A world where the
 * values cannot converge (gamma 1 with no way to end, or a positive reward loop) is reported, not looped on.
 */
import { EffectCode, type World } from '../core/world.ts';
import { packedArrays } from '../core/packed.ts';
import { buildModel, stuckValue, STUCK, TERMINAL, type Model } from './model.ts';

export interface SolveOptions {
  gamma?: number;
  /** Stop when no value changes by more than this in a sweep. */
  tolerance?: number;
  maxSweeps?: number;
  /**
   * Anytime: stop after about this many backups (one action's outcomes summed) and return the values
   * as they stand, instead of refusing a world that has not converged. A budget in work, not time, so
   * the result is deterministic. Default: none (sweep until stable).
   */
  maxWork?: number;
  /** Warm start (for example the previous plan's values); cold start from 0 otherwise. */
  initial?: Float64Array;
}

export interface Solution {
  model: Model;
  gamma: number;
  /** Value of each model state (the cells first, then change states); 0 for cells that are not states. */
  values: Float64Array;
  /** `q[cell * A + k]` for the model's k-th action (value iteration only; empty for policy evaluation). */
  q: Float64Array;
  sweeps: number;
}

export class SolveError extends Error {}

function backup(m: Model, V: Float64Array, gamma: number, stuck: number, cell: number, k: number): number {
  const A = m.actions.length;
  let total = 0;
  for (let j = m.offset[cell * A + k]; j < m.offset[cell * A + k + 1]; j++) {
    const nx = m.next[j];
    const v = nx === TERMINAL ? 0 : nx === STUCK ? stuck : V[nx];
    total += m.prob[j] * (m.reward[j] + gamma * v);
  }
  return total;
}

/**
 * Cells from which some sequence of outcomes ends the episode (a terminal or stuck outcome). The others
 * can only loop forever: with γ 1 they have no finite value.
 */
function cellsThatCanEnd(m: Model): Uint8Array {
  const n = m.stateCount;
  const A = m.actions.length;
  // Predecessor lists in one flat array (cell c's are predecessors[start[c]] to predecessors[start[c + 1]]),
  // not one array per cell: this runs for every plan.
  const [canEnd, start, predecessors, stack] = packedArrays([
    [Uint8Array, n],
    [Int32Array, n + 1],
    [Int32Array, m.next.length],
    [Int32Array, n],
  ]);
  const edge = (j: number) => m.prob[j] > 0 && m.next[j] >= 0;
  for (let c = 0; c < n; c++) {
    if (!m.standing[c]) continue;
    for (let j = m.offset[c * A]; j < m.offset[(c + 1) * A]; j++) if (edge(j)) start[m.next[j] + 1]++;
  }
  for (let c = 0; c < n; c++) start[c + 1] += start[c];
  let top = 0;
  const fill = start.slice(0, n);
  for (let c = 0; c < n; c++) {
    if (!m.standing[c]) continue;
    for (let j = m.offset[c * A]; j < m.offset[(c + 1) * A]; j++) {
      if (edge(j)) predecessors[fill[m.next[j]]++] = c;
      else if (m.prob[j] > 0 && !canEnd[c]) {
        canEnd[c] = 1;
        stack[top++] = c;
      }
    }
  }
  while (top > 0) {
    const c = stack[--top];
    for (let i = start[c]; i < start[c + 1]; i++) {
      const p = predecessors[i];
      if (!canEnd[p]) {
        canEnd[p] = 1;
        stack[top++] = p;
      }
    }
  }
  return canEnd;
}

/** How a sweep combines a cell's action values: the best (value iteration) or the mean (random policy). */
type Combine = 'max' | 'mean';

/**
 * One in-place sweep over `cells` (forwards or backwards); returns the largest change. The backups are
 * written out here rather than called per (cell, action): a double returned from a call that V8 does
 * not inline is boxed, and that was a large share of a bench worker's garbage.
 */
function sweep(
  m: Model,
  V: Float64Array,
  cells: readonly number[],
  forward: boolean,
  gamma: number,
  stuck: number,
  combine: Combine,
): number {
  const A = m.actions.length;
  const { offset, next, prob, reward } = m;
  let delta = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[forward ? i : cells.length - 1 - i];
    let best = -Infinity;
    let sum = 0;
    for (let k = 0; k < A; k++) {
      let total = 0;
      for (let j = offset[c * A + k]; j < offset[c * A + k + 1]; j++) {
        const nx = next[j];
        const v = nx === TERMINAL ? 0 : nx === STUCK ? stuck : V[nx];
        total += prob[j] * (reward[j] + gamma * v);
      }
      best = Math.max(best, total); // Math.max, not >: a NaN must come through as it always did
      sum += total;
    }
    const v = combine === 'max' ? best : sum / A;
    const d = Math.abs(v - V[c]);
    if (d > delta) delta = d;
    V[c] = v;
  }
  return delta;
}

function sweepUntilStable(
  m: Model,
  options: SolveOptions & { clampEndless?: boolean },
  combine: Combine,
): { values: Float64Array; sweeps: number; gamma: number } {
  const gamma = options.gamma ?? m.world.gamma;
  const tol = options.tolerance ?? 1e-10;
  const maxSweeps = options.maxSweeps ?? 1_000_000;
  const stuck = stuckValue(m.world, gamma);
  const canEnd = cellsThatCanEnd(m);
  // A warm start only from values of the same states (a belief's model can differ in change states).
  const initial = options.initial?.length === m.stateCount ? options.initial : undefined;
  const V = initial ? Float64Array.from(initial) : new Float64Array(m.stateCount);
  // With γ 1 an endless cell has no finite value; optimal planning then prices it like being stuck.
  const frozen = options.clampEndless && gamma >= 1;
  const cells: number[] = [];
  for (let c = 0; c < m.stateCount; c++) {
    if (!m.standing[c]) continue;
    // Start from the value of never ending (a plain step forever): exact at once for cells whose best
    // course is to stay away from every ending (say, walled in by lava), and a bound the rest climb from.
    if (!initial || !canEnd[c]) V[c] = stuck;
    if (canEnd[c] || !frozen) cells.push(c);
  }
  // An anytime budget becomes a number of sweeps (each costs a backup per action of every cell swept).
  const perSweep = Math.max(1, cells.length * m.actions.length);
  const budgetSweeps =
    options.maxWork === undefined ? Infinity : Math.max(2, Math.floor(options.maxWork / perSweep));
  for (let n = 1; n <= maxSweeps; n++) {
    if (n > budgetSweeps) return { values: V, sweeps: n - 1, gamma };
    // Alternate the sweep direction: in-place updates then carry values across the map both ways.
    const delta = sweep(m, V, cells, (n & 1) === 1, gamma, stuck, combine);
    if (!Number.isFinite(delta)) break;
    if (delta <= tol) return { values: V, sweeps: n, gamma };
  }
  throw new SolveError(
    `values did not converge (gamma ${gamma}): with gamma 1 every state must be able to end the episode and no reward loop may be positive`,
  );
}

export function evaluateRandomPolicy(world: World, options: SolveOptions = {}): Solution {
  const m = buildModel(world);
  const { values, sweeps, gamma } = sweepUntilStable(m, options, 'mean');
  return { model: m, gamma, values, q: new Float64Array(0), sweeps };
}

/** Value iteration on a world (exact model) or on a prepared model (for example a belief's mixture model). */
export function valueIteration(source: World | Model, options: SolveOptions = {}): Solution {
  const m = 'offset' in source ? source : buildModel(source);
  const A = m.actions.length;
  const { values, sweeps, gamma } = sweepUntilStable(m, { ...options, clampEndless: true }, 'max');
  const world = m.world;
  const stuck = stuckValue(world, gamma);
  const q = new Float64Array(m.stateCount * A);
  for (let c = 0; c < m.stateCount; c++)
    if (m.standing[c]) for (let k = 0; k < A; k++) q[c * A + k] = backup(m, values, gamma, stuck, c, k);
  return { model: m, gamma, values, q, sweeps };
}

/**
 * The value of each cell as the agent's start, as `solve --json` prints it: null for walls; 0 for cells
 * that end the episode on entry (goal, death); the stuck value for cells that trap without killing; for
 * a teleport cell, the value of its destination (where an agent put there would find itself).
 */
export function valueGrid(solution: Solution): (number | null)[][] {
  const { world, standing } = solution.model;
  const stuck = stuckValue(world, solution.gamma);
  const rows: (number | null)[][] = [];
  for (let y = 0; y < world.height; y++) {
    const row: (number | null)[] = [];
    for (let x = 0; x < world.width; x++) {
      const c = y * world.width + x;
      if (world.walkable[c] === 0) row.push(null);
      else if (standing[c]) row.push(solution.values[c]);
      else if (world.enterEffect[c] === EffectCode.teleport) row.push(solution.values[world.enterTo[c]]);
      else row.push(world.enterEffect[c] === EffectCode.stuck ? stuck : 0);
    }
    rows.push(row);
  }
  return rows;
}

/** The greedy action codes at a cell under a value-iteration solution (ties within 1e-9 all returned). */
export function greedyActions(solution: Solution, cell: number): number[] {
  const A = solution.model.actions.length;
  let best = -Infinity;
  for (let k = 0; k < A; k++) best = Math.max(best, solution.q[cell * A + k]);
  const out: number[] = [];
  for (let k = 0; k < A; k++)
    if (solution.q[cell * A + k] >= best - 1e-9) out.push(solution.model.actions[k]);
  return out;
}

export { buildModel };
