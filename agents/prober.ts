/**
 * prober: "poke it with a stick". The careful scientist among the agents.
 *
 * Exact mode (createProberAgent, below): where the world's belief graph fits a work budget, it plans
 * Bayes-adaptively over every hypothesis with moves whose chance of harm exceeds `budget` forbidden
 * (src/plan/careful-planner.ts). Heuristic mode, everywhere else, decides as follows.
 *
 * How the heuristic decides, each time its posterior changes:
 * 1. Safe plan. Cells whose P(trap) exceeds the risk budget (option `budget`, default 0.001) are
 *    forbidden: it never steps there; so are cells that may turn out impassable, until known (a locked
 *    gate must not look like a gamble to retry). The rest are priced at their expected death cost (the
 *    belief's mixture model). V_safe is the value of following this plan from here.
 * 2. What could be gained. It plans in the best case (every unsettled unknown harmless) and walks that
 *    plan; the unsettled unknowns it would have to cross while forbidden, in order, are the blockers.
 *    No blockers: nothing to learn that could change what it does, so it follows the safe plan.
 * 3. Experiments. For each blocker, the ways to learn it from a safe cell: poke one of its cells (for a
 *    scope-"all" unknown, any cell, so the cheapest poke informs every cell) or watch it for k steps
 *    (noisy `near` cues; k in `watchLengths`). For the first blocker alone, and for the first 2, 3, …
 *    blockers together (snakes in a row: learning the first is worthless unless the next can be learned
 *    too; later blockers may be examined from cells that earlier ones would open), it computes the value
 *    of information: the expected V_safe after seeing the outcomes (a poke that kills counted as a
 *    death), minus V_safe now, minus the cost: the experiment's own steps and any detour from the
 *    best-case route to its spot and back, at the step reward.
 * 4. If the best net value is positive it goes to that experiment's spot along safe cells and does it
 *    (one poke, or one step of watching, then decides again with the new posterior); otherwise it follows
 *    the safe plan. So it stops experimenting as soon as no experiment is worth its cost.
 *
 * Approximations (documented, not hidden): travel and experiment costs are undiscounted; values after an
 * experiment are the values of the safe plan at the current cell; the mixture model treats the cells
 * of a scope-"all" unknown as independent when pricing risk below the budget.
 */
import type { Agent, AgentDefinition } from '../src/core/agent.ts';
import type { EnvSpec } from '../src/core/spec.ts';
import { tryCarefulPlanner, type CarefulPlanner } from '../src/plan/careful-planner.ts';
import { pickAction } from '../src/plan/pick-action.ts';
import { UsageError } from '../src/core/errors.ts';
import type { Action } from '../src/core/format.ts';
import type { Belief } from '../src/bayes/belief.ts';
import type { Truth } from '../src/core/truth.ts';
import { stuckValue } from '../src/plan/model.ts';
import { createBeliefAgent } from '../src/plan/belief-agent.ts';
import { isOffLimits, planAssumed, planMixture } from '../src/plan/belief-plan.ts';
import { experimentsOn, type Experiment } from '../src/plan/experiments.ts';
import { greedyPath } from '../src/plan/greedy.ts';
import { safeDistances, stepToward } from '../src/plan/safe-paths.ts';
import type { Solution } from '../src/plan/solve.ts';
import { bestCase } from './optimist.ts';

const MAX_SET = 6;

/**
 * Most joint outcomes a set of experiments is valued over (each leaf is one safe plan): the valuation is
 * exponential in the set's size, so sets beyond this are not valued. A budget in work, not time, so
 * decisions stay deterministic (a corridor of noisy ash cells once took minutes per decision).
 */
const MAX_LEAVES = 64;

/** Safe plans (value iterations of the belief's mixture model) one decision may value at most. */
const PLAN_BUDGET = 2 * MAX_LEAVES;

interface Decision {
  experiment: Experiment | null;
  value: number;
}

function parseWatchLengths(text: string): number[] {
  const ks = text.split(',').map((t) => Number(t.trim()));
  if (ks.some((k) => !Number.isInteger(k) || k < 1 || k > 64))
    throw new UsageError(
      `agent "prober" option "watchLengths": expected integers in [1, 64], e.g. 1,2,4,8, got "${text}"`,
    );
  return ks;
}

