/**
 * Planning in worlds derived from a belief: an assumed world (a sample, the best case, the truth) or the
 * belief's mixture model, optionally with cells forbidden because their P(trap) is over a budget.
 * All reuse the exact solvers; only the world handed to them changes.
 */
import { factorTile, type Belief, type Factor } from '../bayes/belief.ts';
import type { Truth } from '../core/truth.ts';
import { cloneWorld, EffectCode, setCellTile, type CompiledTile, type World } from '../core/world.ts';
import { buildModel, type CellVariants } from './model.ts';
import { valueIteration, type Solution, type SolveOptions } from './solve.ts';

/**
 * Backups one plan of a belief agent may spend (anytime value iteration): every decision of every
 * agent is bounded in work, so none hangs on a world too large for it; the largest maps here converge
 * well within it.
 */
export const PLAN_WORK = 50_000_000;

/** What a forbidden cell becomes for the planner: a wall it cannot enter (not a death it might prefer). */
const FORBIDDEN: CompiledTile = {
  name: 'forbidden',
  // No tile of the environment: the engine's `set` leaves such cells alone (see changeCell in step.ts).
  id: -1,
  look: 'forbidden',
  enterSet: -1,
  leaveSet: -1,
  pokeSet: -1,
  walkable: 0,
  enterEffect: EffectCode.pass,
  enterReward: 0,
  enterTo: -1,
  enterSignal: 0,
  leaveTo: -1,
  leaveReward: 0,
  oneWay: -1,
  pokeSignal: 2,
  pokeRisk: 0,
  pokeRiskEffect: EffectCode.death,
  nearSignal: 0,
  nearP: 0,
};

/**
 * The belief's world with every unknown cell holding the tile `truth` names: a tile for an unknown, a
 * hypothesis (one tile per role) for a theory. Cells already changed are known and keep their tile.
 */
export function assumedWorld(belief: Belief, truth: Truth): World {
  const w = cloneWorld(belief.scratch);
  belief.factors.forEach((f, fi) => {
    const v = f.variants.indexOf(truth[f.key]);
    for (const c of f.cells) if (belief.factorOfCell[c] === fi) setCellTile(w, c, factorTile(f, v, c));
  });
  return w;
}

export function planAssumed(belief: Belief, truth: Truth, options: SolveOptions = {}): Solution {
  return valueIteration(assumedWorld(belief, truth), { maxWork: PLAN_WORK, ...options });
}

/** The variant an agent would find standing in the cell: the most probable one that is not a trap there. */
export function standingVariant(f: Factor, cell: number): CompiledTile {
  const role = f.roles[f.roleOfCell.get(cell) ?? 0];
  let best = -1;
  for (let v = 0; v < f.p.length; v++)
    if (!role.isTrap[v] && f.p[v] > 0 && (best < 0 || f.p[v] > f.p[best])) best = v;
  if (best < 0) for (let v = 0; v < f.p.length; v++) if (best < 0 || f.p[v] > f.p[best]) best = v;
  return role.tiles[best];
}

/**
 * Whether a planner working on the belief must keep out of a cell: its P(trap) is over the budget, or
 * it may turn out impassable. The mixture model redraws a variant on every attempt, which is right for
 * a trap (there is only one attempt) but would make a locked door a fresh 60% gamble at every push, so
 * a cell that may block is planned as blocked until it is known.
 */
export function isOffLimits(belief: Belief, cell: number, forbidAbove: number): boolean {
  const fi = belief.factorOfCell[cell];
  if (fi < 0) return false;
  if (belief.trapProbability(cell) > forbidAbove) return true;
  const f = belief.factors[fi];
  const tiles = f.roles[f.roleOfCell.get(cell) ?? 0].tiles;
  return mayBlock(tiles, f.p);
}

/** The posterior probability that a cell with these variant tiles blocks the way. */
export function blockedProbability(tiles: readonly CompiledTile[], p: ArrayLike<number>): number {
  let blocked = 0;
  tiles.forEach((t, v) => {
    if (t.walkable === 0) blocked += p[v];
  });
  return blocked;
}

/** Whether a cell's passability is in doubt: some variant still possible blocks, and some does not. */
function mayBlock(tiles: readonly CompiledTile[], p: ArrayLike<number>): boolean {
  let blocks = false;
  let passes = false;
  tiles.forEach((t, v) => {
    if (p[v] > 0) {
      if (t.walkable === 0) blocks = true;
      else passes = true;
    }
  });
  return blocks && passes;
}

export interface MixturePlanOptions extends SolveOptions {
  /** Cells whose P(trap) exceeds this are forbidden (walls to the planner). */
  forbidAbove?: number;
}

/** The belief as one world: known cells as they are, unknown cells as the mixture of their variants. */
export interface MixtureWorld {
  world: World;
  /** The variants of each unsettled unknown cell with their posterior probabilities (the mixture). */
  variants: CellVariants;
}

/**
 * The world of the belief's mixture model. A settled cell holds its variant; an unsettled one its
 * standing variant, with every variant's outcome priced at its posterior probability. A cell for which
 * `closed` says so holds `closedTile` instead: the FORBIDDEN wall, or the tile a planner that masks the
 * cell itself picks for it (what it would find there if it opened the cell later).
 */
export function mixtureWorld(
  belief: Belief,
  closed: (cell: number) => boolean,
  closedTile: 'forbidden' | ((f: Factor, cell: number) => CompiledTile) = 'forbidden',
): MixtureWorld {
  const w = cloneWorld(belief.scratch);
  const lists = new Map<number, { tile: CompiledTile; p: number }[]>();
  belief.factors.forEach((f, fi) => {
    const resolved = belief.isResolved(f);
    for (const c of f.cells) {
      if (belief.factorOfCell[c] !== fi) continue; // changed since: known
      if (closed(c)) {
        setCellTile(w, c, closedTile === 'forbidden' ? FORBIDDEN : closedTile(f, c));
        continue;
      }
      const list = f.p.reduce<{ tile: CompiledTile; p: number }[]>((out, p, v) => {
        if (p > 0) out.push({ tile: factorTile(f, v, c), p });
        return out;
      }, []);
      setCellTile(w, c, resolved ? list.reduce((a, b) => (b.p > a.p ? b : a)).tile : standingVariant(f, c));
      if (!resolved) lists.set(c, list);
    }
  });
  return { world: w, variants: (cell) => lists.get(cell) ?? null };
}

/**
 * The risk-neutral plan under the belief: entering or poking an unknown cell has each variant's outcome
 * with its posterior probability, so every risk is priced (death cost included) but information is not
 * valued. Cells over the `forbidAbove` budget are never entered.
 */
export function planMixture(belief: Belief, options: MixturePlanOptions = {}): Solution {
  const forbidAbove = options.forbidAbove ?? Infinity;
  const { world, variants } = mixtureWorld(belief, (c) => isOffLimits(belief, c, forbidAbove));
  return valueIteration(buildModel(world, variants), { maxWork: PLAN_WORK, ...options });
}
