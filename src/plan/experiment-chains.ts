/**
 * Valuing sequences of experiments (experiment, move, experiment, …) against the safe plan: the
 * prober's heuristic decision, non-myopic and bounded.
 *
 * The optimistic route (every closed cell opened) names the blockers: the factors whose closed cells
 * it crosses, in order. A chain tests the first blocker from a spot the agent can reach safely, then,
 * on every outcome that opens it (its cells' chance of harm now within the risk budget), walks on and
 * tests the next, and so on; on an outcome that leaves a blocker closed it falls back to the safe plan
 * with what it knows then. Its value is an expectation over outcomes, discounted step by step:
 *
 *   value(i, at) = travel(at → spot_i) + γ^d · [ steps of the experiment +
 *                  Σ_o P(o) · (r_o + γ · (opened(o) ? value(i + 1, after_o) : V_known(after_o))) ]
 *
 * where V_known is the safe plan's value with the blockers opened so far (the last experiment's own
 * factor too, on its opening outcomes). These values come from the masked model (masked-plan.ts), one
 * prioritized sweep per prefix of the chain, so a chain of k experiments costs k + 1 sweeps however many
 * outcomes it has. Poking the first snake alone may not pay while poking both does: the chain finds it.
 *
 * Approximations, documented: travel is along shortest safe paths at the step reward (slips ignored
 * there); an opened cell is planned as its harmless variant (its leftover risk, below the budget, is not
 * priced); each link is the best experiment given the links before it (greedy along the chain).
 */
import type { Belief } from '../bayes/belief.ts';
import type { Action } from '../core/format.ts';
import { asksOn, experimentsOn, type Experiment, type Outcome } from './experiments.ts';
import { closedRoles, opensAt, posterior, type ClosedRole } from './blocker-opening.ts';
import { harmlessForSure, harmProbability, type HarmFlags } from './harm.ts';
import {
  maskedPath,
  maskedReach,
  openCells,
  optimisticRoute,
  type MaskedModel,
  type Reach,
} from './masked-plan.ts';

export interface ChainSettings {
  /** Largest chance of harm the agent accepts when stepping onto a cell. */
  riskBudget: number;
  /** Longest chain of experiments valued. */
  maxChain: number;
  watchLengths: readonly number[];
  allowed: ReadonlySet<Action>;
  /** Tests whose own risk (a poke that may bite) exceeds this are not considered (default: any). */
  maxTestRisk?: number;
  /** Questions the agent may still ask a mentor this episode (agents granted one); default none. */
  questionsLeft?: () => number;
  /** Whether a question about this cell would still tell something (not asked already this episode). */
  mayAsk?: (cell: number) => boolean;
}

export interface SafePlan {
  mm: MaskedModel;
  /** Cells closed in the safe plan (1), by cell. */
  mask: Uint8Array;
  values: Float64Array;
}

export interface ChainChoice {
  /** The experiments in order; the agent does the first now. */
  chain: Experiment[];
  /** Expected discounted value of the chain from the agent's cell. */
  value: number;
  /** The blockers on the optimistic route, by factor index. */
  blockers: number[];
}

interface Prefix {
  V: Float64Array;
  mask: Uint8Array;
  /** Whether the sweep that opened its cells finished (else its values are lower bounds). */
  complete: boolean;
}

/**
 * How much better than the safe plan a chain must look to be started (and how much worse it may look
 * before one being followed is dropped): estimates move a little with every new plan, and a decision
 * flipping on such noise would have the agent walk back and forth.
 */
function margin(safeValue: number): number {
  return 1e-3 * Math.max(1, Math.abs(safeValue));
}

/** Spots farther than this beyond the nearest one are not considered (their travel costs more). */
const SPOT_SLACK = 16;

/** Reaches kept per plan at most (one per start cell and opened set); the cache is cleared beyond. */
const MAX_REACHES = 256;

