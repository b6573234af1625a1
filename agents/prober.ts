/**
 * prober: "poke it with a stick". The careful scientist among the agents.
 *
 * Exact mode (below): where the world's belief graph fits a work budget, it plans Bayes-adaptively over
 * every hypothesis with moves whose chance of harm exceeds `budget` forbidden
 * (src/plan/careful-planner.ts). Heuristic mode everywhere else (src/plan/prober-heuristic.ts): a safe
 * plan with every cell over the risk budget closed, and chains of experiments (poke, watch, or a step
 * onto a cell that is harmless under every hypothesis) valued against it, bounded in work.
 * docs/agents.md explains both with a worked example.
 */
import type { Agent, AgentDefinition, DecisionView, OptionValue } from '../src/core/agent.ts';
import { actionDecision } from '../src/plan/decision-view.ts';
import type { EnvSpec } from '../src/core/spec.ts';
import { tryCarefulPlanner, type CarefulPlanner } from '../src/plan/careful-planner.ts';
import { pickAction } from '../src/plan/pick-action.ts';
import { UsageError } from '../src/core/errors.ts';
import type { Action } from '../src/core/format.ts';
import { createHeuristicProber, type HeuristicSettings } from '../src/plan/prober-heuristic.ts';

function parseWatchLengths(text: string): number[] {
  const ks = text.split(',').map((t) => Number(t.trim()));
  if (ks.some((k) => !Number.isInteger(k) || k < 1 || k > 64))
    throw new UsageError(
      `agent "prober" option "watchLengths": expected integers in [1, 64], e.g. 1,2,4,8, got "${text}"`,
    );
  return ks;
}

/**
 * The heuristic mode's settings from the prober's options (all given: `defaultOptions(proberAgent)`
 * has them), for the prober and for the agents that play as it does.
 */
export function heuristicSettings(env: EnvSpec, options: Record<string, OptionValue>): HeuristicSettings {
  return {
    riskBudget: Number(options.budget),
    watchLengths: parseWatchLengths(String(options.watchLengths)),
    maxChain: Math.floor(Number(options.chain)),
    work: Number(options.work),
    allowed: new Set<Action>(env.actions),
  };
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
function createProberAgent(env: EnvSpec, settings: HeuristicSettings, mode: string): Agent {
  const budget = settings.riskBudget;
  const heuristic = createHeuristicProber(env, settings);
  let planner: CarefulPlanner | null | undefined;
  let node: number | null = null;
  let last = -1;
  let step = 0;
  let decision: DecisionView | null = null;
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
      step = 0;
      decision = null;
    },
    act(observation) {
      if (planner && node !== null) {
        const values = planner.actionValues(node);
        last = pickAction(env, values);
        if (last >= 0) {
          decision = actionDecision(step, env.actions, values, planner.risks(node), last);
          return env.actions[last];
        }
      }
      last = -1;
      return heuristic.act(observation);
    },
    observe(transition) {
      step++;
      heuristic.observe(transition);
      if (planner && node !== null)
        node = last >= 0 ? planner.follow(node, last, transition.observation, transition.reward) : null;
    },
    belief() {
      const view = heuristic.belief?.() ?? {};
      return planner && node !== null
        ? {
            ...view,
            posterior: planner.posterior(node),
            plan: planner.intendedPath(node, (q) => pickAction(env, q)),
            ...(decision ? { decision } : {}),
          }
        : view;
    },
  };
}

export const proberAgent: AgentDefinition = {
  name: 'prober',
  title: 'Prober (poke it with a stick)',
  description:
    'Never steps where the chance of harm (death, stuck, or a point of no return such as a door locked for good) exceeds its risk budget. Where the world fits a work budget it plans exactly over every hypothesis under that constraint, so sequences of experiments (poke, walk, poke; a splash at the shore to test the deep ice) are valued as a whole; elsewhere a bounded heuristic values chains of experiments (poke, watch for cues, or step where every hypothesis is harmless) against its safe plan and starts the best one that pays, deciding again after each result.',
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
      name: 'chain',
      type: 'number',
      default: 8,
      min: 1,
      max: 16,
      description: 'longest sequence of experiments valued as a whole (heuristic mode)',
    },
    {
      name: 'work',
      type: 'number',
      default: 200000,
      min: 1000,
      max: 1e9,
      description: 'backups one decision may spend valuing experiments (heuristic mode; counted, not timed)',
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
    return createProberAgent(env, heuristicSettings(env, options), mode);
  },
};
