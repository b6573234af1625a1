/**
 * Planning with cells closed, and opening them cheaply: the prober's planner.
 *
 * One model is built per replan, on the belief's mixture world, with every off-limits cell holding the
 * tile the agent would find there if it were harmless (its standing variant) and *masked*: every
 * outcome that would land the agent in a masked cell is planned as a bump instead (it stays, and pays
 * the step and bump rewards). The safe plan is value iteration with every off-limits cell masked.
 * "What if these cells turned out harmless?" is the same model with fewer cells masked: its values are
 * found by prioritized sweeping from the cells opened, starting from the values with them closed.
 * Opening cells changes values only where the new ways lead (up, mostly; down where a slip that used
 * to bump may now slide onto them), so a decision that asks this a few times costs a fraction of a
 * plan. Work is counted in backups (one action's outcomes summed), never in time, so decisions stay
 * deterministic.
 *
 * Planning here is discounted with γ at most `MAX_PLAN_GAMMA`, so a cell walled in by closed cells
 * has a finite value in an undiscounted world too (the exact solvers refuse such worlds instead).
 */
import FlatQueue from 'flatqueue';
import { EffectCode } from '../core/world.ts';
import { buildModel, STUCK, TERMINAL, moveTarget, stuckValue, type Model } from './model.ts';
import { PLAN_WORK, type MixtureWorld } from './belief-plan.ts';

const MAX_PLAN_GAMMA = 0.999;

/** A value moving by no more than this has converged (a solve) or is not worth passing on (a sweep). */
const TOLERANCE = 1e-6;

export interface MaskedModel {
  model: Model;
  /** The world's γ, capped at `MAX_PLAN_GAMMA` (so always below 1). */
  gamma: number;
  /** The value of being stuck for good (every later step only costs the step reward). */
  stuck: number;
  /** The reward of a planned bump into a masked cell. */
  bump: number;
  /** Predecessors by the state an outcome leads to: `preds[predStart[s] … predStart[s + 1]]`. */
  predStart: Int32Array;
  preds: Int32Array;
  /** The change states (beyond the cells) standing on each cell, for the cells that have any. */
  changeStatesOf: ReadonlyMap<number, readonly number[]>;
}

export function buildMaskedModel(mixture: MixtureWorld): MaskedModel {
  const model = buildModel(mixture.world, mixture.variants);
  const w = model.world;
  const gamma = Math.min(w.gamma, MAX_PLAN_GAMMA);
  const A = model.actions.length;
  const n = model.stateCount;
  const predStart = new Int32Array(n + 1);
  for (let s = 0; s < n; s++)
    for (let j = model.offset[s * A]; j < model.offset[(s + 1) * A]; j++)
      if (model.next[j] >= 0 && model.next[j] !== s) predStart[model.next[j] + 1]++;
  for (let s = 0; s < n; s++) predStart[s + 1] += predStart[s];
  const fill = predStart.slice(0, n);
  const preds = new Int32Array(predStart[n]);
  for (let s = 0; s < n; s++)
    for (let j = model.offset[s * A]; j < model.offset[(s + 1) * A]; j++)
      if (model.next[j] >= 0 && model.next[j] !== s) preds[fill[model.next[j]]++] = s;
  const changeStatesOf = new Map<number, number[]>();
  for (let s = w.cellCount; s < n; s++) {
    const c = model.cellOf[s];
    const list = changeStatesOf.get(c);
    if (list) list.push(s);
    else changeStatesOf.set(c, [s]);
  }
  return {
    model,
    changeStatesOf,
    gamma,
    stuck: stuckValue(w, gamma),
    bump: w.stepReward + w.bumpReward,
    predStart,
    preds,
  };
}

/** The value of the model's k-th action in state s with the masked cells closed. */
function maskedBackup(mm: MaskedModel, V: Float64Array, mask: Uint8Array, s: number, k: number): number {
  const { model, gamma, stuck, bump } = mm;
  const A = model.actions.length;
  const here = model.cellOf[s];
  let total = 0;
  for (let j = model.offset[s * A + k]; j < model.offset[s * A + k + 1]; j++) {
    const landed = model.landed[j];
    if (landed !== here && mask[landed] === 1) {
      total += model.prob[j] * (bump + gamma * V[s]);
      continue;
    }
    const nx = model.next[j];
    const v = nx === TERMINAL ? 0 : nx === STUCK ? stuck : V[nx];
    total += model.prob[j] * (model.reward[j] + gamma * v);
  }
  return total;
}

/**
 * The best of `maskedBackup` over the actions in state s: the same sums in the same order, in one pass
 * over the state's outcomes (the inner loop of every solve and sweep, so written for speed).
 */