/**
 * One per safe plan: what depends only on the plan (values with prefixes of blockers opened, shortest
 * open paths) is kept from one decision to the next; posteriors are read afresh at each decision.
 */
export class ChainPlanner {
  private readonly prefixes = new Map<string, Prefix>();
  private readonly closedOf = new Map<number, number[]>();
  /** Per factor, the roles of its closed cells, each once (what `opensAt` checks). */
  private readonly closedRolesOf = new Map<number, ClosedRole[]>();
  /**
   * Whether each outcome weighed in the current `choose` or `revalue` opens its factor: that depends
   * only on the outcome (each belongs to one experiment's factor) and the posterior, fixed during a
   * decision, so outcomes shared by many experiments and links are checked once.
   */
  private readonly opensOf = new Map<Outcome, boolean>();
  private readonly discount: (d: number) => number;
  private readonly travelCost: (d: number) => number;
  private readonly reaches = new Map<string, Reach>();
  /** Closed cells known to harm: walls to the optimistic route, never opened. */
  private readonly hopeless: Uint8Array;
  /** Whether opening every closed cell at once fits a decision's budget (small worlds). */
  private readonly allOpenAffordable: boolean;
  /** Backups spent in the current decision, and its budget. */
  work = 0;
  /** The best chain of each length weighed by the last `choose` (for the views), with its travel. */
  considered: { chain: Experiment[]; value: number; travel: number }[] = [];
  private budget = 0;

  constructor(
    private readonly belief: Belief,
    private readonly harm: HarmFlags,
    private readonly safe: SafePlan,
    private readonly settings: ChainSettings & { work: number },
  ) {
    const { gamma } = safe.mm;
    const step = belief.spec.rewards.step;
    this.discount = (d) => gamma ** d;
    // γ < 1: the masked model caps it at MAX_PLAN_GAMMA.
    this.travelCost = (d) => (step * (1 - gamma ** d)) / (1 - gamma);
    this.prefixes.set('', { V: safe.values, mask: safe.mask, complete: true });
    const n = belief.spec.width * belief.spec.height;
    this.hopeless = new Uint8Array(n);
    for (let c = 0; c < n; c++) {
      if (!safe.mask[c]) continue;
      const fi = belief.factorOfCell[c];
      if (fi < 0) continue;
      // A cell known to harm (a mine that clicked) is no blocker to test: the optimistic route goes round.
      if (harmProbability(belief, harm, c) >= 1 - 1e-9) {
        this.hopeless[c] = 1;
        continue;
      }
      const list = this.closedOf.get(fi) ?? [];
      list.push(c);
      this.closedOf.set(fi, list);
    }
    for (const [fi, cells] of this.closedOf)
      this.closedRolesOf.set(fi, closedRoles(belief.factors[fi], cells));
    const m = safe.mm.model;
    this.allOpenAffordable = 4 * m.stateCount * m.actions.length <= settings.work;
  }

