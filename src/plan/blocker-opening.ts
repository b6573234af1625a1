/**
 * Whether an experiment's outcome opens its factor's closed cells for the prober's chains: the posterior
 * it leads to, and the rule that a cell opens once harm and a blocked way are each within the risk budget.
 */
import type { Belief, Factor } from '../bayes/belief.ts';
import { blockedProbability } from './belief-plan.ts';
import type { Outcome } from './experiments.ts';
import type { HarmFlags } from './harm.ts';

/** A role of a factor's closed cells, as `opensAt` checks it. */
export interface ClosedRole {
  role: number;
  /** Every variant makes the cell a wall (a vent that only rumbles). */
  wall: boolean;
}

/**
 * Whether the factor's closed cells would all be open at posterior `p`, as the harmless, passable
 * variant the masked model holds there: harm and a blocked way each at most the risk budget. (A gate
 * now known to be locked is no longer off limits, but it is not open either.) Whether a cell opens
 * depends only on its role, so `roles` are the roles of the closed cells, each once.
 */
export function opensAt(
  belief: Belief,
  harm: HarmFlags,
  fi: number,
  p: ArrayLike<number>,
  budget: number,
  roles: readonly ClosedRole[],
): boolean {
  const f = belief.factors[fi];
  for (const { role, wall } of roles) {
    let risk = 0;
    for (let v = 0; v < p.length; v++) if (harm[fi][role][v]) risk += p[v];
    const blocked = blockedProbability(f.roles[role].tiles, p);
    // A cell that every variant makes a wall (a vent that only rumbles) is a wall whatever holds: it is
    // not what keeps the factor shut. Any other cell opens only once it is very likely passable.
    if (risk > budget || (!wall && blocked > budget)) return false;
  }
  return true;
}

/** The roles of a factor's closed `cells`, each once, as `opensAt` checks them. */
export function closedRoles(f: Factor, cells: readonly number[]): ClosedRole[] {
  return [...new Set(cells.map((c) => f.roleOfCell.get(c) ?? 0))].map((role) => ({
    role,
    wall: f.roles[role].tiles.every((t) => t.walkable === 0),
  }));
}

/** The posterior after outcome `o`, from `p`. */
export function posterior(p: Float64Array, o: Outcome): Float64Array {
  const post = new Float64Array(p.length);
  let total = 0;
  for (let v = 0; v < p.length; v++) total += post[v] = p[v] * o.likelihood[v];
  for (let v = 0; v < p.length; v++) post[v] /= total;
  return post;
}
