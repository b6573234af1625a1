/**
 * The machinery shared by the Bayesian agents: track the posterior from observations, keep a plan,
 * replan only when the posterior changed (most steps just follow the plan, which keeps decisions
 * cheap), act greedily, and show the belief and plan to the views.
 */
import { Belief } from '../bayes/belief.ts';
import type { Agent, AgentContext, BeliefView, Transition } from '../core/agent.ts';
import type { Observation } from '../core/episode.ts';
import type { Action } from '../core/format.ts';
import type { Rng } from '../core/rng.ts';
import type { EnvSpec } from '../core/spec.ts';
import { greedyAction, greedyPath } from './greedy.ts';
import type { Solution } from './solve.ts';

export interface BeliefPolicy {
  /** A new episode: the belief is back at the prior. */
  startEpisode?(belief: Belief, rng: Rng, context: AgentContext): void;
  /** Whether the current plan must be redone (default: whenever the posterior changed). */
  stale?(belief: Belief, rng: Rng): boolean;
  plan(belief: Belief, rng: Rng, previous: Solution | null): Solution;
  /** A chance to override the plan's action (experiments); null to follow the plan. */
  override?(belief: Belief, cell: number, plan: Solution, rng: Rng): Action | null;
}

export function createBeliefAgent(env: EnvSpec, policy: BeliefPolicy): Agent {
  const belief = new Belief(env);
  let rng: Rng = () => 0;
  let plan: Solution | null = null;
  let plannedAt = -1;
  let plannedWorld = -1;
  let pos = 0;
  let stuck = false;
  const cellOf = (o: Observation) => o.y * env.width + o.x;
  return {
    reset(context) {
      rng = context.rng;
      belief.reset();
      pos = cellOf(context.observation);
      stuck = context.observation.stuck;
      belief.observeCues(pos, context.observation.cues);
      policy.startEpisode?.(belief, rng, context);
      plannedAt = -1;
    },
    act(observation) {
      const cell = cellOf(observation);
      // A world that changed (a reward taken, a door locked) always needs a new plan, whatever the policy.
      const changed = plannedWorld !== belief.worldVersion;
      const stale = policy.stale ? policy.stale(belief, rng) : plannedAt !== belief.version;
      if (plan === null || stale || changed || plannedAt < 0) {
        plan = policy.plan(belief, rng, plan);
        plannedAt = belief.version;
        plannedWorld = belief.worldVersion;
      }
      return policy.override?.(belief, cell, plan, rng) ?? greedyAction(plan, cell);
    },
    observe(t: Transition) {
      if (!stuck) belief.observeTransition(pos, t.action, t.observation, t.reward);
      pos = cellOf(t.observation);
      stuck = t.observation.stuck;
    },
    belief(): BeliefView {
      return {
        trapProbability: belief.trapMap(),
        posterior: belief.posterior(),
        plan: plan ? greedyPath(plan, pos) : [],
      };
    },
  };
}
