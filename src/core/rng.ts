import seedrandom from 'seedrandom';

/** A seeded uniform generator on [0, 1). */
export type Rng = () => number;

/**
 * The named streams one integer seed splits into. Each has its own generator so that, for example,
 * an agent drawing more random numbers never changes the world it is given or the slips it suffers.
 * `cues` is separate from `engine` so the batch fast path (which skips cue perception) follows exactly
 * the same dynamics as the full episode API. Each theory of format 1.1 is drawn from a stream of its own
 * (`theory:ID`), so adding a theory never changes the draw of the unknowns or of another theory.
 * `layout` is for generators that draw a map from a parameter (never from an episode's seed).
 * `evolve` is `trapworld evolve`'s breeding (the naive generation, selection, crossover, mutation).
 */
export type StreamName = 'world' | 'engine' | 'cues' | 'agent' | 'layout' | 'evolve' | `theory:${string}`;

/** alea is the fastest seedrandom generator (about 9 ns a number) and is deterministic for any seed string. */
export function createStream(seed: number, name: StreamName, episode?: number): Rng {
  const key = episode === undefined ? `trapworld/${seed}/${name}` : `trapworld/${seed}/${name}/${episode}`;
  return seedrandom.alea(key);
}

/** Integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Index drawn from unnormalised non-negative weights (last index absorbs rounding). */
export function drawIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return weights.length - 1;
}

/** The largest seed: seeds are integers in [0, 2^32 − 1]. */
export const MAX_SEED = 2 ** 32 - 1;

/** Whether `seed` is an integer in [0, MAX_SEED]; seeds are part of reproducible results, so nothing else is accepted. */
export function isValidSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;
}
