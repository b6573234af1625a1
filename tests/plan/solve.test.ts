import { describe, expect, it } from 'vitest';
import { compileWorld } from '../../src/core/world.ts';
import { analyseIrreversibility, isPointOfNoReturn } from '../../src/plan/irreversibility.ts';
import {
  evaluateRandomPolicy,
  greedyActions,
  SolveError,
  valueGrid,
  valueIteration,
} from '../../src/plan/solve.ts';
import { ACTION_CODE } from '../../src/core/world.ts';
import { env } from '../helpers.ts';
import { greedyReturn } from '../../src/plan/greedy.ts';
import { environments } from '../../environments/index.ts';

describe("the greedy policy's return in an episode of `horizon` steps (the regret's yardstick)", () => {
  const corridor = compileWorld(env({ map: ['A..G'], gamma: 0.9, actions: ['E', 'W'] }), {});
  const ret = (world: typeof corridor, start: number, horizon: number) =>
    greedyReturn(valueIteration(world), start, horizon);
  it('counts only the steps an episode has: the goal three steps away needs a horizon of three', () => {
    expect(ret(corridor, 0, 1)).toBeCloseTo(-1, 12);
    expect(ret(corridor, 0, 2)).toBeCloseTo(-1 - 0.9, 12);
    expect(ret(corridor, 0, 3)).toBeCloseTo(5.39, 12);
    // Beyond that it is the infinite-horizon value.
    expect(ret(corridor, 0, 50)).toBeCloseTo(valueIteration(corridor).values[0], 12);
  });
  it('is finite with γ 1 and no way to end: the step cost times the horizon', () => {
    expect(ret(compileWorld(env({ map: ['A#G'], gamma: 1 }), {}), 0, 10)).toBe(-10);
  });
  it('takes the expectation over slips, and a pit holds the agent for the steps left', () => {
    const world = compileWorld(env({ map: ['O.G'], gamma: 1, slip: 0.3, actions: ['E', 'W'] }), {});
    // One step east: the goal with 0.7 (-1 + 10); else a slip N or S bumps at the map edge (-1) or W
    // lands in the pit (-1, and stuck).
    const one = ret(world, 1, 1);
    expect(one).toBeCloseTo(0.7 * 9 + 0.1 * -1 + 0.1 * -1 + 0.1 * -1, 12);
    // Two steps: a bump leaves one more try; the pit costs one more step.
    expect(ret(world, 1, 2)).toBeCloseTo(0.7 * 9 + 0.2 * (-1 + one) + 0.1 * (-1 - 1), 12);
    // Long horizons (the stuck agents' remaining cost is added in closed form once nothing moves):
    // V_h = 0.7 × 9 + 0.2 × (−1 + V_{h−1}) + 0.1 × (−1 − (h − 1)).
    let v = 0;
    for (let h = 1; h <= 300; h++) v = 0.7 * 9 + 0.2 * (-1 + v) + 0.1 * (-1 - (h - 1));
    expect(ret(world, 1, 300)).toBeCloseTo(v, 9);
    // With γ < 1 and a long horizon it is the value of the start (γ^400 of the tail is negligible).
    const discounted = compileWorld(env({ map: ['O.G'], gamma: 0.9, slip: 0.3, actions: ['E', 'W'] }), {});
    expect(ret(discounted, 1, 400)).toBeCloseTo(
      valueIteration(discounted, { tolerance: 1e-13 }).values[1],
      9,
    );
  });
});

describe('teleport and leave destinations', () => {
  it('the agent stands alive where a teleport puts it, even on lava (it never walked in)', () => {
    const world = compileWorld(
      env({
        map: ['AT#~.G'],
        legend: { T: 'jump' },
        tiles: { jump: { look: 'pad', enter: { effect: 'teleport', to: '~' } } },
      }),
      {},
    );
    // E onto the pad (to the lava cell), E, E to the goal: -1, -1, -1 + 10.
    const expected = -1 + 0.95 * (-1 + 0.95 * 9);
    const solution = valueIteration(world);
    expect(solution.values[0]).toBeCloseTo(expected, 9);
    expect(greedyReturn(solution, 0, 100)).toBeCloseTo(expected, 12);
  });
  it('and where a leave tile sends it', () => {
    const world = compileWorld(
      env({
        map: ['Ax~.G'],
        legend: { x: 'slide' },
        tiles: { slide: { look: 'slide', leave: { to: '~' } } },
      }),
      {},
    );
    // E onto the slide, any move from it to the lava cell, E to '.', E to the goal.
    const expected = -1 + 0.95 * (-1 + 0.95 * (-1 + 0.95 * 9));
    expect(valueIteration(world).values[0]).toBeCloseTo(expected, 9);
  });
});

