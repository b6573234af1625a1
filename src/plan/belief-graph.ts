/**
 * The reachable belief graph of a world over a finite set of hypotheses: a node is the agent's cell,
 * the posterior weight of each hypothesis and each one's changes so far; an action in a node splits into
 * the observations it can give (hypothesis-space.ts), each leading to the node of the posterior it
 * leaves. Found breadth-first from the start within a budget of nodes and work, so a large world gives a
 * partial graph (`explored` false), never a hang. The exact Bayes-adaptive planner, the prober's exact
 * mode and `trapworld analyze` all stand on it.
 */
import type { EnvSpec } from '../core/spec.ts';
import { createState, type EngineState } from '../core/step.ts';
import { observationGroups, type GraphBranch, type Hypothesis, type Part } from './hypothesis-space.ts';
import { goalReachableStates } from './irreversibility.ts';
import { buildModel, modelState, stuckValue } from './model.ts';

export interface BeliefNode {
  pos: number;
  weights: Float64Array;
  changes: (Int32Array | null)[];
}

/** An observation after an action: its key, probability, reward, parts, next node (-1 ended, -2 stuck). */
export interface BeliefBranch extends GraphBranch {
  obs: string;
  parts: Part[];
}

export interface GraphBudget {
  maxNodes: number;
  /** Hypothesis × action expansions at most (each node costs its live hypotheses × actions). */
  maxWork: number;
}

/** The least weight of a hypothesis still possible: floored so that it never underflows to "ruled out". */
export const POSSIBLE = 1e-12;

export class BeliefGraph {
  readonly nodes: BeliefNode[] = [];
  /** `branches[node][k]` for every expanded node (the first `expanded` nodes). */
  readonly branches: BeliefBranch[][][] = [];
  readonly codes: number[];
  readonly stuck: number;
  readonly gamma: number;
  /** Whether every reachable node was expanded within the budget. */
  readonly explored: boolean;
  private readonly index = new Map<string, number>();
  private readonly engine: EngineState;
  private harm: { risk: number[][]; riskFree: boolean[][] } | null = null;

  constructor(
    readonly spec: EnvSpec,
    readonly hyps: readonly Hypothesis[],
    budget: GraphBudget,
  ) {
    this.engine = createState(hyps[0].world);
    this.codes = [...hyps[0].world.actions];
    this.stuck = stuckValue(hyps[0].world);
    this.gamma = spec.gamma;
    this.nodeFor({
      pos: spec.start!,
      weights: Float64Array.from(hyps, (h) => h.prior),
      changes: hyps.map(() => null),
    });
    let explored = true;
    let work = 0;
    for (let i = 0; i < this.nodes.length; i++) {
      let live = 0;
      for (const w of this.nodes[i].weights) if (w > 0) live++;
      work += live * this.codes.length;
      if (i >= budget.maxNodes || work > budget.maxWork) {
        explored = false;
        break;
      }
      this.branches.push(this.codes.map((code) => this.expand(i, code)));
    }
    this.explored = explored;
  }

  get expanded(): number {
    return this.branches.length;
  }

  private nodeFor(node: BeliefNode): number {
    const parts: string[] = [String(node.pos)];
    node.weights.forEach((w, h) => {
      if (w > 0) parts.push(`${h}:${w.toPrecision(12)}:${node.changes[h]?.join(',') ?? ''}`);
    });
    const key = parts.join('|');
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.nodes.length;
      this.index.set(key, i);
      this.nodes.push(node);
    }
    return i;
  }

  private expand(n: number, code: number): BeliefBranch[] {
    const node = this.nodes[n];
    const out: BeliefBranch[] = [];
    const groups = observationGroups(this.hyps, this.engine, node.pos, node.weights, node.changes, code);
    for (const [obs, parts] of groups) {
      const total = parts.reduce((t, x) => t + x.p, 0);
      if (!(total > 0)) continue;
      const first = parts[0];
      let next = first.ended ? -1 : -2;
      if (!first.ended && !first.stuck) {
        const weights = new Float64Array(this.hyps.length);
        const changes: (Int32Array | null)[] = this.hyps.map(() => null);
        for (const x of parts) {
          weights[x.h] += x.p / total;
          changes[x.h] = x.changes;
        }
        // A hypothesis the observation does not rule out stays possible, however unlikely; floored, the
        // posterior of endless watching repeats, so noisy worlds have finite graphs.
        for (const x of parts) weights[x.h] = Math.max(weights[x.h], POSSIBLE);
        next = this.nodeFor({ pos: first.pos, weights, changes });
      }
      out.push({ obs, p: total, reward: first.reward, parts, next });
    }
    return out;
  }

  /** The node after action k in node n and observation `obs` (as `observationKey`), or null. */
  follow(n: number, k: number, obs: string): number | null {
    if (n >= this.expanded) return null;
    const b = this.branches[n][k].find((x) => x.obs === obs);
    return b && b.next >= 0 ? b.next : null;
  }

  /** Posterior per truth key, for the views. */
  posterior(n: number): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    this.nodes[n].weights.forEach((w, h) => {
      for (const [key, v] of Object.entries(this.hyps[h].truth)) {
        out[key] ??= {};
        out[key][v] = (out[key][v] ?? 0) + w;
      }
    });
    return out;
  }

  /**
   * Per expanded node and action: the posterior probability of harm (death, stuck, or a point of no
   * return: where, under that hypothesis, the goal could be reached from the start but no longer), and
   * whether it is harmless under every hypothesis still possible. Computed once, on first use.
   */
  harmOf(): { risk: number[][]; riskFree: boolean[][] } {
    if (this.harm) return this.harm;
    const start = this.spec.start!;
    const per = this.hyps.map((h) => {
      const model = buildModel(h.world);
      const goalReachable = goalReachableStates(model);
      return { model, goalReachable, goalFromStart: goalReachable[start] === 1 };
    });
    const harmful = (x: Part): boolean => {
      if (x.dead || x.stuck) return true;
      if (x.ended) return false;
      const ph = per[x.h];
      if (!ph.goalFromStart) return false;
      const st = modelState(ph.model, x.pos, x.changes);
      return st >= 0 && ph.goalReachable[st] === 0;
    };
    const risk = this.branches.map((byAction) =>
      byAction.map((bs) =>
        bs.reduce((r, b) => r + b.parts.reduce((s, x) => s + (harmful(x) ? x.p : 0), 0), 0),
      ),
    );
    // Risk-free means harmless under every hypothesis still possible, however unlikely: after 22 quiet
    // steps beside a chasm that drafts 70% of the time, stepping in is only very likely safe.
    const riskFree = this.branches.map((byAction) =>
      byAction.map((bs) => bs.every((b) => b.parts.every((x) => !harmful(x)))),
    );
    this.harm = { risk, riskFree };
    return this.harm;
  }
}