function bestBackup(mm: MaskedModel, V: Float64Array, mask: Uint8Array, s: number): number {
  const { offset, landed, next, prob, reward } = mm.model;
  const A = mm.model.actions.length;
  const here = mm.model.cellOf[s];
  const gamma = mm.gamma;
  const stuck = mm.stuck;
  const bumped = mm.bump + gamma * V[s];
  let best = -Infinity;
  let j = offset[s * A];
  for (let k = 1; k <= A; k++) {
    const end = offset[s * A + k];
    let total = 0;
    for (; j < end; j++) {
      const to = landed[j];
      if (to !== here && mask[to] === 1) {
        total += prob[j] * bumped;
        continue;
      }
      const nx = next[j];
      total += prob[j] * (reward[j] + gamma * (nx === TERMINAL ? 0 : nx === STUCK ? stuck : V[nx]));
    }
    best = Math.max(best, total);
  }
  return best;
}

/** Whether the agent can stand in state s with these cells closed. */
function open(mm: MaskedModel, mask: Uint8Array, s: number): boolean {
  return mm.model.standing[s] === 1 && mask[mm.model.cellOf[s]] === 0;
}

/**
 * Value iteration with the masked cells closed: in-place sweeps, alternating direction, from `initial`
 * (a warm start of the same states) or from the value of being stuck, until no value moves by more than
 * `TOLERANCE`, or for at most `PLAN_WORK` / (states × actions) sweeps and at least two (an anytime
 * bound). Greedy actions are read off the values with `maskedGreedy`, so they never walk into a closed
 * cell.
 */
export function solveMasked(
  mm: MaskedModel,
  mask: Uint8Array,
  options: { initial?: Float64Array } = {},
): { values: Float64Array } {
  const { model } = mm;
  const n = model.stateCount;
  const A = model.actions.length;
  const maxSweeps = Math.max(2, Math.floor(PLAN_WORK / Math.max(1, n * A)));
  const warm = options.initial?.length === n ? options.initial : undefined;
  const V = warm ? Float64Array.from(warm) : new Float64Array(n).fill(mm.stuck);
  const states: number[] = [];
  for (let s = 0; s < n; s++) if (open(mm, mask, s)) states.push(s);
  let sweeps = 0;
  for (; sweeps < maxSweeps;) {
    sweeps++;
    const forward = (sweeps & 1) === 1;
    let delta = 0;
    for (let i = 0; i < states.length; i++) {
      const s = states[forward ? i : states.length - 1 - i];
      const v = bestBackup(mm, V, mask, s);
      delta = Math.max(delta, Math.abs(v - V[s]));
      V[s] = v;
    }
    if (!(delta > TOLERANCE)) break;
  }
  return { values: V };
}

const NO_STATES: readonly number[] = [];
const sweepQueue = new FlatQueue<number>();

/**
 * Opens `cells` (clears them in `mask`) and brings `V` to the values of the world with them open, by
 * prioritized sweeping from them and their neighbours: the largest change first, each state's
 * predecessors queued when its value moves by more than `TOLERANCE`. Values mostly rise (a new way),
 * but they can fall: with slip, a move that used to bump may now slide onto the opened cell. Stops after
 * `budget` backups (values then part-way). Returns the backups done and whether the sweep finished.
 */
export function openCells(
  mm: MaskedModel,
  V: Float64Array,
  mask: Uint8Array,
  cells: readonly number[],
  budget: number,
): { work: number; complete: boolean } {
  const { model, predStart, preds } = mm;
  const A = model.actions.length;
  // One queue for every sweep (not re-entrant): a fresh one per call was a large part of the garbage.
  const queue = sweepQueue;
  queue.clear();
  for (const c of cells) {
    if (mask[c] === 0) continue;
    mask[c] = 0;
    // The cell, and every state of the world changed with the agent on it (a mushroom just eaten).
    V[c] = mm.stuck;
    queue.push(c, -Infinity);
    for (const s of mm.changeStatesOf.get(c) ?? NO_STATES) {
      V[s] = mm.stuck;
      queue.push(s, -Infinity);
    }
    // Its neighbours: a move into a cell that ends the episode (a goal) leads to no state, so they are
    // not its predecessors by state, yet their values change with it.
    for (let d = 0; d < 4; d++) {
      const n = model.world.neighbour[c * 4 + d];
      if (n < 0) continue;
      queue.push(n, -Infinity);
      for (const s of mm.changeStatesOf.get(n) ?? NO_STATES) queue.push(s, -Infinity);
    }
  }
  let work = 0;
  while (queue.length > 0 && work < budget) {
    const s = queue.pop()!;
    if (!open(mm, mask, s)) continue;
    const v = bestBackup(mm, V, mask, s);
    work += A;
    const change = Math.abs(v - V[s]);
    V[s] = v;
    if (!(change > TOLERANCE)) continue;
    for (let i = predStart[s]; i < predStart[s + 1]; i++) queue.push(preds[i], -change);
  }
  return { work, complete: queue.length === 0 };
}

