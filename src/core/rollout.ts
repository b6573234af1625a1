/**
 * The batch fast path: uniformly random rollouts straight on the typed arrays, with no observation
 * objects, no cue perception (cues have their own stream, so skipping them changes nothing else) and no
 * allocation per step. Used for throughput benchmarks and Monte Carlo estimates.
 */
import type { Rng } from './rng.ts';
import { resetState, stepState, type EngineState } from './step.ts';
import type { World } from './world.ts';

export interface RolloutTotals {
  steps: number;
  episodes: number;
  deaths: number;
  goals: number;
  returnSum: number;
}

/** Runs random-action episodes until `steps` steps have been taken, resetting on every episode end. */
export function rolloutRandom(
  world: World,
  state: EngineState,
  engine: Rng,
  policy: Rng,
  steps: number,
): RolloutTotals {
  const actions = world.actions;
  const n = actions.length;
  let episodes = 0;
  let deaths = 0;
  let goals = 0;
  let returnSum = 0;
  resetState(world, state);
  for (let i = 0; i < steps; i++) {
    returnSum += stepState(world, state, actions[(policy() * n) | 0], engine);
    if (state.terminated || state.truncated) {
      episodes++;
      if (state.terminated) {
        if (state.alive) goals++;
        else deaths++;
      }
      resetState(world, state);
    }
  }
  return { steps, episodes, deaths, goals, returnSum };
}
