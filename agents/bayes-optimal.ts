/**
 * bayes-optimal: exact Bayes-adaptive planning over (position, belief), the gold standard that is only
 * computable for small worlds.
 *
 * How it decides: in the first episode it plans once, from the priors, over every pair (position,
 * belief) (`src/plan/bayes-adaptive/`); the priors never change, so later episodes of the run, and
 * other runs in the same process on the same environment, reuse the solution. With all-or-nothing
 * observations (no noisy cue, no slip) a belief is which unknowns are resolved to what, and the plan is
 * exact: beliefs are solved from most to least resolved, so the value of every experiment (a poke, a
 * cue, a step into the unknown) is weighed against what its every outcome would lead to. With noisy
 * observations it searches an expectimax tree over exact posteriors, `horizon` steps deep, with leaves
 * valued by the risk-neutral mixture model. It tracks its posterior by matching each observation with
 * the planner's predicted outcomes, and acts greedily on the planner's Q-values; ties go to moves, then
 * pokes, then wait, then the environment's action order, so runs are reproducible. It uses no
 * randomness at all. When the belief space (or the search) would exceed `maxStates` it refuses with a
 * message that says how large it is.
 *
 * Worlds of format 1.1 (theories, tiles that change the world) are planned by the hypothesis planner
 * instead: every joint hypothesis enumerated (at most 4096), belief nodes = posterior weights plus each
 * hypothesis's world state, exact value iteration over the reachable nodes (at most `maxStates`).
 */
import type { Agent, AgentDefinition, OptionValue } from '../src/core/agent.ts';
import { UsageError } from '../src/core/errors.ts';
import type { Action } from '../src/core/format.ts';
import type { EnvSpec } from '../src/core/spec.ts';
import {
  BayesAdaptivePlanner,
  DEFAULT_HORIZON,
  DEFAULT_MAX_STATES,
  type PlanMode,
  type PlanState,
} from '../src/plan/bayes-adaptive/index.ts';
import { HypothesisPlanner } from '../src/plan/hypothesis-planner.ts';
import { pickAction } from '../src/plan/pick-action.ts';

/** Solutions depend only on the environment and the options: shared by every run in the process. */
const cache = new WeakMap<EnvSpec, Map<string, BayesAdaptivePlanner>>();

export function bayesPlanner(
  env: EnvSpec,
  options: { maxStates: number; horizon: number; mode: PlanMode },
): BayesAdaptivePlanner {
  const key = `${options.maxStates}|${options.horizon}|${options.mode}`;
  let byOptions = cache.get(env);
  if (!byOptions) {
    byOptions = new Map();
    cache.set(env, byOptions);
  }
  let planner = byOptions.get(key);
  if (!planner) {
    planner = new BayesAdaptivePlanner(env, options);
    byOptions.set(key, planner);
  }
  return planner;
}

/** Tie-break rank: moves, then pokes, then wait. */
/** Format 1.1 worlds (theories, tiles that change the world): whose state is more than a cell. */
function needsHypothesisPlanner(env: EnvSpec): boolean {
  return (
    env.theories.length > 0 ||
    [...env.tiles.values()].some(
      (t) => t.enter.set.length + (t.leave?.set.length ?? 0) + t.poke.set.length > 0,
    )
  );
}

const hypothesisCache = new WeakMap<EnvSpec, Map<number, HypothesisPlanner>>();

/**
 * The agent on a format 1.1 world: exact planning over the enumerated hypotheses, each with its own
 * world state (src/plan/hypothesis-planner.ts), planned once per environment and budget.
 */
function hypothesisAgent(env: EnvSpec, maxStates: number): Agent {
  let byBudget = hypothesisCache.get(env);
  if (!byBudget) hypothesisCache.set(env, (byBudget = new Map()));
  let planner = byBudget.get(maxStates);
  if (!planner) {
    planner = new HypothesisPlanner(env, { maxHypotheses: 4096, maxNodes: maxStates });
    byBudget.set(maxStates, planner);
  }
  const plan = planner;
  const fallback: Action = env.actions.includes('wait') ? 'wait' : env.actions[0];
  let node: number | null = plan.root;
  let last = -1;
  return {
    reset() {
      node = plan.root;
    },
    act() {
      if (node === null) return fallback;
      last = pickAction(env, plan.actionValues(node));
      return last < 0 ? fallback : env.actions[last];
    },
    observe(transition) {
      node =
        node === null || last < 0 ? null : plan.follow(node, last, transition.observation, transition.reward);
    },
    belief() {
      return node === null ? {} : { posterior: plan.posterior(node) };
    },
  };
}

export const bayesOptimalAgent: AgentDefinition = {
  name: 'bayes-optimal',
  title: 'Bayes-optimal (exact Bayes-adaptive planning)',
  description:
    'Plans once from the priors over every (position, belief) pair: a belief is which unknowns are resolved to what, ' +
    'solved from most to least resolved, so every experiment is weighed against all its outcomes. Noisy cues: ' +
    'expectimax over exact posteriors to a horizon. Acts greedily on those values; refuses worlds whose belief ' +
    'space exceeds maxStates, saying how large it is. Format 1.1 worlds (theories, tiles that change the world): exact ' +
    'value iteration over every enumerated hypothesis with its own world state (at most 4096 hypotheses, maxStates belief nodes).',
  options: [
    {
      name: 'maxStates',
      type: 'integer',
      default: DEFAULT_MAX_STATES,
      min: 1,
      max: 200_000_000,
      description: 'budget: position×belief states (exact) or search states (horizon) before refusing',
    },
    {
      name: 'horizon',
      type: 'integer',
      default: DEFAULT_HORIZON,
      min: 1,
      max: 30,
      description: 'expectimax depth when observations are noisy (leaves: risk-neutral mixture values)',
    },
    {
      name: 'mode',
      type: 'string',
      default: 'auto',
      description: 'auto (exact when observations allow it), exact (refuse otherwise) or horizon',
    },
  ],
  create(env, options: Record<string, OptionValue>) {
    const mode = String(options.mode ?? 'auto');
    if (mode !== 'auto' && mode !== 'exact' && mode !== 'horizon')
      throw new UsageError(
        `agent "bayes-optimal" option "mode": expected auto, exact or horizon, got "${mode}"`,
      );
    if (needsHypothesisPlanner(env))
      return hypothesisAgent(env, Number(options.maxStates ?? DEFAULT_MAX_STATES));
    // Sizes are checked here, before any episode: a world too large is refused at once.
    const planner = bayesPlanner(env, {
      maxStates: Number(options.maxStates ?? DEFAULT_MAX_STATES),
      horizon: Number(options.horizon ?? DEFAULT_HORIZON),
      mode,
    });
    const fallback: Action = env.actions.includes('wait') ? 'wait' : env.actions[0];
    let state: PlanState = planner.priorState();
    return {
      reset(context) {
        planner.solve();
        state = planner.initialState(context.observation);
      },
      act() {
        if (!state.active) return fallback;
        const pick = pickAction(env, planner.actionValues(state));
        return pick < 0 ? fallback : env.actions[pick];
      },
      observe(transition) {
        state = planner.advance(
          state,
          transition.action,
          transition.observation,
          transition.reward,
          transition.terminated || transition.truncated,
        );
      },
      belief() {
        return { trapProbability: planner.trapMap(state), posterior: planner.posterior(state) };
      },
    };
  },
};
