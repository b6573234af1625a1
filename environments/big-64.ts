/**
 * big-64: a 64×64 world for throughput measurements (engine benchmarks, batch rollouts, planners on a
 * map of realistic size). The map is generated from a fixed seed with the engine's own seeded stream
 * (no unseeded generator), so it is the same on every machine and in every build.
 *
 * Generation: a border of walls; a random monotone staircase path from the start (top-left) to the
 * goal (bottom-right) is reserved as plain floor, so the goal is reachable in every truth; the other
 * cells get scattered wall blocks, lava, bogs (unknown, scope each) and ice (unknown, scope all).
 */
import { defineEnvironment } from '../src/core/format.ts';
import { createStream } from '../src/core/rng.ts';

export const BIG64_SEED = 64;
const SIZE = 64;

function generateMap(seed: number): string[] {
  const rng = createStream(seed, 'world');
  const grid: string[][] = Array.from({ length: SIZE }, (_, y) =>
    Array.from({ length: SIZE }, (_, x) =>
      x === 0 || y === 0 || x === SIZE - 1 || y === SIZE - 1 ? '#' : '.',
    ),
  );
  const reserved = new Uint8Array(SIZE * SIZE);
  // The guaranteed path: from (1,1) to (62,62), each step east or south at random.
  let x = 1;
  let y = 1;
  reserved[y * SIZE + x] = 1;
  while (x < SIZE - 2 || y < SIZE - 2) {
    const east = y === SIZE - 2 || (x < SIZE - 2 && rng() < 0.5);
    if (east) x++;
    else y++;
    reserved[y * SIZE + x] = 1;
  }
  for (let cy = 1; cy < SIZE - 1; cy++) {
    for (let cx = 1; cx < SIZE - 1; cx++) {
      if (reserved[cy * SIZE + cx]) continue;
      const u = rng();
      if (u < 0.1) grid[cy][cx] = '#';
      else if (u < 0.18) grid[cy][cx] = '~';
      else if (u < 0.21) grid[cy][cx] = 'b';
      else if (u < 0.25) grid[cy][cx] = 'i';
    }
  }
  grid[1][1] = 'A';
  grid[SIZE - 2][SIZE - 2] = 'G';
  return grid.map((row) => row.join(''));
}

export const big64 = defineEnvironment({
  $schema: '../public/environment.schema.json',
  name: 'big-64',
  title: 'Big 64×64 (throughput benchmark)',
  description:
    "What it shows: engine and planner throughput on a 64×64 map generated from a fixed seed (64): wall blocks, scattered lava, bogs and ice, and a random staircase path of plain floor from the start (top-left) to the goal (bottom-right) that keeps the goal reachable in every truth. Traps: lava (~) kills; a bog (b) is, independently for each cell, a sinkhole (stuck, poke 'squelch', probability 0.3) or firm mud (poke 'firm'); the ice (i) is thin everywhere (death, poke 'crack') or thick everywhere (poke 'thunk'), probability 0.5. Rewards: -1 per step, +100 at the goal, -100 for dying, gamma 0.99. Termination: the goal or death; truncated after 500 steps.",
  map: generateMap(BIG64_SEED),
  legend: {
    b: { unknown: 'bog' },
    i: { unknown: 'ice' },
  },
  tiles: {
    sinkhole: {
      look: 'bog',
      enter: { effect: 'stuck' },
      poke: { signal: 'squelch' },
      description: 'A sinkhole under the bog: the agent sinks in and is stuck.',
    },
    'firm-mud': { look: 'bog', poke: { signal: 'firm' }, description: 'Firm mud: safe to cross.' },
    'thin-ice': {
      look: 'ice',
      enter: { effect: 'death' },
      poke: { signal: 'crack' },
      description: 'Breaks under the agent.',
    },
    'thick-ice': { look: 'ice', poke: { signal: 'thunk' }, description: 'Carries the agent.' },
  },
  unknowns: {
    bog: {
      scope: 'each',
      prior: { sinkhole: 0.3, 'firm-mud': 0.7 },
      description: 'Each bog cell on its own.',
    },
    ice: {
      scope: 'all',
      prior: { 'thin-ice': 0.5, 'thick-ice': 0.5 },
      description: 'All ice froze the same way.',
    },
  },
  rewards: { step: -1, goal: 100, death: -100, bump: 0 },
  gamma: 0.99,
  maxSteps: 500,
});

export default big64;
