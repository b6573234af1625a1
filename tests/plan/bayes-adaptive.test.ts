import { describe, expect, it } from 'vitest';
import { environments } from '../../environments/index.ts';
import { UsageError } from '../../src/core/errors.ts';
import type { EnvironmentFile } from '../../src/core/format.ts';
import { compileWorld } from '../../src/core/world.ts';
import { BayesAdaptivePlanner, PlanningAborted } from '../../src/plan/bayes-adaptive/index.ts';
import { valueIteration } from '../../src/plan/solve.ts';
import { env, ICE_LAKE } from '../helpers.ts';

const SNAKE_TILES: EnvironmentFile['tiles'] = {
  'live-snake': { look: 'snake', enter: { effect: 'death' }, poke: { signal: 'hiss' } },
  'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
};

function snakeWorld(map: string[], pLive = 0.3, extra: Partial<EnvironmentFile> = {}) {
  return env({
    map,
    legend: { s: { unknown: 'snake' } },
    tiles: SNAKE_TILES,
    unknowns: { snake: { scope: 'each', prior: { 'live-snake': pLive, 'dead-snake': 1 - pLive } } },
    rewards: { step: -1, goal: 10, death: -100 },
    gamma: 0.9,
    maxSteps: 200,
    ...extra,
  });
}

/** A k-snake room: snakes along a wall row, each a shortcut if dead. */
function wallOfSnakes(k: number) {
  const row = '#' + 's'.repeat(k) + '.#';
  const width = row.length;
  const open = '#' + '.'.repeat(width - 2) + '#';
  const wall = '#'.repeat(width);
  return snakeWorld([wall, '#A' + '.'.repeat(width - 3) + '#', row, open.slice(0, -2) + 'G#', wall], 0.5);
}

