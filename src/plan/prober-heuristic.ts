/**
 * The prober's heuristic mode: bounded, non-myopic experiments on a factored belief, for worlds too
 * large for exact Bayes-adaptive planning.
 *
 * 1. Safe plan. A cell is closed while its chance of harm (death, stuck, or a point of no return; see
 *    harm.ts) exceeds the risk budget, or while it may turn out impassable (a locked gate must not look
 *    like a gamble to retry). The plan is value iteration on the belief's mixture model with the closed
 *    cells masked (masked-plan.ts): every other risk is priced at its posterior probability.
 * 2. Experiments. Where the optimistic route crosses closed cells, chains of experiments (poke, watch,
 *    or a step onto a cell every possible variant of which is harmless) are valued against the safe
 *    plan (experiment-chains.ts); the best chain that beats it is started: the agent walks to the first
 *    experiment's spot along open cells and does it, then decides again with what it saw.
 * 3. Bounded. The plan is redone only when the belief changed in a way that matters (a cell opened or
 *    closed, a factor settled, the world changed, or a posterior moved by more than `REPLAN_SHIFT`),
 *    and a decision is redone only after a new plan, after an experiment, or beside a closed cell. The
 *    work of a decision is counted in backups and capped by the `work` option, so decisions are
 *    deterministic and never hang.
 */
import { Belief, type Factor } from '../bayes/belief.ts';
import type { Agent, BeliefView, DecisionView } from '../core/agent.ts';
import type { Observation } from '../core/episode.ts';
import { ACTIONS, type Action } from '../core/format.ts';
import type { Experiment } from './experiments.ts';
import type { CompiledTile, World } from '../core/world.ts';
import type { EnvSpec } from '../core/spec.ts';
import { blockedProbability, mixtureWorld, standingVariant } from './belief-plan.ts';
import { chainDecision } from './decision-view.ts';
import { ChainPlanner, type ChainChoice, type ChainSettings } from './experiment-chains.ts';
import { harmProbability, variantHarm } from './harm.ts';
import {
  buildMaskedModel,
  firstMoveToward,
  maskedGreedy,
  maskedPath,
  maskedReach,
  openCells,
  solveMasked,
  type MaskedModel,
} from './masked-plan.ts';

/** A posterior moving by more than this (in any variant's probability) since the plan was made stales it. */
const REPLAN_SHIFT = 0.05;

export interface HeuristicSettings extends ChainSettings {
  /** Backups one decision may spend opening cells to value experiments. */
  work: number;
  /** Asks the agent's mentor an `ask` experiment's question, learns from the answer and returns it. */
  ask?: (e: Experiment) => Action;
}

interface Plan {
  mm: MaskedModel;
  chains: ChainPlanner;
  mask: Uint8Array;
  values: Float64Array;
  /** The posteriors the plan was made from (staleness) and those its model prices (model reuse). */
  posterior: Float64Array[];
  modelPosterior: Float64Array[];
  resolved: boolean[];
  /** Per factor: whether some cell of it is open, so the plan prices it by its posterior. */
  priced: boolean[];
  /** Per cell: whether the model holds it as a mixture of variants. */
  mixed: Uint8Array;
  /** Factors whose closed cells the agent has stood beside and decided about under this plan. */
  consideredBeside: Set<number>;
  worldVersion: number;
}

