/**
 * Breeding, in the main thread, from one seeded stream (`createStream(seed, 'evolve')`): the naive
 * generation 0, then each next generation from the last one's ranks (`rankLives`: survival, then the
 * return of its one life).
 *
 * - Elitism: the `elites` fittest genomes are carried over unchanged (they live a fresh life, in a
 *   fresh draw of the world, like everyone else).
 * - Selection: each parent is the best ranked of `tournament` individuals drawn uniformly with
 *   replacement.
 * - Crossover: uniform, each gene from either parent with probability 1/2.
 * - Mutation: each mutable gene, with probability `mutationRate`, gets gaussian noise of sd
 *   `mutationSd`. Genes are then rounded to 4 decimals (the genome's text form).
 */
import type { Rng } from '../core/rng.ts';
import { geneCount, mutableGenes, roundGene, type GenomeLayout } from './genome.ts';

export interface BreedingSettings {
  /** Sd of the naive generation's genes around zero. */
  initialSd: number;
  elites: number;
  tournament: number;
  mutationRate: number;
  mutationSd: number;
}

export function defaultBreeding(population: number): BreedingSettings {
  return {
    initialSd: 0.1,
    elites: Math.min(2, Math.floor(population / 4)),
    tournament: 3,
    mutationRate: 0.2,
    mutationSd: 0.4,
  };
}

/** A standard normal draw (Box–Muller, two uniforms from the stream each time, so draws never pair up across calls). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log is finite
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Generation 0: every mutable gene drawn from N(0, initialSd); the others 0. */
export function naivePopulation(
  layout: GenomeLayout,
  population: number,
  settings: BreedingSettings,
  rng: Rng,
): number[][] {
  const mask = mutableGenes(layout);
  return Array.from({ length: population }, () =>
    mask.map((m) => (m ? roundGene(settings.initialSd * normal(rng)) : 0)),
  );
}

/** The better of individuals a and b: the lower rank (rank 0 is the fittest). */
function tournament(rank: readonly number[], size: number, rng: Rng): number {
  let best = -1;
  for (let k = 0; k < size; k++) {
    const i = Math.floor(rng() * rank.length);
    if (best < 0 || rank[i] < rank[best]) best = i;
  }
  return best;
}

/**
 * The next generation, as large as this one, from the parents' ranks (a permutation of 0..n-1, 0 the
 * fittest: see `rankLives`).
 */
export function breed(
  parents: readonly (readonly number[])[],
  rank: readonly number[],
  layout: GenomeLayout,
  settings: BreedingSettings,
  rng: Rng,
): number[][] {
  const n = parents.length;
  const genes = geneCount(layout);
  const mask = mutableGenes(layout);
  const ranked = parents.map((_, i) => i).sort((a, b) => rank[a] - rank[b]);
  const next: number[][] = ranked.slice(0, Math.min(settings.elites, n)).map((i) => [...parents[i]]);
  while (next.length < n) {
    const a = parents[tournament(rank, settings.tournament, rng)];
    const b = parents[tournament(rank, settings.tournament, rng)];
    const child = new Array<number>(genes);
    for (let g = 0; g < genes; g++) {
      let v = rng() < 0.5 ? a[g] : b[g];
      if (mask[g] && rng() < settings.mutationRate) v += settings.mutationSd * normal(rng);
      child[g] = mask[g] ? roundGene(v) : 0;
    }
    next.push(child);
  }
  return next;
}

/**
 * Ranks of one generation's lives, 0 the fittest. Fitness is the episode's return, with one rule
 * first: the dead rank below every living animal, and among themselves by how long they lived (then
 * return). In a world with a step cost the return alone would rank an early death above a late one,
 * and a lineage where nearly everyone dies would be bred to die fast. Ties go to the lower index.
 */
export function rankLives(lives: readonly { outcome: string; return: number; steps: number }[]): number[] {
  const dead = (i: number) => (lives[i].outcome === 'death' ? 1 : 0);
  const order = lives
    .map((_, i) => i)
    .sort(
      (a, b) =>
        dead(a) - dead(b) ||
        (dead(a) ? lives[b].steps - lives[a].steps : 0) ||
        lives[b].return - lives[a].return ||
        a - b,
    );
  const rank = new Array<number>(lives.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}