  /** The best chain from `cell`, or null when no chain beats the safe plan. */
  choose(cell: number): ChainChoice | null {
    this.work = 0;
    this.budget = this.settings.work;
    this.opensOf.clear();
    const safeValue = this.safe.values[cell];
    this.considered = [];
    const blockers = this.blockersFrom(cell);
    if (blockers.length === 0) return null;
    let best: ChainChoice | null = null;
    const chain: Experiment[] = [];
    for (let j = 0; j < Math.min(blockers.length, this.settings.maxChain); j++) {
      const from = j === 0 ? cell : continuingCell(chain[j - 1]);
      const reach = this.reach(blockers.slice(0, j), from, blockers[j]);
      const options = experimentsOn(this.belief, blockers[j], {
        isSpot: (c) => reach.dist[c] >= 0,
        harmless: (c) => harmlessForSure(this.belief, this.harm, c),
        allowed: this.settings.allowed,
        watchLengths: j === 0 ? this.settings.watchLengths : this.settings.watchLengths.slice(-1),
      });
      const asked = chain.filter((e) => e.kind === 'ask').length;
      if ((this.settings.questionsLeft?.() ?? 0) > asked)
        options.push(
          ...asksOn(
            this.belief,
            blockers[j],
            (c, v) =>
              this.harm[blockers[j]][this.belief.factors[blockers[j]].roleOfCell.get(c) ?? 0][v] === 1,
            {
              isSpot: (c) => reach.dist[c] >= 0,
              allowed: this.settings.allowed,
            },
          ).filter((e) => this.settings.mayAsk?.(e.target) ?? true),
        );
      let link: { e: Experiment; value: number } | null = null;
      for (const e of options) {
        if (e.risk > (this.settings.maxTestRisk ?? 1)) continue;
        const value = this.valueOf([...chain, e], blockers, cell);
        if (!link || value > link.value) link = { e, value };
      }
      if (!link || link.value === -Infinity) break;
      chain.push(link.e);
      this.considered.push({
        chain: chain.slice(),
        value: link.value,
        travel: this.travelTo(chain[0], cell),
      });
      if (link.value > (best?.value ?? safeValue + margin(safeValue)))
        best = { chain: chain.slice(), value: link.value, blockers };
    }
    return best;
  }

  /** Steps from `cell` to the spot of `e`, a first experiment, along the plan's open cells (-1 if none). */
  private travelTo(e: Experiment, cell: number): number {
    return this.reach([], cell, e.factor).dist[e.spot];
  }

  /**
   * The chain an agent is already following, valued again from `cell` under this plan; null when it
   * no longer beats the safe plan by more than the margin the other way (it is kept through small
   * changes of estimate, so the agent does not turn back and forth between two near-equal plans).
   */
  revalue(choice: ChainChoice, cell: number): ChainChoice | null {
    this.work = 0;
    this.budget = this.settings.work;
    this.opensOf.clear();
    const safeValue = this.safe.values[cell];
    const value = this.valueOf(choice.chain, choice.blockers, cell);
    return value >= safeValue - margin(safeValue) ? { ...choice, value } : null;
  }

  /**
   * Factors whose closed cells the optimistic route from `cell` crosses, in order of crossing: the
   * greedy route with every closed cell opened where that fits the budget (it follows rewards on the
   * way too), else the shortest way to a goal through closed cells.
   */
  private blockersFrom(cell: number): number[] {
    const open = this.allOpenAffordable ? this.prefix([...this.closedOf.keys()], 'all') : null;
    const path = open?.complete
      ? maskedPath(this.safe.mm, open.V, open.mask, cell, this.belief.spec.width * this.belief.spec.height)
      : optimisticRoute(this.safe.mm, cell, this.hopeless);
    const out: number[] = [];
    for (const c of path) {
      const fi = this.safe.mask[c] ? this.belief.factorOfCell[c] : -1;
      if (fi >= 0 && !out.includes(fi)) out.push(fi);
    }
    return out;
  }

  /**
   * Values and mask with the closed cells of `factors` opened, kept for the plan's lifetime. A sweep
   * cut off by the decision's budget leaves lower bounds, kept as they are: the next decisions reuse
   * them rather than pay again, so a plan's total work on prefixes is bounded too.
   */
  private prefix(factors: readonly number[], key = factors.join(',')): Prefix {
    const cached = this.prefixes.get(key);
    if (cached) return cached;
    // Extend the prefix one shorter: chains open their blockers in order.
    const shorter =
      factors.length > 0 && key !== 'all' ? this.prefix(factors.slice(0, -1)) : this.prefixes.get('')!;
    const newly = key === 'all' || factors.length === 0 ? factors : factors.slice(-1);
    const V = Float64Array.from(shorter.V);
    const mask = Uint8Array.from(shorter.mask);
    this.work += V.length;
    const cells = newly.flatMap((fi) => this.closedOf.get(fi) ?? []);
    const done = openCells(this.safe.mm, V, mask, cells, Math.max(0, this.budget - this.work));
    this.work += done.work;
    const made = { V, mask, complete: done.complete };
    this.prefixes.set(key, made);
    return made;
  }

