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
import { EFFECT, type World } from '../core/world.ts';
import { flood } from './graph.ts';
import { buildModel, moveTarget, type Model } from './model.ts';

export type CellKind =
  'wall' | 'goal' | 'trap' | 'teleport' | 'dead-end' | 'no-return' | 'safe' | 'unreachable';

export interface Irreversibility {
  kinds: CellKind[];
  /** Cells reachable from the start with positive probability (standing or entered). */
  reachable: Uint8Array;
  goalReachable: Uint8Array;
  returnsToStart: Uint8Array;
}

function successors(m: Model, cell: number, out: (next: number) => void): void {
  const A = m.actions.length;
  const w = m.world;
  for (let k = 0; k < A; k++) {
    const action = m.actions[k];
    // Entered cells (traps and goals) are not model states, so recover them from the move's target.
    if (action < 4 && w.leaveTo[cell] < 0) {
      for (let d = 0; d < 4; d++) {
        if (w.slip === 0 && d !== action) continue;
        const to = moveTarget(w, cell, d);
        if (to >= 0 && !m.standing[to]) out(to);
      }
    }
    for (let j = m.offset[cell * A + k]; j < m.offset[cell * A + k + 1]; j++)
      if (m.next[j] >= 0 && m.prob[j] > 0) out(m.cellOf[m.next[j]]);
  }
}

export function analyseIrreversibility(world: World, model: Model = buildModel(world)): Irreversibility {
  const n = world.cellCount;
  const forward: number[][] = Array.from({ length: n }, () => []);
  for (let c = 0; c < n; c++) if (model.standing[c]) successors(model, c, (t) => forward[c].push(t));
  const backward: number[][] = Array.from({ length: n }, () => []);
  forward.forEach((list, c) => list.forEach((t) => backward[t].push(c)));

  const goals = [...Array(n).keys()].filter((c) => world.walkable[c] && world.enterEffect[c] === EFFECT.goal);
  const reachable = world.start >= 0 ? flood([world.start], forward) : new Uint8Array(n).fill(1);
  const goalReachable = flood(goals, backward);
  const returnsToStart = world.start >= 0 ? flood([world.start], backward) : new Uint8Array(n).fill(1);

  const kinds: CellKind[] = [];
  for (let c = 0; c < n; c++) {
    const effect = world.enterEffect[c];
    if (!world.walkable[c]) kinds.push('wall');
    else if (effect === EFFECT.goal) kinds.push('goal');
    else if (!reachable[c]) kinds.push('unreachable');
    else if (effect === EFFECT.teleport) kinds.push('teleport');
    else if (effect === EFFECT.death || effect === EFFECT.stuck) kinds.push('trap');
    else if (!goalReachable[c]) kinds.push('dead-end');
    else if (!returnsToStart[c]) kinds.push('no-return');
    else kinds.push('safe');
  }
  return { kinds, reachable, goalReachable, returnsToStart };
}

export function isPointOfNoReturn(kind: CellKind): boolean {
  return kind === 'trap' || kind === 'dead-end' || kind === 'no-return';
}
