/**
 * Which variants of an unknown cell are harmful to step on: those that kill or stick the agent, and
 * those that make the goal unreachable while it lives (a panel that locks the only door for good, a
 * teleport into a sealed room): points of no return count as traps even though nothing dies.
 *
 * Death and stuck are read off the tile. A variant that changes the world (`set` on enter or leave),
 * teleports or is one-way is checked on an exact model of the world in which every other unknown
 * cell holds its harmless variant: harmful if entering the cell from a state that can still reach a
 * goal leads, alive, to a state that cannot (changes included: a plank that breaks behind is fine as
 * long as a way on remains). These checks are
 * bounded by a work budget (cells modelled); a variant left unchecked is taken as harmful.
 */
import type { Belief } from '../bayes/belief.ts';
import { cloneWorld, EffectCode, setCellTile, type CompiledTile } from '../core/world.ts';
import { standingVariant } from './belief-plan.ts';
import { goalReachableStates } from './irreversibility.ts';
import { buildModel, moveTarget } from './model.ts';

/** Harm flags per factor, per role, per variant: 1 when stepping on that variant may harm. */
export type HarmFlags = Uint8Array[][];

/** Cells modelled, at most, to check variants that change the world (a few models of a large map). */
const CHECK_BUDGET = 400_000;

function kills(t: CompiledTile): boolean {
  return t.enterEffect === EffectCode.death || t.enterEffect === EffectCode.stuck;
}

function needsModel(t: CompiledTile): boolean {
  return t.enterSet >= 0 || t.leaveSet >= 0 || t.enterEffect === EffectCode.teleport || t.oneWay >= 0;
}

export function variantHarm(belief: Belief): HarmFlags {
  let budget = CHECK_BUDGET;
  const base = cloneWorld(belief.scratch);
  for (const f of belief.factors) for (const c of f.cells) setCellTile(base, c, standingVariant(f, c));
  return belief.factors.map((f) =>
    f.roles.map((role, r) => {
      const cells = f.cells.filter((c) => (f.roleOfCell.get(c) ?? 0) === r);
      return Uint8Array.from(role.tiles, (t) => {
        if (kills(t)) return 1;
        if (!needsModel(t)) return 0;
        if (budget < base.cellCount) return 1;
        budget -= base.cellCount;
        return strandsAgent(belief, base, cells, t) ? 1 : 0;
      });
    }),
  );
}

/** Whether stepping on (or off) one of `cells` holding `tile` can leave the agent alive with no goal. */
function strandsAgent(
  belief: Belief,
  base: ReturnType<typeof cloneWorld>,
  cells: readonly number[],
  tile: CompiledTile,
): boolean {
  const w = cloneWorld(base);
  for (const c of cells) setCellTile(w, c, tile);
  const m = buildModel(w);
  const ok = goalReachableStates(m);
  const A = m.actions.length;
  // Harmful when the state entering leads to (changes included) can no longer reach a goal. What
  // stepping off it later does is for the plan's values to weigh: the state already allows for it.
  const strands = (from: number, cell: number): boolean => {
    for (let k = 0; k < A; k++) {
      const code = m.actions[k];
      if (code >= 4 || moveTarget(w, from, code) !== cell) continue;
      for (let j = m.offset[from * A + k]; j < m.offset[from * A + k + 1]; j++) {
        const nx = m.next[j];
        if (m.prob[j] > 0 && nx >= 0 && ok[nx] === 0) return true;
      }
    }
    return false;
  };
  return cells.some((cell) => {
    for (let d = 0; d < 4; d++) {
      const from = w.neighbour[cell * 4 + d];
      // From any cell the agent can stand on, an unknown one included (it holds its harmless variant).
      if (from >= 0 && m.standing[from] && ok[from] === 1 && strands(from, cell)) return true;
    }
    return false;
  });
}

/** P(stepping on `cell` harms the agent) under the belief; 0 or 1 for known cells. */
export function harmProbability(belief: Belief, harm: HarmFlags, cell: number): number {
  const fi = belief.factorOfCell[cell];
  if (fi < 0) return belief.trapProbability(cell);
  const f = belief.factors[fi];
  const flags = harm[fi][f.roleOfCell.get(cell) ?? 0];
  let total = 0;
  for (let v = 0; v < f.p.length; v++) if (flags[v]) total += f.p[v];
  return total;
}

/** Whether every variant of `cell` still possible is harmless to step on. */
export function harmlessForSure(belief: Belief, harm: HarmFlags, cell: number): boolean {
  const fi = belief.factorOfCell[cell];
  if (fi < 0) return belief.trapProbability(cell) === 0;
  const f = belief.factors[fi];
  const flags = harm[fi][f.roleOfCell.get(cell) ?? 0];
  for (let v = 0; v < f.p.length; v++) if (f.p[v] > 0 && flags[v]) return false;
  return true;
}
