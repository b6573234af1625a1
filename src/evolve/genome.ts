/**
 * The animal's genome: innate dispositions per look and per sound, and three global genes.
 *
 * - per look L: `aversion` (subtracted from the score of stepping onto L, and added to the cost of
 *   paths through it), `curiosity` (added to the score of stepping onto an unvisited cell of look L),
 *   `poking` (the score of poking a cell of look L that it has not poked yet);
 * - per sound s: `fear` (added to a cell's aversion, for the rest of the life, once the cell answered a
 *   poke with s, made s when entered, sent s as a cue, or bumped);
 * - `goalDrive` (weight on getting closer to the nearest cell that looks like food), `logTemperature`
 *   (of the softmax over actions) and `learning` (within a life, used when positive: how much a
 *   reward below the life's running mean on entering a look raises the aversion to that look, and how
 *   much of a sound's fear heard from one cell goes to every cell of that look).
 *
 * As an agent option the genome is a JSON object (`encodeGenome`, `parseGenome`); the breeder works on
 * flat vectors laid out by a GenomeLayout. Genes are rounded to 4 decimals, so the text form is short
 * and reads back exactly.
 */
import { UsageError } from '../core/errors.ts';

export interface LookGenes {
  aversion: number;
  curiosity: number;
  poking: number;
}

export interface Genome {
  /** Missing looks have every gene 0. */
  looks: Record<string, LookGenes>;
  /** Fear per sound; missing sounds 0. */
  fears: Record<string, number>;
  goalDrive: number;
  logTemperature: number;
  learning: number;
}

/** The naive genome: every gene 0 (uniform over the allowed actions, temperature 1, no drive). */
export const NAIVE_GENOME: Genome = Object.freeze({
  looks: {},
  fears: {},
  goalDrive: 0,
  logTemperature: 0,
  learning: 0,
});

/** Which gene sits where in a flat vector, for one world's looks and sounds. */
export interface GenomeLayout {
  readonly looks: readonly string[];
  readonly sounds: readonly string[];
  /** Whether the learning gene evolves; without it, it stays 0. */
  readonly learning: boolean;
}

export const LOOK_GENES = ['aversion', 'curiosity', 'poking'] as const;

export function geneCount(layout: GenomeLayout): number {
  return 3 * layout.looks.length + layout.sounds.length + 3;
}

/** Index of the global genes in a vector. */
export function globalIndex(layout: GenomeLayout, gene: 'goalDrive' | 'logTemperature' | 'learning'): number {
  const base = 3 * layout.looks.length + layout.sounds.length;
  return base + (gene === 'goalDrive' ? 0 : gene === 'logTemperature' ? 1 : 2);
}

/** Which genes the breeder may change (all but `learning` when learning is off). */
export function mutableGenes(layout: GenomeLayout): boolean[] {
  const mask = new Array<boolean>(geneCount(layout)).fill(true);
  if (!layout.learning) mask[globalIndex(layout, 'learning')] = false;
  return mask;
}

export function roundGene(v: number): number {
  const r = Math.round(v * 1e4) / 1e4;
  return r === 0 ? 0 : r; // no -0 in the text
}

export function genomeOf(layout: GenomeLayout, genes: ArrayLike<number>): Genome {
  const looks: Record<string, LookGenes> = Object.create(null);
  layout.looks.forEach((l, i) => {
    looks[l] = { aversion: genes[3 * i], curiosity: genes[3 * i + 1], poking: genes[3 * i + 2] };
  });
  const fears: Record<string, number> = Object.create(null);
  const base = 3 * layout.looks.length;
  layout.sounds.forEach((s, i) => (fears[s] = genes[base + i]));
  return {
    looks,
    fears,
    goalDrive: genes[globalIndex(layout, 'goalDrive')],
    logTemperature: genes[globalIndex(layout, 'logTemperature')],
    learning: genes[globalIndex(layout, 'learning')],
  };
}

/** The compact text an `animal` agent takes as its `genome` option. */
export function encodeGenome(g: Genome): string {
  const looks: Record<string, number[]> = Object.create(null);
  for (const [l, v] of Object.entries(g.looks)) looks[l] = [v.aversion, v.curiosity, v.poking].map(roundGene);
  const fears: Record<string, number> = Object.create(null);
  for (const [s, v] of Object.entries(g.fears)) fears[s] = roundGene(v);
  return JSON.stringify({
    looks,
    fears,
    goalDrive: roundGene(g.goalDrive),
    logTemperature: roundGene(g.logTemperature),
    learning: roundGene(g.learning),
  });
}

const KEYS = ['looks', 'fears', 'goalDrive', 'logTemperature', 'learning'];
const MAX_GENE = 1e6;

function bad(message: string): UsageError {
  return new UsageError(`agent "animal" option "genome": ${message}`);
}

function gene(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_GENE)
    throw bad(
      `${where}: expected a number between -${MAX_GENE} and ${MAX_GENE}, got ${JSON.stringify(value)}`,
    );
  return value;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw bad(`${where}: expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/**
 * Reads the `genome` option: empty is the naive genome; otherwise a JSON object
 * `{"looks":{"LOOK":[aversion,curiosity,poking],…},"fears":{"SOUND":fear,…},"goalDrive":d,"logTemperature":t,"learning":l}`,
 * every key optional. Anything else is a UsageError saying what was expected.
 */
export function parseGenome(text: string): Genome {
  if (text.trim() === '') return NAIVE_GENOME;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw bad(
      'expected a JSON object such as {"looks":{"edge":[2,0,0.5]},"fears":{"bump":1},"goalDrive":1}, or nothing for the naive animal',
    );
  }
  const top = record(raw, 'the genome');
  for (const k of Object.keys(top))
    if (!KEYS.includes(k)) throw bad(`unknown key "${k}" (keys: ${KEYS.join(', ')})`);
  // Null-prototype records: a look may be named anything, "__proto__" included.
  const looks: Record<string, LookGenes> = Object.create(null);
  for (const [l, v] of Object.entries(record(top.looks ?? {}, 'looks'))) {
    if (!Array.isArray(v) || v.length !== 3)
      throw bad(`looks.${l}: expected [aversion, curiosity, poking], got ${JSON.stringify(v)}`);
    looks[l] = {
      aversion: gene(v[0], `looks.${l}[0]`),
      curiosity: gene(v[1], `looks.${l}[1]`),
      poking: gene(v[2], `looks.${l}[2]`),
    };
  }
  const fears: Record<string, number> = Object.create(null);
  for (const [s, v] of Object.entries(record(top.fears ?? {}, 'fears'))) fears[s] = gene(v, `fears.${s}`);
  return {
    looks,
    fears,
    goalDrive: gene(top.goalDrive ?? 0, 'goalDrive'),
    logTemperature: gene(top.logTemperature ?? 0, 'logTemperature'),
    learning: gene(top.learning ?? 0, 'learning'),
  };
}