export function createHeuristicProber(
  env: EnvSpec,
  settings: HeuristicSettings,
  /** A belief to keep (and let its owner update too, as the mentored agent does with answers). */
  belief: Belief = new Belief(env),
): Agent {
  const harm = variantHarm(belief);
  const n = env.width * env.height;
  let plan: Plan | null = null;
  let firstPlan: Plan | null = null;
  let choice: ChainChoice | null = null;
  let decided = false;
  let decision: DecisionView | null = null;
  let step = 0;
  let pos = 0;
  let stuck = false;
  const cellOf = (o: Observation) => o.y * env.width + o.x;

  /**
   * The closed cells, the agent's own cell aside: they depend only on the posteriors and on which cells
   * are still unknown, so they are found again only when the belief's version or world version moved
   * (every posterior update and every change seen bumps one; the mentored agent's answers go through
   * `updateFactor` too).
   */
  let closedBase: { version: number; worldVersion: number; mask: Uint8Array } | null = null;

  /** The cells closed in the safe plan: a fresh mask each step, the agent's own cell open. */
  function closedMask(): Uint8Array {
    if (closedBase?.version !== belief.version || closedBase.worldVersion !== belief.worldVersion)
      closedBase = { version: belief.version, worldVersion: belief.worldVersion, mask: closedCells() };
    const mask = closedBase.mask.slice();
    mask[pos] = 0;
    return mask;
  }

  function closedCells(): Uint8Array {
    const mask = new Uint8Array(n);
    belief.factors.forEach((f, fi) => {
      const resolved = belief.isResolved(f);
      for (const c of f.cells) {
        if (belief.factorOfCell[c] !== fi) continue;
        if (harmProbability(belief, harm, c) > settings.riskBudget) mask[c] = 1;
        else if (!resolved) {
          // Closed while it may well block (the same rule as a chain's `opensAt`): beyond the budget,
          // and not a wall for sure.
          const blocked = blockedProbability(f.roles[f.roleOfCell.get(c) ?? 0].tiles, f.p);
          if (blocked > settings.riskBudget && blocked < 1 - 1e-9) mask[c] = 1;
        }
      }
    });
    return mask;
  }

  function stale(mask: Uint8Array): boolean {
    if (!plan || plan.worldVersion !== belief.worldVersion) return true;
    for (let c = 0; c < n; c++) if (mask[c] !== plan.mask[c]) return true;
    return (
      belief.factors.some((f, fi) => belief.isResolved(f) !== plan!.resolved[fi]) ||
      pricedMoved(plan, plan.posterior)
    );
  }

  /**
   * Whether the posterior of a factor the plan prices moved by more than `REPLAN_SHIFT` (in any
   * variant's probability) from `before`. A factor whose every cell is closed is not priced by the
   * plan: its posterior only matters once a cell opens, which changes the mask.
   */
  function pricedMoved(p: Plan, before: readonly Float64Array[]): boolean {
    return belief.factors.some((f, fi) => {
      if (!p.priced[fi]) return false;
      const q = before[fi];
      for (let v = 0; v < f.p.length; v++) if (Math.abs(f.p[v] - q[v]) > REPLAN_SHIFT) return true;
      return false;
    });
  }

  /**
   * The tile a closed cell holds in the model: its harmless variant most probable under the prior (what
   * it would be if opened). Fixed per cell, so closing and opening cells never changes the model.
   */
  const closedTiles = belief.factors.map((f, fi) =>
    f.roles.map((role, r) => {
      let best = -1;
      for (let v = 0; v < f.prior.length; v++)
        if (!harm[fi][r][v] && (best < 0 || f.prior[v] > f.prior[best])) best = v;
      return best >= 0 ? role.tiles[best] : null;
    }),
  );
  const closedTile = (f: Factor, c: number): CompiledTile =>
    closedTiles[belief.factorOfCell[c]][f.roleOfCell.get(c) ?? 0] ?? standingVariant(f, c);

  /** Whether the previous plan's model is still the model of the belief (only the mask may differ). */
  function sameModel(prev: Plan, world: World, mixed: Uint8Array): boolean {
    if (prev.worldVersion !== belief.worldVersion) return false;
    const before = prev.mm.model.world.tileId;
    for (let c = 0; c < n; c++) if (world.tileId[c] !== before[c] || mixed[c] !== prev.mixed[c]) return false;
    return !pricedMoved(prev, prev.modelPosterior);
  }

  /**
   * A new plan. The model is rebuilt only when the world it describes changed (a tile, a mixture, a
   * change seen): opening and closing cells only changes the mask. When cells only opened, their
   * values come from a prioritized sweep from them; otherwise from value iteration, warm-started.
   */
  function replan(mask: Uint8Array): Plan {
    const mixture = mixtureWorld(belief, (c) => mask[c] === 1, closedTile);
    const mixed = new Uint8Array(n);
    for (let c = 0; c < n; c++) if (mixture.variants(c)) mixed[c] = 1;
    const reuse = plan !== null && sameModel(plan, mixture.world, mixed);
    const mm = reuse ? plan!.mm : buildMaskedModel(mixture);
    let values: Float64Array;
    const opened: number[] = [];
    let closedMore = false;
    if (reuse)
      for (let c = 0; c < n; c++) {
        if (plan!.mask[c] && !mask[c]) opened.push(c);
        else if (!plan!.mask[c] && mask[c]) closedMore = true;
      }
    if (reuse && !closedMore) {
      values = Float64Array.from(plan!.values);
      openCells(mm, values, Uint8Array.from(plan!.mask), opened, Infinity);
    } else {
      const warm = plan && plan.mm.model.stateCount === mm.model.stateCount ? plan.values : undefined;
      values = solveMasked(mm, mask, { initial: warm }).values;
    }
    return {
      mm,
      chains: new ChainPlanner(belief, harm, { mm, mask, values }, settings),
      mask,
      values,
      posterior: belief.factors.map((f) => f.p.slice()),
      modelPosterior: reuse ? plan!.modelPosterior : belief.factors.map((f) => f.p.slice()),
      resolved: belief.factors.map((f) => belief.isResolved(f)),
      priced: belief.factors.map((f, fi) => f.cells.some((c) => belief.factorOfCell[c] === fi && !mask[c])),
      mixed,
      consideredBeside: new Set(),
      worldVersion: belief.worldVersion,
    };
  }

  /**
   * Whether a closed cell of a factor not yet considered from beside it (under this plan) is next to the
   * agent: where experiments happen, so worth a fresh decision, once per factor and plan.
   */
  function besideNewClosed(p: Plan): boolean {
    let fresh = false;
    for (let d = 0; d < 4; d++) {
      const c = belief.scratch.neighbour[pos * 4 + d];
      const fi = c >= 0 && p.mask[c] ? belief.factorOfCell[c] : -1;
      if (fi >= 0 && !p.consideredBeside.has(fi)) {
        p.consideredBeside.add(fi);
        fresh = true;
      }
    }
    return fresh;
  }

  return {
    reset(context) {
      belief.reset();
      pos = cellOf(context.observation);
      stuck = context.observation.stuck;
      belief.observeCues(pos, context.observation.cues);
      // Every episode starts from the prior and the world as drawn: its plan is the same as the last
      // episode's first one (the belief's reset counts as a new world version; this one is that world).
      plan = firstPlan;
      if (plan) {
        plan.consideredBeside.clear();
        plan.worldVersion = belief.worldVersion;
      }
      choice = null;
      decided = false;
      decision = null;
      step = 0;
    },
    act() {
      const mask = closedMask();
      if (stale(mask)) {
        plan = replan(mask);
        firstPlan ??= plan;
        decided = false;
      } else if (!choice && besideNewClosed(plan!)) decided = false;
      const p = plan!;
      if (!decided) {
        // A chain under way is kept unless a fresh one beats it by the margin, or it stopped paying.
        const kept = choice ? p.chains.revalue(choice, pos) : null;
        const fresh = p.chains.choose(pos);
        choice = kept && (!fresh || fresh.value <= kept.value + Math.abs(kept.value) * 1e-3) ? kept : fresh;
        decided = true;
        decision = chainDecision(belief, step, p.values[pos], p.chains.considered, choice);
      }
      if (choice) {
        const e = choice.chain[0];
        if (pos === e.spot) {
          // Done: decide again with what it shows.
          decided = false;
          choice = null;
          return e.kind === 'ask' && settings.ask ? settings.ask(e) : e.action;
        }
        const reach = maskedReach(p.mm, p.mask, pos, (c) => c === e.spot);
        const d = firstMoveToward(p.mm, reach, e.spot);
        if (d >= 0) return ACTIONS[d];
        choice = null;
      }
      return ACTIONS[p.mm.model.actions[maskedGreedy(p.mm, p.values, p.mask, pos)]];
    },
    observe(t) {
      step++;
      if (!stuck) belief.observeTransition(pos, t.action, t.observation, t.reward);
      pos = cellOf(t.observation);
      stuck = t.observation.stuck;
    },
    belief(): BeliefView {
      const p = plan;
      let path: number[] = [];
      if (p) {
        const e = choice?.chain[0];
        path = e ? pathTo(p, pos, e.spot) : maskedPath(p.mm, p.values, p.mask, pos, n);
      }
      return {
        trapProbability: belief.trapMap(),
        posterior: belief.posterior(),
        plan: path,
        ...(decision ? { decision } : {}),
      };
    },
  };
}

/** The cells of the shortest open path from `from` to `to` (for the plan overlay). */
function pathTo(p: Plan, from: number, to: number): number[] {
  const reach = maskedReach(p.mm, p.mask, from, (c) => c === to);
  if (reach.dist[to] < 0) return [from];
  const path: number[] = [];
  for (let at = to; at >= 0; at = reach.parent[at]) path.unshift(at);
  return path;
}
