/**
 * A Gymnasium-shaped episode for library users who are the agent: `reset()` → `{ observation, info }`,
 * `step(action)` → `{ observation, reward, terminated, truncated, info }`. The engine's own Episode
 * (src/core/episode.ts), so the same seed and actions give what `trapworld run --actions` and
 * `serve --stdio` give.
 */
import { Episode, type Observation, type Outcome, type StepResult, outcomeOf } from '../core/episode.ts';
import type { Action } from '../core/format.ts';
import { isValidSeed } from '../core/rng.ts';
import type { EnvSpec } from '../core/spec.ts';
import type { Truth } from '../core/truth.ts';

export interface EpisodeOptions {
  /** Decides the world drawn, slips, risks and cue noise (default 0); an integer in [0, 2^32). */
  seed?: number;
  /** Fixes part or all of the truth (`{ snake: 'live' }`, `{ 'bog@3,2': 'sinkhole' }`); the rest is drawn. */
  truth?: Truth;
}

export interface ResetOptions extends EpisodeOptions {
  /** Which episode of the seed (default: 0 after a new seed, else the one after the last). */
  episode?: number;
}

export interface ResetInfo {
  seed: number;
  episode: number;
  /**
   * The world drawn for this episode. For analysis only: an agent that reads it is the oracle, not a
   * learner.
   */
  truth: Truth;
}

export interface GymEpisode {
  readonly env: EnvSpec;
  /** The actions the environment allows (its action space). */
  readonly actions: readonly Action[];
  readonly seed: number;
  /** The index of the episode being played (-1 before the first reset). */
  readonly episode: number;
  /** goal, death, stuck or truncated once the episode has ended; else null. */
  readonly outcome: Outcome | null;
  reset(options?: ResetOptions): { observation: Observation; info: ResetInfo };
  step(action: Action): StepResult;
}

function checkSeed(seed: number): number {
  if (!isValidSeed(seed)) throw new RangeError(`seed: expected an integer in [0, 2^32), got ${seed}`);
  return seed;
}

/**
 * An episode of `env`. `reset()` starts episode 0 of `options.seed`, and each further `reset()` the
 * next episode of that seed (as `run --episodes K` does), unless given a new `seed` or `episode`.
 */
export function createEpisode(env: EnvSpec, options: EpisodeOptions = {}): GymEpisode {
  const inner = new Episode(env);
  let seed = checkSeed(options.seed ?? 0);
  let truth = options.truth;
  let episode = -1;
  let started = false;
  return {
    env,
    actions: env.actions,
    get seed() {
      return seed;
    },
    get episode() {
      return episode;
    },
    get outcome() {
      return started ? outcomeOf(inner.engineState) : null;
    },
    reset(o: ResetOptions = {}) {
      if (o.seed !== undefined && o.seed !== seed) {
        seed = checkSeed(o.seed);
        episode = -1;
      }
      if (o.truth !== undefined) truth = o.truth;
      episode = o.episode ?? episode + 1;
      const { observation, info } = inner.reset(seed, { episode, truth });
      started = true;
      return { observation, info: { seed, episode, truth: info.truth } };
    },
    step(action: Action) {
      if (!started) throw new Error('step() before reset(): call reset() first');
      return inner.step(action);
    },
  };
}
