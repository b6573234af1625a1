/**
 * Bayes-adaptive planning: the optimal policy over (position, belief), for worlds small enough.
 *
 * The agent knows every tile kind and the priors; the truth is drawn per episode, independently per
 * factor (one factor per cell of a `scope: "each"` unknown, one per `scope: "all"` unknown, as in
 * `src/bayes/belief.ts`). What it learns changes what it should do, so the state is the pair
 * (position, posterior), and the optimal policy plans over that product.
 *
 * Exact mode (`exactness.ts`, `belief-space.ts`, `exact-solver.ts`) applies when every observation is
 * all-or-nothing evidence: a belief is then one variant subset per factor, the belief MDP is finite, and
 * beliefs are solved from most to least resolved. Horizon mode (`horizon-bound.ts`, `horizon-search.ts`,
 * `mixture-leaf.ts`), for noisy cues, blurring poke risks and slip, runs a bounded-horizon expectimax
 * over exact posteriors with mixture-valued leaves. Either way the size is counted before any solving,
 * and beyond `maxStates` the planner refuses with a UsageError saying how large it is. Outcomes come from
 * the engine itself (`templates.ts`).
 *
 * This class wires the stages together and keeps the public API; the stages are free functions over
 * a `PlanWorld` and their own tables.
 */
import type { Observation } from '../../core/episode.ts';
import { UsageError } from '../../core/errors.ts';
import type { Action } from '../../core/format.ts';
import type { EnvSpec } from '../../core/spec.ts';
import { describeBeliefs, enumerateBeliefs, refuseHopeless } from './belief-space.ts';
import { perceive } from './cues.ts';
import { createExactTables, exactActionValues, solveBeliefs, type ExactTables } from './exact-solver.ts';
import { noisyReasons } from './exactness.ts';
import { boundHorizonSearch } from './horizon-bound.ts';
import { createHorizonSearch, horizonActionValues, type HorizonSearch } from './horizon-search.ts';
import { createPlanWorld, type PlanWorld } from './plan-world.ts';
import { discoverPositions } from './templates.ts';
import { advance, initialState, posteriorByKey, priorState, trapMap } from './tracking.ts';
import {
  DEFAULT_HORIZON,
  DEFAULT_MAX_STATES,
  type BayesAdaptiveOptions,
  type PlanFactor,
  type PlanState,
} from './types.ts';

export class BayesAdaptivePlanner {
  readonly spec: EnvSpec;
  readonly mode: 'exact' | 'horizon';
  readonly gamma: number;
  readonly stuckValue: number;
  readonly maxStates: number;
  readonly horizon: number;
  readonly factors: PlanFactor[];
  readonly factorOfCell: Int32Array;
  /** Reachable cells from the start, in discovery order; index = position index. */
  readonly positions: number[];
  readonly posIndex: Int32Array;
  /** Exact mode: number of beliefs (Π subsets per factor) and position×belief states. */
  beliefCount = 1;
  stateCount = 0;
  /** Why the world is not exact (empty when it is). */
  readonly noisyReasons: string[];
  /** Upper bound on the nodes one decision can touch (horizon mode). */
  searchBound = 0;

  private readonly pw: PlanWorld;
  private readonly tolerance: number;
  private readonly shouldStop: (() => boolean) | undefined;
  private readonly exact: ExactTables | null = null;
  private readonly search: HorizonSearch | null = null;