  /**
   * Shortest open paths from `from` with the factors `opened` open, searched until every open cell
   * beside the closed cells of factor `toward` is reached, or `SPOT_SLACK` steps past the nearest.
   */
  private reach(opened: readonly number[], from: number, toward: number): Reach {
    const key = `${opened.join(',')}@${from}>${toward}`;
    let r = this.reaches.get(key);
    if (!r) {
      if (this.reaches.size >= MAX_REACHES) this.reaches.clear();
      const mask = this.prefix(opened).mask;
      const w = this.safe.mm.model.world;
      const spots = new Set<number>();
      for (const c of this.closedOf.get(toward) ?? [])
        for (let d = 0; d < 4; d++) {
          const n = w.neighbour[c * 4 + d];
          if (n >= 0 && !mask[n]) spots.add(n);
        }
      let found = 0;
      let nearest = -1;
      r = maskedReach(this.safe.mm, mask, from, (c, d) => {
        if (nearest >= 0 && d > nearest + SPOT_SLACK) return true;
        if (spots.has(c)) {
          found++;
          if (nearest < 0) nearest = d;
        }
        return found === spots.size;
      });
      this.reaches.set(key, r);
    }
    return r;
  }

  /** Expected discounted value of doing `chain` from `cell`, falling back to the safe plan (module doc). */
  private valueOf(chain: readonly Experiment[], blockers: readonly number[], cell: number): number {
    const gamma = this.safe.mm.gamma;
    const stuckValue = this.safe.mm.stuck;
    // The value of going on from link i depends only on where the agent then stands (the spot or the
    // target): memoised, else outcomes that each open the blocker would multiply down the chain.
    const memo = new Map<number, number>();
    // The prefixes the chain opens, by how many blockers they open: looked up once per valuation, not
    // once per outcome (their keys are strings built from the blockers).
    const prefixes: Prefix[] = [];
    const prefixAt = (k: number): Prefix => (prefixes[k] ??= this.prefix(blockers.slice(0, k)));
    const at = (i: number, pos: number): number => {
      const key = i * this.belief.scratch.cellCount + pos;
      const known = memo.get(key);
      if (known !== undefined) return known;
      const value = link(i, pos);
      memo.set(key, value);
      return value;
    };
    const link = (i: number, pos: number): number => {
      const e = chain[i];
      this.work += e.outcomes.length;
      const opened = blockers.slice(0, i);
      const d = this.reach(opened, pos, e.factor).dist[e.spot];
      if (d < 0) return -Infinity;
      const f = this.belief.factors[e.factor];
      let total = 0;
      for (const o of e.outcomes) {
        let v: number;
        if (o.fatal === 'death' || o.ends) v = o.reward;
        else if (o.fatal === 'stuck') v = o.reward + gamma * stuckValue;
        else {
          const after = o.onTarget ? e.target : e.spot;
          let opens = this.opensOf.get(o);
          if (opens === undefined) {
            opens = opensAt(
              this.belief,
              this.harm,
              e.factor,
              posterior(f.p, o),
              this.settings.riskBudget,
              this.closedRolesOf.get(e.factor) ?? [],
            );
            this.opensOf.set(o, opens);
          }
          const onward =
            opens && i + 1 < chain.length ? at(i + 1, after) : prefixAt(opens ? i + 1 : i).V[after];
          v = o.free ? onward : o.reward + gamma * onward;
        }
        total += o.p * v;
      }
      const experiment = this.travelCost(e.repeats - 1) + this.discount(e.repeats - 1) * total;
      return this.travelCost(d) + this.discount(d) * experiment;
    };
    return at(0, cell);
  }
}

/** Where the agent stands after an experiment's opening outcomes: on the target after a step or a
 * "go" answer, else the spot. */
function continuingCell(e: Experiment): number {
  return e.kind === 'step' || e.kind === 'ask' ? e.target : e.spot;
}