describe('value iteration', () => {
  it('finds the shortest path value in a corridor: -1 per step, goal 10, γ 0.9', () => {
    const world = compileWorld(env({ map: ['A..G'], gamma: 0.9, actions: ['E', 'W'] }), {});
    const v = valueGrid(valueIteration(world))[0];
    // From x=2: one step, -1 + 10 = 9. From x=1: -1 + 0.9 * 9. From x=0: -1 + 0.9 * 7.1.
    expect(v[2]).toBeCloseTo(9, 9);
    expect(v[1]).toBeCloseTo(7.1, 9);
    expect(v[0]).toBeCloseTo(5.39, 9);
    expect(v[3]).toBe(0);
  });

  it('prices a slip next to lava: the Bellman equation holds at the fixed point', () => {
    const spec = env({ map: ['A.G', '~~~'], gamma: 0.9, slip: 0.3, actions: ['N', 'E', 'S', 'W'] });
    const world = compileWorld(spec, {});
    const sol = valueIteration(world, { tolerance: 1e-12 });
    const v = sol.values;
    // Standing at x=1, moving E: 0.7 to the goal (+9 net); 0.1 each N (bump, stay), S (lava: -101), W (back to x=0).
    const east = 0.7 * 9 + 0.1 * (-1 + 0.9 * v[1]) + 0.1 * -101 + 0.1 * (-1 + 0.9 * v[0]);
    expect(v[1]).toBeCloseTo(east, 9);
    expect(greedyActions(sol, 1)).toEqual([ACTION_CODE.E]);
  });

  it('values a pit as the step cost forever, and a poke risk as its expected loss', () => {
    const spec = env({
      map: ['AO', '.x'],
      legend: { x: 'nest' },
      tiles: { nest: { walkable: false, poke: { risk: 0.5 } } },
      gamma: 0.5,
      actions: ['poke-E', 'wait'],
    });
    const grid = valueGrid(evaluateRandomPolicy(compileWorld(spec, {})));
    // Stuck value: -1 / (1 - 0.5) = -2.
    expect(grid[0][1]).toBe(-2);
    // At (0,1): wait → -1 + 0.5 V; poke-E → 0.5(-1 + 0.5 V) + 0.5(-1 - 100). V = ((-1 + .5V) + .5(-1 + .5V) - 50.5) / 2.
    const V = grid[1][0]!;
    expect(V).toBeCloseTo((-1 + 0.5 * V + 0.5 * (-1 + 0.5 * V) - 50.5) / 2, 9);
    expect(grid[1][1]).toBeNull();
  });

  it('reports a world whose values cannot converge instead of looping', () => {
    const world = compileWorld(env({ map: ['A..'], gamma: 1 }), {});
    expect(() => evaluateRandomPolicy(world, { maxSweeps: 10_000 })).toThrow(SolveError);
  });
});

describe('points of no return', () => {
  it('marks traps, dead ends behind one-way floors and cells with no way back', () => {
    const spec = env({ map: ['A.>.G', '.~#v#', '.O#.#'] });
    const kinds = analyseIrreversibility(compileWorld(spec, {})).kinds;
    const at = (x: number, y: number) => kinds[y * 5 + x];
    expect(at(0, 0)).toBe('safe');
    expect(at(1, 1)).toBe('trap');
    expect(at(1, 2)).toBe('trap');
    expect(at(3, 0)).toBe('no-return');
    expect(at(3, 1)).toBe('dead-end');
    expect(at(3, 2)).toBe('dead-end');
    expect(at(4, 0)).toBe('goal');
    expect(at(2, 1)).toBe('wall');
    expect(isPointOfNoReturn(at(3, 0))).toBe(true);
    expect(isPointOfNoReturn(at(1, 0))).toBe(false);
  });
});

describe('anytime value iteration (maxWork)', () => {
  it('stops after its budget of backups with the values as they stand, deterministically', () => {
    const world = compileWorld(environments.get('cliff-walking')!, {});
    const full = valueIteration(world);
    const cut = valueIteration(world, { maxWork: 1 });
    expect(cut.sweeps).toBe(2);
    expect(full.sweeps).toBeGreaterThan(2);
    expect(valueIteration(world, { maxWork: 1 }).values).toEqual(cut.values);
    // Sweeping up from the value of never ending, values after two sweeps are below the fixed point.
    const start = world.start;
    expect(cut.values[start]).toBeLessThanOrEqual(full.values[start] + 1e-9);
  });
});
