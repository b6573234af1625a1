/**
 * The evolve tests' plateau: 12×12, every rim cell of look "edge" a drop (death) with probability 0.7,
 * drawn per cell, else solid ground. A ravine of rim cells (columns 5 and 6, rows 1–7) cuts into the
 * plateau between the start (2,3) and the goal (9,3): the short way crosses it, the safe way goes round
 * its end (rows 8–10) and never touches the rim. A wandering naive animal is never more than a few
 * steps from an edge.
 */
import type { EnvironmentFile } from '../../src/core/format.ts';
import { env } from '../helpers.ts';

export const PLATEAU_FILE = {
  name: 'test-plateau',
  map: [
    'eeeeeeeeeeee',
    'e....ee....e',
    'e....ee....e',
    'e.A..ee..G.e',
    'e....ee....e',
    'e....ee....e',
    'e....ee....e',
    'e....ee....e',
    'e..........e',
    'e..........e',
    'e..........e',
    'eeeeeeeeeeee',
  ],
  legend: { e: { unknown: 'rim' } },
  tiles: {
    drop: { look: 'edge', enter: { effect: 'death' }, poke: { signal: 'echo' } },
    ledge: { look: 'edge', poke: { signal: 'thud' } },
  },
  unknowns: { rim: { scope: 'each', prior: { drop: 0.7, ledge: 0.3 } } },
  rewards: { step: -1, goal: 50, death: -100 },
  gamma: 0.99,
  maxSteps: 60,
} satisfies Partial<EnvironmentFile> & { map: string[] };

export const PLATEAU = env(PLATEAU_FILE);