export function createProber(
  env: Parameters<AgentDefinition['create']>[0],
  budget: number,
  watchLengths: number[],
) {
  const allowed = new Set<Action>(env.actions);
  const step = env.rewards.step;
  const deathValue = step + env.rewards.death;
  let decision: Decision = { experiment: null, value: 0 };
  let decidedAt = -1;
  let safe: Solution | null = null;
  let dist: Int32Array = new Int32Array(0);

  /** V_safe at `cell` under a posterior, memoised by the posterior itself. */
  function valueUnder(belief: Belief, cell: number, cache: Map<string, number>): number {
    const key = belief.factors.map((f) => Array.from(f.p, (q) => q.toFixed(12)).join(',')).join('|');
    let v = cache.get(key);
    if (v === undefined) {
      // Warm-started from the safe plan now: the posterior after one experiment is close to this one.
      v = planMixture(belief, { forbidAbove: budget, tolerance: 1e-6, initial: safe?.values }).values[cell];
      cache.set(key, v);
    }
    return v;
  }

  /** Expected V_safe after doing all `set` experiments, enumerating their joint outcomes. */
  function valueAfter(belief: Belief, cell: number, set: Experiment[], cache: Map<string, number>): number {
    const recurse = (b: Belief, i: number): number => {
      if (i === set.length) return valueUnder(b, cell, cache);
      const e = set[i];
      let total = 0;
      for (const o of e.outcomes) {
        if (o.fatal) {
          const killed = b.factors[e.factor].tiles.some((t) => t.pokeRisk > 0 && t.pokeRiskEffect === 2);
          total += o.p * (killed ? stuckValue(b.scratch) : deathValue);
          continue;
        }
        const next = b.clone();
        next.updateFactor(next.factors[e.factor], o.likelihood);
        total += o.p * recurse(next, i + 1);
      }
      return total;
    };
    return recurse(belief, 0);
  }

  /**
   * Steps an experiment adds to the best-case route from `cell`: getting to its spot (along safe cells,
   * or along the route for spots that earlier experiments in a sequence would open), its own steps,
   * and getting from the spot to the goal, minus the route's own length. The cell before the snake
   * costs just the poke; the far side of the bridge costs the long way round.
   */
  function cost(e: Experiment, route: readonly number[]): number {
    const at = new Map(route.map((c, i) => [c, i]));
    const viaRoute = (x: number, toEnd: boolean): number => {
      let best = Infinity;
      route.forEach((c, i) => (best = Math.min(best, manhattan(x, c) + (toEnd ? route.length - 1 - i : i))));
      return best;
    };
    const travel = dist[e.spot] >= 0 ? dist[e.spot] : (at.get(e.spot) ?? viaRoute(e.spot, false));
    const extra = travel + e.repeats + viaRoute(e.spot, true) - (route.length - 1);
    return Math.max(e.repeats, extra) * Math.max(0, -step);
  }

  function manhattan(a: number, b: number): number {
    return (
      Math.abs((a % env.width) - (b % env.width)) +
      Math.abs(Math.floor(a / env.width) - Math.floor(b / env.width))
    );
  }

  function decide(belief: Belief, cell: number, plan: Solution): Decision {
    // The safe plan is the plan the agent follows (same model and budget): not solved twice.
    safe = plan;
    dist = safeDistances(safe, cell);
    const vSafe = safe.values[cell];
    const best: Truth = Object.fromEntries(belief.factors.map((f) => [f.key, bestCase(f)]));
    const path = greedyPath(
      planAssumed(belief, best, { tolerance: 1e-6, initial: plan.values }),
      cell,
      env.width * env.height,
    );
    const blockers: number[] = [];
    for (const c of path) {
      const fi = belief.factorOfCell[c];
      if (fi >= 0 && isOffLimits(belief, c, budget) && !blockers.includes(fi)) blockers.push(fi);
    }
    if (blockers.length === 0) return { experiment: null, value: 0 };
    const cache = new Map<string, number>();
    let plansLeft = PLAN_BUDGET;
    let choice: Decision = { experiment: null, value: 0 };
    const chosen: Experiment[] = [];
    for (let j = 0; j < Math.min(blockers.length, MAX_SET); j++) {
      const opened = new Set(blockers.slice(0, j));
      const isSpot = (c: number) => dist[c] >= 0 || opened.has(belief.factorOfCell[c]);
      const options = experimentsOn(
        belief,
        blockers[j],
        isSpot,
        allowed,
        j === 0 ? watchLengths : [watchLengths[watchLengths.length - 1]],
      );
      if (options.length === 0) break;
      // The cheapest spot for each kind of experiment (its outcomes do not depend on the spot).
      const byKind = new Map<string, Experiment>();
      for (const e of options) {
        const kind = `${e.action.startsWith('poke') ? 'poke' : 'watch'}:${e.repeats}`;
        const seen = byKind.get(kind);
        if (!seen || cost(e, path) < cost(seen, path)) byKind.set(kind, e);
      }
      let bestHere: { e: Experiment; net: number } | null = null;
      for (const e of byKind.values()) {
        const set = [...chosen, e];
        const leaves = set.reduce((n, x) => n * x.outcomes.length, 1);
        if (leaves > MAX_LEAVES || leaves > plansLeft) continue;
        plansLeft -= leaves;
        const net = valueAfter(belief, cell, set, cache) - vSafe - set.reduce((s, x) => s + cost(x, path), 0);
        if (!bestHere || net > bestHere.net) bestHere = { e, net };
      }
      if (!bestHere) break;
      chosen.push(bestHere.e);
      if (bestHere.net > choice.value + 1e-9) choice = { experiment: chosen[0], value: bestHere.net };
    }
    return choice;
  }

  return createBeliefAgent(env, {
    plan(belief, _rng, previous) {
      // Warm-started from the last plan: one observation moves few values.
      return planMixture(belief, { forbidAbove: budget, tolerance: 1e-6, initial: previous?.values });
    },
    override(belief, cell, plan) {
      if (decidedAt !== belief.version) {
        decision = decide(belief, cell, plan);
        decidedAt = belief.version;
      }
      const e = decision.experiment;
      if (!e || !safe) return null;
      if (cell === e.spot) return e.action;
      if (dist.length === 0 || dist[cell] !== 0) dist = safeDistances(safe, cell);
      return stepToward(safe, dist, cell, e.spot);
    },
  });
}

