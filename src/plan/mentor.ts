/**
 * A mentor who knows the true world: it answers with the action an optimal agent that knows the truth
 * would take now (the oracle's), from the episode's state as the driver holds it: the agent's cell and
 * the changes made so far. The plan is value iteration on the true world, made once per truth.
 */
import type { EnvSpec } from '../core/spec.ts';
import type { EpisodeNow, Mentor } from '../core/agent.ts';
import type { Truth } from '../core/truth.ts';
import { compileWorld } from '../core/world.ts';
import { greedyAction } from './greedy.ts';
import { modelState } from './model.ts';
import { valueIteration, type Solution } from './solve.ts';

const plans = new WeakMap<EnvSpec, Map<string, Solution>>();

function planFor(env: EnvSpec, truth: Truth): Solution {
  let byTruth = plans.get(env);
  if (!byTruth) plans.set(env, (byTruth = new Map()));
  const key = JSON.stringify(truth);
  let plan = byTruth.get(key);
  if (!plan) {
    plan = valueIteration(compileWorld(env, truth));
    // A handful of truths per world is the common case; a world with many is planned afresh each time.
    if (byTruth.size < 64) byTruth.set(key, plan);
  }
  return plan;
}

export function createMentor(env: EnvSpec, truth: Truth, now: () => EpisodeNow): Mentor {
  // Planned at the first question: an episode without one costs nothing.
  let plan: Solution | null = null;
  return {
    ask() {
      plan ??= planFor(env, truth);
      const base = plan.model.world.tileId;
      const { pos, tileId } = now();
      const pairs: number[] = [];
      for (let c = 0; c < tileId.length; c++) if (tileId[c] !== base[c]) pairs.push(c, tileId[c]);
      const state = modelState(plan.model, pos, pairs.length ? Int32Array.from(pairs) : null);
      return greedyAction(plan, state >= 0 ? state : pos);
    },
  };
}
