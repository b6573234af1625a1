/**
 * A lineage that learns by dying. Each generation of P animals lives one episode each, every one in a
 * fresh draw of the world; the next generation is bred from the fittest (src/evolve/breed.ts). The
 * lives are played by `evaluate` (the bench's worker pool for the CLI, this thread in tests), the
 * breeding happens here, so the result depends only on the world, P, G, the seed and `learning`.
 *
 * Seeds: individual i of generation g plays episode 0 of seed `episodeSeed(seed, g, i)` (a hash), so
 * its world, the engine's randomness and its own stream differ from every other individual's; the
 * breeding draws from `createStream(seed, 'evolve')`.
 */
import type { Outcome } from '../core/episode.ts';
import { hashString } from '../core/hash.ts';
import { createStream } from '../core/rng.ts';
import type { EnvSpec } from '../core/spec.ts';
import type { RunJob } from '../worker/batch.ts';
import { breed, defaultBreeding, naivePopulation, rankLives, type BreedingSettings } from './breed.ts';
import {
  encodeGenome,
  geneCount,
  genomeOf,
  globalIndex,
  roundGene,
  type Genome,
  type GenomeLayout,
} from './genome.ts';
import { lookMapOf, soundsOf } from './look-map.ts';

/** The agent the lineage is made of (agents/animal.ts). */
export const ANIMAL = 'animal';

export interface EvolveSettings {
  population: number;
  generations: number;
  seed: number;
  /** Whether the within-life learning gene evolves (else it stays 0). */
  learning: boolean;
  /**
   * The agent whose genome is bred (default the built-in `animal`): any agent that takes the genome as
   * its string option `genome`, such as one loaded from a module (`evolve --agent ./my-animal.mjs`).
   */
  agent?: string;
}

/** The world: a built-in by name (workers look it up), or a loaded spec sent with every job. */
export interface EvolveWorld {
  name: string;
  spec: EnvSpec;
  builtin: boolean;
}

/** One life, as the evaluator reports it. */
export interface Life {
  outcome: Outcome;
  return: number;
  steps: number;
  pokes: number;
}

/** Plays the lives of one generation; resolves with one Life per job in order, or null when stopped. */
export type Evaluate = (jobs: RunJob[]) => Promise<(Life | null)[] | null>;

/** A life that could not be played (the animal threw, a worker died or timed out). */
export class LifeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LifeError';
  }
}

/** A generation's mean genes: a Genome's, with the mean temperature in place of its logarithm. */
export interface Dispositions extends Omit<Genome, 'logTemperature'> {
  /** Mean of each individual's softmax temperature, e^logTemperature. */
  temperature: number;
}

export interface GenerationRecord {
  generation: number;
  deaths: number;
  stuck: number;
  goals: number;
  meanReturn: number;
  truncated: number;
  /** Deaths per individual. */
  deathRate: number;
  bestReturn: number;
  meanSteps: number;
  meanPokes: number;
  /** Mean genes of the generation that lived. */
  dispositions: Dispositions;
}

export interface EvolveDocument {
  environment: string;
  population: number;
  generations: GenerationRecord[];
  seed: number;
  learning: boolean;
  /** Generations asked for; `generations.length` is less only when interrupted. */
  generationsPlanned: number;
  interrupted: boolean;
  looks: string[];
  /** The look of the start cell: the ground an animal is born on, the baseline of `feared`. */
  startLook: string;
  goalLooks: string[];
  sounds: string[];
  breeding: BreedingSettings & { selection: 'tournament'; crossover: 'uniform' };
  final: {
    /** Mean genes of the last generation that lived. */
    dispositions: Dispositions;
    /**
     * Looks whose mean aversion in the last generation exceeds that of the start look by at least
     * FEAR_THRESHOLD, most feared first: a choice between two steps weighs the difference.
     */
    feared: { look: string; aversion: number; aboveStart: number }[];
    /** The fittest individual of the last generation (rank 0: see `rankLives`). */
    fittest: { generation: number; index: number; return: number; genome: string };
  } | null;
}

/**
 * 0.5 more aversion than the ground it starts on makes a look's cell e^0.5 ≈ 1.65 times less likely to
 * be stepped on than a cell of that ground, all else equal, at temperature 1 (e^(0.5/T) at T).
 */
export const FEAR_THRESHOLD = 0.5;

/** The seed of individual `index` of generation `generation`'s one life: 32 bits of a hash. */
export function episodeSeed(seed: number, generation: number, index: number): number {
  return parseInt(hashString(`trapworld/${seed}/evolve/${generation}/${index}`).slice(0, 8), 16);
}

export function layoutOf(spec: EnvSpec, learning: boolean): GenomeLayout {
  return { looks: [...lookMapOf(spec).looks], sounds: soundsOf(spec), learning };
}