describe('exact Bayes-adaptive planning', () => {
  it('matches a hand computation with one snake: poke first, then the short way or the detour', () => {
    // A at (1,1), snake at (2,1), goal at (3,1); detour S, E, E, N (4 steps). γ 0.9, P(live) 0.3.
    const spec = snakeWorld(['#####', '#AsG#', '#...#', '#####']);
    const p = new BayesAdaptivePlanner(spec);
    expect(p.mode).toBe('exact');
    expect(p.beliefCount).toBe(3);
    // Known dead: E, E = -1 + 0.9·9 = 7.1. Known live: the detour, -1 - 0.9 - 0.81 + 0.729·9 = 3.851.
    // Unresolved: poke (-1 + 0.9·(0.7·7.1 + 0.3·3.851) = 4.51277) beats the detour (3.851) and walking
    // in blind (0.3·-101 + 0.7·7.1 = -25.33).
    expect(p.startValue()).toBeCloseTo(-1 + 0.9 * (0.7 * 7.1 + 0.3 * 3.851), 10);
    const start = spec.start!;
    const dead = p.priorState();
    dead.post[0] = Float64Array.from([0, 1]);
    expect(p.valueAt(2, start)).toBeCloseTo(7.1, 10);
    expect(Math.max(...p.actionValues(dead))).toBeCloseTo(7.1, 10);
  });

  it('counts beliefs as 3^k and solves them from most to least resolved', () => {
    const p = new BayesAdaptivePlanner(wallOfSnakes(5));
    expect(p.describeBeliefs()).toBe('3^5');
    expect(p.beliefCount).toBe(243);
    expect(p.stateCount).toBe(243 * p.positions.length);
    p.solve();
    // Every belief's value lies between the resolved-world optimum's bounds: never above the oracle.
    const spec = wallOfSnakes(5);
    const q = new BayesAdaptivePlanner(spec);
    let oracle = 0;
    for (let mask = 0; mask < 32; mask++) {
      const truth: Record<string, string> = {};
      let w = 1;
      for (let i = 0; i < 5; i++) {
        const live = (mask >> i) & 1;
        truth[`snake@${i + 1},2`] = live ? 'live-snake' : 'dead-snake';
        w *= 0.5;
      }
      oracle += w * valueIteration(compileWorld(spec, truth)).values[spec.start!];
    }
    expect(q.startValue()).toBeLessThanOrEqual(oracle + 1e-9);
  });

  it('treats a scope-"all" unknown as one factor, learned by one poke anywhere', () => {
    const spec = env(ICE_LAKE);
    const p = new BayesAdaptivePlanner(spec);
    expect(p.beliefCount).toBe(3);
    // E, poke E (or S), then 5 more steps east if thick, else back and round (2 + 10 steps).
    const g = 0.9;
    const path = (n: number) => -(1 - g ** (n - 1)) / (1 - g) + g ** (n - 1) * 9;
    const thick = path(5);
    const thin = -1 + g * path(10);
    expect(p.startValue()).toBeCloseTo(-1 - g + g * g * (0.5 * thick + 0.5 * thin), 9);
  });

  it('refuses a world whose belief space is over the budget, saying how large it is', () => {
    const spec = wallOfSnakes(20);
    let error: unknown;
    try {
      new BayesAdaptivePlanner(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toContain('3^20 = 3,486,784,401 beliefs');
    expect(message).toContain('position×belief states');
    expect(message).toContain('maxStates = 2,000,000');
  });

  it('refuses big-64 from the sizes alone, naming the belief space', () => {
    // Refusing needs only the counts; no timing is asserted here (benchmarks measure, tests do not).
    expect(() => new BayesAdaptivePlanner(environments.get('big-64')!)).toThrow(/3\^106 .* beliefs/);
  });

  it('plans snake-corridor exactly despite the poke risk: surviving a poke still settles the snake', () => {
    const p = new BayesAdaptivePlanner(environments.get('snake-corridor')!);
    expect(p.mode).toBe('exact');
    // Live snake: no way past, waiting forever is worth -1/(1-0.95) = -20.
    const st = p.priorState();
    st.post[0] = Float64Array.from([1, 0]);
    expect(Math.max(...p.actionValues(st))).toBeCloseTo(-20, 8);
  });

  it('can be stopped between belief layers (benchmarks inject a clock)', () => {
    let polls = 0;
    const p = new BayesAdaptivePlanner(wallOfSnakes(6), { shouldStop: () => ++polls > 2 });
    expect(() => p.solve()).toThrow(PlanningAborted);
  });
});

describe('horizon mode (noisy observations)', () => {
  const cave = (p = 0.7) =>
    env({
      map: ['#######', '#A.?.G#', '#.###.#', '#.....#', '#######'],
      legend: { '?': { unknown: 'gap' } },
      tiles: {
        chasm: { look: 'dark', enter: { effect: 'death' }, near: { signal: 'draft', p } },
        'dark-floor': { look: 'dark' },
      },
      unknowns: { gap: { prior: { chasm: 0.5, 'dark-floor': 0.5 } } },
      rewards: { step: -1, goal: 30, death: -100 },
      gamma: 0.95,
      actions: ['N', 'E', 'S', 'W', 'wait'],
    });

  it('is chosen for noisy cues, and listens before stepping into the dark', () => {
    const spec = cave();
    const p = new BayesAdaptivePlanner(spec, { horizon: 8 });
    expect(p.mode).toBe('horizon');
    expect(p.noisyReasons.join()).toMatch(/noisy/);
    // Next to the gap after one quiet step: P(chasm) = 0.5·0.3 / (0.5·0.3 + 0.5) ≈ 0.23. Waiting is
    // worth more than stepping in blind.
    const st = p.priorState();
    st.cell = spec.width + 2;
    st.post[0] = Float64Array.from([0.15 / 0.65, 0.5 / 0.65]);
    const q = p.actionValues(st);
    const wait = spec.actions.indexOf('wait');
    const east = spec.actions.indexOf('E');
    expect(q[wait]).toBeGreaterThan(q[east]);
  });

  it('agrees with the exact plan on a deterministic world when the horizon covers the experiment', () => {
    const spec = snakeWorld(['#########', '#A..s..G#', '#.#####.#', '#.......#', '#########']);
    const exact = new BayesAdaptivePlanner(spec).startValue();
    const deep = new BayesAdaptivePlanner(spec, { mode: 'horizon', horizon: 12 }).startValue();
    expect(deep).toBeCloseTo(exact, 9);
  });

  it('refuses, with the size, when the search would exceed the budget', () => {
    expect(() => new BayesAdaptivePlanner(cave(), { horizon: 8, maxStates: 1000 })).toThrow(
      /horizon 8.*states and leaf values, over the budget maxStates = 1,000/,
    );
  });

  it('refuses exact mode for a noisy world when asked for it explicitly', () => {
    expect(() => new BayesAdaptivePlanner(cave(), { mode: 'exact' })).toThrow(UsageError);
  });
});
