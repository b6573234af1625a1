import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { Belief } from '../../src/bayes/belief.ts';
import { defaultOptions } from '../../src/core/options.ts';
import { runAgent } from '../../src/core/run.ts';
import { isOffLimits, mixtureWorld, planMixture, standingVariant } from '../../src/plan/belief-plan.ts';
import { ACTIONS } from '../../src/core/format.ts';
import {
  buildMaskedModel,
  firstMoveToward,
  maskedReach,
  openCells,
  solveMasked,
} from '../../src/plan/masked-plan.ts';
import { experimentsOn } from '../../src/plan/experiments.ts';
import { greedyAction } from '../../src/plan/greedy.ts';
import { env } from '../helpers.ts';

// A corridor with a snake; a detour of 4 extra steps below it.
const spec = env({
  map: ['As.G', '....'],
  legend: { s: { unknown: 'snake' } },
  tiles: {
    'live-snake': {
      look: 'snake',
      enter: { effect: 'death' },
      poke: { signal: 'hiss', risk: 0.1 },
      near: { signal: 'rustle', p: 0.7 },
    },
    'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
  },
  unknowns: { snake: { prior: { 'live-snake': 0.3, 'dead-snake': 0.7 } } },
  rewards: { step: -1, goal: 10, death: -100 },
  gamma: 1,
  actions: ['N', 'E', 'S', 'W', 'poke-E', 'wait'],
});

describe('the mixture model', () => {
  it('prices the snake at its expected death cost: 0.3 × death + 0.7 × the way on', () => {
    const b = new Belief(spec);
    const sol = planMixture(b);
    // Through the snake: step in (-1) then 0.7 × (two more steps to the goal: -1 + 10 - ... ) .
    const east = -1 + 0.3 * -100 + 0.7 * (-1 + 10 + -1 + 0);
    // The detour: S, E, E, E, N = 5 steps, the last onto the goal: -4 + 9.
    const detour = 5;
    expect(sol.values[0]).toBeCloseTo(Math.max(east + 0, detour), 9);
    expect(greedyAction(sol, 0)).toBe('S');
  });
  it('with the trap settled dead, walks straight through', () => {
    const b = new Belief(spec);
    b.updateFactor(b.factors[0], [0, 1]);
    const sol = planMixture(b, { forbidAbove: 0 });
    // E, E, E: two plain steps, then the goal step (-1 + 10).
    expect(sol.values[0]).toBeCloseTo(-1 - 1 + 9, 9);
    expect(greedyAction(sol, 0)).toBe('E');
  });
  it('forbids cells over the budget: they become walls to the planner', () => {
    const b = new Belief(spec);
    expect(isOffLimits(b, 1, 0.001)).toBe(true);
    expect(isOffLimits(b, 1, 0.5)).toBe(false);
    const sol = planMixture(b, { forbidAbove: 0.001 });
    expect(sol.model.standing[1]).toBe(0);
    expect(sol.values[0]).toBeCloseTo(5, 9);
  });
  it('keeps out of a cell that may turn out impassable, even with no trap in it', () => {
    const gate = env({
      map: ['Ag.G'],
      legend: { g: { unknown: 'gate' } },
      tiles: { open: { look: 'gate' }, locked: { look: 'gate', walkable: false } },
      unknowns: { gate: { prior: { open: 0.9, locked: 0.1 } } },
    });
    expect(isOffLimits(new Belief(gate), 1, 0.5)).toBe(true);
  });
});

describe('experiments', () => {
  it('a poke: hiss with 0.3 × 0.9, thud with 0.7, bitten with 0.3 × 0.1', () => {
    const b = new Belief(spec);
    const ex = experimentsOn(b, 0, {
      isSpot: (c) => c === 0,
      harmless: () => false,
      allowed: new Set(['poke-E' as const]),
      watchLengths: [],
    });
    expect(ex).toHaveLength(1);
    expect(ex[0]).toMatchObject({ spot: 0, target: 1, action: 'poke-E', repeats: 1 });
    expect(ex[0].risk).toBeCloseTo(0.03, 12);
    expect(ex[0].outcomes.map((o) => o.p).sort()).toEqual(
      [0.03, 0.27, 0.7].map((p) => expect.closeTo(p, 12)),
    );
  });
  it('watching twice: no rustle with 0.3 × 0.09 + 0.7, one with 0.3 × 0.42, two with 0.3 × 0.49', () => {
    const b = new Belief(spec);
    const ex = experimentsOn(b, 0, {
      isSpot: (c) => c === 0 || c === 2,
      harmless: () => false,
      allowed: new Set(['wait' as const]),
      watchLengths: [2],
    });
    const ps = ex
      .find((e) => e.spot === 0)!
      .outcomes.map((o) => o.p)
      .sort((x, y) => x - y);
    expect(ps).toEqual(
      [0.3 * 0.42, 0.3 * 0.49, 0.3 * 0.09 + 0.7].sort((x, y) => x - y).map((p) => expect.closeTo(p, 12)),
    );
    expect(ex.map((e) => e.spot).sort()).toEqual([0, 2]);
  });
});

