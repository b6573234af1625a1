/**
 * Exact Bayes-adaptive planning over an enumerated, finite set of hypotheses: every joint draw of the
 * unknowns and theories is a compiled world, and a belief node is the posterior weight of each
 * hypothesis together with the world state (cell and changes so far) it implies. Outcomes come from
 * the engine's `forEachOutcome` in each hypothesis's world, grouped by what the agent observes (cell,
 * signal, alive, stuck, reward, changed looks, cues), so one observation splits the node into the
 * posterior it leaves. Reachable nodes are found breadth-first and solved by value iteration.
 *
 * It is exact for any world whose reachable nodes fit the budget; worlds with theories or changing
 * tiles come here (the cell-indexed planner in ./bayes-adaptive cannot hold their state).
 */
import type { Observation } from '../core/episode.ts';
import { UsageError } from '../core/errors.ts';
import type { EnvSpec } from '../core/spec.ts';
import { BeliefGraph } from './belief-graph.ts';
import {
  branchValue,
  compileHypotheses,
  enumerateHypotheses,
  observationKey,
  solveBeliefGraph,
} from './hypothesis-space.ts';

/** Most belief nodes the exact planner builds, whatever maxStates allows (memory, not time). */
const MAX_GRAPH_NODES = 200_000;

export interface HypothesisPlannerOptions {
  maxHypotheses: number;
  maxNodes: number;
}

export class HypothesisPlanner {
  readonly spec: EnvSpec;
  private readonly graph: BeliefGraph;
  private readonly values: Float64Array;

  constructor(spec: EnvSpec, options: HypothesisPlannerOptions) {
    this.spec = spec;
    const hyps = compileHypotheses(
      spec,
      enumerateHypotheses(spec, options.maxHypotheses, 'bayes-optimal cannot plan'),
    );
    // A node keeps every hypothesis's weight and its branches per action: far more memory than a state
    // of the cell-indexed planner, so the graph is capped below maxStates (noisy cues make a new
    // posterior at every quiet step, and an uncapped graph ran the process out of memory).
    const maxNodes = Math.min(options.maxNodes, MAX_GRAPH_NODES);
    this.graph = new BeliefGraph(spec, hyps, { maxNodes, maxWork: maxNodes * 64 });
    if (!this.graph.explored)
      throw new UsageError(
        `bayes-optimal cannot plan ${spec.name}: more than ${maxNodes} belief states (posterior and world state) are reachable from the start, over ${hyps.length} hypotheses`,
      );
    this.values = solveBeliefGraph(this.graph.branches, this.graph.gamma, this.graph.stuck);
  }

  get root(): number {
    return 0;
  }

  /** The exact Bayes-adaptive value of a node (the root: before the first action). */
  value(n: number): number {
    return this.values[n];
  }

  /** Q-values of node `n`, in the environment's action order. */
  actionValues(n: number): number[] {
    const g = this.graph;
    return g.codes.map((_, k) => branchValue(g.branches[n][k], this.values, g.gamma, g.stuck));
  }

  /** The node after taking action `k` in node `n` and seeing `obs` with `reward`; null when unforeseen. */
  follow(n: number, k: number, obs: Observation, reward: number): number | null {
    return this.graph.follow(n, k, observationKey(this.graph.hyps[0].world, obs, reward));
  }

  /** Posterior per truth key, for the views. */
  posterior(n: number): Record<string, Record<string, number>> {
    return this.graph.posterior(n);
  }
}