/** Exact careful planners per world and risk budget, built once (on the first episode, so it is timed). */
const carefulCache = new WeakMap<EnvSpec, Map<number, CarefulPlanner | null>>();

function carefulFor(env: EnvSpec, budget: number): CarefulPlanner | null {
  let byBudget = carefulCache.get(env);
  if (!byBudget) carefulCache.set(env, (byBudget = new Map()));
  if (!byBudget.has(budget)) byBudget.set(budget, tryCarefulPlanner(env, budget));
  return byBudget.get(budget)!;
}

/**
 * The prober: the exact careful planner (src/plan/careful-planner.ts) where the world fits its budget,
 * and the heuristic above where it does not, or from the moment the world does something the exact
 * graph did not foresee. The heuristic sees every step either way, so it can take over at any time.
 */
function createProberAgent(env: EnvSpec, budget: number, watchLengths: number[], mode: string): Agent {
  const heuristic = createProber(env, budget, watchLengths);
  let planner: CarefulPlanner | null | undefined;
  let node: number | null = null;
  let last = -1;
  return {
    reset(context) {
      heuristic.reset(context);
      if (planner === undefined) {
        planner = mode === 'heuristic' ? null : carefulFor(env, budget);
        if (!planner && mode === 'exact')
          throw new UsageError(
            `agent "prober" option "mode": ${env.name} is too large for the exact mode (its hypotheses or belief states exceed the budget); use mode auto or heuristic`,
          );
      }
      node = planner ? planner.root : null;
    },
    act(observation) {
      if (planner && node !== null) {
        last = pickAction(env, planner.actionValues(node));
        if (last >= 0) return env.actions[last];
      }
      last = -1;
      return heuristic.act(observation);
    },
    observe(transition) {
      heuristic.observe(transition);
      if (planner && node !== null)
        node = last >= 0 ? planner.follow(node, last, transition.observation, transition.reward) : null;
    },
    belief() {
      const view = heuristic.belief?.() ?? {};
      return planner && node !== null
        ? { ...view, posterior: planner.posterior(node), plan: undefined }
        : view;
    },
  };
}

export const proberAgent: AgentDefinition = {
  name: 'prober',
  title: 'Prober (poke it with a stick)',
  description:
    'Never steps where the chance of harm (death, stuck, or a point of no return such as a door locked for good) exceeds its risk budget. Where the world fits a work budget it plans exactly over every hypothesis under that constraint, so sequences of experiments (poke, walk, poke; a splash at the shore to test the deep ice) are valued as a whole; elsewhere a bounded heuristic runs the experiment (poke from a safe cell, or watch for cues) whose value of information most exceeds its cost and risk, and stops when none is worth it.',
  options: [
    {
      name: 'budget',
      type: 'number',
      default: 0.001,
      min: 0,
      max: 1,
      description: 'largest P(trap) it will ever step onto',
    },
    {
      name: 'watchLengths',
      type: 'string',
      default: '1,2,4,8,16',
      description: 'numbers of steps it considers watching a cell for cues (heuristic mode)',
    },
    {
      name: 'mode',
      type: 'string',
      default: 'auto',
      description:
        'auto (exact careful planning where the world fits the budget, else heuristic), exact (refuse otherwise) or heuristic',
    },
  ],
  create(env, options) {
    const mode = String(options.mode ?? 'auto');
    if (mode !== 'auto' && mode !== 'exact' && mode !== 'heuristic')
      throw new UsageError(`agent "prober" option "mode": expected auto, exact or heuristic, got "${mode}"`);
    return createProberAgent(
      env,
      Number(options.budget),
      parseWatchLengths(String(options.watchLengths)),
      mode,
    );
  },
};