/** The greedy action index (model order) in state s under V with the mask, ties to the first. */
export function maskedGreedy(mm: MaskedModel, V: Float64Array, mask: Uint8Array, s: number): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let k = 0; k < mm.model.actions.length; k++) {
    const v = maskedBackup(mm, V, mask, s, k);
    if (v > bestValue + 1e-9) {
      bestValue = v;
      best = k;
    }
  }
  return best;
}

/**
 * The cells the greedy policy under V visits from state `from`, following each action's most likely
 * outcome, up to `limit` steps; the cell entered is included when the step ends the episode.
 */
export function maskedPath(
  mm: MaskedModel,
  V: Float64Array,
  mask: Uint8Array,
  from: number,
  limit: number,
): number[] {
  const { model } = mm;
  const A = model.actions.length;
  const path = [model.cellOf[from]];
  const seen = new Set<number>([from]);
  let s = from;
  for (let i = 0; i < limit && open(mm, mask, s); i++) {
    const k = maskedGreedy(mm, V, mask, s);
    let likeliest = -1;
    for (let j = model.offset[s * A + k]; j < model.offset[s * A + k + 1]; j++)
      if (likeliest < 0 || model.prob[j] > model.prob[likeliest]) likeliest = j;
    if (likeliest < 0) break;
    const landed = model.landed[likeliest];
    if (landed !== model.cellOf[s] && mask[landed] === 1) break;
    if (landed !== path[path.length - 1]) path.push(landed);
    const nx = model.next[likeliest];
    if (nx < 0 || seen.has(nx)) break;
    seen.add(nx);
    s = nx;
  }
  return path;
}

/** Breadth-first move counts from one cell over open standing cells, and each cell's previous cell. */
export interface Reach {
  from: number;
  dist: Int32Array;
  parent: Int32Array;
}

/**
 * Shortest open paths (deterministic moves) from `from`; dist -1 where unreachable or not reached.
 * `until(cell, dist)`, asked of each cell as it is settled in order of distance, stops the search early.
 */
export function maskedReach(
  mm: MaskedModel,
  mask: Uint8Array,
  from: number,
  until?: (cell: number, dist: number) => boolean,
): Reach {
  const w = mm.model.world;
  const dist = new Int32Array(w.cellCount).fill(-1);
  const parent = new Int32Array(w.cellCount).fill(-1);
  if (!open(mm, mask, from)) return { from, dist, parent };
  dist[from] = 0;
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const c = queue[i];
    if (until?.(c, dist[c])) break;
    if (w.leaveTo[c] >= 0) continue;
    for (let d = 0; d < 4; d++) {
      const t = moveTarget(w, c, d);
      if (t >= 0 && dist[t] < 0 && open(mm, mask, t)) {
        dist[t] = dist[c] + 1;
        parent[t] = c;
        queue.push(t);
      }
    }
  }
  return { from, dist, parent };
}

/** The direction of the first move along the shortest open path to `to`, or -1 when there is none. */
export function firstMoveToward(mm: MaskedModel, reach: Reach, to: number): number {
  if (reach.dist[to] <= 0) return -1;
  let at = to;
  while (reach.parent[at] !== reach.from) at = reach.parent[at];
  for (let d = 0; d < 4; d++) if (moveTarget(mm.model.world, reach.from, d) === at) return d;
  return -1;
}

/**
 * The shortest way (deterministic moves, every closed cell taken as passable but `walls`) from `from` to a goal
 * cell, as the cells it crosses, the goal included; empty when no goal can be reached even so.
 */
export function optimisticRoute(mm: MaskedModel, from: number, walls?: Uint8Array): number[] {
  const w = mm.model.world;
  let end = -1;
  let before = -1;
  const reach = maskedReach(mm, walls ?? new Uint8Array(w.cellCount), from, (c) => {
    for (let d = 0; d < 4; d++) {
      const t = moveTarget(w, c, d);
      if (t >= 0 && w.enterEffect[t] === EffectCode.goal) {
        end = t;
        before = c;
        return true;
      }
    }
    return false;
  });
  if (end < 0) return [];
  const path = [end];
  for (let at = before; at >= 0; at = reach.parent[at]) path.push(at);
  return path.reverse();
}