  constructor(spec: EnvSpec, options: BayesAdaptiveOptions = {}) {
    this.spec = spec;
    this.maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
    this.horizon = Math.max(1, Math.floor(options.horizon ?? DEFAULT_HORIZON));
    this.tolerance = options.tolerance ?? 1e-10;
    this.shouldStop = options.shouldStop;
    const mode = options.mode ?? 'auto';
    if (mode !== 'auto' && mode !== 'exact' && mode !== 'horizon')
      throw new UsageError(`bayes-optimal: mode must be auto, exact or horizon, got "${String(mode)}"`);
    if (spec.start === null) throw new UsageError(`bayes-optimal: ${spec.name} has no start cell`);
    const pw = createPlanWorld(spec);
    this.pw = pw;
    this.gamma = pw.gamma;
    this.stuckValue = pw.stuckValue;
    this.factors = pw.factors;
    this.factorOfCell = pw.factorOfCell;
    this.positions = pw.positions;
    this.posIndex = pw.posIndex;

    // A quick bound before enumerating anything: each binary factor whose variants differ is worth at
    // least a factor 2 of beliefs (unresolved or not), so huge worlds are refused at once.
    refuseHopeless(pw, mode, this.maxStates);
    discoverPositions(pw);
    this.noisyReasons = noisyReasons(pw);
    const exact = this.noisyReasons.length === 0;
    if (mode === 'exact' && !exact)
      throw new UsageError(
        `bayes-optimal cannot plan ${spec.name} exactly: ${this.noisyReasons.slice(0, 3).join('; ')}; use mode=horizon (or auto)`,
      );
    this.mode = mode === 'horizon' || !exact ? 'horizon' : 'exact';
    if (this.mode === 'exact') {
      const space = enumerateBeliefs(pw, this.maxStates);
      this.beliefCount = space.count;
      this.stateCount = space.count * pw.positions.length;
      this.exact = createExactTables(space);
    } else {
      const bound = boundHorizonSearch(pw, this.horizon, this.maxStates, this.noisyReasons);
      this.searchBound = bound;
      this.stateCount = bound;
      this.search = createHorizonSearch(pw, this.horizon, this.maxStates, this.tolerance, bound);
    }
  }

  /** "3^8" or "3^5 × 4^1": the count of subsets per factor, grouped ("1" in horizon mode). */
  describeBeliefs(): string {
    return this.exact ? describeBeliefs(this.exact.space) : '1';
  }

  /** Solves every belief, most resolved first (exact mode; horizon mode plans per decision). Idempotent. */
  solve(): void {
    if (!this.exact || this.exact.values) return;
    this.exact.values = solveBeliefs(this.pw, this.exact, this.tolerance, this.shouldStop);
  }

  /** Exact mode: the optimal value of standing at `cell` in belief `b`. */
  valueAt(b: number, cell: number): number {
    this.solve();
    return this.exact!.values![b * this.positions.length + this.posIndex[cell]];
  }

  /** The prior (not yet refined by the first observation's cues). */
  priorState(): PlanState {
    return priorState(this.pw);
  }

  /** The state after the first observation of an episode (its cues refine the prior). */
  initialState(obs: Observation): PlanState {
    return initialState(this.pw, obs);
  }

  /** Bayes' rule for one transition, by matching the observation against the predicted outcomes. */
  advance(st: PlanState, action: Action, obs: Observation, reward: number, ended: boolean): PlanState {
    return advance(this.pw, st, action, obs, reward, ended);
  }

  /** Q-values of the environment's actions (in `spec.actions` order) at the tracked state. */
  actionValues(st: PlanState): Float64Array {
    const i = this.posIndex[st.cell];
    const out = new Float64Array(this.pw.actions.length);
    if (i < 0) return out;
    if (this.exact) {
      this.solve();
      exactActionValues(this.pw, this.exact, i, st.post, out);
    } else horizonActionValues(this.search!, i, st.post, out);
    return out;
  }

  /** The planner's value of the start before anything is seen: exact mode's optimal expected return. */
  startValue(): number {
    const start = this.spec.start!;
    const prior = this.priorState();
    const outcomes = perceive(this.pw, start, (f) => prior.post[f]);
    let total = 0;
    for (const o of outcomes) {
      const post = prior.post.slice();
      for (const [f, vec] of o.updates) post[f] = vec;
      const st: PlanState = { cell: start, post, active: true, inconsistent: false };
      const q = this.actionValues(st);
      let best = this.gamma >= 1 ? this.stuckValue : -Infinity;
      for (const v of q) best = Math.max(best, v);
      total += o.p * best;
    }
    return total;
  }

  /** P(trap) per cell under the tracked posterior, for views. */
  trapMap(st: PlanState): Float64Array {
    return trapMap(this.pw, st);
  }

  /** Posterior per truth key: tile → probability. */
  posterior(st: PlanState): Record<string, Record<string, number>> {
    return posteriorByKey(this.pw, st);
  }
}
