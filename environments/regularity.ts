/**
 * regularity: a family of worlds in which the danger of a cell may or may not follow its look.
 *
 * Several looks (moss, reeds, sand, …) cover the cells of gaps in wall barriers and patches of open
 * ground. Each look is dangerous (a hidden bog that kills) or harmless; the parameter `regularity` is
 * the fraction of each look's cells whose danger follows one shared draw for the look (an unknown with
 * scope "all": learn it once, know it everywhere); every other cell of the look is drawn on its own
 * (scope "each"). At regularity 1 a look's danger holds everywhere; at 0 every cell must be tested on
 * its own. Poking tells a bog ('squelch') from firm ground ('thud'); with `cue` > 0 a bog also smells
 * ('rot') to a neighbour with that probability.
 *
 * Layout: walls around, barriers every few rows whose gaps are unknown cells (the short ways down)
 * plus one plain gap at alternating ends (the safe serpentine), and scattered unknown patches. The start
 * is top-left and the goal bottom-right, so the safe way is always there and always long: what an agent
 * gains by learning is the difference.
 *
 * As the format says, agents are told which cells each unknown covers, so a Bayesian agent knows which
 * cells follow the regularity; an individual of `trapworld evolve` sees only the looks.
 */
import type { EnvironmentFile, TileDefinition } from '../src/core/format.ts';
import type { EnvironmentGenerator } from '../src/core/generator.ts';
import { createStream } from '../src/core/rng.ts';

const LOOKS = ['moss', 'reeds', 'sand', 'ash', 'gravel', 'fern'];
/** Glyphs per look: the regular cells and the independent ones. */
const REGULAR = 'mrsafv';
// Not A or G: those are the start and the goal.
const SINGLE = 'MRSKFV';

const params = {
  size: { default: 16, min: 8, max: 128, description: 'width and height of the map' },
  regularity: {
    default: 1,
    type: 'number',
    min: 0,
    max: 1,
    description: "fraction of each look's cells whose danger follows the look's one shared draw",
  },
  density: {
    default: 0.05,
    type: 'number',
    min: 0,
    max: 0.5,
    description: 'fraction of open ground covered by unknown patches (besides the barrier gaps)',
  },
  looks: { default: 3, min: 1, max: LOOKS.length, description: 'how many looks unknown cells have' },
  danger: {
    default: 0.4,
    type: 'number',
    min: 0,
    max: 1,
    description: 'prior probability that a look (or an independent cell) is a deadly bog',
  },
  cue: {
    default: 0,
    type: 'number',
    min: 0,
    max: 1,
    description: "probability that a neighbour smells a bog ('rot') each step; 0 for none",
  },
  layout: { default: 0, min: 0, max: 4294967295, description: 'seed of the map layout (not of the truth)' },
} as const;

export const regularityGenerator: EnvironmentGenerator<typeof params> = {
  name: 'regularity',
  title: 'Regularity',
  description:
    "What it shows: how much a world's regularity is worth. Unknown cells of a few looks fill the gaps of wall barriers and patches of ground; a look is a deadly bog or firm ground, and `regularity` is the fraction of each look's cells whose danger follows one shared draw for the look (the rest are drawn cell by cell). Traps: bogs kill. Poking tells ('squelch' bog, 'thud' firm). Rewards: -1 per step, +100 at the goal, -100 for dying, gamma 0.999. Termination: the goal or a bog; truncated after 6 × size² / 4 steps. A plain serpentine way down always exists; the unknown gaps are shortcuts worth learning.",
  params,
  // Each episode of a run with --episodes K plays a new layout; the looks' natures persist (a family).
  family: 'layout',
  generate(p) {
    const size = p.size;
    const rng = createStream(p.layout, 'layout');
    const grid: string[][] = Array.from({ length: size }, (_, y) =>
      Array.from({ length: size }, (_, x) =>
        x === 0 || y === 0 || x === size - 1 || y === size - 1 ? '#' : '.',
      ),
    );
    const lookOf = () => Math.floor(rng() * p.looks);
    const unknownGlyph = (look: number) => (rng() < p.regularity ? REGULAR[look] : SINGLE[look]);
    const spacing = Math.max(4, Math.floor(size / 6));
    const barriers: number[] = [];
    for (let y = spacing; y < size - 2; y += spacing) barriers.push(y);
    const gapOf = (i: number) => (i % 2 === 0 ? size - 2 : 1);
    // The safe serpentine stays plain: the lane along the top of each region and the column down to
    // the region's way out (the next barrier's safe gap, or the goal).
    const reserved = new Set<number>();
    [0, ...barriers].forEach((top, i) => {
      const lane = top + 1;
      const bottom = i < barriers.length ? barriers[i] : size - 2;
      const column = i < barriers.length ? gapOf(i) : size - 2;
      for (let x = 1; x < size - 1; x++) reserved.add(lane * size + x);
      for (let y = lane; y <= bottom; y++) reserved.add(y * size + column);
    });
    barriers.forEach((y, i) => {
      for (let x = 1; x < size - 1; x++) grid[y][x] = '#';
      // The safe gap at alternating ends, and unknown gaps along the rest of the barrier.
      grid[y][gapOf(i)] = '.';
      for (let x = 2; x < size - 2; x++) if (rng() < 0.25) grid[y][x] = unknownGlyph(lookOf());
    });
    for (let y = 1; y < size - 1; y++)
      for (let x = 1; x < size - 1; x++)
        if (grid[y][x] === '.' && !barriers.includes(y) && !reserved.has(y * size + x) && rng() < p.density)
          grid[y][x] = unknownGlyph(lookOf());
    grid[1][1] = 'A';
    grid[size - 2][size - 2] = 'G';
    const used = new Set(grid.flat());
    const legend: Record<string, { unknown: string }> = {};
    const tiles: Record<string, TileDefinition> = {};
    const unknowns: NonNullable<EnvironmentFile['unknowns']> = {};
    const near = p.cue > 0 ? { near: { signal: 'rot', p: p.cue } } : {};
    for (let k = 0; k < p.looks; k++) {
      const look = LOOKS[k];
      if (!used.has(REGULAR[k]) && !used.has(SINGLE[k])) continue;
      tiles[`${look}-bog`] = { look, enter: { effect: 'death' }, poke: { signal: 'squelch' }, ...near };
      tiles[`${look}-firm`] = { look, poke: { signal: 'thud' } };
      const prior = { [`${look}-bog`]: p.danger, [`${look}-firm`]: 1 - p.danger };
      if (used.has(REGULAR[k])) {
        legend[REGULAR[k]] = { unknown: look };
        unknowns[look] = { scope: 'all', prior };
      }
      if (used.has(SINGLE[k])) {
        legend[SINGLE[k]] = { unknown: `${look}-cell` };
        unknowns[`${look}-cell`] = { scope: 'each', prior };
      }
    }
    return {
      name: 'regularity',
      map: grid.map((row) => row.join('')),
      legend,
      tiles,
      unknowns,
      rewards: { step: -1, goal: 100, death: -100 },
      // Close to 1: on a large map the goal is hundreds of steps away and must still be worth reaching.
      gamma: 0.999,
      maxSteps: Math.ceil((6 * size * size) / 4),
    };
  },
};

export default regularityGenerator;
