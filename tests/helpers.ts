import { scriptedAgent } from '../agents/scripted.ts';
import type { Observation } from '../src/core/episode.ts';
import type { EnvironmentFile } from '../src/core/format.ts';
import { runAgent } from '../src/core/run.ts';
import type { EnvSpec } from '../src/core/spec.ts';
import type { Truth } from '../src/core/truth.ts';
import { validateEnvironment } from '../src/core/validate.ts';

export function env(file: Partial<EnvironmentFile> & { map: string[] }): EnvSpec {
  return validateEnvironment({ name: 'test-world', ...file }, 'test-world.json');
}

/** What an agent sees standing alive at (x, y) after `steps` steps, with nothing heard or seen. */
export function standingAt(x: number, y: number, steps = 0): Observation {
  return { x, y, signal: null, cues: [], alive: true, stuck: false, steps, changes: [] };
}

/** Plays a comma-separated action list (ai-safety-gridworlds style pinning) and returns its one episode. */
export function play(spec: EnvSpec, actions: string, options: { seed?: number; truth?: Truth } = {}) {
  const run = runAgent(
    spec,
    scriptedAgent,
    { actions },
    { seed: options.seed ?? 0, truth: options.truth, trace: true },
  );
  return { ...run.episodes[0], trace: run.traces[0] };
}

/** The format's top-level fields, as the spec page lists them (tests restate the spec, not the code). */
export const SPEC_FIELDS = [
  '$schema',
  'name',
  'title',
  'description',
  'map',
  'legend',
  'tiles',
  'unknowns',
  'rewards',
  'hiddenReward',
  'gamma',
  'maxSteps',
  'actions',
  'slip',
];

/** The built-in tiles the spec defines, except `start`. */
export const BUILTIN_TILE_NAMES = [
  'floor',
  'wall',
  'goal',
  'lava',
  'pit',
  'one-way-N',
  'one-way-E',
  'one-way-S',
  'one-way-W',
];

/** A lake of ice that is thin or thick everywhere (scope "all"): one poke anywhere tells. */
export const ICE_LAKE = {
  map: ['#########', '#A.iii.G#', '#.i####.#', '#.......#', '#########'],
  legend: { i: { unknown: 'ice' } },
  tiles: {
    'thin-ice': { look: 'ice', enter: { effect: 'death' as const }, poke: { signal: 'crack' } },
    'thick-ice': { look: 'ice', poke: { signal: 'thunk' } },
  },
  unknowns: { ice: { scope: 'all' as const, prior: { 'thin-ice': 0.5, 'thick-ice': 0.5 } } },
  rewards: { step: -1, goal: 10, death: -100 },
  gamma: 0.9,
};

/** The spec's frozen lake theory (format 1.1) in a small world: a shore cell to test, deep ice to cross. */
export const SMALL_LAKE = {
  format: '1.1',
  map: ['#######', '#Aedd.#', '#....G#', '#######'],
  legend: { e: { theory: 'lake', role: 'shore' }, d: { theory: 'lake', role: 'deep' } },
  tiles: {
    'thin-shore': { look: 'shore-ice', enter: { reward: -5, signal: 'splash' } },
    'thick-shore': { look: 'shore-ice' },
    'thin-deep': { look: 'ice', enter: { effect: 'death' as const } },
    'thick-deep': { look: 'ice' },
  },
  theories: {
    lake: {
      description: 'All the lake ice formed in the same frost.',
      hypotheses: {
        thin: { prior: 0.4, tiles: { shore: 'thin-shore', deep: 'thin-deep' } },
        thick: { prior: 0.6, tiles: { shore: 'thick-shore', deep: 'thick-deep' } },
      },
    },
  },
  gamma: 0.95,
} as const;

/**
 * A panel on the short way to the door that, one time in three, walls the door up when stepped on
 * (format 1.1 `set`); poking tells (`click` locking, `tap` loose), and a detour south reaches the door
 * without touching it.
 */
export const LOCK_PANEL = {
  format: '1.1' as const,
  map: ['#######', '#AP.DG#', '#.#.###', '#...###', '#######'],
  legend: { P: { unknown: 'panel' }, D: 'floor' },
  tiles: {
    'locking-panel': { look: 'panel', enter: { set: { D: 'wall' } }, poke: { signal: 'click' } },
    'loose-panel': { look: 'panel', poke: { signal: 'tap' } },
  },
  unknowns: { panel: { scope: 'each' as const, prior: { 'locking-panel': 0.3, 'loose-panel': 0.7 } } },
};