/** A population's mean genes, rounded as genes are; the temperature is the mean of e^logTemperature. */
export function dispositionsOf(
  layout: GenomeLayout,
  population: readonly (readonly number[])[],
): Dispositions {
  const n = population.length;
  const means = Array.from({ length: geneCount(layout) }, (_, g) =>
    roundGene(population.reduce((s, genes) => s + genes[g], 0) / n),
  );
  const { looks, fears, goalDrive, learning } = genomeOf(layout, means);
  const t = globalIndex(layout, 'logTemperature');
  return {
    looks,
    fears,
    goalDrive,
    temperature: roundGene(population.reduce((s, genes) => s + Math.exp(genes[t]), 0) / n),
    learning,
  };
}

export interface EvolveHooks {
  /** After each generation has lived. */
  onGeneration?: (record: GenerationRecord, document: EvolveDocument) => void;
}

export async function evolve(
  world: EvolveWorld,
  settings: EvolveSettings,
  evaluate: Evaluate,
  hooks: EvolveHooks = {},
): Promise<EvolveDocument> {
  const { population: P, generations: G, seed } = settings;
  const map = lookMapOf(world.spec);
  const layout = layoutOf(world.spec, settings.learning);
  const breeding = defaultBreeding(P);
  const rng = createStream(seed, 'evolve');
  const doc: EvolveDocument = {
    environment: world.name,
    population: P,
    generations: [],
    seed,
    learning: settings.learning,
    generationsPlanned: G,
    interrupted: false,
    looks: [...layout.looks],
    startLook: map.looks[map.cells[world.spec.start!]],
    goalLooks: [...map.goalLooks],
    sounds: [...layout.sounds],
    breeding: { ...breeding, selection: 'tournament', crossover: 'uniform' },
    final: null,
  };
  let genes = naivePopulation(layout, P, breeding, rng);
  for (let g = 0; g < G; g++) {
    const genomes = genes.map((v) => encodeGenome(genomeOf(layout, v)));
    const jobs: RunJob[] = genomes.map((genome, i) => ({
      environment: world.name,
      ...(world.builtin ? {} : { spec: world.spec }),
      agent: settings.agent ?? ANIMAL,
      options: { genome },
      seed: episodeSeed(seed, g, i),
      episodes: 1,
    }));
    const lives = await evaluate(jobs);
    if (lives === null || lives.some((l) => l === null)) {
      doc.interrupted = true;
      break;
    }
    const done = lives as Life[];
    const fitness = done.map((l) => l.return);
    const count = (o: Outcome) => done.filter((l) => l.outcome === o).length;
    const sum = (f: (l: Life) => number) => done.reduce((s, l) => s + f(l), 0);
    const deaths = count('death');
    const record: GenerationRecord = {
      generation: g,
      deaths,
      stuck: count('stuck'),
      goals: count('goal'),
      meanReturn: sum((l) => l.return) / P,
      truncated: count('truncated'),
      deathRate: deaths / P,
      bestReturn: fitness.reduce((m, r) => Math.max(m, r), -Infinity),
      meanSteps: sum((l) => l.steps) / P,
      meanPokes: sum((l) => l.pokes) / P,
      dispositions: dispositionsOf(layout, genes),
    };
    doc.generations.push(record);
    const rank = rankLives(done);
    const best = rank.indexOf(0);
    const dispositions = record.dispositions;
    doc.final = {
      dispositions,
      feared: fearedLooks(dispositions, doc.startLook),
      fittest: { generation: g, index: best, return: fitness[best], genome: genomes[best] },
    };
    hooks.onGeneration?.(record, doc);
    if (g < G - 1) genes = breed(genes, rank, layout, breeding, rng);
  }
  return doc;
}

export function fearedLooks(
  d: Dispositions,
  startLook: string,
): { look: string; aversion: number; aboveStart: number }[] {
  const base = Object.hasOwn(d.looks, startLook) ? d.looks[startLook].aversion : 0;
  return Object.entries(d.looks)
    .map(([look, v]) => ({ look, aversion: v.aversion, aboveStart: roundGene(v.aversion - base) }))
    .filter((f) => f.look !== startLook && f.aboveStart >= FEAR_THRESHOLD)
    .sort((a, b) => b.aboveStart - a.aboveStart || (a.look < b.look ? -1 : 1));
}

/** Deaths per individual over generations [from, to] (clamped to those that lived), or null if none. */
export function deathRateBetween(doc: EvolveDocument, from: number, to: number): number | null {
  const gens = doc.generations.filter((g) => g.generation >= from && g.generation <= to);
  if (gens.length === 0) return null;
  return gens.reduce((s, g) => s + g.deaths, 0) / (gens.length * doc.population);
}
