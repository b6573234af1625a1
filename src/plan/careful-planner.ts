/**
 * The prober's exact mode: Bayes-adaptive planning over the enumerated hypotheses (belief-graph.ts),
 * with one constraint: never take a step whose chance of harm (death, stuck, or a point of no return
 * such as a panel that locks the only door) exceeds the risk budget under the current posterior.
 * Pokes and waiting stay allowed, their own risks priced by the values. Planning over the whole belief
 * graph values every sequence of experiments (poke, walk, poke; a splash at the shore as a test of the
 * deep ice) by what it is worth, not one step ahead.
 *
 * It runs only on worlds whose graph fits a work budget counted in expansions, never in time, so
 * decisions are deterministic; otherwise `tryCarefulPlanner` returns null and the prober uses its
 * heuristic mode.
 */
import type { EnvSpec } from '../core/spec.ts';
import { BeliefGraph } from './belief-graph.ts';
import {
  branchValue,
  compileHypotheses,
  enumerateHypotheses,
  hypothesisCount,
  observationKey,
  solveBeliefGraph,
} from './hypothesis-space.ts';
import type { Observation } from '../core/episode.ts';

export interface CarefulBudget {
  /** Largest hypothesis × cell × action product it models exactly (each hypothesis's exact model). */
  maxModelWork: number;
  maxNodes: number;
  /** Hypothesis × action expansions of the belief graph at most. */
  maxWork: number;
  /**
   * With noisy cues (a `near` signal heard with probability strictly between 0 and 1) every wait makes
   * a new posterior, and graphs outgrow any budget past a few hypotheses: beyond this many it does not
   * try (trying would cost a first decision of a second for nothing).
   */
  maxNoisyHypotheses: number;
}

/**
 * Small enough that a world which does not fit is found out within a few tens of milliseconds (the
 * first decision of a run pays for it), large enough for worlds of a few hypotheses: the heuristic
 * mode plays the rest, and matches the exact mode on the built-in worlds (tests/agents).
 */
export const DEFAULT_CAREFUL_BUDGET: CarefulBudget = {
  maxModelWork: 1_000_000,
  maxNodes: 5_000,
  maxWork: 20_000,
  maxNoisyHypotheses: 4,
};

export class CarefulPlanner {
  private readonly values: Float64Array;
  private readonly allowed: (n: number, k: number) => boolean;

  constructor(
    private readonly graph: BeliefGraph,
    riskBudget: number,
  ) {
    const { risk } = graph.harmOf();
    const isMove = graph.codes.map((c) => c < 4);
    this.allowed = (n, k) => !isMove[k] || risk[n][k] <= riskBudget;
    this.values = solveBeliefGraph(graph.branches, graph.gamma, graph.stuck, this.allowed);
  }

  get root(): number {
    return 0;
  }

  /** Q-values of node n, −Infinity for the steps it will not take. */
  actionValues(n: number): number[] {
    const g = this.graph;
    return g.codes.map((_, k) =>
      this.allowed(n, k) ? branchValue(g.branches[n][k], this.values, g.gamma, g.stuck) : -Infinity,
    );
  }

  /**
   * The cells the agent intends to visit from node n: its best allowed action in each node, along the
   * likeliest observation, until the episode ends or a node repeats (for the plan overlay).
   */
  intendedPath(n: number, pick: (values: number[]) => number, limit = 200): number[] {
    const g = this.graph;
    const path = [g.nodes[n].pos];
    const seen = new Set([n]);
    for (let i = 0; i < limit && n < g.branches.length; i++) {
      const k = pick(this.actionValues(n));
      if (k < 0) break;
      const likeliest = g.branches[n][k].reduce((a, b) => (b.p > a.p ? b : a));
      if (likeliest.next < 0 || seen.has(likeliest.next)) break;
      n = likeliest.next;
      seen.add(n);
      if (g.nodes[n].pos !== path[path.length - 1]) path.push(g.nodes[n].pos);
    }
    return path;
  }

  /** Posterior probability of harm of each action at node n (death, stuck or a point of no return). */
  risks(n: number): number[] {
    return this.graph.harmOf().risk[n];
  }

  value(n: number): number {
    return this.values[n];
  }

  follow(n: number, k: number, obs: Observation, reward: number): number | null {
    return this.graph.follow(n, k, observationKey(this.graph.hyps[0].world, obs, reward));
  }

  posterior(n: number): Record<string, Record<string, number>> {
    return this.graph.posterior(n);
  }
}

/** The exact careful planner when the world fits the budget, else null (and the heuristic mode plays). */
export function tryCarefulPlanner(
  spec: EnvSpec,
  riskBudget: number,
  budget: CarefulBudget = DEFAULT_CAREFUL_BUDGET,
): CarefulPlanner | null {
  if (spec.start === null) return null;
  const count = hypothesisCount(spec);
  if (count * spec.width * spec.height * spec.actions.length > budget.maxModelWork) return null;
  const noisy = [...spec.tiles.values()].some((t) => t.near !== null && t.near.p > 0 && t.near.p < 1);
  if (noisy && count > budget.maxNoisyHypotheses) return null;
  const hyps = compileHypotheses(spec, enumerateHypotheses(spec, count, 'prober cannot plan'));
  const graph = new BeliefGraph(spec, hyps, { maxNodes: budget.maxNodes, maxWork: budget.maxWork });
  // Only a whole graph: a partial one has no values beyond its edge to plan with.
  return graph.explored ? new CarefulPlanner(graph, riskBudget) : null;
}
