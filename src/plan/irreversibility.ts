/**
 * Where, in a known world, does a step become irreversible? Computed on the support of the exact model
 * (any outcome with positive probability counts as possible), so slips are included.
 *
 * Cell kinds:
 * - `trap`: entering ends the agent's chances (death or stuck);
 * - `dead-end`: the agent can stand here alive but can no longer reach a goal;
 * - `no-return`: a goal is still reachable but the start is not: something was irreversibly given up
 *   (a one-way door passed), though not necessarily value;
 * - `safe`: the start can be reached again from here;
 * - `teleport`: entering moves the agent on at once (judge it by its destination);
 * - `goal`, `wall`, and `unreachable` (cannot be reached from the start at all).
 * A point of no return is a reachable `trap`, `dead-end` or `no-return` cell.
 */
import { EffectCode, type World } from '../core/world.ts';
import { flood } from './graph.ts';
import { buildModel, ENDING, moveTarget, type Model } from './model.ts';

export type CellKind =
  'wall' | 'goal' | 'trap' | 'teleport' | 'dead-end' | 'no-return' | 'safe' | 'unreachable';

export interface Irreversibility {
  kinds: CellKind[];
  /** Cells reachable from the start with positive probability (standing or entered). */
  reachable: Uint8Array;
  /** Per cell, in its best reachable state: whether a goal can still be reached. */
  goalReachable: Uint8Array;
  /** Per cell, in its best reachable state: whether the start cell can be reached again. */
  returnsToStart: Uint8Array;
}

/**
 * The analysis runs on the model's states, not its cells: in a world that tiles change (format 1.1
 * `set`), a state is a cell and the changes so far, so a panel that locks the only door is a dead end
 * (in the state stepping on it leads to) and a plank that breaks behind the agent is a point of no
 * return. A cell is judged by the best of the states it can be reached in (a point of no return is a
 * cell where every way of standing there has given something up: the corridor beyond a locking panel
 * is safe when a detour reaches it with the door open). Two extra nodes stand for "reached a goal" and
 * "trapped".
 */
/** The model's state graph with a node for "reached a goal" (index S) and one for "trapped" (S + 1). */
interface StateGraph {
  forward: number[][];
  backward: number[][];
  /** Cells entered and ended in (a goal, a trap) per state: they are not states themselves. */
  entered: { cell: number; ending: number }[][];
  goalNode: number;
}

function stateGraph(model: Model): StateGraph {
  const S = model.stateCount;
  const GOAL = S;
  const TRAPPED = S + 1;
  const A = model.actions.length;
  const forward: number[][] = Array.from({ length: S + 2 }, () => []);
  const entered: { cell: number; ending: number }[][] = Array.from({ length: S }, () => []);
  for (let st = 0; st < S; st++) {
    if (!model.standing[st]) continue;
    for (let j = model.offset[st * A]; j < model.offset[(st + 1) * A]; j++) {
      if (model.prob[j] <= 0) continue;
      const next = model.next[j];
      const ending = model.ending[j];
      if (next >= 0) forward[st].push(next);
      else {
        forward[st].push(ending === ENDING.goal ? GOAL : TRAPPED);
        entered[st].push({ cell: model.landed[j], ending });
      }
    }
  }
  const backward: number[][] = Array.from({ length: S + 2 }, () => []);
  forward.forEach((list, st) => list.forEach((t) => backward[t].push(st)));
  return { forward, backward, entered, goalNode: GOAL };
}

/** Per model state: whether a goal can still be reached from it (with positive probability). */
export function goalReachableStates(model: Model): Uint8Array {
  const g = stateGraph(model);
  return flood([g.goalNode], g.backward);
}

export function analyseIrreversibility(world: World, model: Model = buildModel(world)): Irreversibility {
  const n = world.cellCount;
  const S = model.stateCount;
  const { forward, backward, entered, goalNode: GOAL } = stateGraph(model);
  const startStates: number[] = [];
  for (let st = 0; st < S; st++) if (model.cellOf[st] === world.start) startStates.push(st);
  const goalReachableState = flood([GOAL], backward);
  const returnsState = world.start >= 0 ? flood(startStates, backward) : new Uint8Array(S + 2).fill(1);

  // Every state reachable from the start; per cell the best of them (safe 3, no return 2, dead end 1),
  // and the cells entered and ended in.
  const best = new Uint8Array(n);
  const firstEnding = new Int8Array(n).fill(-1);
  const reachable = new Uint8Array(n);
  const reachedStates = world.start >= 0 ? flood([world.start], forward) : new Uint8Array(S + 2).fill(1);
  for (let st = 0; st < S; st++) {
    if (!reachedStates[st]) continue;
    const c = model.cellOf[st];
    if (world.start >= 0 || st < n) {
      reachable[c] = 1;
      const score = goalReachableState[st] ? (returnsState[st] ? 3 : 2) : 1;
      if (model.standing[st] && score > best[c]) best[c] = score;
    }
    for (const e of entered[st])
      if (firstEnding[e.cell] < 0 || e.ending === ENDING.goal) firstEnding[e.cell] = e.ending;
  }
  for (let c = 0; c < n; c++) if (firstEnding[c] >= 0) reachable[c] = 1;
  // A teleport is entered and left in the same step, so no outcome lands on it: it is reached when a
  // move from a reached cell enters it (judged by the world as built).
  for (let c = 0; c < n; c++)
    if (world.enterEffect[c] === EffectCode.teleport && !reachable[c])
      for (let d = 0; d < 4; d++) {
        const from = world.neighbour[c * 4 + ((d + 2) % 4)];
        if (from >= 0 && best[from] > 0 && moveTarget(world, from, d) === c) reachable[c] = 1;
      }

  const goalReachable = new Uint8Array(n);
  const returnsToStart = new Uint8Array(n);
  const kinds: CellKind[] = [];
  for (let c = 0; c < n; c++) {
    const stood = best[c] > 0;
    goalReachable[c] = best[c] >= 2 ? 1 : 0;
    returnsToStart[c] = best[c] === 3 ? 1 : 0;
    const effect = world.enterEffect[c];
    const ending = firstEnding[c];
    // A cell a change opened (a gate) is judged by the states it is stood in; others by their tile.
    if (!world.walkable[c] && !stood) kinds.push('wall');
    else if (effect === EffectCode.goal || ending === ENDING.goal) kinds.push('goal');
    else if (!reachable[c]) kinds.push('unreachable');
    else if (effect === EffectCode.teleport) kinds.push('teleport');
    else if (effect === EffectCode.death || effect === EffectCode.stuck || (!stood && ending >= ENDING.death))
      kinds.push('trap');
    else if (!stood) kinds.push('safe');
    else kinds.push(best[c] === 1 ? 'dead-end' : best[c] === 2 ? 'no-return' : 'safe');
  }
  return { kinds, reachable, goalReachable, returnsToStart };
}

export function isPointOfNoReturn(kind: CellKind): boolean {
  return kind === 'trap' || kind === 'dead-end' || kind === 'no-return';
}