describe('safe paths on the masked model', () => {
  it('walks to a spot along open cells only', () => {
    const b = new Belief(spec);
    const mask = new Uint8Array(8);
    mask[1] = 1;
    const mm = buildMaskedModel(mixtureWorld(b, (c) => mask[c] === 1, standingVariant));
    const reach = maskedReach(mm, mask, 0);
    expect(reach.dist[1]).toBe(-1);
    expect(reach.dist[2]).toBe(4);
    expect(ACTIONS[firstMoveToward(mm, reach, 2)]).toBe('S');
  });
  it('opening a closed cell raises values to those of the plan made with it open', () => {
    const b = new Belief(spec);
    b.updateFactor(b.factors[0], [0, 1]); // the snake is dead
    const mask = new Uint8Array(8);
    mask[1] = 1;
    const mm = buildMaskedModel(mixtureWorld(b, (c) => mask[c] === 1, standingVariant));
    const closed = solveMasked(mm, mask);
    const opened = Float64Array.from(closed.values);
    const openMask = Uint8Array.from(mask);
    openCells(mm, opened, openMask, [1], 1e6);
    const direct = solveMasked(mm, new Uint8Array(8));
    for (const c of [0, 1, 2, 4, 5, 6, 7]) expect(opened[c]).toBeCloseTo(direct.values[c], 5);
    expect(opened[0]).toBeGreaterThan(closed.values[0]);
  });
  it('with slip, values may fall where a bump becomes a slide, and opening still matches the full plan', () => {
    // The opened cell u lies between two pits: a slip that used to bump off it now slides next to them.
    const slippery = env({
      map: ['A.O.G', '..u..', '..O..'],
      legend: { u: { unknown: 'snake' } },
      tiles: {
        'live-snake': { look: 'snake', enter: { effect: 'death' } },
        'dead-snake': { look: 'snake' },
      },
      unknowns: { snake: { prior: { 'live-snake': 0.3, 'dead-snake': 0.7 } } },
      rewards: { step: -1, goal: 10, death: -100 },
      gamma: 0.95,
      slip: 0.3,
    });
    const b = new Belief(slippery);
    b.updateFactor(b.factors[0], [0, 1]);
    const u = 7;
    const mask = new Uint8Array(15);
    mask[u] = 1;
    const mm = buildMaskedModel(mixtureWorld(b, (c) => mask[c] === 1, standingVariant));
    const closed = solveMasked(mm, mask);
    const opened = Float64Array.from(closed.values);
    openCells(mm, opened, Uint8Array.from(mask), [u], 1e7);
    const direct = solveMasked(mm, new Uint8Array(15));
    for (let c = 0; c < 15; c++)
      if (c !== 2 && c !== 12) expect(opened[c], `cell ${c}`).toBeCloseTo(direct.values[c], 5);
    expect([...opened].some((v, c) => v < closed.values[c] - 1e-6)).toBe(true);
  });
});

describe('agents on the snake corridor (truth fixed)', () => {
  const corridor = env({
    map: ['#########', '#A..s..G#', '#########'],
    legend: { s: { unknown: 'snake' } },
    tiles: {
      'live-snake': { look: 'snake', enter: { effect: 'death' }, poke: { signal: 'hiss' } },
      'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
    },
    unknowns: { snake: { prior: { 'live-snake': 0.5, 'dead-snake': 0.5 } } },
  });
  const play = (agent: string, truth: string) =>
    runAgent(corridor, agents.get(agent)!, defaultOptions(agents.get(agent)!), {
      seed: 0,
      truth: { snake: truth },
      trace: true,
    }).traces[0].actions.join(',');
  it('the prober walks up, pokes, and goes on only if the snake is dead', () => {
    expect(play('prober', 'dead-snake')).toBe('E,E,poke-E,E,E,E,E');
    expect(play('prober', 'live-snake').startsWith('E,E,poke-E')).toBe(true);
    expect(play('prober', 'live-snake')).not.toContain('E,E,poke-E,E');
  });
  it('the optimist walks straight into a live snake', () => {
    expect(play('optimist', 'live-snake')).toBe('E,E,E');
  });
  it('the oracle goes only when the snake is dead', () => {
    expect(play('oracle', 'dead-snake')).toBe('E,E,E,E,E,E');
  });
});
